/**
 * Company scope does not reveal which keys exist in other companies: when the key (primary
 * or alternate) names a company the user is not granted, the answer is 403 before any
 * lookup, whether the row exists or not (never 404, 409 or 412); a POST is checked against
 * the body's company before the "already exists" check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
let demfAccount: string;
let demfGuid: string;
beforeAll(async () => {
  server = await startTestServer();
  demfAccount = (await server.request('GET', `${ERP}/CustomersV3?$filter=dataAreaId eq 'demf'&$top=1`)).body.value[0].CustomerAccount;
  demfGuid = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'demf'`)).body.value[0].cdm_companyid;
});
afterAll(() => server.stop());

const as = { as: 'agent.usmf' };

describe('company scope does not reveal which foreign keys exist', () => {
  it('answers 403 for GET, PATCH and DELETE of a foreign key, whether the row exists or not', async () => {
    for (const account of ['NO-SUCH', demfAccount]) {
      const url = `${ERP}/CustomersV3(dataAreaId='demf',CustomerAccount='${account}')`;
      expect((await server.request('GET', url, as)).status, `GET ${account}`).toBe(403);
      expect((await server.request('PATCH', url, { ...as, body: { PersonLastName: 'X' } })).status, `PATCH ${account}`).toBe(403);
      expect((await server.request('DELETE', url, as)).status, `DELETE ${account}`).toBe(403);
      expect((await server.request('DELETE', url, { ...as, headers: { 'If-Match': 'W/"1"' } })).status, `DELETE If-Match ${account}`).toBe(403);
    }
  });

  it('answers 403 for a CRM alternate key naming a foreign company, and for a foreign company record', async () => {
    expect((await server.request('GET', `${CRM}/accounts(accountnumber='NO-SUCH',msdyn_company=${demfGuid})`, as)).status).toBe(403);
    expect((await server.request('GET', `${ERP}/LegalEntities('zzzz')`, as)).status).toBe(403);
    expect((await server.request('GET', `${CRM}/cdm_companies(cdm_companycode='zzzz')`, as)).status).toBe(403);
  });

  it('answers 403, not 409 EntityExists, to a POST of an existing foreign key', async () => {
    const reply = await server.request('POST', `${ERP}/CustomersV3`, {
      ...as,
      body: { dataAreaId: 'demf', CustomerAccount: demfAccount, PartyType: 'Person', PersonLastName: 'X', CustomerGroupId: 'x', SalesCurrencyCode: 'EUR' },
    });
    expect(reply.status).toBe(403);
    expect(reply.text).not.toContain(demfAccount);
  });

  it('still answers 404 for a missing key in a granted company', async () => {
    expect((await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='NO-SUCH')`, as)).status).toBe(404);
  });
});
