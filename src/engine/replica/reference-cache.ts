/**
 * The small reference tables (companies, currencies, units, customer groups, terms of
 * payment, vendor groups on both sides: the ones other maps look up) kept
 * in memory for local writes: a dual-write resolves several lookups through them, and
 * each IndexedDB read inside a transaction costs a round trip. Loaded on first use,
 * dropped when the table changes (storagemutated, this tab's writes and other tabs').
 * Lookups use only keys, which never change for a row, so a moment of staleness between
 * another tab's commit and its notification cannot produce a wrong reference.
 */
import type { RowSource, Side } from '../../core/maps/index.ts';
import type { ReplicaDb, StoredRow } from './db.ts';
import { replicaSource } from './row-source.ts';
import { replicaTable, tableName } from './tables.ts';

export const REFERENCE_TABLES: ReadonlySet<string> = new Set([
  'erp_LegalEntities',
  'erp_Currencies',
  'erp_CustomerGroups',
  'erp_Units',
  'erp_PaymentTerms',
  'erp_VendorGroups',
  'crm_cdm_companies',
  'crm_transactioncurrencies',
  'crm_msdyn_customergroups',
  'crm_uoms',
  'crm_msdyn_paymentterms',
  'crm_msdyn_vendorgroups',
]);

export class ReferenceCache {
  readonly #tables = new Map<string, Promise<StoredRow[]>>();

  constructor(private readonly db: ReplicaDb) {}

  /** Loads every reference table; call it before a transaction, so lookups inside never wait on I/O. */
  async warm(): Promise<void> {
    await Promise.all([...REFERENCE_TABLES].map((t) => this.#rows(t)));
  }

  invalidate(tables: readonly string[]): void {
    for (const t of tables) this.#tables.delete(t);
  }

  #rows(name: string): Promise<StoredRow[]> {
    let rows = this.#tables.get(name);
    if (!rows) {
      rows = this.db.rows(name).toArray();
      this.#tables.set(name, rows);
      rows.catch(() => this.#tables.delete(name));
    }
    return rows;
  }

  /** A RowSource answering reference tables from memory and the rest from the replica (inside the caller's transaction). */
  source(): RowSource {
    const replica = replicaSource(this.db);
    const cached = (side: Side, set: string) => REFERENCE_TABLES.has(tableName(side, set));
    const match = (row: StoredRow, where: Readonly<Record<string, unknown>>) => Object.keys(where).every((f) => row[f] === where[f]);
    return {
      get: async (side, set, key) => {
        if (!cached(side, set)) return replica.get(side, set, key);
        const keyFields = replicaTable(side, set).key;
        return (await this.#rows(tableName(side, set))).find((r) => keyFields.every((k) => r[k] === key[k]));
      },
      find: async (side, set, where) => {
        if (!cached(side, set)) return replica.find(side, set, where);
        if (Object.values(where).some((v) => v === null || v === undefined)) return undefined;
        return (await this.#rows(tableName(side, set))).find((r) => match(r, where));
      },
    };
  }
}
