/**
 * Map application throughput: the customers ↔ accounts map applied ERP → CRM to every
 * customer of the 100k database in a worker thread (bench/map-apply.worker.ts), against
 * the floor of copying the same rows field by field (the same field pairs, no map) in the
 * same worker. The rows are read over HTTP as the engine reads them; the lookups resolve
 * through the CRM rows the map needs (companies, currencies, customer groups, accounts),
 * held in memory with indexes, as the engine's reference tables are.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { STANDARD_MAPS } from '../src/core/maps/index.ts';
import type { Row, TableMap } from '../src/core/maps/index.ts';
import type { BenchResult } from './result.ts';
import { median } from './result.ts';
import { pullAll, signIn } from './delta-pull.ts';
import { startServerProcess } from './server-process.ts';
import type { MapApplyInput, MapApplyRun } from './map-apply.worker.ts';

const MAP_ID = 'customers-accounts';

export async function mapApplyBench(repoRoot: string, dataDir: string): Promise<BenchResult> {
  const map = STANDARD_MAPS.find((m) => m.id === MAP_ID) as TableMap;
  const server = await startServerProcess(repoRoot, dataDir);
  let input: MapApplyInput;
  try {
    const token = await signIn(server.url);
    const erpRows = await pullAll(`${server.url}/erp/data/${map.erp.set}`, token);
    const reference: Record<string, readonly Row[]> = {};
    for (const set of lookupSets(map)) reference[`crm/${set}`] = await pullAll(`${server.url}/crm/api/data/v9.2/${set}`, token);
    input = { mapId: MAP_ID, erpRows, reference };
  } finally {
    await server.stop();
  }
  const worker = new Worker(join(repoRoot, 'bench/map-apply.boot.mjs'), { workerData: input });
  const reply = await new Promise<{ runs?: MapApplyRun[]; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (!reply.runs) throw new Error(`map-apply worker failed: ${reply.error}`);
  const rows = reply.runs[0]?.rows ?? 0;
  for (const run of reply.runs) {
    if (run.rows !== rows) throw new Error(`a ${run.kind} run wrote ${run.rows} rows, the first ${rows}`);
    console.log(`  map apply ${run.kind.padEnd(5)} ${(run.ms / 1000).toFixed(2).padStart(6)} s  ${Math.round((rows / run.ms) * 1000).toLocaleString('en-US').padStart(10)} rows/s`);
  }
  const time = (kind: MapApplyRun['kind']) => median(reply.runs?.filter((r) => r.kind === kind).map((r) => r.ms) ?? []);
  const [tandem, floor] = [time('map'), time('floor')];
  return {
    name: `map application: ${MAP_ID} ERP → CRM on ${rows.toLocaleString('en-US')} customers in a worker thread vs field-by-field copy of the same rows`,
    value: Math.round((rows / tandem) * 1000),
    unit: 'rows/s',
    floor: Math.round((rows / floor) * 1000),
    ratio: tandem / floor,
  };
}

/** The CRM sets the map's lookups read, through the maps they name, transitively. */
function lookupSets(map: TableMap): string[] {
  const sets = new Set<string>();
  const seen = new Set<string>();
  const visit = (m: TableMap) => {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    sets.add(m.crm.set);
    const named = [...m.keys.flatMap((k) => (k.lookup ? [k.lookup] : [])), ...m.fields.flatMap((f) => (f.kind === 'lookup' ? [f.map, ...(f.targets ?? []).map((t) => t.map)] : []))];
    for (const id of named) {
      const next = STANDARD_MAPS.find((x) => x.id === id);
      if (next) visit(next);
    }
  };
  visit(map);
  return [...sets];
}
