/**
 * Portable DDL for the two stores (TEXT and INTEGER only; the same statements run on
 * SQLite and PostgreSQL). Each entity set gets one table whose columns are its fields
 * plus `_seq`, the store-wide change sequence number of the row's last write; `_seq` is
 * also the row's version (its ETag) and the cursor of change tracking.
 */
import type { FieldDef } from '../../src/core/schema/types.ts';
import type { SetSpec, StoreSpec } from '../schema/spec.ts';
import { quoteId } from './db.ts';

const sqlType = (field: FieldDef): string =>
  field.type === 'Edm.Int32' || field.type === 'Edm.Boolean' ? 'INTEGER' : 'TEXT';

export const columnDdl = (field: FieldDef): string => `${quoteId(field.name)} ${sqlType(field)}`;

function tableDdl(set: SetSpec): string[] {
  const table = quoteId(set.table);
  const columns = set.fields.map(columnDdl);
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${table} (${[...columns, '"_seq" INTEGER NOT NULL', `PRIMARY KEY (${set.key.map(quoteId).join(', ')})`].join(', ')})`,
    `CREATE UNIQUE INDEX IF NOT EXISTS ${quoteId(`${set.table}__seq`)} ON ${table} ("_seq")`,
  ];
  (set.alternateKeys ?? []).forEach((alternate, i) => {
    statements.push(
      `CREATE UNIQUE INDEX IF NOT EXISTS ${quoteId(`${set.table}__ak${i}`)} ON ${table} (${alternate.map(quoteId).join(', ')})`,
    );
  });
  for (const field of set.fields) {
    if (field.references && !set.key.includes(field.name)) {
      const columns = [...(field.references.with ?? []), field.name];
      statements.push(
        `CREATE INDEX IF NOT EXISTS ${quoteId(`${set.table}__ref_${field.name}`)} ON ${table} (${columns.map(quoteId).join(', ')})`,
      );
    }
  }
  return statements;
}

const SYSTEM_DDL = [
  `CREATE TABLE IF NOT EXISTS tandem_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS tandem_sequences (store TEXT PRIMARY KEY, value INTEGER NOT NULL)`,
  // Deleted rows, kept so that delta links can report them as @removed.
  `CREATE TABLE IF NOT EXISTS tandem_removed (
     set_name TEXT NOT NULL, key_json TEXT NOT NULL, company TEXT, "_seq" INTEGER NOT NULL,
     removed_at TEXT NOT NULL, removed_by TEXT NOT NULL, PRIMARY KEY (set_name, "_seq"))`,
  `CREATE TABLE IF NOT EXISTS tandem_users (
     username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL, companies TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS tandem_tokens (
     token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
];

export function schemaDdl(stores: readonly StoreSpec[]): string[] {
  return [
    ...SYSTEM_DDL,
    ...stores.flatMap((store) => store.sets.flatMap(tableDdl)),
  ];
}
