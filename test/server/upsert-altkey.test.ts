/**
 * Write conflicts and preconditions answer as OData errors, never a 500:
 * - a PATCH upsert by alternate key whose body names a primary key another row already has
 *   is 409 EntityExists naming that key (checked before the INSERT);
 * - a SQLite constraint that still fires is a 409 ConstraintViolation (a safety net);
 * - If-Match is honoured by GET (stale → 412) and by DELETE of a missing row (412, as PATCH).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asODataError } from '../../server/odata/errors.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('upsert by alternate key with a primary key in the body', () => {
  it('refuses a primary key that another row already has with 409 EntityExists naming the key, and writes nothing', async () => {
    const existing = (await server.request('GET', `${CRM}/accounts?$top=1`)).body.value[0];
    const url = `${CRM}/accounts(accountnumber='REVIEW-NEW',msdyn_company=${existing.msdyn_company})`;
    const reply = await server.request('PATCH', url, { body: { accountid: existing.accountid, name: 'Clash' } });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('EntityExists');
    expect(reply.body.error.message).toContain(`accounts(${existing.accountid as string}) already exists`);
    expect((await server.request('GET', url)).status).toBe(404);
    expect((await server.request('GET', `${CRM}/accounts(${existing.accountid as string})`)).body.name).toBe(existing.name);
  });

  it('creates the row when the body’s primary key is free', async () => {
    const company = (await server.request('GET', `${CRM}/accounts?$top=1`)).body.value[0].msdyn_company;
    const id = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const reply = await server.request('PATCH', `${CRM}/accounts(accountnumber='REVIEW-FREE',msdyn_company=${company})`, { body: { accountid: id, name: 'Free' } });
    expect(reply.status).toBe(204);
    expect((await server.request('GET', `${CRM}/accounts(${id})`)).body.accountnumber).toBe('REVIEW-FREE');
  });
});

describe('SQLite constraint errors', () => {
  it('map to 409 ConstraintViolation with a clear message, not a 500', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const unique = Object.assign(new Error('UNIQUE constraint failed: t.x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    const primary = Object.assign(new Error('UNIQUE constraint failed: t.id'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(asODataError(unique)).toMatchObject({ status: 409, code: 'ConstraintViolation' });
    expect(asODataError(primary).message).toMatch(/: another row already has this key\. Nothing was written\.$/);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});

describe('If-Match on reads and deletes', () => {
  const url = `${ERP}/Currencies('USD')`;

  it('answers a GET with a stale If-Match 412, and with the current one 200', async () => {
    const etag = (await server.request('GET', url)).headers.get('etag') as string;
    const stale = await server.request('GET', url, { headers: { 'If-Match': 'W/"999999"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('PreconditionFailed');
    expect((await server.request('GET', url, { headers: { 'If-Match': etag } })).status).toBe(200);
    expect((await server.request('GET', url, { headers: { 'If-Match': '*' } })).status).toBe(200);
  });

  it('answers a DELETE with If-Match of a missing row 412, as PATCH does; without If-Match 404', async () => {
    const missing = `${ERP}/Currencies('ZZZ')`;
    for (const method of ['DELETE', 'PATCH']) {
      const reply = await server.request(method, missing, { headers: { 'If-Match': 'W/"1"' }, ...(method === 'PATCH' ? { body: { Name: 'x' } } : {}) });
      expect(reply.status, method).toBe(412);
      expect(reply.body.error.code).toBe('PreconditionFailed');
    }
    expect((await server.request('DELETE', missing, { headers: { 'If-Match': '*' } })).status).toBe(412);
    expect((await server.request('DELETE', missing)).status).toBe(404);
  });
});
