/**
 * npm run bench — runs the benchmarks one after another, prints each figure beside the
 * floor measured in the same run, and writes bench/results.json for tools.
 * The 100k-customer database is seeded once into bench/data/ and reused.
 *
 *   delta pull      Node over HTTP (bench/delta-pull.ts)
 *   field queries   Node + fake-indexeddb, the field agent's lists on 100k work orders and products vs raw Dexie reads (bench/field-queries.ts)
 *   map apply       Node worker thread, customers ↔ accounts map vs plain copy (bench/map-apply.ts)
 *   initial sync    Node + fake-indexeddb, 100k customer ↔ account pairs end to end vs raw pull + bulkPut + $batch (bench/initial-sync.ts)
 *   catch-up        Node + fake-indexeddb, 10k queued transactions after a pause vs raw $batch ingest (bench/catch-up.ts)
 *   bootstrap       Chromium, engine worker vs raw Dexie (bench/bootstrap.ts)
 *   commit latency  Chromium, local dual-write p50/p95 vs raw Dexie (bench/commit-latency.ts)
 *
 * The browser benches run in a page built from bench/browser/ (bench/browser/session.ts).
 *
 * `npm run bench -- field-queries catch-up` runs only the benches named (their names are
 * BENCHES below); such a partial run prints its figures but leaves bench/results.json alone.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STORES } from '../server/schema/index.ts';
import { REPO_ROOT, seedNewDatabase } from '../server/start.ts';
import { bootstrapBench } from './bootstrap.ts';
import { buildBenchPage, startBrowserSession } from './browser/session.ts';
import { catchUpBench } from './catch-up.ts';
import { commitLatencyBench } from './commit-latency.ts';
import { deltaPullBench } from './delta-pull.ts';
import { fieldQueriesBench } from './field-queries.ts';
import { mapApplyBench } from './map-apply.ts';
import { initialSyncBench } from './initial-sync.ts';
import type { BenchResult } from './result.ts';
import { describeResult } from './result.ts';

const BENCHES = ['delta-pull', 'map-apply', 'field-queries', 'initial-sync', 'catch-up', 'browser'] as const;
const named = process.argv.slice(2);
const unknown = named.filter((n) => !(BENCHES as readonly string[]).includes(n));
if (unknown.length > 0) throw new Error(`No bench ${unknown.join(', ')}: name some of ${BENCHES.join(', ')}, or none to run them all.`);
const wanted = (bench: (typeof BENCHES)[number]) => named.length === 0 || named.includes(bench);

const dataDir = join(REPO_ROOT, 'bench/data/100k');
// Reseeded whenever the stores' schema or the seed changes, so every run measures today's data.
const seedDir = join(REPO_ROOT, 'server/seed');
const seedSources = readdirSync(seedDir).sort().map((f) => readFileSync(join(seedDir, f), 'utf8'));
const fingerprint = createHash('sha256').update(JSON.stringify(STORES)).update(seedSources.join('\0')).digest('hex').slice(0, 16);
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
const report = (...found: readonly BenchResult[]) => {
  for (const result of found) {
    console.log(describeResult(result));
    results.push(result);
  }
};
if (wanted('delta-pull')) report(await deltaPullBench(REPO_ROOT, dataDir));
if (wanted('map-apply')) report(await mapApplyBench(REPO_ROOT, dataDir));
if (wanted('field-queries')) report(...(await fieldQueriesBench(REPO_ROOT, dataDir)));
// Its own database (tiny + 100k ERP-only customers), copied per run: it writes to the stores.
if (wanted('initial-sync')) report(await initialSyncBench(REPO_ROOT));
if (wanted('catch-up')) report(await catchUpBench(REPO_ROOT));

// In Chromium (bench page built from bench/browser, served by the server via TANDEM_DIST):
// bootstrap, then commit latency on the replica the bootstrap loaded.
if (wanted('browser')) {
  console.log('\nBrowser benches (Chromium, on-disk profile)…');
  const benchPage = buildBenchPage(REPO_ROOT); // vite build --config bench/browser/vite.config.ts
  const browser = await startBrowserSession(REPO_ROOT, dataDir, benchPage);
  try {
    const bootstrap = await bootstrapBench(browser);
    report(bootstrap.result);
    report(...(await commitLatencyBench(browser, bootstrap.tandemDb, bootstrap.floorDb)));
  } finally {
    await browser.close();
  }
}
if (named.length === 0) {
  writeFileSync(join(REPO_ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nWrote bench/results.json');
} else {
  console.log(`\nRan ${named.join(', ')} only: bench/results.json left as it was.`);
}
