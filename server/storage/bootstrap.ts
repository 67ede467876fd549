import type { StoreSpec } from '../schema/spec.ts';
import type { Db } from './db.ts';
import { quoteId } from './db.ts';
import { columnDdl, schemaDdl } from './ddl.ts';

/** The on-disk format version; bump it (with a migration) whenever the DDL changes shape. */
export const STORAGE_FORMAT_VERSION = 1;

/**
 * Creates missing tables and sequence rows, adds columns the schema gained since the
 * database was created (additive changes migrate in place: new fields start empty), and
 * refuses a database written by another format.
 */
export async function bootstrapSchema(db: Db, stores: readonly StoreSpec[]): Promise<void> {
  await db.transaction(async (tx) => {
    const ddl = schemaDdl(stores);
    for (const statement of ddl.filter((s) => s.startsWith('CREATE TABLE'))) await tx.exec(statement);
    for (const set of stores.flatMap((s) => s.sets)) {
      const existing = new Set(await tx.columns(set.table));
      for (const field of set.fields) {
        if (!existing.has(field.name)) await tx.exec(`ALTER TABLE ${quoteId(set.table)} ADD COLUMN ${columnDdl(field)}`);
      }
    }
    for (const statement of ddl.filter((s) => !s.startsWith('CREATE TABLE'))) await tx.exec(statement);
    for (const store of stores) {
      await tx.run('INSERT INTO tandem_sequences (store, value) VALUES (?, 0) ON CONFLICT (store) DO NOTHING', [store.name]);
    }
    const row = await tx.get<{ value: string }>('SELECT value FROM tandem_meta WHERE name = ?', ['format']);
    if (!row) {
      await tx.run('INSERT INTO tandem_meta (name, value) VALUES (?, ?)', ['format', String(STORAGE_FORMAT_VERSION)]);
    } else if (row.value !== String(STORAGE_FORMAT_VERSION)) {
      throw new Error(
        `The database was written by storage format ${row.value}; this server uses ${STORAGE_FORMAT_VERSION}. ` +
          'Start with an empty TANDEM_DATA folder, or run a matching server version.',
      );
    }
  });
}

/** Reserves `count` consecutive change sequence numbers in the store; returns the first. */
export async function reserveSeq(tx: Db, store: string, count = 1): Promise<number> {
  const row = await tx.get<{ value: number }>(
    'UPDATE tandem_sequences SET value = value + ? WHERE store = ? RETURNING value',
    [count, store],
  );
  if (!row) throw new Error(`No change sequence for store ${store}`);
  return row.value - count + 1;
}
