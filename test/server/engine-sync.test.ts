/**
 * The engine against the real server over HTTP (Node, fake-indexeddb): offline edits,
 * back-office edits mirrored across stores, conflicts by the map's rule, rejections with
 * compensation, crashes mid-push — and nothing lost or applied twice.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from '../support/engine.ts';
import { pairedAccounts } from '../support/accounts.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, readAll, startTestServer } from '../support/server.ts';

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

async function engineFor(username = 'agent.usmf'): Promise<TestEngine> {
  const e = await startEngine(server, username);
  engines.push(e);
  return e;
}

/** A paired account/customer of usmf that no other test uses. */
const pairedAccount = pairedAccounts(() => server);

const crmAccount = async (id: string) => (await server.request('GET', `${CRM}/accounts(${id})`)).body;
const erpCustomer = async (number: string) => (await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${number}')`)).body;
const changeCount = async () => Number((await server.db.all<{ v: number }>("SELECT SUM(value) AS v FROM tandem_sequences"))[0]?.v);

describe('engine ↔ real server', () => {
  it('bootstraps the agent’s company into the replica', async () => {
    const { engine } = await engineFor();
    const page = await engine.listAccounts({ search: '', offset: 0, limit: 500 });
    const { rows } = await readAll(server, `${CRM}/accounts`, { as: 'agent.usmf' });
    expect(page.total).toBe(rows.length);
    expect(new Set(page.rows.map((r) => r.company))).toEqual(new Set(['usmf']));
    const status = await engine.status();
    expect(status).toMatchObject({ pending: 0, phase: 'idle', needsSignIn: false });
    expect(status.lastSyncAt).not.toBeNull();
  });

  it('keeps an offline edit, then writes it to the CRM and the ERP on reconnect', async () => {
    const e = await engineFor();
    const { accountid, accountnumber } = await pairedAccount();
    e.network.online = false;
    const result = await e.engine.updateAccount(accountid, { name: 'Offline Edit Ltd', telephone1: '+1 555 0100' });
    expect(result.ok).toBe(true);
    const local = await e.engine.getAccount(accountid);
    expect(local?.account['name']).toBe('Offline Edit Ltd');
    expect(local?.customer?.['OrganizationName']).toBe('Offline Edit Ltd');
    expect(local?.customer?.['PrimaryContactPhone']).toBe('+1 555 0100');
    await e.engine.syncNow();
    expect(await e.engine.status()).toMatchObject({ pending: 1, online: false });
    expect((await crmAccount(accountid)).name).not.toBe('Offline Edit Ltd');

    e.network.online = true;
    await e.engine.syncNow();
    expect((await e.engine.status()).pending).toBe(0);
    expect(await crmAccount(accountid)).toMatchObject({ name: 'Offline Edit Ltd', telephone1: '+1 555 0100', modifiedby: 'agent.usmf' });
    expect(await erpCustomer(accountnumber)).toMatchObject({ OrganizationName: 'Offline Edit Ltd', PrimaryContactPhone: '+1 555 0100' });
  });

  it('mirrors a back-office ERP edit into the CRM, and the echo does not loop', async () => {
    const e = await engineFor();
    const { accountid, accountnumber } = await pairedAccount();
    await server.request('PATCH', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${accountnumber}')`, { as: 'backoffice', body: { CreditLimit: '77777.5', SalesMemo: 'Raised by finance' } });
    await e.engine.syncNow();
    expect(await crmAccount(accountid)).toMatchObject({ creditlimit: '77777.5', description: 'Raised by finance', modifiedby: 'agent.usmf' });
    const before = await changeCount();
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await changeCount()).toBe(before);
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('mirrors a back-office CRM edit into the ERP', async () => {
    const e = await engineFor();
    const { accountid, accountnumber } = await pairedAccount();
    await server.request('PATCH', `${CRM}/accounts(${accountid})`, { as: 'backoffice', body: { emailaddress1: 'crm-side@example.com' } });
    await e.engine.syncNow();
    expect((await erpCustomer(accountnumber)).PrimaryContactEmail).toBe('crm-side@example.com');
  });

  it('merges concurrent edits: different fields both survive, the same field goes to the server (rule server-wins)', async () => {
    const e = await engineFor();
    const { accountid, accountnumber } = await pairedAccount();
    e.network.online = false;
    await e.engine.updateAccount(accountid, { name: 'Agent Name', telephone1: 'agent-phone' });
    await server.request('PATCH', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${accountnumber}')`, { as: 'backoffice', body: { CreditLimit: '4242', PrimaryContactPhone: 'office-phone' } });
    e.network.online = true;
    await e.engine.syncNow();
    await e.engine.syncNow();
    const crm = await crmAccount(accountid);
    const erp = await erpCustomer(accountnumber);
    expect(crm).toMatchObject({ name: 'Agent Name', creditlimit: '4242', telephone1: 'office-phone' });
    expect(erp).toMatchObject({ OrganizationName: 'Agent Name', CreditLimit: '4242', PrimaryContactPhone: 'office-phone' });
    const local = await e.engine.getAccount(accountid);
    expect(local?.account).toMatchObject({ name: 'Agent Name', telephone1: 'office-phone', creditlimit: '4242' });
  });

  it('resolves a conflict found only at push time (412) the same way', async () => {
    const e = await engineFor();
    const { accountid, accountnumber } = await pairedAccount();
    await e.engine.updateAccount(accountid, { telephone1: 'agent-late' }); // pushes right away…
    await e.engine.syncNow();
    e.network.online = false;
    await e.engine.updateAccount(accountid, { telephone1: 'agent-again', name: 'Kept Name' });
    await server.request('PATCH', `${CRM}/accounts(${accountid})`, { as: 'backoffice', body: { telephone1: 'crm-office' } });
    e.network.online = true;
    await e.engine.syncNow(); // pull sees the CRM change first, or push meets a 412: either way server wins
    await e.engine.syncNow();
    expect(await crmAccount(accountid)).toMatchObject({ telephone1: 'crm-office', name: 'Kept Name' });
    expect(await erpCustomer(accountnumber)).toMatchObject({ PrimaryContactPhone: 'crm-office', OrganizationName: 'Kept Name' });
  });

  it('rolls back locally, writes nothing, and says which map and field failed when a transform fails', async () => {
    const e = await engineFor();
    const { accountid, accountnumber } = await pairedAccount();
    const result = await e.engine.write({ side: 'erp', set: 'CustomersV3', key: { dataAreaId: 'usmf', CustomerAccount: accountnumber }, kind: 'upsert', values: { CreditLimit: '10.12345' }, description: 'too precise' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('MAP_PRECISION_LOSS');
      expect(result.error.message).toContain('customers-accounts');
    }
    expect((await e.engine.status()).pending).toBe(0);
    expect((await e.engine.getAccount(accountid))?.customer?.['CreditLimit']).not.toBe('10.12345');
    const bad = await e.engine.write({ side: 'crm', set: 'accounts', key: { accountid }, kind: 'upsert', values: { msdyn_onholdstatus: 123 }, description: 'bad option' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/OnHoldStatus|msdyn_onholdstatus/);
    expect((await e.engine.getAccount(accountid))?.account['msdyn_onholdstatus']).not.toBe(123);
  });

  /** A customer group pair only this test uses, created in both stores by the back office. */
  async function freshGroup(id: string): Promise<string> {
    await server.request('POST', `${ERP}/CustomerGroups`, { as: 'backoffice', body: { dataAreaId: 'usmf', CustomerGroupId: id, Description: `Group ${id}` } });
    const crm = await server.request('POST', `${CRM}/msdyn_customergroups`, { as: 'backoffice', body: { msdyn_groupid: id, msdyn_description: `Group ${id}`, msdyn_company: usmf } });
    return crm.body.msdyn_customergroupid as string;
  }

  it('when the ERP refuses its half, the CRM half is not sent, both rows are restored, and the error is logged', async () => {
    const groupGuid = await freshGroup('T-RJ1');
    const e = await engineFor();
    const { accountid, accountnumber } = await pairedAccount();
    const before = await crmAccount(accountid);
    e.network.online = false;
    expect((await e.engine.updateAccount(accountid, { msdyn_customergroupid: groupGuid, name: 'Regrouped' })).ok).toBe(true);
    expect((await e.engine.getAccount(accountid))?.customer?.['CustomerGroupId']).toBe('T-RJ1');
    // Meanwhile the ERP loses the group, so the ERP refuses the customer's new group.
    await server.request('DELETE', `${ERP}/CustomerGroups(dataAreaId='usmf',CustomerGroupId='T-RJ1')`, { as: 'backoffice' });
    e.network.online = true;
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await crmAccount(accountid)).toMatchObject({ name: before.name, msdyn_customergroupid: before.msdyn_customergroupid });
    expect((await erpCustomer(accountnumber)).OrganizationName).toBe(before.name);
    expect((await e.engine.getAccount(accountid))?.account).toMatchObject({ name: before.name, msdyn_customergroupid: before.msdyn_customergroupid });
    const errors = await e.engine.errors();
    expect(errors.some((x) => x.code === 'ReferenceNotFound' && x.side === 'erp' && x.set === 'CustomersV3')).toBe(true);
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('when the CRM refuses its half after the ERP took it, the ERP is compensated', async () => {
    const groupGuid = await freshGroup('T-RJ2');
    const e = await engineFor();
    const { accountid, accountnumber } = await pairedAccount();
    const before = await erpCustomer(accountnumber);
    e.network.online = false;
    expect((await e.engine.updateAccount(accountid, { msdyn_customergroupid: groupGuid })).ok).toBe(true);
    await server.request('DELETE', `${CRM}/msdyn_customergroups(${groupGuid})`, { as: 'backoffice' });
    e.network.online = true;
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect((await erpCustomer(accountnumber)).CustomerGroupId).toBe(before.CustomerGroupId);
    const crm = await crmAccount(accountid);
    expect(crm.msdyn_customergroupid).not.toBe(groupGuid);
    const errors = await e.engine.errors();
    expect(errors.some((x) => x.code === 'ReferenceNotFound' && x.side === 'crm' && x.message.includes('restored'))).toBe(true);
    expect((await e.engine.getAccount(accountid))?.customer?.['CustomerGroupId']).toBe(before.CustomerGroupId);
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('survives a crash mid-push: the server applied the batch, the answer was lost; after restart nothing is lost or applied twice', async () => {
    let e = await engineFor();
    const { accountid, accountnumber } = await pairedAccount();
    const before = await changeCount();
    let dropped = 0;
    e.network.dropAnswer = (url, method) => method === 'POST' && url.endsWith('/$batch') && dropped++ < 2;
    await e.engine.updateAccount(accountid, { name: 'Crash Safe Co' });
    await e.engine.syncNow();
    expect(dropped).toBeGreaterThan(0);
    expect((await e.engine.status()).pending).toBe(1);
    e.network.dropAnswer = null;
    e = await e.restart();
    engines.push(e);
    await e.engine.syncNow();
    expect((await e.engine.status()).pending).toBe(0);
    expect((await crmAccount(accountid)).name).toBe('Crash Safe Co');
    expect((await erpCustomer(accountnumber)).OrganizationName).toBe('Crash Safe Co');
    expect(await changeCount()).toBe(before + 2); // one ERP row write, one CRM row write
  });

  it('resumes an interrupted first load at the page it reached, without re-applying pages', async () => {
    const network = { online: true, dropAnswer: null as ((url: string, method: string) => boolean) | null, requests: [] as { url: string; method: string }[] };
    let pages = 0;
    // The third page's answer is lost and the network stays down: the load stops mid-feed.
    network.dropAnswer = (url) => {
      if (!url.includes('/CustomersV3') || ++pages !== 3) return false;
      network.online = false;
      return true;
    };
    let e = await startEngine(server, 'agent.usmf', 'agent', `resume-${Date.now()}`, network, 7);
    engines.push(e);
    expect((await e.engine.status()).phase).toBe('offline');
    const fetchedBefore = network.requests.filter((r) => r.url.includes('/CustomersV3')).length;
    network.dropAnswer = null;
    network.online = true;
    e = await e.restart();
    engines.push(e);
    const customerPages = network.requests.filter((r) => r.url.includes('/CustomersV3')).slice(fetchedBefore);
    expect(customerPages[0]?.url).toContain('$skiptoken=');
    const local = await e.engine.ctx.db.rows('erp_CustomersV3').count();
    const { rows } = await readAll(server, `${ERP}/CustomersV3`, { as: 'agent.usmf' });
    expect(local).toBe(rows.length);
  });

  it('lets two agents’ engines edit the same company and converge without duplicates', async () => {
    const a = await engineFor();
    const b = await engineFor();
    const { accountid, accountnumber } = await pairedAccount();
    const before = await changeCount();
    await a.engine.updateAccount(accountid, { telephone1: 'from-a' });
    await b.engine.updateAccount(accountid, { address1_city: 'From B City' });
    await Promise.all([a.engine.syncNow(), b.engine.syncNow()]);
    await a.engine.syncNow();
    await b.engine.syncNow();
    await a.engine.syncNow();
    const crm = await crmAccount(accountid);
    const erp = await erpCustomer(accountnumber);
    expect(crm).toMatchObject({ telephone1: 'from-a', address1_city: 'From B City' });
    expect(erp).toMatchObject({ PrimaryContactPhone: 'from-a', DeliveryAddressCity: 'From B City' });
    for (const e of [a, b]) {
      expect((await e.engine.status()).pending).toBe(0);
      expect((await e.engine.getAccount(accountid))?.account).toMatchObject({ telephone1: 'from-a', address1_city: 'From B City' });
    }
    expect(await changeCount()).toBeLessThanOrEqual(before + 4);
  });

  it('creates a customer offline in both stores, exactly once', async () => {
    const e = await engineFor();
    const groups = (await e.engine.choices()).groups['usmf'] ?? [];
    e.network.online = false;
    const created = await e.engine.createCustomer({ company: 'usmf', accountNumber: 'US-NEW-1', name: 'Fresh Field Co', customerGroup: groups[0]?.value ?? '', currency: 'USD', creditLimit: '1500.25', phone: '+1 555 0199', city: 'Seattle' });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const local = await e.engine.getAccount(created.value.accountid);
    expect(local?.account).toMatchObject({ name: 'Fresh Field Co', accountnumber: 'US-NEW-1', msdyn_company: usmf, customertypecode: 3 });
    e.network.online = true;
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await crmAccount(created.value.accountid)).toMatchObject({ name: 'Fresh Field Co', creditlimit: '1500.25', telephone1: '+1 555 0199', address1_city: 'Seattle' });
    expect(await erpCustomer('US-NEW-1')).toMatchObject({ OrganizationName: 'Fresh Field Co', CreditLimit: '1500.25', CustomerGroupId: groups[0]?.value });
    const count = await server.request('GET', `${CRM}/accounts/$count?$filter=accountnumber eq 'US-NEW-1'`);
    expect(count.text).toBe('1');
  });

  it('cancels a create that never left the device when the row is deleted again', async () => {
    const e = await engineFor();
    const groups = (await e.engine.choices()).groups['usmf'] ?? [];
    e.network.online = false;
    const created = await e.engine.createCustomer({ company: 'usmf', accountNumber: 'US-GONE-1', name: 'Second Thoughts Inc', customerGroup: groups[0]?.value ?? '', currency: 'USD' });
    expect(created.ok).toBe(true);
    expect((await e.engine.status()).pending).toBe(1);
    const removed = await e.engine.write({ side: 'erp', set: 'CustomersV3', key: { dataAreaId: 'usmf', CustomerAccount: 'US-GONE-1' }, kind: 'delete', values: {}, description: 'changed my mind' });
    expect(removed.ok).toBe(true);
    expect((await e.engine.status()).pending).toBe(0);
    e.network.online = true;
    await e.engine.syncNow();
    expect((await server.request('GET', `${ERP}/CustomersV3/$count?$filter=CustomerAccount eq 'US-GONE-1'`)).text).toBe('0');
    expect((await server.request('GET', `${CRM}/accounts/$count?$filter=accountnumber eq 'US-GONE-1'`)).text).toBe('0');
  });

  it('leaves global reference data to privileged users: an agent’s engine does not mirror it (no 403s), a back-office engine does', async () => {
    const agent = await engineFor();
    const office = await startEngine(server, 'backoffice', 'backoffice');
    engines.push(office);
    await server.request('PATCH', `${ERP}/Currencies(CurrencyCode='JPY')`, { as: 'backoffice', body: { Name: 'Yen (renamed)' } });
    await agent.engine.syncNow();
    expect(await agent.engine.status()).toMatchObject({ pending: 0 });
    expect((await agent.engine.errors()).filter((x) => x.code === 'Forbidden')).toEqual([]);
    expect((await server.request('GET', `${CRM}/transactioncurrencies(isocurrencycode='JPY')`)).body.currencyname).not.toBe('Yen (renamed)');
    await office.engine.syncNow();
    await office.engine.syncNow();
    expect((await server.request('GET', `${CRM}/transactioncurrencies(isocurrencycode='JPY')`)).body.currencyname).toBe('Yen (renamed)');
  });

  it('backs off on 503s and loses nothing', async () => {
    const e = await engineFor();
    const { accountid } = await pairedAccount();
    await server.request('PUT', '/admin/faults', { body: { errorRate: 1 } });
    await e.engine.updateAccount(accountid, { description: 'through the storm' });
    await e.engine.syncNow();
    const status = await e.engine.status();
    await server.request('PUT', '/admin/faults', { body: { errorRate: 0 } });
    expect(status.phase).toBe('backoff');
    expect(status.pending).toBe(1);
    await e.engine.syncNow();
    expect((await crmAccount(accountid)).description).toBe('through the storm');
  });

  it('keeps the queue when the token is refused, and drains it after signing in again', async () => {
    const e = await engineFor();
    const { accountid } = await pairedAccount();
    await server.db.run('DELETE FROM tandem_tokens WHERE username = ?', ['agent.usmf']);
    await e.engine.updateAccount(accountid, { address1_city: 'Tacoma' });
    await e.engine.syncNow();
    expect(await e.engine.status()).toMatchObject({ needsSignIn: true, pending: 1 });
    expect((await e.engine.signIn('agent.usmf', 'agent')).ok).toBe(true);
    await e.engine.syncNow();
    expect((await e.engine.status()).pending).toBe(0);
    expect((await crmAccount(accountid)).address1_city).toBe('Tacoma');
  });
});
