/**
 * Map states, pause, resume and the queue, against the real server: a paused map holds the
 * agent's writes and every pulled back-office version; catch-up replays them in order and
 * both stores converge with every change applied once (counted on the server's change
 * sequence); skip-to-live keeps or (confirmed) discards the held changes but never an
 * agent's write; the queue is browsed by key; a restart keeps it all; other maps go on.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../src/engine/api.ts';
import type { TestEngine } from '../support/engine.ts';
import { pairedAccounts } from '../support/accounts.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

const MAP = 'customers-accounts';

let server: TestServer;
let usmf: string;
const engines: TestEngine[] = [];

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'demo' });
  usmf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`)).body.value[0].cdm_companyid;
});
afterEach(async () => {
  while (engines.length) await engines.pop()?.close();
});
afterAll(() => server.stop());

async function engineFor(): Promise<TestEngine> {
  const e = await startEngine(server, 'agent.usmf');
  engines.push(e);
  return e;
}

const nextAccount = pairedAccounts(() => server);
/** A paired organisation customer/account of usmf that no other test uses. */
const pairedAccount = async () => {
  const { accountid, accountnumber } = await nextAccount();
  return { accountid, number: accountnumber };
};

const customerPath = (number: string) => `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${number}')`;
const accountPath = (id: string) => `${CRM}/accounts(${id})`;
const get = async (path: string) => (await server.request('GET', path)).body;
const changeCount = async () => Number((await server.db.all<{ v: number }>('SELECT SUM(value) AS v FROM tandem_sequences'))[0]?.v);

async function backOffice(path: string, body: Record<string, unknown>): Promise<void> {
  const reply = await server.request('PATCH', path, { as: 'backoffice', body });
  expect(reply.status, reply.text).toBeLessThan(300);
}

async function mapStatus(e: TestEngine, id = MAP) {
  const status = (await e.engine.mapStatuses()).find((s) => s.id === id);
  if (!status) throw new Error(`no status for ${id}`);
  return status;
}

/** Ops waiting in the outbox: each is one write the server must receive exactly once. */
const pendingOps = async (e: TestEngine) => (await e.engine.ctx.db.outbox.toArray()).reduce((n, entry) => n + entry.ops.filter((op) => !op.done).length, 0);

async function settle(e: TestEngine): Promise<void> {
  await e.engine.syncNow();
  await e.engine.syncNow();
}

