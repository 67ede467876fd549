/**
 * The map-application bench's worker thread: applies the customers ↔ accounts map to
 * every ERP customer (mirrorRow ERP → CRM: filter, key, lookups through an indexed source,
 * decimal and text rules, value maps, constants), and, as the floor, copies the same rows
 * field by field into objects with the CRM names — the same pairs, no map. Runs alternate
 * (floor, map, map, floor, floor, map) and each run's time goes back to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mirrorRow, STANDARD_MAPS } from '../src/core/maps/index.ts';
import type { Row, RowSource, Side, TableMap } from '../src/core/maps/index.ts';

export interface MapApplyInput {
  readonly mapId: string;
  readonly erpRows: readonly Row[];
  /** Rows the map's lookups read, by side and set. */
  readonly reference: Readonly<Record<string, readonly Row[]>>;
}

export interface MapApplyRun {
  readonly kind: 'map' | 'floor';
  readonly ms: number;
  /** Rows written (the map skips rows outside its filter; the floor copies those too, and counts the same rows). */
  readonly rows: number;
}

const ORDER = ['floor', 'map', 'map', 'floor', 'floor', 'map'] as const;
/** Keeps the floor's copies observable, so no engine can drop the work. */
export let sink: Record<string, unknown> | null = null;

/** Rows indexed by the field lists asked for, built on first use: the engine's in-memory reference tables do the same. */
function indexedSource(reference: Readonly<Record<string, readonly Row[]>>): RowSource {
  const indexes = new Map<string, Map<string, Row>>();
  const find = (side: Side, set: string, where: Readonly<Record<string, unknown>>): Promise<Row | undefined> => {
    const fields = Object.keys(where).sort();
    const id = `${side}/${set}/${fields.join(',')}`;
    let index = indexes.get(id);
    if (!index) {
      index = new Map();
      for (const row of reference[`${side}/${set}`] ?? []) {
        const key = JSON.stringify(fields.map((f) => normal(row[f])));
        if (!index.has(key)) index.set(key, row);
      }
      indexes.set(id, index);
    }
    return Promise.resolve(index.get(JSON.stringify(fields.map((f) => normal(where[f])))));
  };
  return { get: find, find };
}

const normal = (value: unknown): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

/** The pairs a plain copy moves: every key pair and mapping flowing ERP → CRM, by name. */
function copyPairs(map: TableMap): [string, string][] {
  const pairs: [string, string][] = map.keys.map((k) => [k.erp, k.crm]);
  for (const m of map.fields) if (m.kind !== 'constant' && m.direction !== 'crm-to-erp') pairs.push([m.erp, m.crm]);
  return pairs;
}

async function applyMap(map: TableMap, rows: readonly Row[], source: RowSource): Promise<number> {
  let written = 0;
  // As the engine's pull does: a reference whose counterpart is not there yet is deferred, not an error.
  for (const row of rows) if (await mirrorRow(map, 'erp', row, source, { deferLookups: true })) written++;
  return written;
}

function copyRows(pairs: readonly [string, string][], rows: readonly Row[], keep: (row: Row) => boolean): number {
  let written = 0;
  for (const row of rows) {
    if (!keep(row)) continue;
    const out: Record<string, unknown> = {};
    for (const [erp, crm] of pairs) out[crm] = row[erp];
    sink = out;
    written++;
  }
  return written;
}

async function main(input: MapApplyInput): Promise<MapApplyRun[]> {
  const map = STANDARD_MAPS.find((m) => m.id === input.mapId);
  if (!map) throw new Error(`no standard map ${input.mapId}`);
  const source = indexedSource(input.reference);
  const pairs = copyPairs(map);
  const inFilter = (row: Row) => row['PartyType'] === 'Organization';
  await applyMap(map, input.erpRows.slice(0, 1000), source); // warm the indexes and the JIT
  const runs: MapApplyRun[] = [];
  for (const kind of ORDER) {
    const started = performance.now();
    const rows = kind === 'map' ? await applyMap(map, input.erpRows, source) : copyRows(pairs, input.erpRows, inFilter);
    runs.push({ kind, ms: performance.now() - started, rows });
  }
  return runs;
}

main(workerData as MapApplyInput).then(
  (runs) => parentPort?.postMessage({ runs }),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
