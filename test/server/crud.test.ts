import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
let usmf: string; // CRM company GUID of usmf
let group: string; // an ERP customer group of usmf

beforeAll(async () => {
  server = await startTestServer();
  const companies = await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`);
  usmf = companies.body.value[0].cdm_companyid;
  const groups = await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'usmf'&$top=1`);
  group = groups.body.value[0].CustomerGroupId;
});
afterAll(() => server.stop());

const customer = (account: string, extra: Record<string, unknown> = {}) => ({
  dataAreaId: 'usmf',
  CustomerAccount: account,
  PartyType: 'Organization',
  OrganizationName: `Org ${account}`,
  CustomerGroupId: group,
  SalesCurrencyCode: 'USD',
  ...extra,
});
const erpKey = (account: string) => `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${account}')`;

describe('ERP entity CRUD', () => {
  it('creates with POST, returns 201 with the row, Location and ETag, and defaults applied', async () => {
    const reply = await server.request('POST', `${ERP}/CustomersV3`, { body: customer('T-CRUD-1', { CreditLimit: '1250.50' }) });
    expect(reply.status).toBe(201);
    expect(reply.body.CustomerAccount).toBe('T-CRUD-1');
    expect(reply.body.CreditLimit).toBe('1250.5');
    expect(reply.body.OnHoldStatus).toBe('No');
    expect(reply.body.ModifiedBy).toBe('admin');
    expect(reply.body['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect(reply.headers.get('etag')).toBe(reply.body['@odata.etag']);
    expect(reply.headers.get('location')).toContain("CustomersV3(dataAreaId='usmf',CustomerAccount='T-CRUD-1')");
  });

  it('reads by composite key, and 404s an unknown key', async () => {
    const reply = await server.request('GET', erpKey('T-CRUD-1'));
    expect(reply.status).toBe(200);
    expect(reply.body.OrganizationName).toBe('Org T-CRUD-1');
    const missing = await server.request('GET', erpKey('NOPE'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NotFound');
  });

  it('refuses a second POST of the same key with 409', async () => {
    const reply = await server.request('POST', `${ERP}/CustomersV3`, { body: customer('T-CRUD-1') });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('EntityExists');
  });

  it('updates with PATCH, bumping the version only when a value changes', async () => {
    const before = await server.request('GET', erpKey('T-CRUD-1'));
    const patch = await server.request('PATCH', erpKey('T-CRUD-1'), { body: { CreditLimit: '9000' } });
    expect(patch.status).toBe(204);
    const after = await server.request('GET', erpKey('T-CRUD-1'));
    expect(after.body.CreditLimit).toBe('9000');
    expect(after.body['@odata.etag']).not.toBe(before.body['@odata.etag']);
    expect(patch.headers.get('etag')).toBe(after.body['@odata.etag']);

    const echo = await server.request('PATCH', erpKey('T-CRUD-1'), { body: { CreditLimit: '9000.00' } });
    expect(echo.status).toBe(204);
    expect(echo.headers.get('etag')).toBe(after.body['@odata.etag']);
  });

  it('upserts with PATCH on a key that does not exist, and stays idempotent on retry', async () => {
    const body = { PartyType: 'Organization', OrganizationName: 'Upserted', CustomerGroupId: group, SalesCurrencyCode: 'USD' };
    const first = await server.request('PATCH', erpKey('T-UPSERT-1'), { body, headers: { Prefer: 'return=representation' } });
    expect(first.status).toBe(201);
    expect(first.body.dataAreaId).toBe('usmf');
    const retry = await server.request('PATCH', erpKey('T-UPSERT-1'), { body });
    expect(retry.status).toBe(204);
    expect(retry.headers.get('etag')).toBe(first.body['@odata.etag']);
    const count = await server.request('GET', `${ERP}/CustomersV3/$count?$filter=CustomerAccount eq 'T-UPSERT-1'`);
    expect(count.text).toBe('1');
  });

  it('refuses a body whose key differs from the URL', async () => {
    const reply = await server.request('PATCH', erpKey('T-CRUD-1'), { body: { CustomerAccount: 'OTHER' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('KeyMismatch');
    expect(reply.body.error.target).toBe('CustomerAccount');
  });

  it('deletes, then 404s, and refuses to delete a row others reference', async () => {
    await server.request('POST', `${ERP}/CustomersV3`, { body: customer('T-PAYER') });
    await server.request('POST', `${ERP}/CustomersV3`, { body: customer('T-PAYEE', { InvoiceAccount: 'T-PAYER' }) });
    const blocked = await server.request('DELETE', erpKey('T-PAYER'));
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('RowReferenced');
    expect(blocked.body.error.details[0].target).toBe('CustomersV3.InvoiceAccount');

    expect((await server.request('DELETE', erpKey('T-PAYEE'))).status).toBe(204);
    expect((await server.request('DELETE', erpKey('T-PAYER'))).status).toBe(204);
    expect((await server.request('GET', erpKey('T-PAYER'))).status).toBe(404);
    expect((await server.request('DELETE', erpKey('T-PAYER'))).status).toBe(404);
  });

  it('lets a customer reference itself as invoice account', async () => {
    const reply = await server.request('POST', `${ERP}/CustomersV3`, { body: customer('T-SELF', { InvoiceAccount: 'T-SELF' }) });
    expect(reply.status).toBe(201);
    expect((await server.request('DELETE', erpKey('T-SELF'))).status).toBe(204);
  });
});

describe('CRM entity CRUD with GUID and alternate keys', () => {
  it('creates with a server GUID, reads by GUID and by alternate key', async () => {
    const created = await server.request('POST', `${CRM}/accounts`, {
      body: { name: 'Alt Key Ltd', accountnumber: 'T-ALT-1', msdyn_company: usmf, creditlimit: '100.1234' },
    });
    expect(created.status).toBe(201);
    const id = created.body.accountid;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const byId = await server.request('GET', `${CRM}/accounts(${id})`);
    expect(byId.body.name).toBe('Alt Key Ltd');
    const byAlt = await server.request('GET', `${CRM}/accounts(accountnumber='T-ALT-1',msdyn_company=${usmf})`);
    expect(byAlt.status).toBe(200);
    expect(byAlt.body.accountid).toBe(id);
    expect(byAlt.body.creditlimit).toBe('100.1234');
  });

  it('upserts by a client-generated GUID, so a retried create is not duplicated', async () => {
    const id = crypto.randomUUID();
    const body = { name: 'Client Keyed', accountnumber: 'T-CK-1', msdyn_company: usmf };
    expect((await server.request('PATCH', `${CRM}/accounts(${id})`, { body })).status).toBe(204);
    expect((await server.request('PATCH', `${CRM}/accounts(${id})`, { body })).status).toBe(204);
    const all = await server.request('GET', `${CRM}/accounts?$filter=accountnumber eq 'T-CK-1'`);
    expect(all.body.value).toHaveLength(1);
    expect(all.body.value[0].accountid).toBe(id);
  });

  it('upserts by alternate key, generating the GUID', async () => {
    const url = `${CRM}/accounts(accountnumber='T-AK-UP',msdyn_company=${usmf})`;
    const first = await server.request('PATCH', url, { body: { name: 'By Alternate Key' }, headers: { Prefer: 'return=representation' } });
    expect(first.status).toBe(201);
    expect(first.body.accountnumber).toBe('T-AK-UP');
    expect(first.body.msdyn_company).toBe(usmf);
    const second = await server.request('PATCH', url, { body: { name: 'Renamed' }, headers: { Prefer: 'return=representation' } });
    expect(second.status).toBe(200);
    expect(second.body.accountid).toBe(first.body.accountid);
    expect(second.body.name).toBe('Renamed');
  });

  it('refuses a duplicate alternate key with 409', async () => {
    const reply = await server.request('POST', `${CRM}/accounts`, { body: { name: 'Dup', accountnumber: 'T-ALT-1', msdyn_company: usmf } });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('DuplicateAlternateKey');
  });

  it('keeps the company of a row immutable', async () => {
    const demf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'demf'`)).body.value[0].cdm_companyid;
    const reply = await server.request('PATCH', `${CRM}/accounts(accountnumber='T-ALT-1',msdyn_company=${usmf})`, { body: { msdyn_company: demf } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('ImmutableProperty');
  });

  it('answers the service document and refuses unknown sets and methods', async () => {
    const doc = await server.request('GET', `${CRM}/`);
    expect(doc.body.value.map((s: { name: string }) => s.name)).toContain('accounts');
    const unknown = await server.request('GET', `${CRM}/nosuchset`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('nosuchset');
    const put = await server.request('PUT', `${CRM}/accounts(${crypto.randomUUID()})`, { body: {} });
    expect(put.status).toBe(405);
  });
});
