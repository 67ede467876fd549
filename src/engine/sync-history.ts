/**
 * Samples of the sync over time (queue length, held changes, open errors) for the sync
 * center's charts, so a chart opened now still shows the last hours.
 *
 * After every sync round the engine records one sample; the samples live in the replica's
 * `meta` table under one key (`syncHistory`), as one array — no format change. Invariants
 * kept by `withSample` (and property-tested):
 *
 *   one per minute   the latest round of a minute replaces that minute's sample
 *   24 hours         a sample 1440 minutes older than the newest is dropped (≤ 1440 kept)
 *   sorted           oldest first; a clock that went back drops the samples "after" it
 */
import type { SyncSample } from './api.ts';
import type { EngineContext } from './context.ts';
import { itemsOf } from './held-queue.ts';

export interface SyncCounts {
  readonly pending: number;
  readonly errors: number;
}

export const HISTORY_KEY = 'syncHistory';
const MINUTE = 60_000;
/** Minutes kept: 24 hours. */
export const HISTORY_MINUTES = 1440;

const minuteOf = (iso: string): number => Math.floor(Date.parse(iso) / MINUTE);

/** `samples` with `sample` as its newest: same-minute and later samples replaced, the oldest trimmed. */
export function withSample(samples: readonly SyncSample[], sample: SyncSample): SyncSample[] {
  const minute = minuteOf(sample.at);
  const kept = samples.filter((s) => {
    const m = minuteOf(s.at);
    return m < minute && m > minute - HISTORY_MINUTES;
  });
  return [...kept, sample];
}

/** The samples at or after `since` that are less than 24 hours old at `now`, oldest first. */
export function samplesSince(samples: readonly SyncSample[], since: string, now: Date): SyncSample[] {
  const from = Date.parse(since) || 0;
  const oldest = now.getTime() - HISTORY_MINUTES * MINUTE;
  return samples.filter((s) => {
    const at = Date.parse(s.at);
    return at >= from && at > oldest;
  });
}

/** The stored array, read defensively (a hand-edited or older value yields what is readable). */
export function readSamples(value: unknown): SyncSample[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (s): s is SyncSample =>
      typeof s === 'object' && s !== null && typeof s.at === 'string' && !Number.isNaN(Date.parse(s.at)) && [s.pending, s.queued, s.errors].every((n) => Number.isSafeInteger(n) && n >= 0),
  );
}

const sameCounts = (a: SyncSample | undefined, b: SyncSample): boolean =>
  a !== undefined && minuteOf(a.at) === minuteOf(b.at) && a.pending === b.pending && a.queued === b.queued && a.errors === b.errors;

export class SyncHistory {
  readonly #ctx: EngineContext;
  readonly #counts: () => SyncCounts;

  constructor(ctx: EngineContext, counts: () => SyncCounts) {
    this.#ctx = ctx;
    this.#counts = counts;
  }

  /** Called after every sync round (by the syncing engine): stores this minute's sample. */
  async record(): Promise<void> {
    const { pending, errors } = this.#counts();
    const sample: SyncSample = { at: this.#ctx.now().toISOString(), pending, queued: await this.#held(), errors };
    const meta = this.#ctx.db.meta;
    await this.#ctx.db.transaction('rw', meta, async () => {
      const samples = readSamples((await meta.get(HISTORY_KEY))?.value);
      // An unchanged minute is not written again: rounds come often, and every put wakes every tab.
      if (sameCounts(samples.at(-1), sample)) return;
      await meta.put({ name: HISTORY_KEY, value: withSample(samples, sample) });
    });
  }

  async since(iso: string): Promise<readonly SyncSample[]> {
    return samplesSince(readSamples((await this.#ctx.db.meta.get(HISTORY_KEY))?.value), iso, this.#ctx.now());
  }

  /** Held changes of the maps that hold (paused, resuming): as `queued` in mapStatuses. */
  async #held(): Promise<number> {
    let held = 0;
    for (const map of this.#ctx.maps) {
      if (this.#ctx.mapGate?.(map.id).pulled === 'hold') held += await itemsOf(this.#ctx.db, map.id, 'held').count();
    }
    return held;
  }
}
