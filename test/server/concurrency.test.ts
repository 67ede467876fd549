import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CRM, startTestServer } from '../support/server.ts';

let server: TestServer;
let usmf: string;
beforeAll(async () => {
  server = await startTestServer();
  usmf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`)).body.value[0].cdm_companyid;
});
afterAll(() => server.stop());

async function newAccount(name: string): Promise<{ url: string; etag: string }> {
  const reply = await server.request('POST', `${CRM}/accounts`, { body: { name, msdyn_company: usmf } });
  return { url: `${CRM}/accounts(${reply.body.accountid})`, etag: reply.body['@odata.etag'] };
}

describe('optimistic concurrency with ETags', () => {
  it('applies a PATCH whose If-Match is current, and 412s a stale one without writing', async () => {
    const { url, etag } = await newAccount('Versioned');
    const ok = await server.request('PATCH', url, { body: { telephone1: '111' }, headers: { 'If-Match': etag } });
    expect(ok.status).toBe(204);
    const stale = await server.request('PATCH', url, { body: { telephone1: '222' }, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('PreconditionFailed');
    expect(stale.body.error.message).toContain(ok.headers.get('etag'));
    expect((await server.request('GET', url)).body.telephone1).toBe('111');
  });

  it('412s a stale DELETE and keeps the row', async () => {
    const { url, etag } = await newAccount('Delete me');
    await server.request('PATCH', url, { body: { name: 'Changed meanwhile' } });
    const stale = await server.request('DELETE', url, { headers: { 'If-Match': etag } });
    expect(stale.status).toBe(412);
    expect((await server.request('GET', url)).status).toBe(200);
    expect((await server.request('DELETE', url, { headers: { 'If-Match': '*' } })).status).toBe(204);
  });

  it('412s If-Match on a row that does not exist instead of creating it', async () => {
    const url = `${CRM}/accounts(${crypto.randomUUID()})`;
    const reply = await server.request('PATCH', url, { body: { name: 'x', msdyn_company: usmf }, headers: { 'If-Match': 'W/"1"' } });
    expect(reply.status).toBe(412);
    expect((await server.request('GET', url)).status).toBe(404);
  });

  it('uses If-None-Match: * to create only, and to skip unchanged reads with 304', async () => {
    const id = crypto.randomUUID();
    const url = `${CRM}/accounts(${id})`;
    const create = await server.request('PATCH', url, { body: { name: 'Once', msdyn_company: usmf }, headers: { 'If-None-Match': '*' } });
    expect(create.status).toBe(204);
    const again = await server.request('PATCH', url, { body: { name: 'Twice' }, headers: { 'If-None-Match': '*' } });
    expect(again.status).toBe(412);
    const etag = create.headers.get('etag') as string;
    const cached = await server.request('GET', url, { headers: { 'If-None-Match': etag } });
    expect(cached.status).toBe(304);
    await server.request('PATCH', url, { body: { name: 'Changed' } });
    expect((await server.request('GET', url, { headers: { 'If-None-Match': etag } })).status).toBe(200);
  });

  it('serialises concurrent PATCHes with the same If-Match: exactly one wins', async () => {
    const { url, etag } = await newAccount('Race');
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => server.request('PATCH', url, { body: { telephone1: `race-${i}` }, headers: { 'If-Match': etag } })),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(7);
  });
});
