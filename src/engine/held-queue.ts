/**
 * The queue store: pulled changes a map did not mirror yet.
 *
 *   held      appended by pull, in the page's transaction, while the map is paused (or
 *             resuming: new changes wait behind the catch-up); one item per pulled
 *             version, every intermediate version kept, deletions too; replayed in id
 *             order by catch-up and deleted as they are applied
 *   catch-up  held items kept when the map skipped to live (or was stopped); listed by
 *             the queue browser and replayed one by one or all at once by retryQueued
 *
 * Agent writes are never here: they stay in the outbox, held there while the map is paused.
 */
import type { Table } from 'dexie';
import type { Side } from '../core/maps/index.ts';
import type { EngineContext } from './context.ts';
import type { ReplicaDb, StoredRow } from './replica/db.ts';
import type { ReplicaTable } from './replica/tables.ts';
import { keyOf, rowId } from './replica/tables.ts';

export type QueueKind = 'held' | 'catch-up';

export interface QueueItem {
  id?: number;
  readonly mapId: string;
  /** The pulled row's id (replica/tables.ts rowId): "erp_CustomersV3|usmf|US-000001". */
  readonly rowId: string;
  readonly side: Side;
  readonly set: string;
  readonly key: Readonly<Record<string, string>>;
  /** The version pulled; for a deletion, the last version known before it. */
  readonly row: StoredRow;
  readonly deleted: boolean;
  /** Fields this version changed since the one before it (null: unknown, the whole row counts). */
  readonly changed: readonly string[] | null;
  readonly at: string;
  kind: QueueKind;
}

export const queueTable = (db: ReplicaDb): Table<QueueItem, number> => db.table('queue') as Table<QueueItem, number>;

/** Appends one pulled version for `mapId` (inside the caller's transaction: the pull's page). */
export async function holdPulled(ctx: EngineContext, mapId: string, table: ReplicaTable, row: StoredRow, deleted: boolean, changed: readonly string[] | null): Promise<void> {
  await queueTable(ctx.db).add({ mapId, rowId: rowId(table, row), side: table.side, set: table.set, key: keyOf(table, row), row, deleted, changed, at: ctx.now().toISOString(), kind: 'held' });
}

/** The map's items of one kind, in order (an index on mapId keeps primary-key order within a map). */
export const itemsOf = (db: ReplicaDb, mapId: string, kind: QueueKind) =>
  queueTable(db)
    .where('mapId')
    .equals(mapId)
    .filter((item) => item.kind === kind);
