/**
 * mirrorRow: one row through one map, to the values the map writes on the other side.
 *
 *   row on `from` ──filter──▶ key   (the counterpart's integration key, lookups resolved)
 *    ──companies──▶         values (key fields + every mapping flowing this way + constants)
 *    ──effective──▶         defaults (onCreate constants: only when creating the counterpart)
 *                           notes (values a rule changed on purpose: rounded, truncated)
 *
 * Pure given the RowSource: no writes, no clock. Any failing transform throws a MapError, so
 * the engine can roll back the agent's whole write and show why.
 */
import { STANDARD_MAPS } from './standard/index.ts';
import { MapError } from './errors.ts';
import { flowingFields, mapFlows } from './directions.ts';
import { companyPair, inCompanies } from './company.ts';
import { effectiveAt } from './effective.ts';
import { matchesSide } from './filter.ts';
import { crmKeyOf, erpKeyOf, type Resolution } from './lookup.ts';
import { lookupValue } from './mirror-lookup.ts';
import { memoSource } from './memo-source.ts';
import { copyValue, valueMapValue, type MirrorNote } from './transform.ts';
import { other, type FieldMapping, type Row, type RowSource, type Side, type TableMap } from './types.ts';

export type { MirrorNote } from './transform.ts';

export interface Mirror {
  /** The counterpart's integration key on the target side. */
  key: Record<string, unknown>;
  /** Every target field this direction writes, key fields included. */
  values: Record<string, unknown>;
  /** Constants written only when the counterpart is created (never over an existing row). */
  defaults: Record<string, unknown>;
  /** With `deferLookups`: target lookup fields left out because their row is not in the replica yet. */
  deferred: string[];
  /** Present when a rule changed a value on purpose (onLoss 'round', onTooLong 'truncate'), for the log. */
  notes?: MirrorNote[];
}

export interface MirrorOptions {
  /** The maps lookups resolve through (default STANDARD_MAPS; the map itself for a self-reference). */
  catalog?: readonly TableMap[];
  /**
   * Leave out a (non-key) lookup whose referenced row is not in the replica instead of
   * throwing MAP_LOOKUP_NOT_FOUND, and name it in `deferred` (never one the target requires). For a row that references
   * itself or a row created in the same write (InvoiceAccount = its own CustomerAccount):
   * write it without the reference, then mirror again once the referenced row exists.
   */
  deferLookups?: boolean;
  /** For a map with `effective.mode` 'current': the date (YYYY-MM-DD) whose effective rows are mirrored. */
  asOf?: string;
}

type Flowing = Exclude<FieldMapping, { kind: 'constant' }>;

/**
 * Returns null when the row is outside `from`'s filter, outside the map's companies, not
 * effective at `asOf`, or the map does not write this way (a one-way map read from its
 * target side).
 */
export async function mirrorRow(map: TableMap, from: Side, row: Row, source: RowSource, options: MirrorOptions = {}): Promise<Mirror | null> {
  if (!mapFlows(map, from) || !matchesSide(map, from, row)) return null;
  if (!effectiveAt(map, from, row, options.asOf)) return null;
  const r: Resolution = { map, from, source: memoSource(source), maps: byId(options.catalog ?? STANDARD_MAPS), depth: 0 };
  const key = from === 'erp' ? await crmKeyOf(r, map, row) : await erpKeyOf(r, map, row);
  if (!companyAllowed(map, from, row, key)) return null;
  const mirror: Mirror = { key, values: { ...key }, defaults: {}, deferred: [] };
  for (const m of map.fields) {
    if (m.kind === 'constant' && m.target === other(from)) (m.onCreate ? mirror.defaults : mirror.values)[m.field] = m.value;
  }
  const notes: MirrorNote[] = [];
  for (const m of flowingFields(map, from)) await writeField(r, m, row, mirror, notes, options.deferLookups === true);
  if (notes.length > 0) mirror.notes = notes;
  return mirror;
}

/** The row's company code (ERP side of the company pair) against `map.companies`. */
function companyAllowed(map: TableMap, from: Side, row: Row, key: Record<string, unknown>): boolean {
  const pair = companyPair(map);
  if (map.companies === undefined || pair === undefined) return true;
  return inCompanies(map, from === 'erp' ? row[pair.erp] : key[pair.erp]);
}

/**
 * One mapping's value into `mirror.values` (or its target field into `deferred`). Copies and
 * value maps are computed synchronously; only lookups read the source (a promise per field
 * would cost more than the field's own work on a 100k-row pass).
 */
async function writeField(r: Resolution, m: Flowing, row: Row, mirror: Mirror, notes: MirrorNote[], deferLookups: boolean): Promise<void> {
  const to = other(r.from);
  let value: unknown;
  if (m.kind === 'lookup') {
    try {
      value = await lookupValue(r, m, row, mirror);
    } catch (error) {
      const deferrable = deferLookups && !requiredOn(m, to) && error instanceof MapError && error.code === 'MAP_LOOKUP_NOT_FOUND';
      if (!deferrable) throw error;
      mirror.deferred.push(m[to]);
      return;
    }
  } else {
    const source = row[m[r.from]];
    value = m.kind === 'copy' ? copyValue(r.map, m, r.from, source, { row, written: mirror.values, notes }) : valueMapValue(r.map, m, r.from, source);
  }
  requireValue(r, m, value);
  mirror.values[m[to]] = value;
}

const requiredOn = (m: Flowing, side: Side): boolean => m.required === 'both' || m.required === side;

function requireValue(r: Resolution, m: Flowing, value: unknown): void {
  const to = other(r.from);
  if (!requiredOn(m, to) || (value !== null && value !== undefined && value !== '')) return;
  const message = `${m[to]} is required in the ${to.toUpperCase()} but ${m[r.from]} is empty (${arrow(r.from)})`;
  throw new MapError('MAP_REQUIRED_MISSING', { mapId: r.map.id, field: m[r.from], side: r.from }, message);
}

const arrow = (from: Side): string => (from === 'erp' ? 'ERP → CRM' : 'CRM → ERP');

const catalogs = new WeakMap<readonly TableMap[], ReadonlyMap<string, TableMap>>();

function byId(catalog: readonly TableMap[]): ReadonlyMap<string, TableMap> {
  let maps = catalogs.get(catalog);
  if (maps === undefined) {
    maps = new Map(catalog.map((m) => [m.id, m]));
    catalogs.set(catalog, maps);
  }
  return maps;
}
