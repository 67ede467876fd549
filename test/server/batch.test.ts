import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
let group: string;
beforeAll(async () => {
  server = await startTestServer();
  group = (await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'demf'&$top=1`)).body.value[0].CustomerGroupId;
});
afterAll(() => server.stop());

const customer = (account: string, extra: Record<string, unknown> = {}) => ({
  PartyType: 'Organization',
  OrganizationName: `Batch ${account}`,
  CustomerGroupId: group,
  SalesCurrencyCode: 'EUR',
  ...extra,
});
const path = (account: string) => `CustomersV3(dataAreaId='demf',CustomerAccount='${account}')`;
const exists = async (account: string) => (await server.request('GET', `${ERP}/${path(account)}`)).status === 200;

describe('$batch (OData JSON batch)', () => {
  it('commits an atomicity group whole', async () => {
    const reply = await server.request('POST', `${ERP}/$batch`, {
      body: {
        requests: [
          { id: '1', method: 'PATCH', url: path('B-OK-1'), atomicityGroup: 'g', body: customer('B-OK-1') },
          { id: '2', method: 'PATCH', url: path('B-OK-2'), atomicityGroup: 'g', body: customer('B-OK-2', { InvoiceAccount: 'B-OK-1' }) },
          { id: '3', method: 'GET', url: `${path('B-OK-1')}?$select=OrganizationName` },
        ],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.responses.map((r: { status: number }) => r.status)).toEqual([204, 204, 200]);
    expect(reply.body.responses[2].body.OrganizationName).toBe('Batch B-OK-1');
    expect(await exists('B-OK-1')).toBe(true);
    expect(await exists('B-OK-2')).toBe(true);
  });

  it('rolls a whole group back when one request in it fails, leaving other requests alone', async () => {
    const reply = await server.request('POST', `${ERP}/$batch`, {
      body: {
        requests: [
          { id: 'a', method: 'PATCH', url: path('B-SOLO'), body: customer('B-SOLO') },
          { id: 'b', method: 'PATCH', url: path('B-RB-1'), atomicityGroup: 'g1', body: customer('B-RB-1') },
          { id: 'c', method: 'PATCH', url: path('B-RB-2'), atomicityGroup: 'g1', body: customer('B-RB-2', { CreditLimit: 'lots' }) },
          { id: 'd', method: 'PATCH', url: path('B-AFTER'), body: customer('B-AFTER') },
          { id: 'e', method: 'PATCH', url: path('B-DEP'), dependsOn: ['g1'], body: customer('B-DEP') },
        ],
      },
    });
    expect(reply.status).toBe(200);
    const byId = Object.fromEntries(reply.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId['a'].status).toBe(204);
    expect(byId['b'].status).toBe(424);
    expect(byId['c'].status).toBe(400);
    expect(byId['c'].body.error).toMatchObject({ code: 'InvalidValue', target: 'CreditLimit' });
    expect(byId['d'].status).toBe(204);
    expect(byId['e'].status).toBe(424);
    expect(await exists('B-SOLO')).toBe(true);
    expect(await exists('B-RB-1')).toBe(false);
    expect(await exists('B-RB-2')).toBe(false);
    expect(await exists('B-AFTER')).toBe(true);
    expect(await exists('B-DEP')).toBe(false);
  });

  it('rolls back a group that fails on a stale If-Match (412)', async () => {
    await server.request('PATCH', `${ERP}/${path('B-412')}`, { body: customer('B-412') });
    const reply = await server.request('POST', `${ERP}/$batch`, {
      body: {
        requests: [
          { id: '1', method: 'PATCH', url: path('B-412'), atomicityGroup: 'g', body: { CreditRating: 'NEW' } },
          { id: '2', method: 'PATCH', url: path('B-412'), atomicityGroup: 'g', headers: { 'If-Match': 'W/"1"' }, body: { SalesMemo: 'x' } },
        ],
      },
    });
    expect(reply.body.responses.map((r: { status: number }) => r.status)).toEqual([424, 412]);
    expect((await server.request('GET', `${ERP}/${path('B-412')}`)).body.CreditRating).toBeNull();
  });

  it('accepts absolute and root-relative URLs of its own service only', async () => {
    const reply = await server.request('POST', `${CRM}/$batch`, {
      body: {
        requests: [
          { id: '1', method: 'GET', url: `${server.url}${CRM}/uoms?$top=1` },
          { id: '2', method: 'GET', url: `${CRM}/uoms/$count` },
        ],
      },
    });
    expect(reply.body.responses.map((r: { status: number }) => r.status)).toEqual([200, 200]);
    const foreign = await server.request('POST', `${CRM}/$batch`, {
      body: { requests: [{ id: '1', method: 'GET', url: `${ERP}/Units` }, { id: '2', method: 'GET', url: 'uoms/$count' }] },
    });
    expect(foreign.status).toBe(200);
    expect(foreign.body.responses[0]).toMatchObject({ id: '1', status: 400, body: { error: { code: 'InvalidBatch' } } });
    expect(foreign.body.responses[1].status).toBe(200);
  });

  it('explains malformed batches', async () => {
    for (const body of [{}, { requests: [{ id: '1', method: 'PUT', url: 'Units' }] }, { requests: [{ id: '1', method: 'GET', url: 'Units' }, { id: '1', method: 'GET', url: 'Units' }] }]) {
      const reply = await server.request('POST', `${CRM}/$batch`, { body });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('InvalidBatch');
    }
    const apart = await server.request('POST', `${ERP}/$batch`, {
      body: {
        requests: [
          { id: '1', method: 'GET', url: 'Units', atomicityGroup: 'x' },
          { id: '2', method: 'GET', url: 'Units' },
          { id: '3', method: 'GET', url: 'Units', atomicityGroup: 'x' },
        ],
      },
    });
    expect(apart.body.error.message).toContain('adjacent');
  });
});
