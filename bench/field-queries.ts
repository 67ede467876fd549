/**
 * The field agent's reads (src/engine/field-queries.ts) on a 100k-scale replica, in Node with
 * fake-indexeddb (not a browser). The replica is agent.usmf's copy of the sets the queries
 * read, pulled from the 100k database (bench/data/100k) over HTTP as the engine pulls them;
 * the seed holds 1,000 work orders and 200 products per company, so both are topped up to
 * 100,000 rows with copies of usmf's own (new keys, planned dates moved by whole weeks, the
 * products' stock rows copied with them): the size the screens are built for.
 *
 *   work orders   today, overdue, a text search: a page of 50 from the in-memory index
 *                 (warm, the screens' case), and the index rebuilt after a change (cold)
 *   products      a page of 50 with stock summed over warehouses, warm and cold
 *   account       the extras of the account with the most work orders
 *
 * Floors, measured in the same run on the same tables: one page of 50 raw rows
 * (limit(50).toArray()), the whole table read raw (toArray: what an index reads at least
 * once), an indexed where().equals() of the account's addresses.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { STANDARD_MAPS } from '../src/core/maps/index.ts';
import { FieldQueries } from '../src/engine/field-queries.ts';
import type { WorkOrderQuery } from '../src/engine/field-types.ts';
import type { StoredRow } from '../src/engine/replica/db.ts';
import { ReplicaDb } from '../src/engine/replica/db.ts';
import { pullAll } from './delta-pull.ts';
import type { BenchResult } from './result.ts';
import { median } from './result.ts';
import { startServerProcess } from './server-process.ts';

const SCALE = 100_000;
const PAGE = 50;
const WARM_RUNS = 50;
const COLD_RUNS = 3;
const DAY = 86_400_000;
const WORK_ORDERS = 'crm_msdyn_workorders';
const PRODUCTS = 'erp_ReleasedProducts';
const STOCK = 'erp_InventoryOnHand';
const ADDRESSES = 'crm_msdyn_partypostaladdresses';
/** What the queries read, by replica table: [store path, set]. */
const SETS = [
  ['crm/api/data/v9.2', 'msdyn_workorders'],
  ['crm/api/data/v9.2', 'accounts'],
  ['crm/api/data/v9.2', 'msdyn_customerassets'],
  ['crm/api/data/v9.2', 'cdm_companies'],
  ['crm/api/data/v9.2', 'annotations'],
  ['crm/api/data/v9.2', 'msdyn_partypostaladdresses'],
  ['erp/data', 'ReleasedProducts'],
  ['erp/data', 'InventoryOnHand'],
] as const;

