/**
 * Initial sync against the real server: rows on one side only are created on the other,
 * differing pairs are resolved by the master side, self and circular references take two
 * passes, a crashed run resumes without redoing pages, a second run writes nothing, failed
 * rows are listed and re-run, and one record can be re-synced.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_MAPS, type TableMap } from '../../src/core/maps/index.ts';
import type { InitialSyncPhase } from '../../src/engine/api.ts';
import { TOO_LONG_EMAIL } from '../../server/seed/erp-only-customers.ts';
import type { HookedEngine, SeededServer, Writes } from '../support/initial-sync.ts';
import { hookedEngine, serverWithErpOnlyCustomers } from '../support/initial-sync.ts';
import { CRM, ERP, readAll } from '../support/server.ts';

const CUSTOMERS = ['companies', 'currencies', 'customer-groups', 'customers-accounts'];
const ERP_ONLY = 60;
const INVALID_EVERY = 20;

let server: SeededServer;
let group: string;
const engines: HookedEngine[] = [];

beforeAll(async () => {
  server = await serverWithErpOnlyCustomers({ count: ERP_ONLY, invalidEvery: INVALID_EVERY, prefix: 'IS' });
  group = (await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'usmf'&$top=1`)).body.value[0].CustomerGroupId;
});
afterEach(async () => {
  while (engines.length) await engines.pop()?.close();
});
afterAll(() => server.stop());

async function engineFor(options: Parameters<typeof hookedEngine>[1] = {}): Promise<HookedEngine> {
  const e = await hookedEngine(server, options);
  engines.push(e);
  return e;
}

async function backOffice(method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>): Promise<void> {
  const reply = await server.request(method, path, { as: 'backoffice', body });
  expect(reply.status, reply.text).toBeLessThan(300);
}

const customerPath = (n: string) => `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${n}')`;
const customer = (n: string, extra: Record<string, unknown> = {}) => ({ dataAreaId: 'usmf', CustomerAccount: n, PartyType: 'Organization', OrganizationName: `Customer ${n}`, CustomerGroupId: group, SalesCurrencyCode: 'USD', ...extra });

async function accounts(prefix: string): Promise<Record<string, unknown>[]> {
  return (await readAll(server, `${CRM}/accounts?$filter=startswith(accountnumber,'${prefix}')`)).rows;
}

async function account(number: string): Promise<Record<string, unknown> | undefined> {
  return (await server.request('GET', `${CRM}/accounts?$filter=accountnumber eq '${number}'`)).body.value[0];
}

async function erpCustomer(number: string): Promise<Record<string, unknown> | undefined> {
  const reply = await server.request('GET', customerPath(number));
  return reply.status === 200 ? reply.body : undefined;
}

/** Starts the initial sync and waits for the loop to finish it. */
async function initialSync(e: HookedEngine, ids = CUSTOMERS, options: Parameters<HookedEngine['engine']['startInitialSync']>[1] = {}) {
  const started = await e.engine.startInitialSync(ids, options);
  if (!started.ok) throw new Error(started.error.message);
  await e.engine.syncNow();
  return e.engine.initialSyncStatus();
}

const mapStatus = async (e: HookedEngine, id = 'customers-accounts') => (await e.engine.initialSyncStatus()).maps.find((m) => m.mapId === id);

