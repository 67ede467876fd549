/**
 * Rows between their JSON form (canonical values, see src/core/schema/types.ts) and SQL
 * (TEXT and INTEGER only: booleans are 0/1, decimals canonical text).
 */
import type { EntitySetDef, FieldDef } from '../../src/core/schema/types.ts';
import type { SqlRow, SqlValue } from '../storage/db.ts';

export type JsonValue = string | number | boolean | null;
export type Row = Record<string, JsonValue>;

export function toSql(field: FieldDef, value: JsonValue | undefined): SqlValue {
  if (value === undefined || value === null) return null;
  if (field.type === 'Edm.Boolean') return value ? 1 : 0;
  return value as string | number;
}

export function fromSql(field: FieldDef, value: SqlValue | undefined): JsonValue {
  if (value === undefined || value === null) return null;
  if (field.type === 'Edm.Boolean') return Number(value) !== 0;
  if (field.type === 'Edm.Int32') return Number(value);
  return String(value);
}

export function rowFromSql(set: EntitySetDef, sql: SqlRow): { row: Row; seq: number } {
  const row: Row = {};
  for (const field of set.fields) row[field.name] = fromSql(field, sql[field.name]);
  return { row, seq: Number(sql['_seq']) };
}

export const etagOf = (seq: number): string => `W/"${seq}"`;

/** Parses an If-Match / If-None-Match header: '*' or a list of (weak or strong) ETags. */
export function parseEtags(header: string | undefined): '*' | number[] | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  const seqs: number[] = [];
  for (const match of header.matchAll(/(?:W\/)?"(\d{1,15})"/g)) seqs.push(Number(match[1]));
  return seqs;
}
