/**
 * The large case: initial sync of 100k ERP customers into an empty CRM side, 1% of
 * them invalid for the CRM (an e-mail longer than the CRM holds). The valid rows arrive,
 * every invalid row is listed with its reason, and once fixed a re-run of the failed rows
 * completes. Runs on the engine's bulk paths (pages read by key range, outbox entries added
 * in bulk, pushes in $batch requests); the duration is printed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HookedEngine, SeededServer } from '../support/initial-sync.ts';
import { hookedEngine, serverWithErpOnlyCustomers } from '../support/initial-sync.ts';
import { CRM, ERP } from '../support/server.ts';

const COUNT = 100_000;
let server: SeededServer;
let e: HookedEngine | undefined;

beforeAll(async () => {
  server = await serverWithErpOnlyCustomers({ count: COUNT, invalidEvery: 100, prefix: 'IS' });
}, 300_000);
afterAll(async () => {
  await e?.close();
  await server.stop();
});

async function crmCount(): Promise<number> {
  const reply = await server.request('GET', `${CRM}/accounts?$filter=startswith(accountnumber,'IS-')&$count=true&$top=0`);
  return reply.body['@odata.count'] as number;
}

it('syncs 100k customers with 1% invalid: valid rows arrive, every invalid row is listed, a re-run of the fixed rows completes', async () => {
  const started = performance.now();
  e = await hookedEngine(server, { pageSize: 5000, hooks: { pageSize: 5000, pushEvery: 4 } });
  const loaded = performance.now();
  const start = await e.engine.startInitialSync(['companies', 'currencies', 'customer-groups', 'customers-accounts']);
  expect(start.ok).toBe(true);
  await e.engine.syncNow();
  const synced = performance.now();
  const invalid = server.erpOnly.invalid;
  expect(invalid).toHaveLength(COUNT / 100);
  expect(await crmCount()).toBe(COUNT - invalid.length);

  // Every invalid row listed with its reason, page by page.
  const listed: string[] = [];
  for (let offset = 0; ; offset += 400) {
    const page = await e.engine.initialSyncFailures('customers-accounts', { offset, limit: 400, search: 'IS-' });
    if (!page.ok) throw new Error(page.error.message);
    for (const f of page.value.rows) {
      expect(f).toMatchObject({ code: 'MAP_TOO_LONG', side: 'erp', stage: 'map' });
      expect(f.message).toContain('PrimaryContactEmail');
      listed.push(f.key['CustomerAccount'] as string);
    }
    if (page.value.rows.length < 400) break;
  }
  expect(listed.sort()).toEqual([...invalid].sort());
  const status = (await e.engine.initialSyncStatus()).maps.find((m) => m.mapId === 'customers-accounts');
  expect(status?.done).toBe(status?.total);
  expect(status?.created).toBeGreaterThanOrEqual(COUNT - invalid.length);

  // Fix them in the ERP, then re-run only the failed rows.
  for (let i = 0; i < invalid.length; i += 200) {
    const requests = invalid.slice(i, i + 200).map((n, j) => ({ id: String(j), method: 'PATCH', url: `CustomersV3(dataAreaId='usmf',CustomerAccount='${n}')`, headers: { 'Content-Type': 'application/json' }, body: { PrimaryContactEmail: `fixed-${n}@example.com` } }));
    const reply = await server.request('POST', `${ERP}/$batch`, { as: 'backoffice', body: { requests } });
    expect(reply.status).toBe(200);
  }
  await e.engine.syncNow();
  const rerun = await e.engine.startInitialSync(['customers-accounts'], { rerun: 'failed' });
  expect(rerun.ok).toBe(true);
  await e.engine.syncNow();
  expect(await crmCount()).toBe(COUNT);
  const left = await e.engine.initialSyncFailures('customers-accounts', { offset: 0, limit: 10, search: 'IS-' });
  expect(left.ok && left.value.total).toBe(0);
  const seconds = (t: number) => ((t - started) / 1000).toFixed(1);
  console.log(`100k initial sync: engine loaded both stores in ${seconds(loaded)} s, initial sync done at ${seconds(synced)} s, re-run of the fixed rows done at ${seconds(performance.now())} s`);
}, 900_000);
