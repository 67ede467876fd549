/**
 * npm run bench — runs the benchmarks one after another, prints each figure beside the
 * floor measured in the same run, and writes bench/results.json for tools.
 * The 100k-customer database is seeded once into bench/data/ and reused.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDatabase } from '../server/seed/index.ts';
import { seedUsers } from '../server/seed/users.ts';
import { STORES } from '../server/schema/index.ts';
import { bootstrapSchema } from '../server/storage/bootstrap.ts';
import { openSqlite } from '../server/storage/sqlite.ts';
import { REPO_ROOT } from '../server/start.ts';
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
writeFileSync(join(REPO_ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote bench/results.json');
