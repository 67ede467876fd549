/** The work order page's and the home screen's state (src/app/work-orders, src/app/home), without mounting. */
import { describe, expect, it } from 'vitest';
import type { ConflictEntry, EngineError, ErrorEntry, NewNote, Page, Result, TimeOnSite, WorkOrderDetail, WorkOrderQuery, WorkOrderStatus, WorkOrderSummary } from '../../src/engine/api.ts';
import { HomeScreen } from '../../src/app/home/home-screen.svelte.ts';
import { isOverdue } from '../../src/app/work-orders/labels.ts';
import { WorkOrderList, workOrderQuery } from '../../src/app/work-orders/work-order-list.svelte.ts';
import { WorkOrderScreen } from '../../src/app/work-orders/work-order-screen.svelte.ts';

const summary = (id: string, extra: Partial<WorkOrderSummary> = {}): WorkOrderSummary => ({
  id,
  number: `US-SO${id}`,
  company: 'usmf',
  status: 'Scheduled',
  stage: null,
  plannedStart: '2026-11-22T09:00:00.000Z',
  instructions: null,
  accountid: 'a-1',
  accountName: 'Barrows Inc',
  city: 'Riverton',
  assetName: null,
  pending: false,
  ...extra,
});

function source(refuse: EngineError | null = null) {
  let status: WorkOrderStatus = 'Scheduled';
  const notes: NewNote[] = [];
  const times: TimeOnSite[] = [];
  return {
    notes,
    times,
    workOrder: async (): Promise<WorkOrderDetail> => ({ workOrder: summary('1', { status }), asset: null, account: null, notes: [], pending: notes.length, failures: [] }),
    setWorkOrderStatus: async (_id: string, next: WorkOrderStatus): Promise<Result<{ status: WorkOrderStatus }>> => {
      status = next;
      return { ok: true, value: { status } };
    },
    addNote: async (note: NewNote): Promise<Result<{ id: string }>> => {
      if (refuse) return { ok: false, error: refuse };
      notes.push(note);
      return { ok: true, value: { id: 'n-1' } };
    },
    recordTimeOnSite: async (_id: string, time: TimeOnSite): Promise<Result<{ id: string; minutes: number }>> => {
      if (refuse) return { ok: false, error: refuse };
      times.push(time);
      return { ok: true, value: { id: 't-1', minutes: 90 } };
    },
  };
}

describe('work order page', () => {
  it('changes the status and says whether it is already on its way', async () => {
    const screen = new WorkOrderScreen(source(), '1');
    await screen.load();
    await screen.setStatus('InProcess', false);
    expect(screen.detail?.workOrder.status).toBe('InProcess');
    expect(screen.statusOutcome).toEqual({ ok: true, message: 'In progress. Saved on this tablet; sent when you are back online.' });
  });

  it('adds a note, and refuses an empty one on the text field without asking the engine', async () => {
    const src = source();
    const screen = new WorkOrderScreen(src, '1');
    await screen.saveNote(true);
    expect(screen.noteErrors).toEqual({ body: 'Write something first' });
    screen.note.title = 'Pump replaced';
    await screen.saveNote(true);
    expect(src.notes).toEqual([{ target: { type: 'workorder', id: '1' }, title: 'Pump replaced', body: '' }]);
    expect(screen.note).toEqual({ title: '', body: '' });
  });

  it('shows a map’s refusal on the field it names (the store’s field name)', async () => {
    const screen = new WorkOrderScreen(source({ code: 'MAP_TOO_LONG', message: 'Title is too long for the ERP (100)', details: { mapId: 'notes', field: 'subject' } }), '1');
    screen.note.title = 'x'.repeat(101);
    await screen.saveNote(true);
    expect(screen.noteErrors).toEqual({ title: 'Title is too long for the ERP (100)' });
  });

  it('records time on site from the two local times, and puts the engine’s refusal on the field', async () => {
    const src = source();
    const screen = new WorkOrderScreen(src, '1', new Date(2026, 10, 22, 11, 0));
    expect(screen.time).toMatchObject({ arrived: '2026-11-22T10:00', left: '2026-11-22T11:00' });
    screen.time.arrived = '2026-11-22T09:30';
    await screen.saveTime(true);
    expect(src.times[0]).toEqual({ arrived: new Date(2026, 10, 22, 9, 30).toISOString(), left: new Date(2026, 10, 22, 11, 0).toISOString(), comment: '' });
    expect(screen.timeOutcome).toMatchObject({ ok: true });
    screen.time.left = 'garbage';
    await screen.saveTime(true);
    expect(screen.timeErrors).toEqual({ left: 'Pick a date and time' });
    const refused = new WorkOrderScreen(source({ code: 'INVALID_VALUE', message: 'You left after you arrived: check the times.', details: { field: 'left' } }), '1');
    await refused.saveTime(true);
    expect(refused.timeErrors).toEqual({ left: 'You left after you arrived: check the times.' });
  });
});

