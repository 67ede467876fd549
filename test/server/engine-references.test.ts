/**
 * The map language at run time in the engine, against the real server: self and circular
 * references written in two passes, values a rule changed on purpose logged, and the
 * conflict rule taken per field (an override beats the map's rule).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_MAPS, type FieldMapping, type TableMap } from '../../src/core/maps/index.ts';
import { commitWrite } from '../../src/engine/local-write.ts';
import type { TestEngine } from '../support/engine.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
let group: string;
const engines: TestEngine[] = [];

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'tiny' });
  group = (await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'usmf'&$top=1`)).body.value[0].CustomerGroupId;
});
afterEach(async () => {
  while (engines.length) await engines.pop()?.close();
});
afterAll(() => server.stop());

async function engineFor(maps?: readonly TableMap[]): Promise<TestEngine> {
  const e = await startEngine(server, 'agent.usmf', 'agent', undefined, undefined, 500, maps);
  engines.push(e);
  return e;
}

const customerPath = (n: string) => `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${n}')`;
const customer = (n: string, extra: Record<string, unknown> = {}) => ({
  dataAreaId: 'usmf',
  CustomerAccount: n,
  PartyType: 'Organization',
  OrganizationName: `Customer ${n}`,
  CustomerGroupId: group,
  SalesCurrencyCode: 'USD',
  ...extra,
});

async function account(number: string): Promise<Record<string, unknown>> {
  const reply = await server.request('GET', `${CRM}/accounts?$filter=accountnumber eq '${number}'`);
  const row = reply.body.value[0] as Record<string, unknown> | undefined;
  if (!row) throw new Error(`no CRM account ${number}`);
  return row;
}

async function backOffice(method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>): Promise<void> {
  const reply = await server.request(method, path, { as: 'backoffice', body });
  expect(reply.status, reply.text).toBeLessThan(300);
}

/** The standard catalog with one map replaced. */
function withMap(id: string, change: (map: TableMap) => TableMap): TableMap[] {
  return STANDARD_MAPS.map((m) => (m.id === id ? change(m) : m));
}

