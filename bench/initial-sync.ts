/**
 * Initial sync of 100k customer ↔ account pairs end to end, in Node with fake-indexeddb
 * (not a browser): a fresh engine loads both stores (the first pull), reconciles every
 * customer against the accounts, creates the 100k missing accounts and pushes them — until
 * both stores hold every pair. The server starts from a template database: the tiny seed
 * plus 100k ERP customers with no CRM account (seeded once per schema, copied per run).
 *
 * Floor: the same rows pulled and bulk-written raw — the same feed pages of both tables
 * fetched and bulkPut into a plain Dexie database (fake-indexeddb), and the same number of
 * accounts POSTed to the CRM in raw $batch requests of 1,000.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { STORES } from '../server/schema/index.ts';
import { erpOnlyAccount, seedErpOnlyCustomers } from '../server/seed/erp-only-customers.ts';
import { seedNewDatabase, startServer } from '../server/start.ts';
import type { RunningServer } from '../server/start.ts';
import { openSqlite } from '../server/storage/sqlite.ts';
import { Engine } from '../src/engine/engine.ts';
import { ReplicaDb } from '../src/engine/replica/db.ts';
import type { BenchResult } from './result.ts';

const COUNT = 100_000;
const PAGE = 5000;
const CRM = '/crm/api/data/v9.2';

export async function initialSyncBench(repoRoot: string): Promise<BenchResult> {
  const template = await templateDatabase(repoRoot);
  const floor = await withServer(template, (server) => floorRun(server));
  const tandem = await withServer(template, (server) => engineRun(server));
  return {
    name: `initial sync of ${COUNT.toLocaleString('en-US')} customer ↔ account pairs end to end (Node + fake-indexeddb: load both stores, reconcile, create and push the accounts) vs the same pages pulled + bulkPut raw and the same accounts POSTed in raw $batch`,
    value: Math.round((COUNT / tandem) * 1000),
    unit: 'pairs/s',
    floor: Math.round((COUNT / floor) * 1000),
    ratio: tandem / floor,
  };
}

/** tiny + 100k ERP-only customers, seeded once per schema into bench/data/initial-sync. */
async function templateDatabase(repoRoot: string): Promise<string> {
  const dir = join(repoRoot, 'bench/data/initial-sync');
  const file = join(dir, 'template.db');
  const fingerprint = createHash('sha256').update(JSON.stringify(STORES)).update(String(COUNT)).digest('hex').slice(0, 16);
  const marker = join(dir, 'schema.fingerprint');
  if (existsSync(file) && existsSync(marker) && readFileSync(marker, 'utf8') === fingerprint) return file;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`Seeding tiny + ${COUNT.toLocaleString('en-US')} ERP-only customers into bench/data/initial-sync (once per schema)…`);
  await seedNewDatabase(file, { size: 'tiny' });
  const db = openSqlite(file);
  await seedErpOnlyCustomers(db, { count: COUNT, prefix: 'IS' });
  await db.close();
  writeFileSync(marker, fingerprint);
  return file;
}

async function withServer(template: string, work: (server: RunningServer) => Promise<number>): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-initial-sync-'));
  copyFileSync(template, join(dataDir, 'tandem.db'));
  const server = await startServer({ dataDir, port: 0 });
  try {
    return await work(server);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function token(server: RunningServer, username: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username, password }).toString() });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function engineRun(server: RunningServer): Promise<number> {
  const db = new ReplicaDb(`bench-initial-sync-${Date.now()}`, { indexedDB, IDBKeyRange });
  const started = performance.now();
  const engine = new Engine({ db, baseUrl: server.url, fetch, pollMs: 0, pageSize: PAGE, initialSync: { pageSize: PAGE, pushEvery: 4 } });
  await engine.open();
  const signedIn = await engine.signIn('agent.usmf', 'agent');
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  engine.setLeader(true);
  await engine.syncNow();
  const result = await engine.startInitialSync(['companies', 'currencies', 'customer-groups', 'customers-accounts']);
  if (!result.ok) throw new Error(result.error.message);
  await engine.syncNow();
  const ms = performance.now() - started;
  const status = (await engine.initialSyncStatus()).maps.find((m) => m.mapId === 'customers-accounts');
  await engine.close();
  if ((status?.created ?? 0) < COUNT) throw new Error(`initial sync created ${status?.created} accounts, expected ${COUNT}`);
  return ms;
}

async function floorRun(server: RunningServer): Promise<number> {
  const bearer = await token(server, 'agent.usmf', 'agent');
  const admin = await token(server, 'admin', 'admin');
  const headers = { Authorization: `Bearer ${bearer}`, Prefer: `odata.track-changes, odata.maxpagesize=${PAGE}` };
  const lookups = (await (await fetch(`${server.url}${CRM}/accounts?$top=1`, { headers: { Authorization: `Bearer ${bearer}` } })).json()) as { value: Record<string, unknown>[] };
  const sample = lookups.value[0] as Record<string, unknown>;
  const db = new Dexie(`bench-initial-sync-floor-${Date.now()}`, { indexedDB, IDBKeyRange });
  db.version(1).stores({ customers: '[dataAreaId+CustomerAccount]', accounts: 'accountid' });
  await db.open();
  const started = performance.now();
  for (const [url, table] of [[`${server.url}/erp/data/CustomersV3`, 'customers'], [`${server.url}${CRM}/accounts`, 'accounts']] as const) {
    for (let next: string | undefined = url; next; ) {
      const page = (await (await fetch(next, { headers })).json()) as { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
      await db.table(table).bulkPut(page.value);
      next = page['@odata.nextLink'];
    }
  }
  for (let i = 0; i < COUNT; i += 1000) {
    const requests = [];
    for (let j = i; j < Math.min(COUNT, i + 1000); j++) {
      const accountid = crypto.randomUUID();
      const body = { accountid, accountnumber: erpOnlyAccount('IS', j), name: `Initial Sync Customer ${j + 1}`, customertypecode: 3, msdyn_company: sample['msdyn_company'], transactioncurrencyid: sample['transactioncurrencyid'], msdyn_customergroupid: sample['msdyn_customergroupid'], emailaddress1: `customer${j + 1}@example.com` };
      requests.push({ id: String(j), method: 'PATCH', url: `accounts(${accountid})`, headers: { 'Content-Type': 'application/json', 'If-None-Match': '*' }, body });
    }
    const reply = await fetch(`${server.url}${CRM}/$batch`, { method: 'POST', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ requests }) });
    const answers = ((await reply.json()) as { responses: { status: number }[] }).responses;
    if (answers.some((a) => a.status >= 300)) throw new Error(`floor $batch refused: ${JSON.stringify(answers.find((a) => a.status >= 300))}`);
  }
  const ms = performance.now() - started;
  db.close();
  return ms;
}
