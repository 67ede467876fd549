/**
 * Opaque paging and change-tracking tokens: base64url JSON, checked strictly on the way in
 * so a forged or truncated token is a clear 400, never a wrong page.
 *
 *   page    {m:'p', set, o?: offset, k?: last key values, r?: rows still owed to $top, p?: page size}
 *   changes {m:'c', set, a: after seq, s: start seq, p?: page size}   (a nextLink inside a change feed)
 *   delta   {m:'d', set, s: seq}                        (a deltaLink)
 */
import { ODataError } from './errors.ts';
import { MAX_PAGE_SIZE } from './prefer.ts';

/** Key values of a page token: what a key column holds (no boolean keys exist). */
export type KeyValues = (string | number | null)[];
export type PageToken = { m: 'p'; set: string; o?: number; k?: KeyValues; r?: number; p?: number };
export type ChangesToken = { m: 'c'; set: string; a: number; s: number; p?: number };
export type DeltaToken = { m: 'd'; set: string; s: number };
export type Token = PageToken | ChangesToken | DeltaToken;

export function encodeToken(token: Token): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function decodeToken<M extends Token['m']>(text: string, set: string, modes: readonly M[], option: '$skiptoken' | '$deltatoken'): Extract<Token, { m: M }> {
  const code = option === '$deltatoken' ? 'InvalidDeltaToken' : 'InvalidSkipToken';
  const fail = (why: string) => new ODataError(code, `${option} is not valid for ${set}: ${why}. Start again without it.`, option);
  let value: unknown;
  try {
    if (text.length > 4096 || !/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('bad characters');
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw fail('it cannot be read');
  }
  if (typeof value !== 'object' || value === null) throw fail('it cannot be read');
  const t = value as Record<string, unknown>;
  if (t['set'] !== set) throw fail('it was issued for another entity set');
  if (!modes.includes(t['m'] as M)) throw fail('it was issued for another kind of request');
  const isSeq = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  const optionalCount = (v: unknown) => v === undefined || isSeq(v);
  // A page size of 0 would answer an empty page linking to itself, forever.
  const optionalPageSize = (v: unknown) => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= MAX_PAGE_SIZE);
  // Key values are bound as SQL parameters: only what a key column can hold.
  const isKeyValues = (v: unknown) => Array.isArray(v) && v.every((x) => x === null || typeof x === 'string' || typeof x === 'number');
  const ok =
    (t['m'] === 'p' && optionalCount(t['o']) && optionalCount(t['r']) && optionalPageSize(t['p']) && (t['k'] === undefined || isKeyValues(t['k']))) ||
    (t['m'] === 'c' && isSeq(t['a']) && isSeq(t['s']) && optionalPageSize(t['p'])) ||
    (t['m'] === 'd' && isSeq(t['s']));
  if (!ok) throw fail('it is malformed');
  return t as Extract<Token, { m: M }>;
}
