import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, readAll, startTestServer } from '../support/server.ts';

let server: TestServer;
let now = new Date('2026-11-22T10:00:00Z');

beforeAll(async () => {
  server = await startTestServer({ now: () => now });
});
afterAll(() => server.stop());

async function signIn(body: string, type = 'application/x-www-form-urlencoded') {
  const response = await fetch(`${server.url}/auth/token`, { method: 'POST', headers: { 'Content-Type': type }, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('sign-in', () => {
  it('issues a bearer token for a good password', async () => {
    const reply = await signIn('grant_type=password&username=agent.usmf&password=agent');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(String(reply.body['access_token']).length).toBeGreaterThan(30);
  });

  it('refuses a wrong password, an unknown user and other grants', async () => {
    expect((await signIn('grant_type=password&username=agent.usmf&password=nope')).body['error']).toBe('invalid_grant');
    expect((await signIn('grant_type=password&username=ghost&password=agent')).body['error']).toBe('invalid_grant');
    expect((await signIn('grant_type=client_credentials')).body['error']).toBe('unsupported_grant_type');
    expect((await signIn('{"username":"admin"}', 'application/json')).status).toBe(400);
  });

  it('stores passwords hashed, never in clear', async () => {
    const rows = await server.db.all<{ password_hash: string }>('SELECT password_hash FROM tandem_users');
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain('agent');
    }
  });
});

describe('bearer tokens', () => {
  it('rejects data requests without, with a bad, or with an expired token', async () => {
    const none = await fetch(`${server.url}${ERP}/CustomersV3`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('Unauthorized');
    expect((await server.request('GET', `${ERP}/Units`, { token: 'forged' })).status).toBe(401);
    expect((await server.request('GET', `${CRM}/$metadata`, { token: 'forged' })).status).toBe(401);

    const token = (await signIn('grant_type=password&username=agent.demf&password=agent')).body['access_token'] as string;
    expect((await server.request('GET', `${ERP}/Units`, { token })).status).toBe(200);
    now = new Date(now.getTime() + 3601_000);
    const expired = await server.request('GET', `${ERP}/Units`, { token });
    now = new Date('2026-11-22T10:00:00Z');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('TokenExpired');
  });

  it('tells a token its user, role and companies at /auth/me', async () => {
    const agent = await server.request('GET', '/auth/me', { as: 'agent.demf' });
    expect(agent.body).toEqual({ username: 'agent.demf', role: 'agent', companies: ['demf'] });
    const admin = await server.request('GET', '/auth/me', { as: 'admin' });
    expect(admin.body).toEqual({ username: 'admin', role: 'admin', companies: '*' });
    expect((await server.request('GET', '/auth/me', { token: 'forged' })).status).toBe(401);
  });

  it('serves /health without a token', async () => {
    const health = (await (await fetch(`${server.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', stores: { erp: { sets: 29 }, crm: { sets: 31 } } });
  });
});

describe('company scope', () => {
  it('returns only granted companies in collections, on both stores, and in change feeds', async () => {
    const erp = await readAll(server, `${ERP}/CustomersV3`, { as: 'agent.usmf' });
    expect(erp.rows.length).toBeGreaterThan(0);
    expect(new Set(erp.rows.map((r) => r['dataAreaId']))).toEqual(new Set(['usmf']));
    const usmf = (await server.request('GET', `${CRM}/cdm_companies`, { as: 'agent.usmf' })).body.value;
    expect(usmf.map((c: { cdm_companycode: string }) => c.cdm_companycode)).toEqual(['usmf']);
    const crm = await readAll(server, `${CRM}/accounts`, { as: 'agent.usmf', headers: { Prefer: 'odata.track-changes' } });
    expect(crm.rows.length).toBeGreaterThan(0);
    expect(new Set(crm.rows.map((r) => r['msdyn_company']))).toEqual(new Set([usmf[0].cdm_companyid]));
    const legal = await server.request('GET', `${ERP}/LegalEntities`, { as: 'agent.usmf' });
    expect(legal.body.value.map((l: { LegalEntityId: string }) => l.LegalEntityId)).toEqual(['usmf']);
    const count = await server.request('GET', `${ERP}/CustomersV3/$count?$filter=dataAreaId eq 'demf'`, { as: 'agent.usmf' });
    expect(count.text).toBe('0');
  });

  it('answers 403 when a request touches a company that is not granted', async () => {
    const demfRow = (await server.request('GET', `${ERP}/CustomersV3?$filter=dataAreaId eq 'demf'&$top=1`)).body.value[0];
    const url = `${ERP}/CustomersV3(dataAreaId='demf',CustomerAccount='${demfRow.CustomerAccount}')`;
    expect((await server.request('GET', url, { as: 'agent.usmf' })).status).toBe(403);
    expect((await server.request('PATCH', url, { as: 'agent.usmf', body: { CreditRating: 'X' } })).status).toBe(403);
    expect((await server.request('DELETE', url, { as: 'agent.usmf' })).status).toBe(403);
    const group = (await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'demf'&$top=1`)).body.value[0].CustomerGroupId;
    const create = await server.request('POST', `${ERP}/CustomersV3`, {
      as: 'agent.usmf',
      body: { dataAreaId: 'demf', CustomerAccount: 'SNEAK', PartyType: 'Person', PersonLastName: 'S', CustomerGroupId: group, SalesCurrencyCode: 'EUR' },
    });
    expect(create.status).toBe(403);
    expect(create.body.error.message).toContain('demf');
    const demfGuid = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'demf'`)).body.value[0].cdm_companyid;
    const crm = await server.request('POST', `${CRM}/accounts`, { as: 'agent.usmf', body: { name: 'Sneak', msdyn_company: demfGuid } });
    expect(crm.status).toBe(403);
    expect((await server.request('GET', `${ERP}/CustomersV3/$count?$filter=CustomerAccount eq 'SNEAK'`)).text).toBe('0');
  });

  it('lets agents read but not change reference data', async () => {
    expect((await server.request('GET', `${ERP}/Currencies`, { as: 'agent.gbsi' })).status).toBe(200);
    const write = await server.request('PATCH', `${ERP}/Currencies(CurrencyCode='USD')`, { as: 'agent.gbsi', body: { Name: 'Dollar' } });
    expect(write.status).toBe(403);
    expect((await server.request('PATCH', `${ERP}/Currencies(CurrencyCode='USD')`, { as: 'backoffice', body: { Name: 'US dollar' } })).status).toBe(204);
  });

  it('scopes $batch parts the same way', async () => {
    const demfRow = (await server.request('GET', `${ERP}/CustomersV3?$filter=dataAreaId eq 'demf'&$top=1`)).body.value[0];
    const reply = await server.request('POST', `${ERP}/$batch`, {
      as: 'agent.usmf',
      body: { requests: [{ id: '1', method: 'GET', url: `CustomersV3(dataAreaId='demf',CustomerAccount='${demfRow.CustomerAccount}')` }] },
    });
    expect(reply.body.responses[0].status).toBe(403);
  });
});
