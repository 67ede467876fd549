/**
 * Samples of the sync over time (queue length, held changes, open errors) for the sync
 * center's charts. (Being built: see the engine methods syncHistory and #afterRound.)
 */
import type { SyncSample } from './api.ts';
import type { EngineContext } from './context.ts';

export interface SyncCounts {
  readonly pending: number;
  readonly errors: number;
}

export class SyncHistory {
  readonly #ctx: EngineContext;
  readonly #counts: () => SyncCounts;

  constructor(ctx: EngineContext, counts: () => SyncCounts) {
    this.#ctx = ctx;
    this.#counts = counts;
  }

  /** Called after every sync round. */
  async record(): Promise<void> {
    void this.#ctx;
    void this.#counts;
  }

  async since(iso: string): Promise<readonly SyncSample[]> {
    void iso;
    return [];
  }
}
