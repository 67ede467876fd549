/**
 * Catch-up: 10,000 agent transactions (an account's name edited in the CRM, the customer's
 * in the ERP, one outbox entry each) queued while the customers ↔ accounts map is paused,
 * then drained by `resumeMaps(…, 'catch-up')` until nothing is pending; against the floor
 * of the server ingesting the same 20,000 row writes in raw $batch requests of the same
 * size (one request per store per 100 transactions, no engine, no If-Match).
 *
 * The engine runs in Node on fake-indexeddb (the store under test is the engine's work
 * per transaction and the server's, not the browser's IndexedDB), against the reference
 * server in its own process on a fresh 10k seed.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedNewDatabase } from '../server/start.ts';
import { Engine } from '../src/engine/engine.ts';
import { ReplicaDb } from '../src/engine/replica/db.ts';
import { signIn } from './delta-pull.ts';
import type { BenchResult } from './result.ts';
import { startServerProcess } from './server-process.ts';

const TRANSACTIONS = 10_000;
const BATCH = 100; // transactions per $batch, as the engine's push sends them
const MAP = 'customers-accounts';

export async function catchUpBench(repoRoot: string): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-catchup-'));
  await seedNewDatabase(join(dataDir, 'tandem.db'), { size: '10k' });
  const server = await startServerProcess(repoRoot, dataDir);
  try {
    const engine = new Engine({ db: new ReplicaDb(`bench-catchup-${Date.now()}`, { indexedDB, IDBKeyRange }), baseUrl: server.url, fetch, pollMs: 0 });
    await engine.open();
    const signedIn = await engine.signIn('admin', 'admin');
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    engine.setLeader(true);
    await engine.syncNow();
    const paused = await engine.pauseMaps([MAP]);
    if (!paused.ok) throw new Error(paused.error.message);

    const pairs = await pairedAccounts(engine);
    const writes: { accountid: string; customer: string; company: string; name: string }[] = [];
    for (let i = 0; i < TRANSACTIONS; i++) {
      const pair = pairs[i % pairs.length] as (typeof pairs)[number];
      const name = `Catch-up ${i}`;
      const result = await engine.updateAccount(pair.accountid, { name });
      if (!result.ok) throw new Error(result.error.message);
      writes.push({ ...pair, name });
    }
    if ((await engine.status()).pending !== TRANSACTIONS) throw new Error(`expected ${TRANSACTIONS} queued transactions, found ${(await engine.status()).pending}`);
    console.log(`  catch-up: ${TRANSACTIONS.toLocaleString('en-US')} transactions queued over ${pairs.length.toLocaleString('en-US')} accounts`);

    const started = performance.now();
    const resumed = await engine.resumeMaps([MAP], 'catch-up');
    if (!resumed.ok) throw new Error(resumed.error.message);
    for (let round = 0; (await engine.status()).pending > 0; round++) {
      if (round > 1000) throw new Error('catch-up did not drain');
      await engine.syncNow();
    }
    const tandem = performance.now() - started;
    await engine.close();

    const floor = await rawIngest(server.url, writes);
    console.log(`  catch-up tandem ${(tandem / 1000).toFixed(1)} s, floor ${(floor / 1000).toFixed(1)} s`);
    return {
      name: `catch-up of ${TRANSACTIONS.toLocaleString('en-US')} queued dual-write transactions (CRM + ERP rows each) after a pause vs the server ingesting the same rows in raw $batch requests`,
      value: Math.round((TRANSACTIONS / tandem) * 1000),
      unit: 'transactions/s',
      floor: Math.round((TRANSACTIONS / floor) * 1000),
      ratio: tandem / floor,
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Accounts paired with an ERP organisation customer, from the engine's replica. */
async function pairedAccounts(engine: Engine): Promise<{ accountid: string; customer: string; company: string }[]> {
  const db = engine.ctx.db;
  const companies = new Map((await db.rows('crm_cdm_companies').toArray()).map((c) => [c['cdm_companyid'] as string, c['cdm_companycode'] as string]));
  const customers = new Set((await db.rows('erp_CustomersV3').toArray()).filter((c) => c['PartyType'] === 'Organization').map((c) => `${c['dataAreaId'] as string}|${c['CustomerAccount'] as string}`));
  const pairs: { accountid: string; customer: string; company: string }[] = [];
  for (const a of await db.rows('crm_accounts').toArray()) {
    const company = companies.get(a['msdyn_company'] as string);
    const number = a['accountnumber'] as string | null;
    if (company && number && a['customertypecode'] === 3 && customers.has(`${company}|${number}`)) pairs.push({ accountid: a['accountid'] as string, customer: number, company });
  }
  if (pairs.length === 0) throw new Error('no paired accounts in the replica');
  return pairs;
}

/** The floor: the same row writes, one $batch per store per BATCH transactions, sequentially. */
async function rawIngest(url: string, writes: readonly { accountid: string; customer: string; company: string; name: string }[]): Promise<number> {
  const token = await signIn(url);
  const post = async (path: string, requests: unknown[]) => {
    const response = await fetch(`${url}${path}/$batch`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ requests }) });
    if (!response.ok) throw new Error(`raw $batch → ${response.status}`);
    await response.arrayBuffer();
  };
  const started = performance.now();
  for (let i = 0; i < writes.length; i += BATCH) {
    const slice = writes.slice(i, i + BATCH);
    await post('/erp/data', slice.map((w, j) => ({ id: `${j}`, method: 'PATCH', url: `CustomersV3(dataAreaId='${w.company}',CustomerAccount='${w.customer}')`, headers: {}, body: { OrganizationName: w.name } })));
    await post('/crm/api/data/v9.2', slice.map((w, j) => ({ id: `${j}`, method: 'PATCH', url: `accounts(${w.accountid})`, headers: {}, body: { name: w.name } })));
  }
  return performance.now() - started;
}
