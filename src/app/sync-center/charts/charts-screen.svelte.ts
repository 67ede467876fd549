/**
 * The charts screen's state: per minute over the last hour, writes pushed and errors (from
 * the logs) and the queue length — writes waiting to be sent and changes held for paused
 * maps — from the engine's sync history, so the queue chart starts before the screen
 * opened; the current minute ends at the live status.
 *
 *   refresh()  reads everything now (the screen: on open and every few seconds)
 *   poke()     refreshes soon, once per burst (the screen: on a status change)
 *
 * A refresh's answer is applied only if no newer refresh started meanwhile.
 */
import type { EngineApi } from '../../../engine/api.ts';
import { Throttle } from '../../timing.ts';
import { axisStart, countPerMinute, minuteAxis, queueSeries } from './series.ts';

export type ChartsApi = Pick<EngineApi, 'activityLog' | 'errorLog' | 'mapStatuses' | 'status' | 'syncHistory'>;

export const WINDOW_MINUTES = 60;
const POKE_MS = 1000;

export class ChartsScreen {
  xs = $state.raw<readonly number[]>(minuteAxis(Date.now(), WINDOW_MINUTES));
  pushed = $state.raw<readonly number[]>([]);
  errors = $state.raw<readonly number[]>([]);
  pending = $state.raw<readonly (number | null)[]>([]);
  held = $state.raw<readonly (number | null)[]>([]);
  /** The queue as of the last refresh. */
  now = $state.raw<{ readonly pending: number; readonly held: number }>({ pending: 0, held: 0 });
  problem = $state<string | null>(null);
  #ticket = 0;
  readonly #poke = new Throttle(POKE_MS, () => void this.refresh());

  constructor(
    private readonly api: ChartsApi,
    private readonly clock: () => number = Date.now,
  ) {}

  async refresh(): Promise<void> {
    const ticket = ++this.#ticket;
    const now = this.clock();
    const axis = minuteAxis(now, WINDOW_MINUTES);
    const since = axisStart(axis);
    const answers = await Promise.all([
      this.api.activityLog({ kind: 'pushed', since, limit: 1000 }),
      this.api.errorLog({ since, limit: 1000 }),
      this.api.mapStatuses(),
      this.api.status(),
      this.api.syncHistory(since),
    ]).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    if (ticket !== this.#ticket) return;
    if (typeof answers === 'string') {
      this.problem = answers;
      return;
    }
    const [activity, errorLog, statuses, status, history] = answers;
    if (!activity.ok || !errorLog.ok) {
      this.problem = (activity.ok ? null : activity.error.message) ?? (errorLog.ok ? null : errorLog.error.message);
      return;
    }
    const held = statuses.reduce((total, m) => total + m.queued, 0);
    const queue = queueSeries(history, { at: now, pending: status.pending, queued: held }, axis);
    this.xs = axis;
    this.pushed = countPerMinute(activity.value.rows.map((r) => r.at), axis);
    this.errors = countPerMinute(errorLog.value.rows.map((r) => r.at), axis);
    this.pending = queue.pending;
    this.held = queue.held;
    this.now = { pending: status.pending, held };
    this.problem = null;
  }

  poke(): void {
    this.#poke.poke();
  }

  dispose(): void {
    this.#poke.cancel();
    this.#ticket++;
  }
}