describe('two passes for self and circular references', () => {
  it('customers created in the ERP whose invoice accounts point at each other arrive in the CRM pointing at each other', async () => {
    const e = await engineFor();
    await backOffice('POST', `${ERP}/CustomersV3`, customer('T-RING-A'));
    await backOffice('POST', `${ERP}/CustomersV3`, customer('T-RING-B', { InvoiceAccount: 'T-RING-A' }));
    await backOffice('PATCH', customerPath('T-RING-A'), { InvoiceAccount: 'T-RING-B' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    const [a, b] = [await account('T-RING-A'), await account('T-RING-B')];
    expect(a['msdyn_billingaccount']).toBe(b['accountid']);
    expect(b['msdyn_billingaccount']).toBe(a['accountid']);
    expect(await e.engine.errors()).toEqual([]);
    expect((await e.engine.status()).pending).toBe(0);
    expect((await e.engine.ctx.db.meta.get('deferredMirrors'))?.value).toEqual([]);
  });

  it('a customer created offline as its own invoice account reaches both stores in one write each', async () => {
    const e = await engineFor();
    e.network.online = false;
    await commitWrite(e.engine.ctx, { side: 'erp', set: 'CustomersV3', key: null, kind: 'upsert', values: customer('T-SELF-1', { InvoiceAccount: 'T-SELF-1' }), description: 'self-billed customer' });
    const local = await e.engine.ctx.db.rows('crm_accounts').where('accountnumber').equals('T-SELF-1').first();
    expect(local?.['msdyn_billingaccount']).toBe(local?.['accountid']);
    const entries = await e.engine.ctx.db.outbox.toArray();
    expect(entries).toHaveLength(1);
    const crmOps = entries[0]?.ops.filter((op) => op.side === 'crm') ?? [];
    expect(crmOps).toHaveLength(1);
    expect(crmOps[0]?.patch['msdyn_billingaccount']).toBe(local?.['accountid']);
    e.network.online = true;
    await e.engine.syncNow();
    const crm = await account('T-SELF-1');
    expect(crm['accountid']).toBe(local?.['accountid']);
    expect(crm['msdyn_billingaccount']).toBe(crm['accountid']);
    expect((await server.request('GET', customerPath('T-SELF-1'))).body.InvoiceAccount).toBe('T-SELF-1');
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('a reference that never finds its counterpart becomes an error after a few pulls, and the row still arrives', async () => {
    // The billing account is a person customer, which the organisations' map never mirrors.
    await backOffice('POST', `${ERP}/CustomersV3`, customer('T-PERSON-1', { PartyType: 'Person', OrganizationName: null, PersonFirstName: 'Pat', PersonLastName: 'Payer' }));
    const e = await engineFor();
    await backOffice('POST', `${ERP}/CustomersV3`, customer('T-ORPHAN-1', { InvoiceAccount: 'T-PERSON-1' }));
    for (let i = 0; i < 4; i++) await e.engine.syncNow();
    expect((await account('T-ORPHAN-1'))['msdyn_billingaccount']).toBeNull();
    const errors = await e.engine.errors();
    expect(errors.map((x) => x.code)).toContain('MAP_LOOKUP_NOT_FOUND');
    expect(errors.find((x) => x.code === 'MAP_LOOKUP_NOT_FOUND')?.message).toContain('T-ORPHAN-1');
  });
});

describe('rules at run time', () => {
  it('logs a value a rounding rule changed on purpose', async () => {
    const rounding = withMap('customers-accounts', (m) => ({
      ...m,
      fields: m.fields.map((f): FieldMapping => (f.kind === 'copy' && f.erp === 'CreditLimit' ? { ...f, rule: { type: 'decimal', erpScale: 6, crmScale: 4, onLoss: 'round', rounding: 'half-even' } } : f)),
    }));
    const e = await engineFor(rounding);
    await backOffice('POST', `${ERP}/CustomersV3`, customer('T-ROUND-1', { CreditLimit: '1000.123456' }));
    await e.engine.syncNow();
    expect((await account('T-ROUND-1'))['creditlimit']).toBe('1000.1235');
    const activity = await e.engine.activity(50);
    expect(activity.find((a) => a.kind === 'transformed')?.message).toContain('"1000.123456" → "1000.1235" (round)');
  });

  it('a field override beats the map rule: the agent wins the name, the server the phone', async () => {
    const clientName = withMap('customers-accounts', (m) => ({ ...m, fieldConflicts: { name: { rule: 'client-wins' } } }));
    const e = await engineFor(clientName);
    await backOffice('POST', `${ERP}/CustomersV3`, customer('T-RULE-1'));
    await e.engine.syncNow();
    const { accountid } = await account('T-RULE-1');
    e.network.online = false;
    await e.engine.updateAccount(accountid as string, { name: 'Agent Name', telephone1: 'agent-phone' });
    await backOffice('PATCH', `${CRM}/accounts(${accountid as string})`, { name: 'Office Name', telephone1: 'office-phone' });
    e.network.online = true;
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await account('T-RULE-1')).toMatchObject({ name: 'Agent Name', telephone1: 'office-phone' });
    expect((await server.request('GET', customerPath('T-RULE-1'))).body).toMatchObject({ OrganizationName: 'Agent Name', PrimaryContactPhone: 'office-phone' });
  });
});

describe('what the maps keep one way is read-only for agents', () => {
  it('refuses an edit of a one-way set or field with the map that keeps it, writes nothing, and still takes two-way edits', async () => {
    const e = await engineFor();
    const before = await e.engine.ctx.db.outbox.count();
    const stock = await e.engine.ctx.db.rows('crm_msdyn_inventoryonhandentries').limit(1).first();
    expect(stock, 'the seed has on-hand rows').toBeDefined();
    const key = { msdyn_inventoryonhandentryid: stock?.['msdyn_inventoryonhandentryid'] as string };
    const refused = await e.engine.write({ side: 'crm', set: 'msdyn_inventoryonhandentries', key, kind: 'upsert', values: { msdyn_availablequantity: '1' }, description: 'stock edit' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(refused.ok ? '' : refused.error.message).toContain('inventory-onhand');
    const order = await e.engine.ctx.db.rows('crm_salesorders').limit(1).first();
    const orderKey = { salesorderid: order?.['salesorderid'] as string };
    const totals = await e.engine.write({ side: 'crm', set: 'salesorders', key: orderKey, kind: 'upsert', values: { totalamount: '1' }, description: 'totals edit' });
    expect(totals).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(totals.ok ? '' : totals.error.message).toContain('totalamount');
    expect(await e.engine.ctx.db.outbox.count()).toBe(before);
    expect((await e.engine.ctx.db.rows('crm_salesorders').get(orderKey.salesorderid))?.['totalamount']).toBe(order?.['totalamount']);
    const twoWay = await e.engine.write({ side: 'crm', set: 'salesorders', key: orderKey, kind: 'upsert', values: { description: 'Deliver by the back door' }, description: 'order note' });
    expect(twoWay.ok).toBe(true);
  });
});

describe('a 412 on the CRM half after the ERP half went through', () => {
  it('leaves both stores with the same value', async () => {
    const e = await engineFor();
    await backOffice('POST', `${ERP}/CustomersV3`, customer('T-HALF-1', { PrimaryContactPhone: 'original' }));
    await e.engine.syncNow();
    const { accountid } = await account('T-HALF-1');
    e.network.online = false;
    expect((await e.engine.updateAccount(accountid as string, { telephone1: 'agent-phone' })).ok).toBe(true);
    // The CRM back office changes the phone after the engine's pull and ERP push, just before its CRM push.
    let changed = false;
    e.network.beforeRequest = async (url, method) => {
      if (changed || method !== 'POST' || !url.includes('/crm/api/data/v9.2/$batch')) return;
      changed = true;
      await backOffice('PATCH', `${CRM}/accounts(${accountid as string})`, { telephone1: 'crm-office' });
    };
    e.network.online = true;
    await e.engine.syncNow();
    e.network.beforeRequest = null;
    await e.engine.syncNow();
    expect(changed).toBe(true);
    // Known limit: the ERP half was confirmed before the CRM's change was met; the stores then
    // converge on the agent's value, not the CRM's (server-wins is not honoured across the two
    // halves here). What must hold is that they agree.
    const crm = (await account('T-HALF-1'))['telephone1'];
    expect((await server.request('GET', customerPath('T-HALF-1'))).body.PrimaryContactPhone).toBe(crm);
    expect(['agent-phone', 'crm-office']).toContain(crm);
    expect((await e.engine.status()).pending).toBe(0);
  });
});
