/**
 * The local replica in IndexedDB (Dexie): one table per store table, plus
 *
 *   outbox       one entry per local dual-write transaction (see ../outbox.ts), ordered by id;
 *                `*rows` indexes the row ids each entry touches
 *   shadows      the last known server state of rows that have pending local edits (the
 *                base of three-way merges and of rebasing pulled rows under local edits)
 *   checkpoints  per table: the next link to follow (nextLink mid-feed, deltaLink after)
 *   activity     what the engine did (bounded)
 *   errors       what failed and needs a person (bounded)
 *   meta         session, bootstrap state, paused maps
 *
 * The format is versioned: a change to stores here needs a new db.version() with an
 * upgrade that never touches the outbox.
 *
 *   1  companies, currencies, customer groups, customers/accounts, contact persons/contacts
 *   2  + units, terms of payment, payment methods, vendor groups, vendors, exchange rates,
 *      unit conversions, released products/products (Dexie adds the new stores; the
 *      outbox, shadows and checkpoints are kept, and the new tables load on the next pull)
 *   3  + customer assets, service orders/work orders, notes/annotations (the same way; the
 *      contacts store keeps its indexes: person customers share it with contact persons)
 *   4  + on-hand inventory and loyalty cards (the same way)
 *   5  + sales order headers and lines (the same way)
 *   6  + sales quotes and lines, invoices and lines
 *   7  + the operations stores (OPS_STORES): queue, conflicts, syncRuns, syncFailures,
 *      alerts; activity and errors gain mapId and key indexes (per map, per record)
 *   8  + party postal and electronic addresses
 */
import Dexie from 'dexie';
import type { Table } from 'dexie';
import type { OutboxEntry } from '../outbox.ts';
import { REPLICA_TABLES, tableName } from './tables.ts';

export type StoredRow = Record<string, unknown> & { _etag: string };

export interface Shadow {
  readonly id: string;
  readonly row: StoredRow | null;
}

export interface Checkpoint {
  readonly table: string;
  readonly link: string;
  /** True once the first full load of the table has reached a deltaLink. */
  readonly loaded: boolean;
}

export interface LogEntry {
  id?: number;
  at: string;
  kind: string;
  message: string;
  code?: string;
  mapId?: string | null;
  side?: 'erp' | 'crm' | null;
  set?: string | null;
  key?: string | null;
  /** Errors: skipped or retried by a person (absent: open). */
  status?: 'skipped' | 'retried';
  /** Who made the change the entry is about (the agent, a store's author). */
  by?: string | null;
  /** Every row the entry is about (the record and its counterparts), for record histories. */
  rows?: string[];
  /** Plain data: fields written, a rejected entry's ops (to retry it), who retried or skipped. */
  details?: Record<string, unknown>;
}

export const REPLICA_FORMAT_VERSION = 8;

/**
 * The engine's operations stores (sync operations: pause and catch-up, initial sync,
 * conflicts, logs, alerts), beside the replica tables:
 *
 *   queue         changes held for a paused map (pulled back-office rows, every version in
 *                 order) and catch-up items kept when a map skipped to live
 *   conflicts     conflicts decided by a rule (the log) and those waiting for a person (the inbox)
 *   syncRuns      per map: the state of its initial sync (pages done, counts, timings)
 *   syncFailures  per map: the rows an initial sync could not write, with the reason
 *   alerts        alerts raised by the alert rules
 */
export const OPS_STORES: Readonly<Record<string, string>> = {
  queue: '++id, mapId, rowId',
  conflicts: '++id, mapId, rowId, status',
  syncRuns: 'mapId',
  syncFailures: '++id, mapId, rowId',
  alerts: '++id, ruleId',
};

export class ReplicaDb extends Dexie {
  outbox!: Table<OutboxEntry, number>;
  shadows!: Table<Shadow, string>;
  checkpoints!: Table<Checkpoint, string>;
  activity!: Table<LogEntry, number>;
  errors!: Table<LogEntry, number>;
  meta!: Table<{ name: string; value: unknown }, string>;

  constructor(name = 'tandem', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    const stores: Record<string, string> = {
      outbox: '++id, *rows',
      shadows: 'id',
      checkpoints: 'table',
      activity: '++id, mapId, key',
      errors: '++id, mapId, key',
      meta: 'name',
      ...OPS_STORES,
    };
    for (const t of REPLICA_TABLES) {
      const pk = t.key.length === 1 ? t.key[0] : `[${t.key.join('+')}]`;
      const indexes = t.indexes.map((fields) => (fields.length === 1 ? fields[0] : `[${fields.join('+')}]`));
      stores[tableName(t.side, t.set)] = [pk, ...indexes].join(', ');
    }
    this.version(REPLICA_FORMAT_VERSION).stores(stores);
  }

  rows(name: string): Table<StoredRow, unknown> {
    return this.table(name) as Table<StoredRow, unknown>;
  }
}
