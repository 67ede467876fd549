/**
 * A record named by its row id ("crm_accounts|<guid>", "erp_CustomersV3|usmf|C-1") or by
 * store, set and key, and its counterparts in the other store through the maps.
 */
import { mapsForTable, mirrorRow } from '../core/maps/index.ts';
import type { Side } from '../core/maps/index.ts';
import type { RecordRef } from './api.ts';
import type { EngineContext } from './context.ts';
import { mirrorOptions } from './context.ts';
import type { StoredRow } from './replica/db.ts';
import { findRow, replicaSource } from './replica/row-source.ts';
import type { ReplicaTable } from './replica/tables.ts';
import { dexieKey, REPLICA_TABLES, replicaTable, rowId, tableName } from './replica/tables.ts';

export interface ResolvedRecord {
  readonly table: ReplicaTable;
  readonly rowId: string;
  /** The row in the replica (absent: deleted, or never loaded). */
  readonly row: StoredRow | undefined;
}

/** The record, or a message saying why the reference names none. */
export async function resolveRecord(ctx: EngineContext, ref: RecordRef): Promise<ResolvedRecord | string> {
  if (typeof ref === 'string') {
    const table = REPLICA_TABLES.find((t) => ref.startsWith(`${tableName(t.side, t.set)}|`));
    if (!table) return `"${ref}" is not a row id of a replicated table ("<side>_<set>|<key>|…").`;
    const parts = ref.split('|').slice(1);
    if (parts.length !== table.key.length) return `"${ref}" needs ${table.key.length} key part(s) for ${table.set}.`;
    return { table, rowId: ref, row: await rowByParts(ctx, table, parts) };
  }
  if (ref === null || typeof ref !== 'object' || (ref.side !== 'erp' && ref.side !== 'crm') || typeof ref.set !== 'string') return 'A record is a row id, or { side, set, key }.';
  const table = REPLICA_TABLES.find((t) => t.side === ref.side && t.set === ref.set);
  if (!table) return `The replica keeps no ${String(ref.side).toUpperCase()} table ${ref.set}.`;
  try {
    return { table, rowId: rowId(table, ref.key ?? {}), row: await ctx.db.rows(tableName(table.side, table.set)).get(dexieKey(table, ref.key ?? {})) };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Key parts from a row id are text; a last part that is an integer (a line number) is tried as a number too. */
async function rowByParts(ctx: EngineContext, table: ReplicaTable, parts: readonly string[]): Promise<StoredRow | undefined> {
  const rows = ctx.db.rows(tableName(table.side, table.set));
  const asText = parts.length === 1 ? (parts[0] as string) : [...parts];
  const found = await rows.get(asText);
  if (found || parts.length === 1) return found;
  const last = parts[parts.length - 1] as string;
  return /^-?\d+$/.test(last) ? rows.get([...parts.slice(0, -1), Number(last)]) : undefined;
}

/** The row ids of the record's counterparts through every map of its table that finds one. */
export async function counterpartsOf(ctx: EngineContext, table: ReplicaTable, row: StoredRow): Promise<string[]> {
  const ids: string[] = [];
  for (const map of mapsForTable(ctx.maps, table.side, table.set)) {
    const other: Side = table.side === 'erp' ? 'crm' : 'erp';
    try {
      const mirrored = await mirrorRow(map, table.side, row, replicaSource(ctx.db), mirrorOptions(ctx));
      const target = mirrored ? await findRow(ctx.db, other, map[other].set, mirrored.key) : undefined;
      if (target) ids.push(rowId(replicaTable(other, map[other].set), target));
    } catch {
      // A row the map cannot mirror (a missing lookup) has no counterpart to name.
    }
  }
  return ids;
}
