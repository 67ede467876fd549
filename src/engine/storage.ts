/**
 * Device storage: how much the origin uses, and the engine's "storage full" state.
 *
 *            usage ≥ fullPercent of quota, or a write fails with QuotaExceededError
 *   ok ────────────────────────────────────────────────────────────────────────▶ full
 *    ▲                                                                            │
 *    └──── usage under the limit, and (after a quota error) a write went through ─┘
 *
 * While full, local writes are refused with STORAGE_FULL before they start when the
 * estimate says so; after a QuotaExceededError alone the next write is let through as a
 * probe (an IndexedDB transaction that fails writes nothing, so trying costs nothing but
 * the refusal) — that is how the engine learns that space was freed where the browser
 * gives no estimate. Nothing already queued is touched either way.
 */
/** What `storage()` reports (plain data). */
export interface StorageInfo {
  /** Bytes used by this origin, and granted to it (null where the browser does not say). */
  readonly usage: number | null;
  readonly quota: number | null;
  readonly percent: number | null;
  /** navigator.storage.persisted(): the browser will not evict the replica under pressure. */
  readonly persisted: boolean | null;
  readonly full: boolean;
  /** Usage at or above this percent of the quota counts as full. */
  readonly fullPercent: number;
}

export interface StorageEstimate {
  readonly usage: number;
  readonly quota: number;
}

/** The port: navigator.storage in a browser, a fake in tests. */
export interface StorageProbe {
  estimate(): Promise<StorageEstimate | null>;
  persisted(): Promise<boolean | null>;
}

export const STORAGE_FULL = 'STORAGE_FULL';
export const STORAGE_FULL_MESSAGE = 'The device storage is full: this change was not saved. Nothing queued before was lost. Free space on the device (or remove other sites’ data) and try again.';
export const DEFAULT_FULL_PERCENT = 95;

/** navigator.storage where the runtime has it (windows and workers); nothing otherwise. */
export function browserStorage(): StorageProbe {
  // Typed structurally: the engine also compiles for Node (benches), whose lib has no StorageManager.
  type Manager = { estimate?: () => Promise<{ usage?: number; quota?: number }>; persisted?: () => Promise<boolean> };
  const manager = (globalThis as { navigator?: { storage?: Manager } }).navigator?.storage;
  return {
    estimate: async () => {
      if (!manager?.estimate) return null;
      const e = await manager.estimate().catch(() => null);
      return e && typeof e.usage === 'number' && typeof e.quota === 'number' && e.quota > 0 ? { usage: e.usage, quota: e.quota } : null;
    },
    persisted: async () => (manager?.persisted ? manager.persisted().catch(() => null) : null),
  };
}

/** QuotaExceededError as IndexedDB, Dexie (also wrapped in an AbortError) or a DOMException reports it. */
export function isQuotaError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { inner?: unknown }).inner, depth++) {
    if ((e as { name?: unknown }).name === 'QuotaExceededError') return true;
  }
  return false;
}

export class StorageWatch {
  readonly #probe: StorageProbe;
  readonly #fullPercent: number;
  readonly #onChange: () => void;
  #estimate: StorageEstimate | null = null;
  #persisted: boolean | null = null;
  #quotaHit = false;

  constructor(probe: StorageProbe, fullPercent = DEFAULT_FULL_PERCENT, onChange: () => void = () => undefined) {
    this.#probe = probe;
    this.#fullPercent = fullPercent;
    this.#onChange = onChange;
  }

  get full(): boolean {
    return this.#quotaHit || this.#overLimit();
  }

  info(): StorageInfo {
    const e = this.#estimate;
    return { usage: e?.usage ?? null, quota: e?.quota ?? null, percent: this.percent(), persisted: this.#persisted, full: this.full, fullPercent: this.#fullPercent };
  }

  percent(): number | null {
    return this.#estimate ? (this.#estimate.usage / this.#estimate.quota) * 100 : null;
  }

  /** Asks the browser again. */
  async refresh(): Promise<StorageInfo> {
    const before = this.full;
    const [estimate, persisted] = await Promise.all([this.#probe.estimate().catch(() => null), this.#probe.persisted().catch(() => null)]);
    this.#estimate = estimate;
    this.#persisted = persisted;
    this.#changed(before);
    return this.info();
  }

  /** A write failed for want of space. */
  quotaHit(): void {
    const before = this.full;
    this.#quotaHit = true;
    this.#changed(before);
  }

  /** A write went through: there is space again, whatever the last error said. */
  wrote(): void {
    if (!this.#quotaHit) return;
    this.#quotaHit = false;
    this.#changed(true);
  }

  /**
   * May a local write be attempted? Free of cost while not full; while full it asks the
   * browser again and refuses while usage is over the limit.
   */
  async admits(): Promise<boolean> {
    if (!this.full) return true;
    await this.refresh();
    return !this.#overLimit();
  }

  #overLimit(): boolean {
    const percent = this.percent();
    return percent !== null && percent >= this.#fullPercent;
  }

  #changed(before: boolean): void {
    if (before !== this.full) this.#onChange();
  }
}
