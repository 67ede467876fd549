/**
 * npm run seed -- --size demo|10k|100k|1m [--data DIR] [--force] [--seed N]
 *
 * Creates <data>/tandem.db (data: --data, else $TANDEM_DATA, else ./data) with both stores
 * seeded and the demo sign-ins. An existing database is kept unless --force is given.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SeedSize, SeedSummary } from '../seed/index.ts';
import { DEFAULT_SEED, SEED_SIZES } from '../seed/index.ts';
import { DEMO_SIGN_INS } from '../seed/users.ts';
import { seedNewDatabase } from '../start.ts';

const USAGE = `Usage: npm run seed -- --size ${SEED_SIZES.join('|')} [--data DIR] [--force] [--seed N]`;

interface Options {
  size: SeedSize;
  dir: string;
  force: boolean;
  seed: number;
}

function parseOptions(argv: readonly string[]): Options {
  const { values } = parseFlags(argv);
  if (values.help) fail(USAGE, 0);
  const size = SEED_SIZES.find((s) => s === values.size);
  if (!size) fail(`Unknown size '${values.size}'.\n${USAGE}`);
  const seed = Number(values.seed);
  if (!/^\d+$/.test(values.seed) || seed > 0xffffffff) fail(`--seed must be an integer 0…4294967295, got '${values.seed}'.`);
  const dir = resolve(values.data ?? process.env['TANDEM_DATA'] ?? './data');
  return { size, dir, force: values.force, seed };
}

const FLAGS = {
  size: { type: 'string', default: 'demo' },
  data: { type: 'string' },
  force: { type: 'boolean', default: false },
  seed: { type: 'string', default: String(DEFAULT_SEED) },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

function fail(message: string, code = 1): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

/** Refuses to overwrite a database unless forced; with --force removes it and its WAL files. */
function prepareFile(dir: string, force: boolean): string {
  const file = join(dir, 'tandem.db');
  if (existsSync(file)) {
    if (!force) fail(`${file} already exists. Pass --force to delete it and seed a new one.`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
  mkdirSync(dir, { recursive: true });
  return file;
}

function printSummary(file: string, summary: SeedSummary, totalMs: number): void {
  const width = Math.max(...Object.keys(summary.rows).map((k) => k.length));
  console.log(`Seeded ${file} (size ${summary.size})`);
  for (const [set, count] of Object.entries(summary.rows)) console.log(`  ${set.padEnd(width)}  ${count.toLocaleString('en-US').padStart(11)}`);
  const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
  console.log(`  ${'total'.padEnd(width)}  ${total.toLocaleString('en-US').padStart(11)}`);
  console.log(`Data in ${(summary.ms / 1000).toFixed(1)} s; ${(totalMs / 1000).toFixed(1)} s in all.`);
  console.log('Sign-ins:');
  for (const user of DEMO_SIGN_INS) {
    const companies = user.companies === '*' ? 'all companies' : user.companies.join(', ');
    console.log(`  ${user.username} / ${user.password}  (${user.role}, ${companies})`);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2));
  const file = prepareFile(options.dir, options.force);
  // Seeds into tandem.db.seeding and renames it when complete, like a first start, so an
  // interrupted seed never leaves a half-filled tandem.db behind.
  const summary = await seedNewDatabase(file, { size: options.size, seed: options.seed });
  printSummary(file, summary, performance.now() - started);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
