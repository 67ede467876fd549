/**
 * The browser benches' module worker (the same kind of worker the app runs its engine in),
 * exposed to the bench page with comlink. bench/bootstrap.ts and bench/commit-latency.ts
 * drive it from Node through the page; each function does one timed run and returns raw
 * times, which Node turns into medians and percentiles.
 *
 *   tandem   the real Engine on a ReplicaDb, built as workers/sync.worker.ts builds it (no timers)
 *   floor    the same pages of the same tables, or the same rows, through plain Dexie:
 *            one table per set keyed by the same primary keys, no other index, nothing else
 *
 * Written to type-check both as a worker (tsconfig.bench.json) and under the server's
 * Node config, which includes bench/**: hence no DOM-only global names below.
 */
import * as Comlink from 'comlink';
import Dexie from 'dexie';
import { ROOTS } from '../../src/engine/connector/odata-client.ts';
import { Engine } from '../../src/engine/engine.ts';
import { ReplicaDb } from '../../src/engine/replica/db.ts';
import { REPLICA_TABLES, tableName } from '../../src/engine/replica/tables.ts';

const origin = (globalThis as unknown as { location: { origin: string } }).location.origin;
const PAGE_SIZE = 5000;
const USER = 'admin';
const PASSWORD = 'admin';

export interface BootstrapRun {
  readonly ms: number;
  /** Rows stored per table, counted after the timed part. */
  readonly rows: Readonly<Record<string, number>>;
}

export interface LatencyRun {
  /** Milliseconds per write, in the order they were made (warm-up writes left out). */
  readonly tandem: number[];
  readonly floor: number[];
  /** Accounts that have an ERP counterpart, of which the written ones were drawn. */
  readonly candidates: number;
}

// ---- bootstrap ----

/** Tandem: open the replica, sign in, become the syncing engine, pull every table. */
async function tandemBootstrap(name: string): Promise<BootstrapRun> {
  const started = performance.now();
  const engine = new Engine({ db: new ReplicaDb(name), baseUrl: origin, fetch: (input, init) => fetch(input, init), pageSize: PAGE_SIZE });
  await engine.open();
  const signedIn = await engine.signIn(USER, PASSWORD);
  if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.error.message}`);
  engine.setLeader(true);
  await engine.syncNow();
  const ms = performance.now() - started;
  const status = await engine.status();
  if (status.lastError || status.pending !== 0) throw new Error(`the engine's sync failed: ${status.lastError?.code} ${status.lastError?.message} (${status.pending} pending)`);
  const rows = await countRows(engine.ctx.db);
  await engine.close();
  return { ms, rows };
}

/**
 * Floor: the same change-feed pages (same Prefer, same nextLinks, next page fetched while
 * this one is written), each page `bulkPut` raw, as received, in its own transaction.
 */
async function floorBootstrap(name: string): Promise<BootstrapRun> {
  const started = performance.now();
  const db = openFloorDb(name);
  await db.open();
  const token = await signIn();
  for (const t of REPLICA_TABLES) {
    const table = db.table(tableName(t.side, t.set));
    let pending = fetchPage(`${origin}${ROOTS[t.side]}/${t.set}`, token);
    for (;;) {
      const page = await pending;
      const next = page['@odata.nextLink'];
      if (next) {
        pending = fetchPage(next, token);
        pending.catch(() => undefined); // observed when awaited
      }
      if (page.value.length) await table.bulkPut(page.value);
      if (!next) break;
    }
  }
  const ms = performance.now() - started;
  const rows = await countRows(db);
  db.close();
  return { ms, rows };
}

/** The floor's plain db: one table per replicated set, keyed like the replica, no other index. */
function openFloorDb(name: string): Dexie {
  const db = new Dexie(name);
  const stores: Record<string, string> = {};
  for (const t of REPLICA_TABLES) stores[tableName(t.side, t.set)] = primaryKey(t.key);
  db.version(1).stores(stores);
  return db;
}

const primaryKey = (key: readonly string[]): string => (key.length === 1 ? (key[0] as string) : `[${key.join('+')}]`);