export async function fieldQueriesBench(repoRoot: string, dataDir: string): Promise<BenchResult[]> {
  const started = performance.now();
  const db = new ReplicaDb(`bench-field-queries-${Date.now()}`, { indexedDB, IDBKeyRange });
  try {
    await load(db, repoRoot, dataDir);
    console.log(`  field queries: replica loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const queries = new FieldQueries({ db, maps: STANDARD_MAPS, now: () => new Date(), newId: () => crypto.randomUUID() });
    return await measure(db, queries);
  } finally {
    db.close();
    await db.delete();
  }
}

async function load(db: ReplicaDb, repoRoot: string, dataDir: string): Promise<void> {
  const server = await startServerProcess(repoRoot, dataDir);
  const pulled: Record<string, StoredRow[]> = {};
  try {
    const token = await agentToken(server.url);
    for (const [path, set] of SETS) {
      const rows = await pullAll(`${server.url}/${path}/${set}`, token);
      pulled[`${path.startsWith('crm') ? 'crm' : 'erp'}_${set}`] = rows.map(asStored);
    }
  } finally {
    await server.stop();
  }
  const workOrders = pulled[WORK_ORDERS] ?? [];
  pulled[WORK_ORDERS] = [...workOrders, ...copies(workOrders, SCALE - workOrders.length, copyWorkOrder)];
  const products = pulled[PRODUCTS] ?? [];
  const extra = copies(products, SCALE - products.length, (p, i) => ({ ...p, ItemNumber: `P-X${i}`, ProductName: `${String(p['ProductName'])} (${i})` }));
  pulled[STOCK] = [...(pulled[STOCK] ?? []), ...stockOf(pulled[STOCK] ?? [], products, extra)];
  pulled[PRODUCTS] = [...products, ...extra];
  for (const [table, rows] of Object.entries(pulled)) await db.rows(table).bulkPut(rows);
}

async function agentToken(url: string): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'password', username: 'agent.usmf', password: 'agent' });
  const response = await fetch(`${url}/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A row as the replica keeps it: as the server sent it, its ETag as `_etag`. */
function asStored(row: Record<string, unknown>): StoredRow {
  const { '@odata.etag': etag, ...rest } = row;
  return { ...rest, _etag: String(etag ?? '') };
}

function copies(rows: readonly StoredRow[], count: number, make: (base: StoredRow, i: number) => StoredRow): StoredRow[] {
  if (rows.length === 0) throw new Error('the 100k database has no rows to copy for agent.usmf');
  return Array.from({ length: Math.max(0, count) }, (_, i) => make(rows[i % rows.length] as StoredRow, i));
}

/** A copy with its own key and number, planned 1–52 weeks before or after its original (never the same day). */
function copyWorkOrder(base: StoredRow, i: number): StoredRow {
  const planned = base['msdyn_timefrompromised'];
  const weeks = ((i * 7919) % 52) + 1;
  const shift = (i % 2 === 0 ? -weeks : weeks) * 7 * DAY;
  return {
    ...base,
    msdyn_workorderid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    msdyn_name: `US-SOX${String(i).padStart(6, '0')}`,
    msdyn_timefrompromised: typeof planned === 'string' ? new Date(Date.parse(planned) + shift).toISOString() : null,
  };
}

/** The stock rows of each copied product: its original's, under the copy's item number. */
function stockOf(stock: readonly StoredRow[], originals: readonly StoredRow[], extra: readonly StoredRow[]): StoredRow[] {
  const byItem = new Map<unknown, StoredRow[]>();
  for (const s of stock) byItem.set(s['ItemNumber'], [...(byItem.get(s['ItemNumber']) ?? []), s]);
  return extra.flatMap((p, i) => (byItem.get(originals[i % originals.length]?.['ItemNumber']) ?? []).map((s) => ({ ...s, ItemNumber: p['ItemNumber'] })));
}

async function measure(db: ReplicaDb, queries: FieldQueries): Promise<BenchResult[]> {
  const orders = db.rows(WORK_ORDERS);
  const first = await orders.where('[msdyn_name+msdyn_company]').between(['US-SO00001', ''], ['US-SO00001', '\uffff']).first();
  if (!first) throw new Error('no US-SO00001 in the replica');
  // The seed's work day: its first service order is planned on it (server/seed/work-plan.ts).
  const planned = new Date(String(first['msdyn_timefrompromised']));
  const from = new Date(planned.getFullYear(), planned.getMonth(), planned.getDate());
  const [today, until] = [from.toISOString(), new Date(from.getTime() + DAY).toISOString()];
  const account = String(first['msdyn_serviceaccount']);
  const needle = String((await db.rows('crm_accounts').get(account))?.['name'] ?? 'a').split(/\W/)[0] ?? 'a';
  const total = await orders.count();
  const productCount = await db.rows(PRODUCTS).count();

  const page = (table: string) => () => db.rows(table).limit(PAGE).toArray();
  const pageFloor = await warm(page(WORK_ORDERS));
  const list = (query: Partial<WorkOrderQuery>) => () => queries.workOrders({ offset: 0, limit: PAGE, ...query });
  const results: BenchResult[] = [];
  // Warm reads take microseconds: printed in µs, index rebuilds in ms.
  const add = (what: string, tandem: number, floor: number, floorWhat: string) => {
    const [scale, unit] = tandem < 10 ? [1000, 'µs'] : [1, 'ms'];
    results.push({ name: `field queries: ${what} vs ${floorWhat}`, value: Math.round(tandem * scale), unit, floor: Math.round(floor * scale), ratio: tandem / floor });
  };
  const counted = async (query: Partial<WorkOrderQuery>) => (await queries.workOrders({ offset: 0, limit: 1, ...query })).total;
  const n = (x: number) => x.toLocaleString('en-US');

  add(`work orders planned today (${n(await counted({ from: today, until }))} of ${n(total)}), page of ${PAGE}, warm index`, await warm(list({ from: today, until })), pageFloor, `a raw page of ${PAGE}`);
  add(`overdue work orders (${n(await counted({ until: today, status: 'open' }))} of ${n(total)}), page of ${PAGE}, warm index`, await warm(list({ until: today, status: 'open' })), pageFloor, `a raw page of ${PAGE}`);
  add(`work orders matching "${needle.toLowerCase()}" (${n(await counted({ search: needle }))} of ${n(total)}), page of ${PAGE}, warm index`, await warm(list({ search: needle })), pageFloor, `a raw page of ${PAGE}`);
  const rebuild = () => (queries.invalidate([WORK_ORDERS]), queries.workOrders({ from: today, until, offset: 0, limit: PAGE }));
  add(`work orders planned today, index rebuilt (${n(total)} rows with customers and assets)`, await cold(rebuild), await cold(() => orders.toArray()), `the work orders table read raw`);

  const products = (search?: string) => () => queries.products({ offset: 0, limit: PAGE, ...(search ? { search } : {}) }, null, true);
  add(`products page of ${PAGE} of ${n(productCount)} with stock sums, warm index`, await warm(products()), await warm(page(PRODUCTS)), `a raw page of ${PAGE}`);
  add(`products matching "p-x9" with stock sums, warm index`, await warm(products('p-x9')), await warm(page(PRODUCTS)), `a raw page of ${PAGE}`);
  const rebuildProducts = () => (queries.invalidate([PRODUCTS]), queries.products({ offset: 0, limit: PAGE }, null, true));
  const rawProducts = () => Promise.all([db.rows(PRODUCTS).toArray(), db.rows(STOCK).toArray()]);
  add(`products page, index rebuilt (${n(productCount)} products, ${n(await db.rows(STOCK).count())} stock rows)`, await cold(rebuildProducts), await cold(rawProducts), 'both tables read raw');

  const busiest = busiestAccount(await orders.toArray());
  const extras = await queries.accountExtras(busiest);
  const addresses = () => db.rows(ADDRESSES).where('msdyn_customerid').equals(busiest).toArray();
  const what = `${extras.workOrders.length} work orders, ${extras.assets.length} assets, ${extras.addresses.length} addresses, ${extras.notes.length} notes`;
  add(`account extras of the busiest account (${what}), warm index`, await warm(() => queries.accountExtras(busiest)), await warm(addresses), 'its addresses read by index');
  return results;
}

/** The account with the most work orders (the copies pile up on the seed's hub customers). */
function busiestAccount(orders: readonly StoredRow[]): string {
  const counts = new Map<string, number>();
  for (const w of orders) {
    const account = w['msdyn_serviceaccount'];
    if (typeof account === 'string') counts.set(account, (counts.get(account) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/** Median of many runs after one untimed run (which builds what is cached). */
async function warm(work: () => Promise<unknown>): Promise<number> {
  await work();
  return timed(WARM_RUNS, work);
}

async function cold(work: () => Promise<unknown>): Promise<number> {
  return timed(COLD_RUNS, work);
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

