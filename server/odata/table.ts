/** SQL for one entity set's table: find by key, insert, update, delete. */
import type { FieldDef } from '../../src/core/schema/types.ts';
import type { SetSpec } from '../schema/spec.ts';
import type { Db, SqlRow } from '../storage/db.ts';
import { quoteId } from '../storage/db.ts';
import type { Row } from './codec.ts';
import { rowFromSql, toSql } from './codec.ts';
import type { ResolvedKey } from './keys.ts';

export interface StoredRow {
  readonly row: Row;
  readonly seq: number;
}

const columnCache = new WeakMap<SetSpec, string>();

/** The SELECT list of a set: every field, then `_seq`. */
export function columnsSql(set: SetSpec): string {
  let sql = columnCache.get(set);
  if (!sql) {
    sql = [...set.fields.map((f) => quoteId(f.name)), '"_seq"'].join(', ');
    columnCache.set(set, sql);
  }
  return sql;
}

export function field(set: SetSpec, name: string): FieldDef {
  const f = set.fields.find((x) => x.name === name);
  if (!f) throw new Error(`${set.name} has no field ${name}`);
  return f;
}

export async function findByKey(tx: Db, set: SetSpec, key: ResolvedKey): Promise<StoredRow | undefined> {
  const names = [...key.values.keys()];
  const where = names.map((n) => `${quoteId(n)} = ?`).join(' AND ');
  const params = names.map((n) => toSql(field(set, n), key.values.get(n)));
  const sql = await tx.get<SqlRow>(`SELECT ${columnsSql(set)} FROM ${quoteId(set.table)} WHERE ${where}`, params);
  return sql ? rowFromSql(set, sql) : undefined;
}

export async function insertRow(tx: Db, set: SetSpec, row: Readonly<Row>, seq: number): Promise<void> {
  const columns = [...set.fields.map((f) => quoteId(f.name)), '"_seq"'];
  const params = [...set.fields.map((f) => toSql(f, row[f.name])), seq];
  await tx.run(
    `INSERT INTO ${quoteId(set.table)} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    params,
  );
}

export async function updateRow(tx: Db, set: SetSpec, row: Readonly<Row>, seq: number): Promise<void> {
  const assignments = [...set.fields.filter((f) => !set.key.includes(f.name)).map((f) => quoteId(f.name)), '"_seq"'];
  const params = [
    ...set.fields.filter((f) => !set.key.includes(f.name)).map((f) => toSql(f, row[f.name])),
    seq,
    ...set.key.map((k) => toSql(field(set, k), row[k])),
  ];
  await tx.run(
    `UPDATE ${quoteId(set.table)} SET ${assignments.map((a) => `${a} = ?`).join(', ')} WHERE ${keyWhere(set)}`,
    params,
  );
}

export async function deleteRow(tx: Db, set: SetSpec, row: Readonly<Row>): Promise<void> {
  await tx.run(`DELETE FROM ${quoteId(set.table)} WHERE ${keyWhere(set)}`, set.key.map((k) => toSql(field(set, k), row[k])));
}

export const keyWhere = (set: SetSpec): string => set.key.map((k) => `${quoteId(k)} = ?`).join(' AND ');

export function keyOf(set: SetSpec, row: Readonly<Row>): Record<string, Row[string]> {
  return Object.fromEntries(set.key.map((k) => [k, row[k] ?? null]));
}