async function signIn(): Promise<string> {
  const response = await fetch(`${origin}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: USER, password: PASSWORD }).toString(),
  });
  if (!response.ok) throw new Error(`sign-in → ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

interface RawPage {
  value: Record<string, unknown>[];
  '@odata.nextLink'?: string;
}

async function fetchPage(url: string, token: string): Promise<RawPage> {
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', Prefer: `odata.track-changes, odata.maxpagesize=${PAGE_SIZE}` },
  });
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}`);
  return (await response.json()) as RawPage;
}

async function countRows(db: Dexie): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const t of REPLICA_TABLES) rows[tableName(t.side, t.set)] = await db.table(tableName(t.side, t.set)).count();
  return rows;
}

// ---- commit latency ----

/**
 * `count` sequential local dual-writes of telephone1 on distinct random accounts that have
 * an ERP counterpart, on the replica a bootstrap left in `tandemName`, by an engine that
 * does not sync (not the leader, and its network fails); against the floor on `floorName`
 * (see copyFloorRows): one rw transaction that gets the account, puts it and the customer
 * row, and adds one outbox row. The two alternate in blocks of `block` writes so both see
 * the same machine; `warmup` writes of each go first and are not timed.
 */
async function commitLatency(tandemName: string, floorName: string, count: number, warmup: number, block: number): Promise<LatencyRun> {
  const offline: typeof fetch = () => Promise.reject(new TypeError('network blocked by the bench'));
  // Timers as the app's worker passes them (work the engine defers runs on them); no polling.
  const engine = new Engine({
    db: new ReplicaDb(tandemName),
    baseUrl: origin,
    fetch: offline,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    pollMs: 0,
  });
  await engine.open();
  const replica = engine.ctx.db;
  const floor = openLatencyFloorDb(floorName);
  await floor.open();

  // Accounts whose ERP customer is in the replica (the map's key: company code + number).
  const companies = new Map((await replica.rows('crm_cdm_companies').toArray()).map((c) => [c['cdm_companyid'] as string, c['cdm_companycode'] as string]));
  const customers = new Set((await replica.rows('erp_CustomersV3').toCollection().primaryKeys()).map((k) => (k as string[]).join('|')));
  const candidates: { accountid: string; customerKey: [string, string] }[] = [];
  await replica.rows('crm_accounts').each((a) => {
    const company = companies.get(a['msdyn_company'] as string);
    if (a['customertypecode'] !== 3 || !company || !customers.has(`${company}|${a['accountnumber'] as string}`)) return;
    candidates.push({ accountid: a['accountid'] as string, customerKey: [company, a['accountnumber'] as string] });
  });
  const random = mulberry32(20261121);
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j] as (typeof candidates)[number], candidates[i] as (typeof candidates)[number]];
  }
  const picked = candidates.slice(0, count + warmup);
  if (picked.length < count + warmup) throw new Error(`only ${picked.length} accounts with an ERP counterpart`);
  // The floor's transaction reads only the account (the customer row it writes is given).
  const floorAccounts = floor.table('crm_accounts');
  const floorCustomers = floor.table('erp_CustomersV3');
  const floorOutbox = floor.table('outbox');
  const customerRows = await floorCustomers.bulkGet(picked.map((p) => p.customerKey));
  if (customerRows.some((r) => !r)) throw new Error('the floor db lacks a customer the replica has');

  const stamp = Date.now().toString(36);
  const phone = (i: number) => `+1 555 ${stamp} ${i}`;
  const tandemWrite = async (i: number): Promise<number> => {
    const p = picked[i] as (typeof picked)[number];
    const started = performance.now();
    const result = await engine.updateAccount(p.accountid, { telephone1: phone(i) });
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(`updateAccount ${p.accountid}: ${result.error.code} ${result.error.message}`);
    return ms;
  };
  const floorWrite = async (i: number): Promise<number> => {
    const p = picked[i] as (typeof picked)[number];
    const customer = customerRows[i] as Record<string, unknown>;
    const started = performance.now();
    await floor.transaction('rw', [floorAccounts, floorCustomers, floorOutbox], async () => {
      const account = (await floorAccounts.get(p.accountid)) as Record<string, unknown> | undefined;
      if (!account) throw new Error(`the floor db lacks account ${p.accountid}`);
      await Promise.all([
        floorAccounts.put({ ...account, telephone1: phone(i) }),
        floorCustomers.put({ ...customer, PrimaryContactPhone: phone(i) }),
        floorOutbox.add(floorEntry(p.accountid, p.customerKey, phone(i), account['_etag'], customer['_etag'])),
      ]);
    });
    return performance.now() - started;
  };

  for (let i = 0; i < warmup; i++) {
    await tandemWrite(i);
    await floorWrite(i);
  }
  const tandem: number[] = [];
  const floorTimes: number[] = [];
  for (let from = warmup; from < warmup + count; from += block) {
    const to = Math.min(from + block, warmup + count);
    for (let i = from; i < to; i++) tandem.push(await tandemWrite(i));
    for (let i = from; i < to; i++) floorTimes.push(await floorWrite(i));
  }

  // The dual-write really wrote both rows and queued one entry per write.
  const last = picked[warmup + count - 1] as (typeof picked)[number];
  const customer = await replica.rows('erp_CustomersV3').get(last.customerKey);
  if (customer?.['PrimaryContactPhone'] !== phone(warmup + count - 1)) throw new Error(`the ERP customer ${last.customerKey.join('|')} did not get the new phone`);
  const queued = await replica.outbox.count();
  if (queued !== count + warmup) throw new Error(`${queued} outbox entries after ${count + warmup} writes`);
  await engine.close();
  floor.close();
  return { tandem, floor: floorTimes, candidates: candidates.length };
}

const LATENCY_TABLES = ['crm_accounts', 'erp_CustomersV3'] as const;

/** The commit-latency floor's plain db: accounts and customers keyed like the replica, and an outbox. */
function openLatencyFloorDb(name: string): Dexie {
  const db = new Dexie(name);
  const stores: Record<string, string> = { outbox: '++id' };
  for (const t of REPLICA_TABLES) if ((LATENCY_TABLES as readonly string[]).includes(tableName(t.side, t.set))) stores[tableName(t.side, t.set)] = primaryKey(t.key);
  db.version(1).stores(stores);
  return db;
}

/**
 * Fills the commit-latency floor's db with the same accounts and customers as the Tandem
 * replica `from` (copied row for row, not timed), so no floor bootstrap db has to stay in
 * the origin's IndexedDB while later bootstraps are timed.
 */
async function copyFloorRows(from: string, to: string): Promise<Record<string, number>> {
  const source = new ReplicaDb(from);
  await source.open();
  const target = openLatencyFloorDb(to);
  await target.open();
  const copied: Record<string, number> = {};
  for (const name of LATENCY_TABLES) {
    const rows = source.rows(name);
    let n = 0;
    let chunk = await rows.orderBy(':id').limit(10_000).toArray();
    while (chunk.length) {
      await target.table(name).bulkPut(chunk);
      n += chunk.length;
      const last = chunk[chunk.length - 1] as Record<string, unknown>;
      const key = REPLICA_TABLES.find((t) => tableName(t.side, t.set) === name)?.key ?? [];
      const lastKey = key.length === 1 ? (last[key[0] as string] as string) : key.map((k) => last[k] as string);
      chunk = await rows.where(':id').above(lastKey).limit(10_000).toArray();
    }
    copied[name] = n;
  }
  source.close();
  target.close();
  return copied;
}

/** An outbox row shaped like the engine's entry for the same write (two upsert ops). */
function floorEntry(accountid: string, customerKey: [string, string], phone: string, accountEtag: unknown, customerEtag: unknown) {
  const [dataAreaId, CustomerAccount] = customerKey;
  return {
    txId: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    origin: 'agent',
    description: `Account ${accountid} edited`,
    ops: [
      { side: 'crm', set: 'accounts', key: { accountid }, rowId: `crm_accounts|${accountid}`, kind: 'upsert', create: false, patch: { telephone1: phone }, baseEtag: accountEtag, mapId: null, done: false },
      { side: 'erp', set: 'CustomersV3', key: { dataAreaId, CustomerAccount }, rowId: `erp_CustomersV3|${dataAreaId}|${CustomerAccount}`, kind: 'upsert', create: false, patch: { PrimaryContactPhone: phone }, baseEtag: customerEtag, mapId: 'customers-accounts', done: false },
    ],
    rows: [`crm_accounts|${accountid}`, `erp_CustomersV3|${dataAreaId}|${CustomerAccount}`],
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
  };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- housekeeping ----

async function deleteDb(name: string): Promise<void> {
  await Dexie.delete(name);
}

const api = { tandemBootstrap, floorBootstrap, copyFloorRows, commitLatency, deleteDb };
export type BenchApi = typeof api;

Comlink.expose(api);
