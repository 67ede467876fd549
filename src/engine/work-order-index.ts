/**
 * The work orders in memory, for the field agent's lists (field-queries.ts): sorted by
 * planned start (ISO text sorts chronologically), then number, unplanned ones last. What the
 * filters read is kept in flat arrays beside the entries, in the same order, so a query on
 * 100k work orders touches only what it filters on:
 *
 *   planned    the planned starts of the planned entries (a prefix of the order): a day, or
 *              "before today", is two binary searches, not a scan
 *   status     each entry's status as a small number (an Int8Array): scanned without
 *              following a pointer per entry (sorted entries lie all over the heap)
 *   search     each entry's search text, lower case: read only by a text search
 *   byAccount  each account's entries, for its page
 *
 * Pure: built from summaries, no I/O.
 */
import type { WorkOrderQuery, WorkOrderStatus, WorkOrderSummary } from './field-types.ts';

export interface IndexedWorkOrder {
  readonly summary: Omit<WorkOrderSummary, 'pending'>;
  /** The CRM row's replica id (for its pending flag). */
  readonly rowId: string;
}

const STATUSES: readonly WorkOrderStatus[] = ['Unscheduled', 'Scheduled', 'InProcess', 'Completed', 'Posted', 'Cancelled'];
/** Unscheduled, scheduled or in process: what is still to be done. */
export const OPEN_STATUSES: ReadonlySet<WorkOrderStatus | null> = new Set(['Unscheduled', 'Scheduled', 'InProcess']);
const NO_STATUS = STATUSES.length;

export class WorkOrderIndex {
  readonly #entries: readonly IndexedWorkOrder[];
  readonly #planned: readonly string[];
  readonly #status: Int8Array;
  readonly #search: readonly string[];
  readonly #byAccount = new Map<string, IndexedWorkOrder[]>();

  constructor(items: readonly IndexedWorkOrder[]) {
    const entries = [...items].sort((x, y) => cmpNullLast(x.summary.plannedStart, y.summary.plannedStart) || cmp(x.summary.number, y.summary.number));
    this.#entries = entries;
    this.#planned = entries.flatMap((e) => (e.summary.plannedStart === null ? [] : [e.summary.plannedStart]));
    this.#status = Int8Array.from(entries, (e) => (e.summary.status === null ? NO_STATUS : STATUSES.indexOf(e.summary.status)));
    this.#search = entries.map(({ summary: s }) => [s.number, s.accountName, s.city, s.assetName, s.instructions, s.stage].join(' ').toLowerCase());
    for (const e of entries) {
      if (e.summary.accountid === null) continue;
      const list = this.#byAccount.get(e.summary.accountid);
      if (list) list.push(e);
      else this.#byAccount.set(e.summary.accountid, [e]);
    }
  }

  /** The page `offset`, `limit` of the entries matching the query, and how many match. */
  query(query: WorkOrderQuery, maxPage: number): { readonly page: readonly IndexedWorkOrder[]; readonly total: number } {
    const [lo, hi] = this.#range(query);
    const wanted = statusTest(query.status);
    const needle = query.search?.trim().toLowerCase() ?? '';
    const offset = Math.max(0, query.offset);
    const end = offset + Math.max(0, Math.min(query.limit, maxPage));
    const page: IndexedWorkOrder[] = [];
    let total = 0;
    for (let i = lo; i < hi; i++) {
      if (!wanted[this.#status[i] as number]) continue;
      if (needle !== '' && !(this.#search[i] as string).includes(needle)) continue;
      if (total >= offset && total < end) page.push(this.#entries[i] as IndexedWorkOrder);
      total++;
    }
    return { page, total };
  }

  /** An account's work orders: the open ones first (in planned order), then the others, latest first. */
  ofAccount(accountid: string): readonly IndexedWorkOrder[] {
    const list = this.#byAccount.get(accountid) ?? [];
    const open = list.filter((e) => OPEN_STATUSES.has(e.summary.status));
    const done = list.filter((e) => !OPEN_STATUSES.has(e.summary.status));
    const planned = done.filter((e) => e.summary.plannedStart !== null).reverse();
    return [...open, ...planned, ...done.filter((e) => e.summary.plannedStart === null)];
  }

  /** [lo, hi) of the entries whose planned start is in [from, until); every entry without either. */
  #range(query: WorkOrderQuery): [number, number] {
    if (query.from === undefined && query.until === undefined) return [0, this.#entries.length];
    const lo = query.from === undefined ? 0 : lowerBound(this.#planned, query.from);
    const hi = query.until === undefined ? this.#planned.length : lowerBound(this.#planned, query.until);
    return [lo, Math.max(lo, hi)];
  }
}

/** Per status number (NO_STATUS last): does a query for `status` want it? */
function statusTest(status: WorkOrderQuery['status']): readonly boolean[] {
  const codes = [...STATUSES, null];
  if (status === undefined) return codes.map(() => true);
  if (status === 'open') return codes.map((s) => OPEN_STATUSES.has(s));
  return codes.map((s) => s === status);
}

/** The first position whose value is not below `value` (values sorted ascending). */
function lowerBound(values: readonly string[], value: string): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function cmpNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return cmp(a, b);
}
