/**
 * Bootstrap in the browser: a fresh replica pulls every replicated table (≈100k customers,
 * ≈80k accounts, ≈80k contact persons, ≈97k contacts, companies, groups, currencies) from
 * the server into Chromium's IndexedDB through the engine in a module worker, on an
 * on-disk profile; against the floor of fetching the same pages and `bulkPut`-ting them
 * raw into a plain Dexie db (one table per set, same primary keys, no other index).
 *
 * Floor and Tandem alternate (F T T F F T), three runs each, each on a fresh database in
 * the same profile and origin; medians are taken. Chromium keeps all of an origin's
 * databases in one LevelDB, so a database left behind slows the runs after it: each is
 * deleted after its run (not timed), except the last, a Tandem replica, which the
 * commit-latency bench reuses (with a plain copy of its accounts and customers as floor).
 */
import type { BrowserSession } from './browser/session.ts';
import type { BenchResult } from './result.ts';
import { median } from './result.ts';

const ORDER = ['floor', 'tandem', 'tandem', 'floor', 'floor', 'tandem'] as const;

export interface BootstrapOutcome {
  readonly result: BenchResult;
  /** The Tandem replica the last run loaded, and a plain db holding its accounts and customers. */
  readonly tandemDb: string;
  readonly floorDb: string;
}

export async function bootstrapBench(session: BrowserSession): Promise<BootstrapOutcome> {
  const runId = Date.now().toString(36);
  const times = { tandem: [] as number[], floor: [] as number[] };
  let rows: Readonly<Record<string, number>> | null = null;
  let tandemDb = '';
  for (const [i, kind] of ORDER.entries()) {
    const name = `bench-${kind}-${runId}-${i}`;
    const run = await session.call(kind === 'tandem' ? 'tandemBootstrap' : 'floorBootstrap', name);
    const total = Object.values(run.rows).reduce((a, b) => a + b, 0);
    console.log(`  bootstrap ${kind.padEnd(6)} ${(run.ms / 1000).toFixed(1).padStart(6)} s  ${Math.round((total / run.ms) * 1000).toLocaleString('en-US').padStart(6)} rows/s`);
    if (rows === null) rows = run.rows;
    else if (JSON.stringify(run.rows) !== JSON.stringify(rows)) throw new Error(`run ${i} (${kind}) stored ${JSON.stringify(run.rows)}, an earlier run ${JSON.stringify(rows)}`);
    times[kind].push(run.ms);
    if (i < ORDER.length - 1) await session.call('deleteDb', name);
    else tandemDb = name;
  }
  if (rows === null || ORDER[ORDER.length - 1] !== 'tandem') throw new Error('the last bootstrap must leave a Tandem replica');
  const floorDb = `bench-floor-latency-${runId}`;
  await session.call('copyFloorRows', tandemDb, floorDb);
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  const tandem = median(times.tandem);
  const floor = median(times.floor);
  return {
    result: {
      name: `bootstrap of ${total.toLocaleString('en-US')} rows (${Object.keys(rows).length} tables, pages of 5,000) into Chromium IndexedDB through the engine worker vs fetch + raw Dexie bulkPut`,
      value: Math.round((total / tandem) * 1000),
      unit: 'rows/s',
      floor: Math.round((total / floor) * 1000),
      ratio: tandem / floor,
    },
    tandemDb,
    floorDb,
  };
}
