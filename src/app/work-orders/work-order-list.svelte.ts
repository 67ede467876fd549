/**
 * The work orders screen's state: a filter (open, today, overdue, one status, all) and a paged
 * search (PagedSearch) — the engine filters its in-memory index, so each request stays
 * fast on 100k work orders.
 */
import type { EngineApi, Page, WorkOrderQuery, WorkOrderStatus, WorkOrderSummary } from '../../engine/api.ts';
import { dayWindow, overdueQuery, systemNow } from './labels.ts';
import { PAGE, PagedSearch } from '../paged-search.svelte.ts';

export type WorkOrderFilter = 'open' | 'today' | 'overdue' | 'all' | WorkOrderStatus;

export const FILTERS: readonly { readonly id: WorkOrderFilter; readonly label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'today', label: 'Today' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'InProcess', label: 'In progress' },
  { id: 'Completed', label: 'Completed' },
  { id: 'all', label: 'All' },
];

/** The engine query for a filter, a search and a page size. */
export function workOrderQuery(filter: WorkOrderFilter, search: string, limit: number, now: Date): WorkOrderQuery {
  const base = { offset: 0, limit, ...(search.trim() ? { search: search.trim() } : {}) };
  if (filter === 'all') return base;
  if (filter === 'today') return { ...base, ...dayWindow(now) };
  if (filter === 'overdue') return { ...base, ...overdueQuery(now, limit) };
  return { ...base, status: filter };
}

export class WorkOrderList extends PagedSearch<Page<WorkOrderSummary>> {
  filter = $state<WorkOrderFilter>('open');
  rows = $state.raw<readonly WorkOrderSummary[]>([]);
  total = $state<number | null>(null);

  readonly #source: Pick<EngineApi, 'workOrders'>;
  readonly #now: () => Date;

  constructor(source: Pick<EngineApi, 'workOrders'>, now: () => Date = systemNow) {
    super();
    this.#source = source;
    this.#now = now;
  }

  get more(): boolean {
    return this.total !== null && this.rows.length < this.total;
  }

  choose(filter: WorkOrderFilter): void {
    this.filter = filter;
    this.limit = PAGE;
    void this.load();
  }

  protected fetch(): Promise<Page<WorkOrderSummary>> {
    return this.#source.workOrders(workOrderQuery(this.filter, this.input, this.limit, this.#now()));
  }

  protected apply(page: Page<WorkOrderSummary>): void {
    this.rows = page.rows;
    this.total = page.total;
  }
}
