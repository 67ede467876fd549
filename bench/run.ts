/**
 * npm run bench — runs the benchmarks one after another, prints each figure beside the
 * floor measured in the same run, and writes bench/results.json for tools.
 * The 100k-customer database is seeded once into bench/data/ and reused.
 *
 *   delta pull      Node over HTTP (bench/delta-pull.ts)
 *   bootstrap       Chromium, engine worker vs raw Dexie (bench/bootstrap.ts)
 *   commit latency  Chromium, local dual-write p50/p95 vs raw Dexie (bench/commit-latency.ts)
 *
 * The browser benches run in a page built from bench/browser/ (bench/browser/session.ts).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDatabase } from '../server/seed/index.ts';
import { seedUsers } from '../server/seed/users.ts';
import { STORES } from '../server/schema/index.ts';
import { bootstrapSchema } from '../server/storage/bootstrap.ts';
import { openSqlite } from '../server/storage/sqlite.ts';
import { REPO_ROOT } from '../server/start.ts';
import { bootstrapBench } from './bootstrap.ts';
import { startBrowserSession } from './browser/session.ts';
import { commitLatencyBench } from './commit-latency.ts';
import { deltaPullBench } from './delta-pull.ts';
import type { BenchResult } from './result.ts';
import { describeResult } from './result.ts';

const dataDir = join(REPO_ROOT, 'bench/data/100k');
if (!existsSync(join(dataDir, 'tandem.db'))) {
  mkdirSync(dataDir, { recursive: true });
  console.log('Seeding 100k customers into bench/data/100k (once)…');
  const db = openSqlite(join(dataDir, 'tandem.db'));
  await bootstrapSchema(db, STORES);
  await seedUsers(db);
  const summary = await seedDatabase(db, { size: '100k' });
  await db.run('INSERT INTO tandem_meta (name, value) VALUES (?, ?)', ['seeded', '100k']);
  await db.close();
  console.log(`  seeded in ${(summary.ms / 1000).toFixed(1)} s`);
}

const results: BenchResult[] = [];
for (const bench of [deltaPullBench]) {
  const result = await bench(REPO_ROOT, dataDir);
  console.log(describeResult(result));
  results.push(result);
}

// In Chromium (bench page built from bench/browser, served by the server via TANDEM_DIST):
// bootstrap, then commit latency on the replica the bootstrap loaded.
console.log('\nBrowser benches (Chromium, on-disk profile)…');
const browser = await startBrowserSession(REPO_ROOT, dataDir);
try {
  const bootstrap = await bootstrapBench(browser);
  console.log(describeResult(bootstrap.result));
  results.push(bootstrap.result);
  for (const result of await commitLatencyBench(browser, bootstrap.tandemDb, bootstrap.floorDb)) {
    console.log(describeResult(result));
    results.push(result);
  }
} finally {
  await browser.close();
}
writeFileSync(join(REPO_ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote bench/results.json');
