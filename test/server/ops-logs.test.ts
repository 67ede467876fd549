/**
 * Logs against the real server: a record's history across both stores (the agent's edit,
 * the push to both stores, a back-office change with its author), filters and search,
 * CSV and JSON export, retention by count and by age, and the error actions — retry of a
 * refused write once its cause is fixed (exactly once), skip and discard of several.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityLogEntry, Result } from '../../src/engine/api.ts';
import { appendLog } from '../../src/engine/context.ts';
import { Engine } from '../../src/engine/engine.ts';
import { ReplicaDb } from '../../src/engine/replica/db.ts';
import { parseCsv } from '../support/csv.ts';
import type { TestEngine } from '../support/engine.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
let group: string;
const engines: TestEngine[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'tiny' });
  group = (await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'usmf'&$top=1`)).body.value[0].CustomerGroupId;
});
afterEach(async () => {
  while (engines.length) await engines.pop()?.close();
  while (closers.length) await closers.pop()?.();
});
afterAll(() => server.stop());

async function engineFor(): Promise<TestEngine> {
  const e = await startEngine(server);
  engines.push(e);
  return e;
}

const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

async function ok(method: string, path: string, body?: Record<string, unknown>, as = 'backoffice'): Promise<Record<string, unknown>> {
  const reply = await server.request(method, path, { as, ...(body ? { body } : {}) });
  expect(reply.status, reply.text).toBeLessThan(300);
  return reply.body as Record<string, unknown>;
}

async function pair(e: TestEngine, number: string): Promise<string> {
  await ok('POST', `${ERP}/CustomersV3`, { dataAreaId: 'usmf', CustomerAccount: number, PartyType: 'Organization', OrganizationName: `Customer ${number}`, CustomerGroupId: group, SalesCurrencyCode: 'USD' });
  await e.engine.syncNow();
  await e.engine.syncNow();
  const row = (await server.request('GET', `${CRM}/accounts?$filter=accountnumber eq '${number}'`)).body.value[0] as Record<string, unknown> | undefined;
  if (!row) throw new Error(`no CRM account ${number}`);
  return row['accountid'] as string;
}

const customerPath = (n: string) => `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${n}')`;
const changeCount = async () => Number((await server.db.all<{ v: number }>('SELECT SUM(value) AS v FROM tandem_sequences'))[0]?.v);

describe('record history across both stores', () => {
  it('shows the agent’s edit, its push to both stores, and a back-office change with its author, from either row of the pair', async () => {
    const e = await engineFor();
    const accountid = await pair(e, 'T-HIST-1');
    expect(unwrap(await e.engine.updateAccount(accountid, { name: 'History Agent Name' }))).toBeTruthy();
    await e.engine.syncNow();
    e.network.online = false;
    await ok('PATCH', customerPath('T-HIST-1'), { PrimaryContactPhone: 'office-history-phone' });
    e.network.online = true;
    await e.engine.syncNow();
    await e.engine.syncNow();

    const crmId = `crm_accounts|${accountid}`;
    const erpId = 'erp_CustomersV3|usmf|T-HIST-1';
    const history = unwrap(await e.engine.recordHistory(crmId));
    expect(history.counterparts).toContain(erpId);
    const kinds = history.events.map((x) => x.kind);
    const edited = history.events.find((x) => x.kind === 'edited');
    expect(edited).toMatchObject({ who: 'agent.usmf', where: 'crm', fields: ['name'] });
    const pushes = history.events.filter((x) => x.kind === 'pushed');
    expect(pushes[0]?.message).toMatch(/written to (ERP and CRM|CRM and ERP)/);
    expect(pushes[0]?.fields).toEqual(expect.arrayContaining(['name', 'OrganizationName']));
    // The pair began in the back office: the customer's creation is the first event.
    expect(history.events[0]).toMatchObject({ kind: 'pulled', where: 'erp', who: 'backoffice', rowId: erpId });
    expect(history.events[0]?.message).toContain('created in the ERP by backoffice');
    const office = history.events.findIndex((x) => x.kind === 'pulled' && x.where === 'erp' && x.fields.join() === 'PrimaryContactPhone');
    expect(history.events[office]).toMatchObject({ who: 'backoffice', fields: ['PrimaryContactPhone'], rowId: erpId });
    const mirrored = history.events.findIndex((x, i) => i > office && x.kind === 'mirrored' && x.fields.includes('telephone1'));
    // In order: edited, pushed, the office change, its mirror into the CRM.
    expect(kinds.indexOf('edited')).toBeLessThan(kinds.indexOf('pushed'));
    expect(kinds.indexOf('pushed')).toBeLessThan(office);
    expect(mirrored).toBeGreaterThan(office);

    const fromErp = unwrap(await e.engine.recordHistory({ side: 'erp', set: 'CustomersV3', key: { dataAreaId: 'usmf', CustomerAccount: 'T-HIST-1' } }));
    expect(fromErp.counterparts).toContain(crmId);
    expect(fromErp.events.map((x) => x.kind)).toEqual(kinds);

    expect((await e.engine.recordHistory('nonsense|1')).ok).toBe(false);
    const bad = await e.engine.recordHistory({ side: 'erp', set: 'NoSuchSet', key: {} });
    expect(!bad.ok && bad.error.code).toBe('INVALID_RECORD');
  });
});

describe('filters, search and export', () => {
  it('filters by map, record, kind, text and time; pages; refuses a bad query', async () => {
    const e = await engineFor();
    const accountid = await pair(e, 'T-FILT-1');
    await e.engine.updateAccount(accountid, { name: 'Filterable Name' });
    await e.engine.syncNow();
    const key = `crm_accounts|${accountid}`;
    const byKey = unwrap(await e.engine.activityLog({ key }));
    expect(byKey.total).toBeGreaterThan(0);
    expect(byKey.rows.every((r) => r.key === key || (r.details?.['changes'] as { rowId: string }[] | undefined)?.some((c) => c.rowId === key))).toBe(true);
    const pushed = unwrap(await e.engine.activityLog({ kind: 'pushed', mapId: 'customers-accounts' }));
    expect(pushed.rows.length).toBeGreaterThan(0);
    expect(pushed.rows.every((r) => r.kind === 'pushed' && r.mapId === 'customers-accounts')).toBe(true);
    const searched = unwrap(await e.engine.activityLog({ search: accountid.toUpperCase() }));
    expect(searched.rows.map((r) => r.id)).toEqual(expect.arrayContaining(byKey.rows.map((r) => r.id)));
    expect(unwrap(await e.engine.activityLog({ search: 'no such text anywhere' })).total).toBe(0);
    const all = unwrap(await e.engine.activityLog({}));
    const newest = all.rows[0] as ActivityLogEntry;
    expect(unwrap(await e.engine.activityLog({ since: newest.at })).rows.every((r) => r.at >= newest.at)).toBe(true);
    expect(unwrap(await e.engine.activityLog({ until: '2000-01-01' })).total).toBe(0);
    const paged = unwrap(await e.engine.activityLog({ offset: 1, limit: 2 }));
    expect(paged.rows.map((r) => r.id)).toEqual(all.rows.slice(1, 3).map((r) => r.id));
    expect(paged.total).toBe(all.total);
    for (const bad of [{ since: 'yesterday' }, { limit: -1 }, { limit: 5000 }, { mapId: 7 }]) {
      const result = await e.engine.activityLog(bad as never);
      expect(!result.ok && result.error.code).toBe('INVALID_QUERY');
    }
  });

  it('exports CSV that parses back to the same entries, with formula-looking cells defused, and JSON', async () => {
    const e = await engineFor();
    const accountid = await pair(e, 'T-EXP-1');
    await e.engine.updateAccount(accountid, { name: 'Export, "quoted"\nName' });
    await e.engine.syncNow();
    await appendLog(e.engine.ctx, 'activity', { kind: 'note', message: '=HYPERLINK("http://evil.example","click")', by: '@attacker', mapId: 'customers-accounts' });
    const query = { mapId: 'customers-accounts' };
    const entries = unwrap(await e.engine.activityLog({ ...query, limit: 1000 })).rows;
    const csv = unwrap(await e.engine.exportLog('activity', 'csv', query));
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(['id', 'at', 'kind', 'mapId', 'side', 'set', 'key', 'by', 'message', 'details']);
    expect(rows).toHaveLength(entries.length);
    const cells = (r: ActivityLogEntry) => [String(r.id), r.at, r.kind, r.mapId ?? '', r.side ?? '', r.set ?? '', r.key ?? '', r.by ?? '', r.message, r.details ? JSON.stringify(r.details) : ''];
    const defused = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    expect(rows).toEqual(entries.map((r) => cells(r).map(defused)));
    const injected = rows.find((r) => r[2] === 'note');
    expect(injected?.[8]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(injected?.[7]).toBe(`'@attacker`);
    const json = JSON.parse(unwrap(await e.engine.exportLog('activity', 'json', query))) as ActivityLogEntry[];
    expect(json).toEqual(entries);
    const conflicts = unwrap(await e.engine.exportLog('conflicts', 'csv', {}));
    expect(parseCsv(conflicts)[0]?.[0]).toBe('id');
    expect((await e.engine.exportLog('bogus' as 'activity', 'csv', {})).ok).toBe(false);
    expect((await e.engine.exportLog('errors', 'xml' as 'csv', {})).ok).toBe(false);
  });
});

describe('retention', () => {
  /** An engine over its own replica with a clock the test moves (no sync needed for logs). */
  async function clocked(start: Date): Promise<{ engine: Engine; tick: (days: number) => void }> {
    let now = start.getTime();
    const db = new ReplicaDb(`tandem-logs-${now}-${Math.random()}`, { indexedDB, IDBKeyRange });
    const engine = new Engine({ db, baseUrl: server.url, fetch, pollMs: 0, now: () => new Date(now) });
    await engine.open();
    closers.push(() => engine.close());
    return { engine, tick: (days) => (now += days * 86_400_000) };
  }
  const log = (engine: Engine, n: number) => appendLog(engine.ctx, 'activity', { kind: 'test', message: `entry ${n}` });

  it('keeps at most maxEntries, the newest, and shows the bound and the oldest kept entry', async () => {
    const { engine } = await clocked(new Date('2027-01-01T00:00:00Z'));
    expect(await engine.logRetention()).toMatchObject({ maxEntries: 5000, maxAgeDays: 30 });
    unwrap(await engine.setLogRetention({ maxEntries: 10, maxAgeDays: 30 }));
    for (let n = 1; n <= 15; n++) await log(engine, n);
    const kept = unwrap(await engine.activityLog({}));
    expect(kept.rows.map((r) => r.message)).toEqual(Array.from({ length: 10 }, (_, i) => `entry ${15 - i}`));
    const info = await engine.logRetention();
    expect(info).toMatchObject({ maxEntries: 10, maxAgeDays: 30, logs: { activity: { count: 10, oldestAt: '2027-01-01T00:00:00.000Z' } } });
    for (const bad of [{ maxEntries: 0, maxAgeDays: 30 }, { maxEntries: 10, maxAgeDays: 0.5 }, { maxEntries: 10 }]) {
      const result = await engine.setLogRetention(bad as never);
      expect(!result.ok && result.error.code).toBe('INVALID_RETENTION');
    }
    expect((await engine.logRetention()).maxEntries).toBe(10);
  });

  it('drops entries older than maxAgeDays on the next append, and at once when the bound shrinks', async () => {
    const { engine, tick } = await clocked(new Date('2027-03-01T00:00:00Z'));
    for (let n = 1; n <= 3; n++) await log(engine, n);
    tick(20);
    await log(engine, 4);
    tick(11); // entries 1-3 are now 31 days old, entry 4 eleven
    await log(engine, 5);
    expect(unwrap(await engine.activityLog({})).rows.map((r) => r.message)).toEqual(['entry 5', 'entry 4']);
    expect((await engine.logRetention()).logs.activity.oldestAt).toBe('2027-03-21T00:00:00.000Z');
    unwrap(await engine.setLogRetention({ maxEntries: 5000, maxAgeDays: 10 }));
    expect(unwrap(await engine.activityLog({})).rows.map((r) => r.message)).toEqual(['entry 5']);
  });
});

