/**
 * Delta pull of every CustomersV3 row over HTTP (initial change-tracking load in pages of
 * 5,000, following @odata.nextLink, client parsing JSON), against the floor of reading
 * the same rows from SQLite and serialising them to JSON in-process.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BenchResult } from './result.ts';
import { median } from './result.ts';
import { startServerProcess } from './server-process.ts';

const RUNS = 3;

export async function deltaPullBench(repoRoot: string, dataDir: string): Promise<BenchResult> {
  const db = new Database(join(dataDir, 'tandem.db'), { readonly: true });
  const rows = (db.prepare('SELECT COUNT(*) AS n FROM erp_CustomersV3').get() as { n: number }).n;
  const floorTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const all = db.prepare('SELECT * FROM erp_CustomersV3 ORDER BY "_seq"').all();
    const json = JSON.stringify(all);
    if (json.length === 0) throw new Error('empty floor read');
    floorTimes.push(performance.now() - started);
  }
  db.close();

  const server = await startServerProcess(repoRoot, dataDir);
  try {
    const token = await signIn(server.url);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const pulled = (await pullAll(`${server.url}/erp/data/CustomersV3`, token)).length;
      times.push(performance.now() - started);
      if (pulled !== rows) throw new Error(`pulled ${pulled} rows, the table has ${rows}`);
    }
    const tandem = median(times);
    const floor = median(floorTimes);
    return {
      name: `delta pull of ${rows.toLocaleString('en-US')} CustomersV3 rows over HTTP (pages of 5,000) vs SQLite read + JSON in-process`,
      value: Math.round((rows / tandem) * 1000),
      unit: 'rows/s',
      floor: Math.round((rows / floor) * 1000),
      ratio: tandem / floor,
    };
  } finally {
    await server.stop();
  }
}

export async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=admin&password=admin',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Every row of a change feed, page by page (the client parses each page's JSON). */
export async function pullAll(first: string, token: string): Promise<Record<string, unknown>[]> {
  let next: string | undefined = first;
  const rows: Record<string, unknown>[] = [];
  while (next) {
    const response: Response = await fetch(next, {
      headers: { Authorization: `Bearer ${token}`, Prefer: 'odata.track-changes, odata.maxpagesize=5000' },
    });
    if (!response.ok) throw new Error(`GET ${next} → ${response.status}`);
    const page = (await response.json()) as { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
    for (const row of page.value) rows.push(row);
    next = page['@odata.nextLink'];
  }
  return rows;
}
