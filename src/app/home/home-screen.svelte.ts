/**
 * The home screen's state: today's work orders, the overdue ones (planned before today and
 * still open), the next open ones, and what needs the agent's attention (open errors,
 * conflicts waiting in the inbox). Reloads when the replica changes (throttled); pending and
 * error counts come live from the engine status.
 */
import type { ConflictEntry, EngineApi, ErrorEntry, WorkOrderSummary } from '../../engine/api.ts';
import { dayWindow, overdueQuery, systemNow } from '../work-orders/labels.ts';
import { Throttle } from '../timing.ts';

export type HomeSource = Pick<EngineApi, 'workOrders' | 'errors' | 'conflicts' | 'syncNow'>;

const RELOAD_THROTTLE_MS = 500;
const SHOWN = 8;

export class HomeScreen {
  today = $state.raw<readonly WorkOrderSummary[] | null>(null);
  todayTotal = $state(0);
  /** Open work orders planned before today, the longest overdue first. */
  overdue = $state.raw<readonly WorkOrderSummary[]>([]);
  overdueTotal = $state(0);
  /** Open work orders planned from now on (after today), nearest first. */
  next = $state.raw<readonly WorkOrderSummary[]>([]);
  errors = $state.raw<readonly ErrorEntry[]>([]);
  conflicts = $state.raw<readonly ConflictEntry[]>([]);
  conflictTotal = $state(0);
  loadError = $state<string | null>(null);
  syncing = $state(false);

  readonly #source: HomeSource;
  readonly #now: () => Date;
  readonly #reload = new Throttle(RELOAD_THROTTLE_MS, () => void this.load());
  #request = 0;

  constructor(source: HomeSource, now: () => Date = systemNow) {
    this.#source = source;
    this.#now = now;
  }

  /** Errors and conflicts together: what the agent should look at. */
  get attention(): number {
    return this.errors.length + this.conflictTotal;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    const { from, until } = dayWindow(this.#now());
    try {
      const [today, next, errors, conflicts, overdue] = await Promise.all([
        this.#source.workOrders({ from, until, offset: 0, limit: 100 }),
        this.#source.workOrders({ from: until, status: 'open', offset: 0, limit: SHOWN }),
        this.#source.errors(),
        this.#source.conflicts({ status: 'open', offset: 0, limit: SHOWN }),
        this.#source.workOrders(overdueQuery(this.#now(), SHOWN)),
      ]);
      if (request !== this.#request) return;
      this.today = today.rows;
      this.todayTotal = today.total;
      this.next = next.rows;
      this.overdue = overdue.rows;
      this.overdueTotal = overdue.total;
      this.errors = errors;
      this.conflicts = conflicts.ok ? conflicts.value.rows : [];
      this.conflictTotal = conflicts.ok ? conflicts.value.total : 0;
      this.loadError = null;
    } catch (error) {
      if (request === this.#request) this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  /** Sync now, with the button disabled until the engine is done. */
  async syncNow(): Promise<void> {
    this.syncing = true;
    await this.#source.syncNow().finally(() => (this.syncing = false));
  }

  /** The replica changed somewhere: reload soon, at most once per throttle window. */
  changed(): void {
    this.#reload.poke();
  }

  dispose(): void {
    this.#reload.cancel();
    this.#request++;
  }
}
