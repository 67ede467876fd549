/**
 * The maps' view of the replica (core's RowSource), reading through Dexie inside the
 * caller's transaction: by primary key, or by equality on fields, using an index when
 * one matches (alternate keys) and a scan otherwise.
 */
import type { RowSource, Side } from '../../core/maps/index.ts';
import type { ReplicaDb, StoredRow } from './db.ts';
import { dexieKey, replicaTable, tableName } from './tables.ts';

export function replicaSource(db: ReplicaDb): RowSource {
  return {
    async get(side, set, key) {
      const table = replicaTable(side, set);
      if (table.key.some((k) => typeof key[k] !== 'string' || key[k] === '')) return undefined;
      return db.rows(tableName(side, set)).get(dexieKey(table, key));
    },
    async find(side, set, where) {
      return findRow(db, side, set, where);
    },
  };
}

export async function findRow(db: ReplicaDb, side: Side, set: string, where: Readonly<Record<string, unknown>>): Promise<StoredRow | undefined> {
  const table = replicaTable(side, set);
  const fields = Object.keys(where);
  if (fields.some((f) => where[f] === null || where[f] === undefined)) return undefined;
  const rows = db.rows(tableName(side, set));
  const same = (a: readonly string[]) => a.length === fields.length && a.every((f) => fields.includes(f));
  if (same(table.key)) return rows.get(dexieKey(table, where));
  const index = table.indexes.find(same);
  if (index) {
    const name = index.length === 1 ? (index[0] as string) : `[${index.join('+')}]`;
    const value = index.length === 1 ? where[index[0] as string] : index.map((f) => where[f]);
    return rows.where(name).equals(value as string | string[]).first();
  }
  return rows.filter((row) => fields.every((f) => row[f] === where[f])).first();
}

/**
 * `source` with rows planned but not yet written in the current transaction laid over
 * it, so a second pass of a local write can resolve a reference to a row it creates
 * (a customer that is its own invoice account).
 */
export function withStaged(source: RowSource, staged: readonly { readonly side: Side; readonly set: string; readonly row: StoredRow }[]): RowSource {
  const matching = (side: Side, set: string, where: Readonly<Record<string, unknown>>) =>
    staged.find((s) => s.side === side && s.set === set && Object.keys(where).every((f) => where[f] !== undefined && s.row[f] === where[f]))?.row;
  return {
    async get(side, set, key) {
      return matching(side, set, key) ?? source.get(side, set, key);
    },
    async find(side, set, where) {
      return matching(side, set, where) ?? source.find(side, set, where);
    },
  };
}
