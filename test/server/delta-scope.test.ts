/**
 * Change feeds on the CRM, where the company column of rows and of
 * tombstones holds the company's GUID. Tombstones of other companies must not leak; a row
 * deleted and recreated under the same key shows as @removed then the new row; and page
 * boundaries that fall between rows and tombstones neither skip nor repeat an item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CRM, readAll, startTestServer } from '../support/server.ts';

let server: TestServer;
let usmf: string;
let demf: string;
beforeAll(async () => {
  server = await startTestServer();
  const companies = (await server.request('GET', `${CRM}/cdm_companies`)).body.value as { cdm_companycode: string; cdm_companyid: string }[];
  usmf = companies.find((c) => c.cdm_companycode === 'usmf')?.cdm_companyid as string;
  demf = companies.find((c) => c.cdm_companycode === 'demf')?.cdm_companyid as string;
});
afterAll(() => server.stop());

type Item = Record<string, unknown>;
const describeItem = (i: Item) => `${i['@removed'] ? 'removed' : 'row'}:${String(i['accountid'])}:${String(i['@odata.etag'] ?? '')}`;

describe('CRM change feeds and company scope', () => {
  it('sends an agent only its own companies’ tombstones, paged at every size, in change order', async () => {
    const admin = await readAll(server, `${CRM}/accounts`, { headers: { Prefer: 'odata.track-changes' } });
    const agent = await readAll(server, `${CRM}/accounts`, { as: 'agent.usmf', headers: { Prefer: 'odata.track-changes' } });

    // Interleave rows and tombstones of two companies, and delete + recreate one key.
    const again = '6f1d2c3b-4a59-4e68-9d7c-0b1a2c3d4e5f';
    const ids: Record<string, string> = {};
    for (const [name, company] of [['u1', usmf], ['d1', demf], ['u2', usmf], ['d2', demf]] as const) {
      ids[name] = (await server.request('POST', `${CRM}/accounts`, { body: { name, msdyn_company: company } })).body.accountid;
    }
    expect((await server.request('PATCH', `${CRM}/accounts(${again})`, { body: { name: 'again', msdyn_company: usmf } })).status).toBe(204);
    await server.request('DELETE', `${CRM}/accounts(${ids['u1']})`);
    await server.request('DELETE', `${CRM}/accounts(${ids['d1']})`);
    await server.request('PATCH', `${CRM}/accounts(${ids['u2']})`, { body: { name: 'u2 renamed' } });
    await server.request('DELETE', `${CRM}/accounts(${again})`);
    await server.request('DELETE', `${CRM}/accounts(${ids['d2']})`);
    expect((await server.request('PATCH', `${CRM}/accounts(${again})`, { body: { name: 'again, recreated', msdyn_company: usmf } })).status).toBe(204);

    const whole = (await readAll(server, agent.deltaLink as string, { as: 'agent.usmf' })).rows;
    expect(whole.map((i) => (i['@removed'] ? `removed:${String(i['accountid'])}` : `row:${String(i['name'])}`))).toEqual([
      `removed:${ids['u1']}`,
      'row:u2 renamed',
      `removed:${again}`,
      'row:again, recreated',
    ]);
    for (const size of [1, 2, 3]) {
      const paged = await readAll(server, agent.deltaLink as string, { as: 'agent.usmf', headers: { Prefer: `odata.maxpagesize=${size}` } });
      expect(paged.rows.map(describeItem), `page size ${size}`).toEqual(whole.map(describeItem));
    }

    const all = (await readAll(server, admin.deltaLink as string, { headers: { Prefer: 'odata.maxpagesize=1' } })).rows;
    const removed = all.filter((i) => i['@removed']).map((i) => i['accountid']);
    expect(removed).toEqual([ids['u1'], ids['d1'], again, ids['d2']]);
  });
});
