import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, readAll, startTestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const INJECTIONS = [
  "' OR 1=1 --",
  "x'; DROP TABLE erp_CustomersV3; --",
  "') OR ('a'='a",
  '" OR ""="',
  '\\\' OR 1=1',
  '%27 OR 1=1',
  '\u0000',
  "'; SELECT * FROM tandem_users; --",
];

describe('hostile input stays data', () => {
  it('treats SQL in $filter string literals as plain text', async () => {
    const before = await readAll(server, `${ERP}/CustomersV3`);
    for (const text of INJECTIONS) {
      const literal = `'${text.replace(/'/g, "''")}'`;
      const reply = await server.request('GET', `${ERP}/CustomersV3?$filter=${encodeURIComponent(`OrganizationName eq ${literal}`)}`);
      expect(reply.status, text).toBe(200);
      expect(reply.body.value, text).toEqual([]);
      const contains = await server.request('GET', `${ERP}/CustomersV3?$filter=${encodeURIComponent(`contains(OrganizationName, ${literal})`)}`);
      expect(contains.status, text).toBe(200);
      expect(contains.body.value, text).toEqual([]);
    }
    const after = await readAll(server, `${ERP}/CustomersV3`);
    expect(after.rows.length).toBe(before.rows.length);
  });

  it('finds a stored value containing SQL exactly, and only it', async () => {
    const usmf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`)).body.value[0].cdm_companyid;
    const name = "Robert'); DROP TABLE crm_accounts;--";
    await server.request('POST', `${CRM}/accounts`, { body: { name, msdyn_company: usmf } });
    const reply = await server.request('GET', `${CRM}/accounts?$filter=${encodeURIComponent(`name eq '${name.replace(/'/g, "''")}'`)}`);
    expect(reply.body.value).toHaveLength(1);
    expect(reply.body.value[0].name).toBe(name);
  });

  it('treats SQL in key predicates as data', async () => {
    for (const text of INJECTIONS) {
      const key = encodeURIComponent(text.replace(/'/g, "''"));
      const reply = await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${key}')`);
      expect([400, 404], text).toContain(reply.status);
      expect(reply.body.error.code).toMatch(/NotFound|InvalidKey/);
    }
    const malformed = await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount=1 OR 1=1)`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/position \d+/);
  });

  it('refuses field names that are not the schema’s, wherever they appear', async () => {
    const select = await server.request('GET', `${ERP}/CustomersV3?$select=${encodeURIComponent('CustomerAccount, (SELECT password_hash FROM tandem_users)')}`);
    expect(select.status).toBe(400);
    const order = await server.request('GET', `${ERP}/CustomersV3?$orderby=${encodeURIComponent('1; DROP TABLE x')}`);
    expect(order.status).toBe(400);
    const body = await server.request('POST', `${CRM}/accounts`, { body: { 'name" = 1; --': 'x' } });
    expect(body.status).toBe(400);
    expect(body.body.error.code).toBe('UnknownProperty');
  });

  it('survives pathological filters without hanging or crashing', async () => {
    const cases = ['('.repeat(3000), '('.repeat(200) + 'true' + ')'.repeat(200), 'not '.repeat(200) + 'true', 'x'.repeat(5000), "'unterminated", 'a eq 1 and '.repeat(500) + 'a eq 1', '\u0001\u0002'];
    for (const filter of cases) {
      const reply = await server.request('GET', `${ERP}/Units?$filter=${encodeURIComponent(filter)}`);
      expect(reply.status, filter.slice(0, 20)).toBe(400);
      expect(reply.body.error.code).toBe('InvalidFilter');
    }
    expect((await server.request('GET', `${ERP}/Units`)).status).toBe(200);
  });

  it('refuses forged skip tokens', async () => {
    const forged = Buffer.from(JSON.stringify({ m: 'p', set: 'Units', o: "1; DROP TABLE x" })).toString('base64url');
    const reply = await server.request('GET', `${ERP}/Units?$skiptoken=${forged}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('InvalidSkipToken');
  });
});