describe('map states', () => {
  it('run by default; starting a map whose dependencies are not running is refused, naming them in order, unless they start too', async () => {
    const { engine } = await engineFor();
    const all = await engine.mapStatuses();
    expect(all.length).toBeGreaterThan(10);
    expect(all.every((s) => s.state === 'running' && s.queued === 0 && s.catchUp === null)).toBe(true);
    expect(all.find((s) => s.id === MAP)).toMatchObject({ name: 'Customers V3 (accounts)', dependsOn: ['companies', 'customer-groups', 'currencies'] });

    const stopped = await engine.stopMaps([MAP, 'companies', 'customer-groups', 'currencies']);
    expect(stopped).toEqual({ ok: true, value: { [MAP]: 'stopped', companies: 'stopped', 'customer-groups': 'stopped', currencies: 'stopped' } });

    const refused = await engine.startMaps([MAP]);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('MAP_DEPENDENCIES_NOT_RUNNING');
    const needs = refused.error.details?.['needs'] as string[];
    expect([...needs].sort()).toEqual(['companies', 'currencies', 'customer-groups']);
    expect(needs.indexOf('companies')).toBeLessThan(needs.indexOf('customer-groups'));
    expect(refused.error.message).toContain('companies');
    expect((await mapStatus({ engine } as TestEngine)).state).toBe('stopped');

    const started = await engine.startMaps([MAP], { withDependencies: true });
    expect(started).toEqual({ ok: true, value: { companies: 'running', 'customer-groups': 'running', currencies: 'running', [MAP]: 'running' } });
  });

  it('checks every map of a call before changing any, and names what is wrong', async () => {
    const { engine } = await engineFor();
    await engine.stopMaps(['vendors']);
    const mixed = await engine.pauseMaps(['customers-contacts', 'vendors']);
    expect(mixed).toMatchObject({ ok: false, error: { code: 'MAP_INVALID_TRANSITION', details: { mapId: 'vendors', state: 'stopped' } } });
    expect((await engine.mapStatuses()).find((s) => s.id === 'customers-contacts')?.state).toBe('running');
    expect(await engine.pauseMaps(['no-such-map'])).toMatchObject({ ok: false, error: { code: 'MAP_UNKNOWN', details: { unknown: ['no-such-map'] } } });
    expect(await engine.pauseMaps([])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await engine.resumeMaps([MAP], 'later' as never)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await engine.pauseMaps([MAP]);
    expect(await engine.startMaps([MAP])).toMatchObject({ ok: false, error: { code: 'MAP_INVALID_TRANSITION', message: expect.stringContaining('resume it instead') } });
  });
});

describe('pause and catch-up', () => {
  it('holds the agent’s writes, offline and online, while they still commit locally; catch-up sends each once', async () => {
    const e = await engineFor();
    const { accountid, number } = await pairedAccount();
    const before = await get(accountPath(accountid));
    expect(await e.engine.pauseMaps([MAP])).toEqual({ ok: true, value: { [MAP]: 'paused' } });
    expect((await e.engine.status()).pausedMaps).toEqual([MAP]);

    e.network.online = false;
    expect((await e.engine.updateAccount(accountid, { name: 'Held Offline Ltd' })).ok).toBe(true);
    e.network.online = true;
    expect((await e.engine.updateAccount(accountid, { telephone1: '+1 555 0142' })).ok).toBe(true);
    const local = await e.engine.getAccount(accountid);
    expect(local?.account).toMatchObject({ name: 'Held Offline Ltd', telephone1: '+1 555 0142' });
    expect(local?.customer).toMatchObject({ OrganizationName: 'Held Offline Ltd', PrimaryContactPhone: '+1 555 0142' });

    const writes = await changeCount();
    await settle(e);
    expect(await changeCount()).toBe(writes);
    expect(await get(accountPath(accountid))).toMatchObject({ name: before.name, telephone1: before.telephone1 });
    expect(await mapStatus(e)).toMatchObject({ state: 'paused', pendingWrites: 2 });
    const ops = await pendingOps(e);
    expect(ops).toBeGreaterThanOrEqual(2);

    await e.engine.resumeMaps([MAP], 'catch-up');
    await settle(e);
    expect(await get(accountPath(accountid))).toMatchObject({ name: 'Held Offline Ltd', telephone1: '+1 555 0142', modifiedby: 'agent.usmf' });
    expect(await get(customerPath(number))).toMatchObject({ OrganizationName: 'Held Offline Ltd', PrimaryContactPhone: '+1 555 0142' });
    expect(await changeCount()).toBe(writes + ops);
    expect(await mapStatus(e)).toMatchObject({ state: 'running', pendingWrites: 0, catchUp: null });
    await settle(e);
    expect(await changeCount()).toBe(writes + ops);
  });

  it('holds every back-office version from both stores in order; catch-up converges both stores with progress, once', async () => {
    const e = await engineFor();
    const { accountid, number } = await pairedAccount();
    const original = await get(accountPath(accountid));
    await e.engine.pauseMaps([MAP]);

    await backOffice(customerPath(number), { CreditLimit: '1111' });
    await e.engine.syncNow();
    await backOffice(customerPath(number), { CreditLimit: '2222.5' });
    await backOffice(accountPath(accountid), { emailaddress1: 'held@example.com' });
    await e.engine.syncNow();

    expect((await get(accountPath(accountid))).creditlimit).toBe(original.creditlimit);
    expect((await get(customerPath(number))).PrimaryContactEmail).toBe(original.emailaddress1);
    const queue = await e.engine.queue({ mapId: MAP, offset: 0, limit: 50 });
    expect(queue.ok).toBe(true);
    if (!queue.ok) return;
    expect(queue.value.items.map((i) => [i.side, i.kind, i.change, i.row['CreditLimit'] ?? i.row['emailaddress1']])).toEqual([
      ['erp', 'held', 'upsert', '1111'],
      ['erp', 'held', 'upsert', '2222.5'],
      ['crm', 'held', 'upsert', 'held@example.com'],
    ]);
    expect(queue.value.total).toBe(3);
    expect(await mapStatus(e)).toMatchObject({ state: 'paused', queued: 3 });

    const seen: EngineStatus[] = [];
    const off = await e.engine.onStatus((s) => seen.push(s));
    const writes = await changeCount();
    e.network.online = false;
    await e.engine.resumeMaps([MAP], 'catch-up');
    await e.engine.syncNow(); // offline: the sync round fails before catching up
    expect(await mapStatus(e)).toMatchObject({ state: 'resuming', queued: 3, catchUp: { done: 0, total: 3 } });
    e.network.online = true;
    await settle(e);
    off();

    expect(await get(accountPath(accountid))).toMatchObject({ creditlimit: '2222.5', emailaddress1: 'held@example.com' });
    expect(await get(customerPath(number))).toMatchObject({ CreditLimit: '2222.5', PrimaryContactEmail: 'held@example.com' });
    // v1 and v2 of the credit limit to the CRM, the e-mail to the ERP: three writes, none twice.
    expect(await changeCount()).toBe(writes + 3);
    expect(seen.some((s) => s.catchUp?.done === 3 && s.catchUp.total === 3)).toBe(true);
    expect(seen.at(-1)?.catchUp ?? null).toBeNull();
    expect(await mapStatus(e)).toMatchObject({ state: 'running', queued: 0, catchUp: null });
    await settle(e);
    expect(await changeCount()).toBe(writes + 3);
  });

  it('keeps the order of writes to a row: a later write waits behind a held one, other maps keep syncing', async () => {
    const e = await engineFor();
    const { accountid, number } = await pairedAccount();
    const person = (await get(`${ERP}/CustomersV3?$filter=dataAreaId eq 'usmf' and PartyType eq 'Person'&$top=1`)).value[0] as Record<string, string>;
    const personPath = customerPath(person['CustomerAccount'] as string);
    const contactOf = async () => (await get(`${CRM}/contacts?$filter=msdyn_contactpersonid eq '${person['CustomerAccount']}' and msdyn_company eq ${usmf}`)).value[0];
    await e.engine.pauseMaps([MAP]);

    await e.engine.updateAccount(accountid, { name: 'Waiting Ltd' });
    // NameAlias is not mapped: this entry has no op of the paused map, but it touches the held entry's ERP row.
    const alias = await e.engine.write({ side: 'erp', set: 'CustomersV3', key: { dataAreaId: 'usmf', CustomerAccount: number }, kind: 'upsert', values: { NameAlias: 'WAIT' }, description: 'alias' });
    expect(alias.ok).toBe(true);
    // customers-contacts does not depend on customers-accounts: its writes and mirrors go on.
    const agent = await e.engine.write({ side: 'erp', set: 'CustomersV3', key: { dataAreaId: 'usmf', CustomerAccount: person['CustomerAccount'] as string }, kind: 'upsert', values: { PrimaryContactEmail: 'person@example.com' }, description: 'person e-mail' });
    expect(agent.ok).toBe(true);
    await backOffice(personPath, { PrimaryContactPhone: '+1 555 0177' });
    await settle(e);

    expect(await contactOf()).toMatchObject({ emailaddress1: 'person@example.com', telephone1: '+1 555 0177' });
    expect(await get(customerPath(number))).not.toMatchObject({ NameAlias: 'WAIT' });
    expect((await get(accountPath(accountid))).name).not.toBe('Waiting Ltd');
    expect((await e.engine.status()).pending).toBe(2);

    await e.engine.resumeMaps([MAP], 'catch-up');
    await settle(e);
    expect(await get(customerPath(number))).toMatchObject({ NameAlias: 'WAIT', OrganizationName: 'Waiting Ltd' });
    expect((await get(accountPath(accountid))).name).toBe('Waiting Ltd');
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('keeps the state, the held changes and the held writes across a restart', async () => {
    let e = await engineFor();
    const { accountid, number } = await pairedAccount();
    await e.engine.pauseMaps([MAP]);
    await e.engine.updateAccount(accountid, { telephone1: '+1 555 0163' });
    await backOffice(customerPath(number), { SalesMemo: 'Held across a restart' });
    await e.engine.syncNow();

    e = await e.restart();
    engines.splice(0, engines.length, e);
    expect(await mapStatus(e)).toMatchObject({ state: 'paused', queued: 1, pendingWrites: 1 });
    expect((await e.engine.status()).pausedMaps).toEqual([MAP]);
    expect((await get(accountPath(accountid))).telephone1).not.toBe('+1 555 0163');

    await e.engine.resumeMaps([MAP], 'catch-up');
    await settle(e);
    expect(await get(accountPath(accountid))).toMatchObject({ telephone1: '+1 555 0163', description: 'Held across a restart' });
    expect(await get(customerPath(number))).toMatchObject({ PrimaryContactPhone: '+1 555 0163', SalesMemo: 'Held across a restart' });
  });
});

describe('catch-up of several versions', () => {
  it('replays an old version, then a newer one that the other store already holds: the newer one wins in both stores', async () => {
    // Another agent's dual-write moved the row to "Two" in both stores after the CRM had
    // said "One"; this engine held all of it while paused. Replaying "One" stages the ERP
    // back to "One"; the newer CRM version must then stage "Two" again, although the ERP
    // already says "Two" — else the staged "One" is sent last and wins.
    const e = await engineFor();
    const { accountid, number } = await pairedAccount();
    expect((await e.engine.pauseMaps([MAP])).ok).toBe(true);
    await backOffice(accountPath(accountid), { name: 'Catch-up One' });
    await e.engine.syncNow();
    await backOffice(customerPath(number), { OrganizationName: 'Catch-up Two' });
    await backOffice(accountPath(accountid), { name: 'Catch-up Two' });
    await e.engine.syncNow();
    expect((await mapStatus(e)).queued).toBeGreaterThanOrEqual(2);
    expect((await e.engine.resumeMaps([MAP], 'catch-up')).ok).toBe(true);
    await settle(e);
    expect((await get(accountPath(accountid))).name).toBe('Catch-up Two');
    expect((await get(customerPath(number))).OrganizationName).toBe('Catch-up Two');
  });
});

describe('skip to live', () => {
  it('skip-keep goes live at once, keeps the held changes as catch-up items, and retries them on request', async () => {
    const e = await engineFor();
    const { accountid, number } = await pairedAccount();
    const original = await get(accountPath(accountid));
    await e.engine.pauseMaps([MAP]);
    await e.engine.updateAccount(accountid, { telephone1: '+1 555 0101' });
    await backOffice(customerPath(number), { TaxExemptNumber: 'TX-KEEP' });
    await e.engine.syncNow();

    expect(await e.engine.resumeMaps([MAP], 'skip-keep')).toEqual({ ok: true, value: { [MAP]: 'running' } });
    await settle(e);
    const account = await get(accountPath(accountid));
    expect(account.telephone1).toBe('+1 555 0101'); // the agent's write was released
    expect(account.msdyn_taxexemptnumber).toBe(original.msdyn_taxexemptnumber); // the back-office change waits
    expect(await mapStatus(e)).toMatchObject({ state: 'running', queued: 0, catchUpItems: 1 });
    const items = await e.engine.queue({ kind: 'catch-up', offset: 0, limit: 10 });
    expect(items.ok && items.value.items.map((i) => [i.mapId, i.rowId])).toEqual([[MAP, `erp_CustomersV3|usmf|${number}`]]);
    if (!items.ok) return;

    expect(await e.engine.retryQueued({ ids: [987654] })).toMatchObject({ ok: false, error: { code: 'QUEUE_ITEM_NOT_FOUND', details: { ids: [987654] } } });
    expect(await e.engine.retryQueued({})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const writes = await changeCount();
    expect(await e.engine.retryQueued({ ids: [items.value.items[0]?.id as number] })).toEqual({ ok: true, value: { retried: 1 } });
    await settle(e);
    expect((await get(accountPath(accountid))).msdyn_taxexemptnumber).toBe('TX-KEEP');
    expect(await changeCount()).toBe(writes + 1);
    expect(await mapStatus(e)).toMatchObject({ catchUpItems: 0 });
  });

  it('skip-discard needs confirmation, drops only the held back-office changes, and never an agent’s write', async () => {
    const e = await engineFor();
    const { accountid, number } = await pairedAccount();
    const original = await get(customerPath(number));
    await e.engine.pauseMaps([MAP]);
    await e.engine.updateAccount(accountid, { name: 'Kept Through Discard Ltd' });
    await backOffice(accountPath(accountid), { emailaddress1: 'discarded@example.com' });
    await e.engine.syncNow();
    const ops = await pendingOps(e);

    const unconfirmed = await e.engine.resumeMaps([MAP], 'skip-discard');
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED', details: { held: 1 } } });
    expect(await mapStatus(e)).toMatchObject({ state: 'paused', queued: 1 });

    const writes = await changeCount();
    expect(await e.engine.resumeMaps([MAP], 'skip-discard', true)).toEqual({ ok: true, value: { [MAP]: 'running' } });
    await settle(e);
    expect(await mapStatus(e)).toMatchObject({ state: 'running', queued: 0, catchUpItems: 0 });
    expect(await get(customerPath(number))).toMatchObject({ OrganizationName: 'Kept Through Discard Ltd', PrimaryContactEmail: original.PrimaryContactEmail });
    expect((await get(accountPath(accountid))).name).toBe('Kept Through Discard Ltd');
    expect(await changeCount()).toBe(writes + ops);
  });
});

describe('the queue browser', () => {
  it('filters held items by key and kind, pages them, and refuses bad queries with a reason', async () => {
    const e = await engineFor();
    const a = await pairedAccount();
    const b = await pairedAccount();
    await e.engine.pauseMaps([MAP]);
    await backOffice(customerPath(a.number), { CreditRating: 'A1' });
    await backOffice(customerPath(b.number), { CreditRating: 'B1' });
    await backOffice(accountPath(a.accountid), { telephone1: '+1 555 0111' });
    await e.engine.syncNow();

    const byKey = await e.engine.queue({ key: a.number, offset: 0, limit: 10 });
    expect(byKey.ok && byKey.value.items.map((i) => i.rowId)).toEqual([`erp_CustomersV3|usmf|${a.number}`, `crm_accounts|${a.accountid}`]);
    const byGuid = await e.engine.queue({ key: a.accountid.toUpperCase(), offset: 0, limit: 10 });
    expect(byGuid.ok && byGuid.value.total).toBe(1);
    const page = await e.engine.queue({ mapId: MAP, kind: 'held', offset: 1, limit: 1 });
    expect(page.ok && [page.value.total, page.value.items[0]?.row['CreditRating']]).toEqual([3, 'B1']);
    expect(await e.engine.queue({ kind: 'catch-up', offset: 0, limit: 10 })).toEqual({ ok: true, value: { total: 0, items: [] } });

    expect(await e.engine.queue({ offset: 0, limit: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { limit: 0 } } });
    expect(await e.engine.queue({ offset: -1, limit: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await e.engine.queue({ kind: 'other' as never, offset: 0, limit: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await e.engine.queue({ mapId: 'nope', offset: 0, limit: 5 })).toMatchObject({ ok: false, error: { code: 'MAP_UNKNOWN' } });
  });
});
