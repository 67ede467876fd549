/**
 * Deterministic randomness for the seed. Every row draws from its own generator, keyed by
 * (seed, stream, row number), so any row can be regenerated on its own: the seed counts
 * rows in one cheap pass, then generates and inserts them chunk by chunk, and a row can
 * name another row's GUID without either being kept in memory.
 */

/** A bijective 32-bit mixer (Wellons' "lowbias32"): distinct inputs give distinct outputs. */
export function mix32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d);
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** sfc32: small, fast, and good enough for test data. */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(a: number, b: number, c: number, d: number) {
    [this.#a, this.#b, this.#c, this.#d] = [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
    this.#c = (this.#c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Picks by relative weight: [[value, weight], …]. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let at = this.float() * total;
    for (const [value, weight] of choices) {
      if (at < weight) return value;
      at -= weight;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  }

  /** `count` decimal digits as text (leading zeros kept). */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

/** The generator of row `n` in `stream`; (stream, n) pairs never share a state. */
export function rowRng(seed: number, stream: number, n: number): Rng {
  return new Rng(mix32((n ^ mix32(seed)) >>> 0), mix32((Math.imul(stream, 0x9e3779b9) ^ seed) >>> 0), n, stream ^ 0x5eed);
}

/**
 * Row numbers for generators and GUIDs: company (0–3), row index (< 2^22) and a small
 * sub-number (0–3, e.g. a customer's contact persons) packed into 26 bits.
 */
export function rowNumber(company: number, index: number, sub = 0): number {
  if (index >= 1 << 22 || sub > 3 || company > 3) throw new Error(`row number out of range: ${company}/${index}/${sub}`);
  return ((company << 24) | (index << 2) | sub) >>> 0;
}

const hex8 = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');

/**
 * A version-4-shaped GUID for row `n` of kind `tag`. The first 32 bits are a bijection of
 * `n` (per tag and seed), so two rows of one kind never share a GUID.
 */
export function seededGuid(seed: number, tag: number, n: number): string {
  const key = mix32((seed ^ Math.imul(tag + 1, 0x85ebca6b)) >>> 0);
  const w0 = mix32((n ^ key) >>> 0);
  const w1 = ((mix32((n + key + 0x632be5ab) >>> 0) & 0xffff0fff) | 0x00004000) >>> 0;
  const w2 = ((mix32((w0 ^ 0x9e3779b9) >>> 0) & 0x3fffffff) | 0x80000000) >>> 0;
  const w3 = mix32((w1 ^ key ^ tag) >>> 0);
  const a = hex8(w0);
  const b = hex8(w1);
  const c = hex8(w2);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex8(w3)}`;
}
