import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffice } from '../../server/cli/backoffice-client.ts';
import type { TestServer } from '../support/server.ts';
import { ERP, readAll, startTestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('back-office edits', () => {
  it('change a store directly, attributed to the back-office user, and show up in change feeds', async () => {
    const feed = await readAll(server, `${ERP}/CustomersV3?$filter=dataAreaId eq 'usmf'`, { headers: { Prefer: 'odata.track-changes' } });
    const target = feed.rows[0] as Record<string, string>;
    const path = `CustomersV3(dataAreaId='usmf',CustomerAccount='${target['CustomerAccount']}')`;
    const reply = await backoffice({ url: server.url, store: 'erp', method: 'PATCH', path, body: { SalesMemo: 'Called about invoice 42' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ SalesMemo: 'Called about invoice 42', ModifiedBy: 'backoffice' });
    const delta = await server.request('GET', feed.deltaLink as string);
    expect(delta.body.value).toHaveLength(1);
    expect(delta.body.value[0]).toMatchObject({ CustomerAccount: target['CustomerAccount'], SalesMemo: 'Called about invoice 42' });
  });

  it('reports a failed sign-in clearly', async () => {
    await expect(backoffice({ url: server.url, store: 'crm', method: 'GET', path: 'accounts', username: 'backoffice', password: 'wrong' })).rejects.toThrow(/Sign-in as backoffice failed/);
  });
});
