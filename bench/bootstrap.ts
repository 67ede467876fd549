/**
 * Bootstrap in the browser: a fresh replica pulls every replicated table (≈100k customers,
 * ≈80k accounts, ≈80k contact persons, ≈97k contacts, companies, groups, currencies) from
 * the server into Chromium's IndexedDB through the engine in a module worker, on an
 * on-disk profile; against the floor of fetching the same pages and `bulkPut`-ting them
 * raw into a plain Dexie db (one table per set, same primary keys, no other index).
 * Tandem and floor alternate (T F F T T F), each on a fresh database; medians are taken.
 * The last database of each kind is kept for the commit-latency bench.
 */
import type { BrowserSession } from './browser/session.ts';
import type { BenchResult } from './result.ts';
import { median } from './result.ts';

const ORDER = ['tandem', 'floor', 'floor', 'tandem', 'tandem', 'floor'] as const;

export interface BootstrapOutcome {
  readonly result: BenchResult;
  /** The databases the last runs left loaded: a Tandem replica and a floor db. */
  readonly tandemDb: string;
  readonly floorDb: string;
}

export async function bootstrapBench(session: BrowserSession): Promise<BootstrapOutcome> {
  const runId = Date.now().toString(36);
  const times = { tandem: [] as number[], floor: [] as number[] };
  const kept: { tandem: string | null; floor: string | null } = { tandem: null, floor: null };
  let rows: Readonly<Record<string, number>> | null = null;
  for (const [i, kind] of ORDER.entries()) {
    const name = `bench-${kind}-${runId}-${i}`;
    const run = await session.call(kind === 'tandem' ? 'tandemBootstrap' : 'floorBootstrap', name);
    const total = Object.values(run.rows).reduce((a, b) => a + b, 0);
    console.log(`  bootstrap ${kind.padEnd(6)} ${(run.ms / 1000).toFixed(1).padStart(6)} s  ${Math.round((total / run.ms) * 1000).toLocaleString('en-US')} rows/s`);
    if (rows === null) rows = run.rows;
    else if (JSON.stringify(run.rows) !== JSON.stringify(rows)) throw new Error(`run ${i} (${kind}) stored ${JSON.stringify(run.rows)}, an earlier run ${JSON.stringify(rows)}`);
    times[kind].push(run.ms);
    const previous = kept[kind];
    kept[kind] = name;
    if (previous) await session.call('deleteDb', previous); // bounded disk; not timed
  }
  if (rows === null) throw new Error('no bootstrap ran');
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
    tandemDb: kept.tandem as string,
    floorDb: kept.floor as string,
  };
}
