/**
 * npm run bench — runs the benchmarks one after another, prints each figure beside the
 * floor measured in the same run, and writes bench/results.json for tools.
 * The 100k-customer database is seeded once into bench/data/ and reused.
 *
 *   delta pull      Node over HTTP (bench/delta-pull.ts)
 *   map apply       Node worker thread, customers ↔ accounts map vs plain copy (bench/map-apply.ts)
 *   initial sync    Node + fake-indexeddb, 100k customer ↔ account pairs end to end vs raw pull + bulkPut + $batch (bench/initial-sync.ts)
 *   catch-up        Node + fake-indexeddb, 10k queued transactions after a pause vs raw $batch ingest (bench/catch-up.ts)
 *   bootstrap       Chromium, engine worker vs raw Dexie (bench/bootstrap.ts)
 *   commit latency  Chromium, local dual-write p50/p95 vs raw Dexie (bench/commit-latency.ts)
 *
 * The browser benches run in a page built from bench/browser/ (bench/browser/session.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STORES } from '../server/schema/index.ts';
import { REPO_ROOT, seedNewDatabase } from '../server/start.ts';
import { bootstrapBench } from './bootstrap.ts';
import { buildBenchPage, startBrowserSession } from './browser/session.ts';
import { catchUpBench } from './catch-up.ts';
import { commitLatencyBench } from './commit-latency.ts';
import { deltaPullBench } from './delta-pull.ts';
import { mapApplyBench } from './map-apply.ts';
import { initialSyncBench } from './initial-sync.ts';
import type { BenchResult } from './result.ts';
import { describeResult } from './result.ts';

const dataDir = join(REPO_ROOT, 'bench/data/100k');
// Reseeded whenever the stores' schema changes, so every run measures today's data.
const fingerprint = createHash('sha256').update(JSON.stringify(STORES)).digest('hex').slice(0, 16);
const fingerprintFile = join(dataDir, 'schema.fingerprint');
if (!existsSync(join(dataDir, 'tandem.db')) || !existsSync(fingerprintFile) || readFileSync(fingerprintFile, 'utf8') !== fingerprint) {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  console.log('Seeding 100k customers into bench/data/100k (once per schema)…');
  const summary = await seedNewDatabase(join(dataDir, 'tandem.db'), { size: '100k' });
  writeFileSync(fingerprintFile, fingerprint);
  console.log(`  seeded in ${(summary.ms / 1000).toFixed(1)} s`);
}

const results: BenchResult[] = [];
for (const bench of [deltaPullBench, mapApplyBench]) {
  const result = await bench(REPO_ROOT, dataDir);
  console.log(describeResult(result));
  results.push(result);
}
// Its own database (tiny + 100k ERP-only customers), copied per run: it writes to the stores.
const initialSync = await initialSyncBench(REPO_ROOT);
console.log(describeResult(initialSync));
results.push(initialSync);
const catchUp = await catchUpBench(REPO_ROOT);
console.log(describeResult(catchUp));
results.push(catchUp);

// In Chromium (bench page built from bench/browser, served by the server via TANDEM_DIST):
// bootstrap, then commit latency on the replica the bootstrap loaded.
console.log('\nBrowser benches (Chromium, on-disk profile)…');
const benchPage = buildBenchPage(REPO_ROOT); // vite build --config bench/browser/vite.config.ts
const browser = await startBrowserSession(REPO_ROOT, dataDir, benchPage);
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
