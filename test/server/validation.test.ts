import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
let group: string;
let usmf: string;
beforeAll(async () => {
  server = await startTestServer();
  group = (await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'usmf'&$top=1`)).body.value[0].CustomerGroupId;
  usmf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`)).body.value[0].cdm_companyid;
});
afterAll(() => server.stop());

const valid = (extra: Record<string, unknown> = {}) => ({
  dataAreaId: 'usmf',
  CustomerAccount: `V-${Math.random().toString(36).slice(2, 10)}`,
  PartyType: 'Organization',
  OrganizationName: 'Valid Co',
  CustomerGroupId: group,
  SalesCurrencyCode: 'USD',
  ...extra,
});

async function expectRejected(body: unknown, code: string, target: string, status = 400, set = `${ERP}/CustomersV3`) {
  const reply = await server.request('POST', set, { body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body.error).toMatchObject({ code, target });
  expect(typeof reply.body.error.message).toBe('string');
  expect(Array.isArray(reply.body.error.details)).toBe(true);
  return reply.body.error;
}

describe('validation on write', () => {
  it('requires required fields and lists every missing one', async () => {
    const error = await expectRejected({ dataAreaId: 'usmf', CustomerAccount: 'V-REQ' }, 'RequiredProperty', 'PartyType');
    const targets = error.details.map((d: { target: string }) => d.target);
    expect(targets).toEqual(expect.arrayContaining(['PartyType', 'CustomerGroupId', 'SalesCurrencyCode']));
    await expectRejected(valid({ OrganizationName: 'x', PartyType: null }), 'RequiredProperty', 'PartyType');
    await expectRejected(valid({ CustomerAccount: '' }), 'RequiredProperty', 'CustomerAccount');
  });

  it('checks types, lengths in characters, and enumerations', async () => {
    await expectRejected(valid({ OrganizationName: 42 }), 'InvalidValue', 'OrganizationName');
    await expectRejected(valid({ OrganizationName: 'x'.repeat(101) }), 'ValueTooLong', 'OrganizationName');
    const emoji = '😀'.repeat(100); // 100 characters, 200 UTF-16 units
    expect((await server.request('POST', `${ERP}/CustomersV3`, { body: valid({ OrganizationName: emoji }) })).status).toBe(201);
    await expectRejected(valid({ OnHoldStatus: 'Maybe' }), 'InvalidEnumValue', 'OnHoldStatus');
    await expectRejected({ name: 'x', msdyn_company: usmf, msdyn_onholdstatus: 1 }, 'InvalidEnumValue', 'msdyn_onholdstatus', 400, `${CRM}/accounts`);
    await expectRejected({ name: 'x', msdyn_company: usmf, msdyn_onetimecustomer: 'yes' }, 'InvalidValue', 'msdyn_onetimecustomer', 400, `${CRM}/accounts`);
    await expectRejected({ name: 'x', msdyn_company: 'not-a-guid' }, 'InvalidValue', 'msdyn_company', 400, `${CRM}/accounts`);
  });

  it('keeps decimals exact: strings only, scale and precision enforced', async () => {
    await expectRejected(valid({ CreditLimit: 0.1 }), 'InvalidValue', 'CreditLimit');
    await expectRejected(valid({ CreditLimit: '1.1234567' }), 'DecimalScale', 'CreditLimit');
    await expectRejected(valid({ CreditLimit: '1' + '0'.repeat(26) }), 'DecimalPrecision', 'CreditLimit');
    await expectRejected(valid({ CreditLimit: '12,5' }), 'InvalidValue', 'CreditLimit');
    const ok = await server.request('POST', `${ERP}/CustomersV3`, { body: valid({ CreditLimit: '12345678901234567890.123456' }) });
    expect(ok.status).toBe(201);
    expect(ok.body.CreditLimit).toBe('12345678901234567890.123456');
    const integer = await server.request('POST', `${ERP}/CustomersV3`, { body: valid({ CreditLimit: 5000 }) });
    expect(integer.body.CreditLimit).toBe('5000');
    const product = await server.request('POST', `${ERP}/ReleasedProducts`, {
      body: { dataAreaId: 'usmf', ItemNumber: 'V-PRICE', ProductName: 'Tiny price', SalesUnitSymbol: 'ea', SalesPrice: '0.0000000001' },
    });
    expect(product.body.SalesPrice).toBe('0.0000000001');
    const rate = await server.request('PATCH', `${CRM}/transactioncurrencies(isocurrencycode='USD')`, { body: { exchangerate: '1.123456789012' } });
    expect(rate.status).toBe(204);
    const read = await server.request('GET', `${CRM}/transactioncurrencies(isocurrencycode='USD')`);
    expect(read.body.exchangerate).toBe('1.123456789012');
  });

  it('checks references to other rows, within the same company', async () => {
    await expectRejected(valid({ CustomerGroupId: 'NOPE' }), 'ReferenceNotFound', 'CustomerGroupId');
    await expectRejected(valid({ SalesCurrencyCode: 'XXX' }), 'ReferenceNotFound', 'SalesCurrencyCode');
    await expectRejected(valid({ dataAreaId: 'zzzz' }), 'ReferenceNotFound', 'dataAreaId');
    const demfGroup = (await server.request('GET', `${CRM}/msdyn_customergroups?$filter=msdyn_company ne ${usmf}&$top=1`)).body.value[0];
    await expectRejected({ name: 'x', msdyn_company: usmf, msdyn_customergroupid: demfGroup.msdyn_customergroupid }, 'ReferenceNotFound', 'msdyn_customergroupid', 400, `${CRM}/accounts`);
    await expectRejected({ name: 'x', msdyn_company: usmf, primarycontactid: crypto.randomUUID() }, 'ReferenceNotFound', 'primarycontactid', 400, `${CRM}/accounts`);
  });

  it('refuses unknown and read-only properties by name', async () => {
    await expectRejected(valid({ Colour: 'red' }), 'UnknownProperty', 'Colour');
    await expectRejected(valid({ ModifiedDateTime: '2020-01-01T00:00:00Z' }), 'ReadOnlyProperty', 'ModifiedDateTime');
    const annotated = await server.request('POST', `${ERP}/CustomersV3`, { body: valid({ '@odata.etag': 'W/"1"' }) });
    expect(annotated.status).toBe(201);
  });

  it('refuses bodies that are not JSON objects', async () => {
    for (const body of ['[1,2]', '"text"', '{"unterminated":', 'null']) {
      const reply = await server.request('POST', `${ERP}/CustomersV3`, { body });
      expect(reply.status, body).toBe(400);
      expect(reply.body.error.code).toBe('InvalidBody');
    }
    const form = await server.request('POST', `${ERP}/CustomersV3`, { body: 'a=b', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });

  it('writes nothing when validation fails', async () => {
    await server.request('POST', `${ERP}/CustomersV3`, { body: valid({ CustomerAccount: 'V-NOTHING', CreditLimit: 'x' }) });
    expect((await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='V-NOTHING')`)).status).toBe(404);
  });
});