describe('initial sync', () => {
  it('refuses unknown maps and missing dependencies, naming them', async () => {
    const e = await engineFor();
    const unknown = await e.engine.startInitialSync(['customers-accounts', 'no-such-map']);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_MAP', details: { mapIds: ['no-such-map'] } } });
    const missing = await e.engine.startInitialSync(['customers-accounts']);
    expect(missing).toMatchObject({ ok: false, error: { code: 'INITIAL_SYNC_DEPENDENCY', details: { missing: ['companies', 'customer-groups', 'currencies'] } } });
    expect((await e.engine.initialSyncStatus()).maps).toEqual([]);
  });

  it('creates ERP-only rows in the CRM and CRM-only rows in the ERP, lists every refused row, and a second run writes nothing', async () => {
    // A CRM-only account (made in the back office before the engine ever saw it).
    const usmf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`)).body.value[0].cdm_companyid;
    const template = await account('US-000001');
    await backOffice('POST', `${CRM}/accounts`, {
      accountnumber: 'CRMONLY-1',
      name: 'Made in the CRM',
      customertypecode: 3,
      msdyn_company: usmf,
      transactioncurrencyid: template?.['transactioncurrencyid'],
      msdyn_customergroupid: template?.['msdyn_customergroupid'],
    });
    const writes: Writes = { ops: [] };
    const seen: { done: number; total: number; eta: number | null }[] = [];
    const holder: { e?: HookedEngine } = {};
    const e = await engineFor({
      writes,
      hooks: {
        pageSize: 25,
        afterPage: async () => {
          const m = holder.e ? await mapStatus(holder.e) : undefined;
          if (m) seen.push({ done: m.done, total: m.total, eta: m.etaSeconds });
        },
      },
    });
    holder.e = e;
    const status = await initialSync(e);
    const m = status.maps.find((s) => s.mapId === 'customers-accounts');
    const invalid = server.erpOnly.invalid;
    expect(invalid).toHaveLength(ERP_ONLY / INVALID_EVERY);
    // The tiny seed has ERP-only rows of its own (some referencing contacts no map created yet: listed too).
    expect(m).toMatchObject({ state: 'failed', phase: 'done' });
    expect(m?.created).toBeGreaterThanOrEqual(ERP_ONLY - invalid.length + 1);
    expect(m?.done).toBe(m?.total);
    expect(m?.etaSeconds).toBe(0);
    expect(m?.rate).toBeGreaterThan(0);
    expect(status.overall.done).toBe(status.maps.reduce((s, x) => s + x.done, 0));
    // Progress while running: never past the total, an ETA once a rate is known.
    expect(seen.length).toBeGreaterThan(2);
    for (const p of seen) expect(p.done).toBeLessThanOrEqual(p.total);
    expect(seen.some((p) => p.eta !== null && p.eta > 0)).toBe(true);

    const created = await accounts('IS-');
    expect(created.map((a) => a['accountnumber']).sort()).toEqual(server.erpOnly.accounts.filter((a) => !invalid.includes(a)));
    expect(await erpCustomer('CRMONLY-1')).toMatchObject({ OrganizationName: 'Made in the CRM', PartyType: 'Organization' });
    // The other maps found both sides equal: nothing written for them.
    expect(status.maps.filter((s) => s.mapId !== 'customers-accounts').every((s) => s.state === 'done' && s.created === 0 && s.updated === 0)).toBe(true);

    const failures = await e.engine.initialSyncFailures('customers-accounts', { offset: 0, limit: 2 });
    expect(failures.ok && failures.value.total).toBe(m?.failed);
    expect(failures.ok && failures.value.rows).toHaveLength(2);
    const all = await e.engine.initialSyncFailures('customers-accounts', { offset: 0, limit: 100, search: 'MAP_TOO_LONG' });
    expect(all.ok && all.value.rows.map((f) => [f.code, f.key['CustomerAccount'], f.side, f.stage])).toEqual(invalid.map((n) => ['MAP_TOO_LONG', n, 'erp', 'map']));

    // Second run: nothing created (a row created in the ERP may differ by the values the ERP
    // defaulted on create, which the master side then writes back once); a third writes nothing.
    const again = await initialSync(e, CUSTOMERS, { rerun: 'all' });
    expect(again.maps.find((s) => s.mapId === 'customers-accounts')).toMatchObject({ created: 0, failed: m?.failed });
    writes.ops.length = 0;
    const third = await initialSync(e, CUSTOMERS, { rerun: 'all' });
    expect(third.maps.find((s) => s.mapId === 'customers-accounts')).toMatchObject({ created: 0, updated: 0, failed: m?.failed });
    expect(writes.ops).toEqual([]);
    expect(await accounts('IS-')).toHaveLength(created.length);
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('re-runs only the failed rows once they are fixed', async () => {
    const e = await engineFor();
    await initialSync(e);
    const invalid = server.erpOnly.invalid;
    for (const n of invalid) await backOffice('PATCH', customerPath(n), { PrimaryContactEmail: `fixed-${n}@example.com` });
    const writes: Writes = { ops: [] };
    const fixer = await engineFor({ writes, dbName: e.dbName });
    engines.splice(engines.indexOf(e), 1);
    await e.close();
    const before = await fixer.engine.initialSyncFailures('customers-accounts', { offset: 0, limit: 100 });
    const listed = before.ok ? before.value.total : -1;
    expect(listed).toBeGreaterThanOrEqual(invalid.length);
    const status = await initialSync(fixer, ['customers-accounts'], { rerun: 'failed' });
    // Only the listed rows were visited; the fixed ones are done, the seed's own unresolvable row stays listed.
    const rerun = status.maps.find((s) => s.mapId === 'customers-accounts');
    expect(rerun).toMatchObject({ phase: 'done', failed: listed - invalid.length });
    expect(rerun?.done).toBe(rerun?.total);
    expect(rerun?.done).toBeLessThanOrEqual(listed * 2); // each listed row, and its second pass if it has one
    for (const n of invalid) expect(await account(n)).toMatchObject({ emailaddress1: `fixed-${n}@example.com` });
    const failures = await fixer.engine.initialSyncFailures('customers-accounts', { offset: 0, limit: 10, search: 'IS-' });
    expect(failures.ok && failures.value.total).toBe(0);
    expect(await accounts('IS-')).toHaveLength(ERP_ONLY);
  });

  it('resolves differing pairs by the master side (ERP by default, the CRM when the map says so)', async () => {
    await backOffice('PATCH', customerPath('US-000002'), { OrganizationName: 'ERP name 2' });
    await backOffice('PATCH', customerPath('US-000003'), { OrganizationName: 'ERP name 3' });
    const erpMaster = await engineFor();
    await initialSync(erpMaster);
    expect(await account('US-000002')).toMatchObject({ name: 'ERP name 2' });
    expect(await account('US-000003')).toMatchObject({ name: 'ERP name 3' });
    expect(await mapStatus(erpMaster)).toMatchObject({ master: 'erp', updated: 2 });
    engines.splice(engines.indexOf(erpMaster), 1);
    await erpMaster.close();

    // Edited in the CRM while no engine ran: a fresh replica sees the pair differ.
    const id = (await account('US-000003'))?.['accountid'] as string;
    await backOffice('PATCH', `${CRM}/accounts(${id})`, { name: 'CRM name 3' });
    const crmMaps: TableMap[] = STANDARD_MAPS.map((m) => (m.id === 'customers-accounts' ? { ...m, initialSyncMaster: 'crm' } : m));
    const crmMaster = await engineFor({ maps: crmMaps });
    await initialSync(crmMaster);
    expect(await mapStatus(crmMaster)).toMatchObject({ master: 'crm', created: 0 });
    expect(await erpCustomer('US-000003')).toMatchObject({ OrganizationName: 'CRM name 3' });
    expect(await account('US-000003')).toMatchObject({ name: 'CRM name 3' });
  });

  it('writes customers whose invoice accounts point at each other in two passes', async () => {
    await backOffice('POST', `${ERP}/CustomersV3`, customer('RING-A'));
    await backOffice('POST', `${ERP}/CustomersV3`, customer('RING-B', { InvoiceAccount: 'RING-A' }));
    await backOffice('PATCH', customerPath('RING-A'), { InvoiceAccount: 'RING-B' });
    const e = await engineFor();
    await initialSync(e);
    const [a, b] = [await account('RING-A'), await account('RING-B')];
    expect(a?.['msdyn_billingaccount']).toBe(b?.['accountid']);
    expect(b?.['msdyn_billingaccount']).toBe(a?.['accountid']);
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('resumes after a crash without redoing finished pages or writing anything twice', async () => {
    // Its own rows: ERP-only customers made before this engine first loaded.
    for (let i = 1; i <= 30; i++) await backOffice('POST', `${ERP}/CustomersV3`, customer(`CR-${String(i).padStart(3, '0')}`));
    const pages: { mapId: string; phase: InitialSyncPhase; first: string }[] = [];
    let crashAfter = 3;
    const crash: { engine?: HookedEngine } = {};
    const hooks = {
      pageSize: 10,
      pushEvery: 1,
      afterPage: (page: { mapId: string; phase: InitialSyncPhase; first: unknown }) => {
        if (page.mapId !== 'customers-accounts') return;
        pages.push({ mapId: page.mapId, phase: page.phase, first: JSON.stringify(page.first) });
        if (--crashAfter !== 0) return;
        // The tab dies here: no more sync from this engine (as after a crash), and the loop stops.
        crash.engine?.engine.setLeader(false);
        throw new Error('crash after a page');
      },
    };
    const writes: Writes = { ops: [] };
    const first = await engineFor({ hooks, writes });
    crash.engine = first;
    await first.engine.startInitialSync(CUSTOMERS);
    await first.engine.syncNow();
    expect(pages).toHaveLength(3);
    expect(await mapStatus(first)).toMatchObject({ state: 'running', phase: 'erp' });
    engines.splice(engines.indexOf(first), 1);
    await first.close();

    const second = await engineFor({ hooks, writes, dbName: first.dbName });
    await second.engine.syncNow();
    expect(await mapStatus(second)).toMatchObject({ phase: 'done' });
    const firsts = pages.map((p) => `${p.phase} ${p.first}`);
    expect(new Set(firsts).size).toBe(firsts.length);
    const crs = await accounts('CR-');
    expect(crs).toHaveLength(30);
    const creates = writes.ops.filter((o) => o.side === 'crm' && o.url.includes('accounts'));
    expect(creates).toHaveLength(30);
    expect(new Set(creates.map((o) => o.url)).size).toBe(30);
  });

  it('re-syncs one record from the master side', async () => {
    const id = (await account('US-000004'))?.['accountid'] as string;
    await backOffice('PATCH', `${CRM}/accounts(${id})`, { name: 'Edited in the CRM only' });
    const e = await engineFor();
    const erp = await erpCustomer('US-000004');
    const result = await e.engine.resyncRecord('customers-accounts', 'erp', { dataAreaId: 'usmf', CustomerAccount: 'US-000004' });
    expect(result).toMatchObject({ ok: true, value: { created: 0, updated: 1, failure: null } });
    expect(await account('US-000004')).toMatchObject({ name: erp?.['OrganizationName'] });
    expect((await e.engine.status()).pending).toBe(0);
    const missing = await e.engine.resyncRecord('customers-accounts', 'erp', { dataAreaId: 'usmf', CustomerAccount: 'NOPE' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'ROW_NOT_FOUND' } });
  });

  it('lists a row the server refuses against its source row', async () => {
    // A map without the length rule: the CRM server refuses the e-mail instead of the map.
    await backOffice('POST', `${ERP}/CustomersV3`, customer('SRV-1', { PrimaryContactEmail: TOO_LONG_EMAIL }));
    const loose: TableMap[] = STANDARD_MAPS.map((m) =>
      m.id === 'customers-accounts' ? { ...m, fields: m.fields.map((f) => (f.kind === 'copy' && f.erp === 'PrimaryContactEmail' ? { kind: 'copy', erp: f.erp, crm: f.crm, direction: f.direction } : f)) } : m,
    );
    const e = await engineFor({ maps: loose });
    const status = await initialSync(e);
    expect(status.maps.find((s) => s.mapId === 'customers-accounts')).toMatchObject({ state: 'failed' });
    const failures = await e.engine.initialSyncFailures('customers-accounts', { offset: 0, limit: 100, search: 'SRV-1' });
    expect(failures.ok && failures.value.rows).toMatchObject([{ stage: 'server', side: 'erp', rowId: 'erp_CustomersV3|usmf|SRV-1' }]);
    expect(await account('SRV-1')).toBeUndefined();
  });
});
