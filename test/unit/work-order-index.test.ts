/**
 * The work order index (src/engine/work-order-index.ts) answers every query as the plain
 * definition does — sort by planned start (unplanned last) then number, keep the planned
 * start in [from, until), the status asked for and the text, then page — checked on random
 * work orders and queries; and an account's work orders come open first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkOrderQuery, WorkOrderStatus } from '../../src/engine/field-types.ts';
import type { IndexedWorkOrder } from '../../src/engine/work-order-index.ts';
import { OPEN_STATUSES, WorkOrderIndex } from '../../src/engine/work-order-index.ts';

const STATUSES: (WorkOrderStatus | null)[] = ['Unscheduled', 'Scheduled', 'InProcess', 'Completed', 'Posted', 'Cancelled', null];
const DAYS = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];
const at = (day: number, hour: number) => `${DAYS[day]}T${String(hour).padStart(2, '0')}:00:00.000Z`;

const order = (n: number, plannedStart: string | null, status: WorkOrderStatus | null, accountid: string | null = 'a-1', city: string | null = 'Riverton'): IndexedWorkOrder => ({
  rowId: `crm_msdyn_workorders|w-${n}`,
  summary: { id: `w-${n}`, number: `US-SO${String(n).padStart(5, '0')}`, company: 'usmf', status, stage: null, plannedStart, instructions: null, accountid, accountName: 'Barrows Inc', city, assetName: null },
});

const orderArb = fc.record({
  planned: fc.option(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })), { nil: null }),
  status: fc.constantFrom(...STATUSES),
  city: fc.constantFrom('Riverton', 'Lakeside', null),
});
const queryArb = fc.record({
  from: fc.option(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })), { nil: undefined }),
  until: fc.option(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })), { nil: undefined }),
  status: fc.option(fc.constantFrom<WorkOrderStatus | 'open'>('open', 'Scheduled', 'Completed', 'Cancelled'), { nil: undefined }),
  search: fc.option(fc.constantFrom('lake', 'RIVER', ' so0000', 'nowhere'), { nil: undefined }),
  offset: fc.integer({ min: 0, max: 30 }),
  limit: fc.integer({ min: 0, max: 30 }),
});

/** The definition: what the index must answer. */
function naive(orders: readonly IndexedWorkOrder[], q: WorkOrderQuery): { numbers: string[]; total: number } {
  const key = (o: IndexedWorkOrder) => [o.summary.plannedStart === null ? 1 : 0, o.summary.plannedStart ?? '', o.summary.number] as const;
  const sorted = [...orders].sort((x, y) => {
    const [a, b] = [key(x), key(y)];
    return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
  });
  const needle = q.search?.trim().toLowerCase() ?? '';
  const matches = sorted.filter(({ summary: s }) => {
    if (q.from !== undefined && (s.plannedStart === null || s.plannedStart < q.from)) return false;
    if (q.until !== undefined && (s.plannedStart === null || s.plannedStart >= q.until)) return false;
    if (q.status === 'open' ? !OPEN_STATUSES.has(s.status) : q.status !== undefined && s.status !== q.status) return false;
    return needle === '' || [s.number, s.accountName, s.city].join(' ').toLowerCase().includes(needle);
  });
  return { numbers: matches.slice(q.offset, q.offset + q.limit).map((o) => o.summary.number), total: matches.length };
}

describe('work order index', () => {
  it('answers every query as the definition does', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 60 }), queryArb, (specs, spec) => {
        const orders = specs.map((o, i) => order(i + 1, o.planned ? at(...o.planned) : null, o.status, 'a-1', o.city));
        const query: WorkOrderQuery = {
          offset: spec.offset,
          limit: spec.limit,
          ...(spec.from ? { from: at(...spec.from) } : {}),
          ...(spec.until ? { until: at(...spec.until) } : {}),
          ...(spec.status ? { status: spec.status } : {}),
          ...(spec.search ? { search: spec.search } : {}),
        };
        const { page, total } = new WorkOrderIndex(orders).query(query, 500);
        expect({ numbers: page.map((o) => o.summary.number), total }).toEqual(naive(orders, query));
      }),
      { numRuns: 300 },
    );
  });

  it('finds a day and what is overdue by the planned start alone, unplanned ones never', () => {
    const index = new WorkOrderIndex([order(1, at(2, 8), 'Scheduled'), order(2, at(0, 9), 'InProcess'), order(3, null, 'Unscheduled'), order(4, at(1, 13), 'Completed'), order(5, at(3, 9), 'Scheduled')]);
    const numbers = (q: Partial<WorkOrderQuery>) => index.query({ offset: 0, limit: 50, ...q }, 500).page.map((o) => o.summary.number.slice(-1));
    expect(numbers({})).toEqual(['2', '4', '1', '5', '3']);
    expect(numbers({ from: at(2, 0), until: at(3, 0) })).toEqual(['1']);
    expect(numbers({ until: at(2, 0), status: 'open' })).toEqual(['2']);
    expect(numbers({ from: at(3, 0), until: at(2, 0) })).toEqual([]);
    expect(index.query({ offset: 0, limit: 1000 }, 2).page).toHaveLength(2);
  });

  it('lists an account’s work orders open first in planned order, then the others latest first', () => {
    const index = new WorkOrderIndex([order(1, at(0, 8), 'Completed'), order(2, at(3, 9), 'Scheduled'), order(3, at(1, 9), 'InProcess'), order(4, at(2, 9), 'Posted'), order(5, null, 'Cancelled'), order(6, at(2, 10), 'Scheduled', 'a-2')]);
    expect(index.ofAccount('a-1').map((o) => o.summary.number.slice(-1))).toEqual(['3', '2', '4', '1', '5']);
    expect(index.ofAccount('a-3')).toEqual([]);
  });
});