describe('error actions', () => {
  it('retries a refused write once its cause is fixed: queued again, sent exactly once, then no longer retryable', async () => {
    await ok('POST', `${ERP}/Currencies`, { CurrencyCode: 'TXR', Name: 'Test retry currency', Symbol: 'T' });
    const crmCurrency = await ok('POST', `${CRM}/transactioncurrencies`, { isocurrencycode: 'TXR', currencyname: 'Test retry currency', currencysymbol: 'T' });
    const e = await engineFor();
    const accountid = await pair(e, 'T-RETRY-1');
    e.network.online = false;
    unwrap(await e.engine.updateAccount(accountid, { transactioncurrencyid: crmCurrency['transactioncurrencyid'], name: 'Retried Name' }));
    // Meanwhile the ERP loses the currency: it refuses the customer's half (an agent does not mirror global data).
    await ok('DELETE', `${ERP}/Currencies('TXR')`);
    e.network.online = true;
    await e.engine.syncNow();
    await e.engine.syncNow();
    const refused = unwrap(await e.engine.errorLog({ kind: 'rejected', key: 'erp_CustomersV3|usmf|T-RETRY-1' })).rows[0];
    expect(refused).toMatchObject({ code: 'ReferenceNotFound', status: 'open', retryable: true, mapId: 'customers-accounts' });
    expect((await e.engine.getAccount(accountid))?.account['name']).toBe('Customer T-RETRY-1');

    await ok('POST', `${ERP}/Currencies`, { CurrencyCode: 'TXR', Name: 'Test retry currency', Symbol: 'T' });
    await e.engine.syncNow();
    const id = refused?.id as number;
    const before = await changeCount();
    e.network.online = false; // both retries are decided locally
    const first = await e.engine.retryErrors([id]);
    const second = await e.engine.retryErrors([id]);
    expect(first).toEqual([{ id, outcome: 'requeued', entryId: expect.any(Number) }]);
    expect(second[0]).toMatchObject({ id, outcome: 'failed', error: { code: 'ERROR_NOT_OPEN' } });
    expect((await e.engine.status()).pending).toBe(1);
    e.network.online = true;
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await changeCount()).toBe(before + 2); // one write to each store
    const crm = (await server.request('GET', `${CRM}/accounts(${accountid})`)).body;
    expect(crm).toMatchObject({ name: 'Retried Name', transactioncurrencyid: crmCurrency['transactioncurrencyid'] });
    expect((await server.request('GET', customerPath('T-RETRY-1'))).body).toMatchObject({ OrganizationName: 'Retried Name', SalesCurrencyCode: 'TXR' });
    expect(unwrap(await e.engine.errorLog({ key: 'erp_CustomersV3|usmf|T-RETRY-1' })).rows[0]).toMatchObject({ status: 'retried', retryable: false });
    expect((await e.engine.errors()).some((x) => x.id === id)).toBe(false);
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('skips and discards several at once, reporting each id', async () => {
    const e = await engineFor();
    for (let n = 1; n <= 4; n++) await appendLog(e.engine.ctx, 'errors', { kind: 'engine', code: 'TEST', message: `failure ${n}` });
    const ids = unwrap(await e.engine.errorLog({ code: 'TEST' })).rows.map((r) => r.id).sort((a, b) => a - b);
    expect(ids).toHaveLength(4);
    const [a, b, c, d] = ids as [number, number, number, number];
    expect(await e.engine.skipErrors([a, b, 424242])).toEqual([
      { id: a, outcome: 'skipped' },
      { id: b, outcome: 'skipped' },
      { id: 424242, outcome: 'failed', error: expect.objectContaining({ code: 'ERROR_NOT_FOUND' }) },
    ]);
    expect((await e.engine.skipErrors([a]))[0]?.error?.code).toBe('ERROR_NOT_OPEN');
    expect((await e.engine.retryErrors([c]))[0]?.error?.code).toBe('NOT_RETRYABLE');
    expect(await e.engine.discardErrors([b, c, d])).toEqual([
      { id: b, outcome: 'discarded' },
      { id: c, outcome: 'discarded' },
      { id: d, outcome: 'discarded' },
    ]);
    const left = unwrap(await e.engine.errorLog({ code: 'TEST' })).rows;
    expect(left.map((r) => [r.id, r.status])).toEqual([[a, 'skipped']]);
    expect((await e.engine.errors()).some((x) => ids.includes(x.id))).toBe(false);
    expect((await e.engine.status()).errors).toBe((await e.engine.errors()).length);
  });
});