describe('home screen', () => {
  it('asks for today’s work orders, the overdue ones, the next open ones, open errors and waiting conflicts', async () => {
    const queries: WorkOrderQuery[] = [];
    const errors: ErrorEntry[] = [{ id: 1, at: '2026-11-22T08:00:00Z', code: 'REJECTED', message: 'CustomerGroupId is required', mapId: 'customers-accounts', side: 'erp', set: 'CustomersV3', key: null }];
    const home = new HomeScreen(
      {
        workOrders: async (q: WorkOrderQuery): Promise<Page<WorkOrderSummary>> => {
          queries.push(q);
          if (q.status === 'open' && q.until !== undefined) return { rows: [summary('3', { plannedStart: '2026-11-20T09:00:00.000Z' })], total: 12 };
          return q.status === 'open' ? { rows: [summary('2')], total: 40 } : { rows: [summary('1')], total: 1 };
        },
        errors: async () => errors,
        conflicts: async (): Promise<Result<Page<ConflictEntry>>> => ({ ok: true, value: { rows: [], total: 2 } }),
        syncNow: async () => undefined,
      },
      () => new Date(2026, 10, 22, 8, 0),
    );
    await home.load();
    const midnight = new Date(2026, 10, 22).toISOString();
    expect(queries[0]).toEqual({ from: midnight, until: new Date(2026, 10, 23).toISOString(), offset: 0, limit: 100 });
    expect(queries[1]).toMatchObject({ from: new Date(2026, 10, 23).toISOString(), status: 'open' });
    // Overdue: open and planned before today's midnight, with no lower bound.
    expect(queries[2]).toEqual({ until: midnight, status: 'open', offset: 0, limit: 8 });
    expect(home.today?.map((w) => w.id)).toEqual(['1']);
    expect(home.overdue.map((w) => w.id)).toEqual(['3']);
    expect(home.overdueTotal).toBe(12);
    expect(home.next.map((w) => w.id)).toEqual(['2']);
    expect(home.attention).toBe(3);
  });

  it('keeps Sync now disabled while the engine syncs, and after a failed sync lets it be tried again', async () => {
    let finish: (ok: boolean) => void = () => undefined;
    const home = new HomeScreen({
      workOrders: async () => ({ rows: [], total: 0 }),
      errors: async () => [],
      conflicts: async () => ({ ok: true, value: { rows: [], total: 0 } }),
      syncNow: () => new Promise<void>((resolve, reject) => (finish = (ok) => (ok ? resolve() : reject(new Error('offline'))))),
    });
    const first = home.syncNow();
    expect(home.syncing).toBe(true);
    finish(true);
    await first;
    expect(home.syncing).toBe(false);
    const second = home.syncNow();
    finish(false);
    await expect(second).rejects.toThrow('offline');
    expect(home.syncing).toBe(false);
  });
});

describe('overdue', () => {
  const now = new Date(2026, 10, 22, 8, 0);
  const yesterday = new Date(2026, 10, 21, 15, 0).toISOString();
  it('is planned before today’s midnight and still open', () => {
    expect(isOverdue({ plannedStart: yesterday, status: 'Scheduled' }, now)).toBe(true);
    expect(isOverdue({ plannedStart: yesterday, status: 'InProcess' }, now)).toBe(true);
    expect(isOverdue({ plannedStart: yesterday, status: 'Completed' }, now)).toBe(false);
    expect(isOverdue({ plannedStart: yesterday, status: 'Cancelled' }, now)).toBe(false);
    expect(isOverdue({ plannedStart: new Date(2026, 10, 22, 0, 0).toISOString(), status: 'Scheduled' }, now)).toBe(false);
    expect(isOverdue({ plannedStart: null, status: 'Unscheduled' }, now)).toBe(false);
  });

  it('is one filter of the work order list: open, planned before today', () => {
    expect(workOrderQuery('overdue', ' pump ', 50, now)).toEqual({ until: new Date(2026, 10, 22).toISOString(), status: 'open', offset: 0, limit: 50, search: 'pump' });
  });
});

describe('work order list', () => {
  it('pages by 50, and a slow answer to an older query never replaces a newer one', async () => {
    const answers: ((page: Page<WorkOrderSummary>) => void)[] = [];
    const asked: WorkOrderQuery[] = [];
    const list = new WorkOrderList(
      {
        workOrders: (q: WorkOrderQuery) =>
          new Promise<Page<WorkOrderSummary>>((resolve) => {
            asked.push(q);
            answers.push(resolve);
          }),
      },
      () => new Date(2026, 10, 22, 8, 0),
    );
    const first = list.load();
    list.choose('Completed');
    answers[1]?.({ rows: [summary('2', { status: 'Completed' })], total: 120 });
    answers[0]?.({ rows: [summary('1')], total: 1 });
    await first;
    await Promise.resolve();
    expect(list.rows.map((w) => w.id)).toEqual(['2']);
    expect(list.more).toBe(true);
    list.showMore();
    expect(asked.at(-1)).toMatchObject({ status: 'Completed', limit: 100 });
    list.dispose();
  });
});
