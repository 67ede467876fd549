/**
 * The outbox: one durable entry per local dual-write transaction, written in the same
 * IndexedDB transaction as the rows it changed, removed only after both stores confirmed
 * every op in it (or after a permanent rejection was compensated and logged).
 *
 *   entry  { id (order), txId, origin, ops[], rows[] (index), attempts, nextAttemptAt }
 *   op     one row write on one store: PATCH-upsert of `patch` with If-Match `baseEtag`
 *          (If-None-Match: * when `create`), or DELETE with If-Match `baseEtag`
 *
 * Ops of one entry on one store travel in one $batch atomicity group; the ERP ops of an
 * entry are sent before its CRM ops.
 */
import type { Side } from '../core/maps/index.ts';

export interface RowOp {
  readonly side: Side;
  readonly set: string;
  readonly key: Readonly<Record<string, string>>;
  readonly rowId: string;
  readonly kind: 'upsert' | 'delete';
  /** The row did not exist on the server when the op was made. */
  create: boolean;
  /** Fields to send; shrinks when a conflict is resolved against a field. */
  patch: Record<string, unknown>;
  /** The server version the op is based on (null for creates). */
  baseEtag: string | null;
  /** The map that derived this op from another row, or null for the row the agent wrote. */
  readonly mapId: string | null;
  done: boolean;
}

export type EntryOrigin = 'agent' | 'mirror' | 'compensation' | 'initial-sync';

export interface EntrySource {
  readonly mapId: string;
  readonly side: Side;
  readonly key: Readonly<Record<string, unknown>>;
  readonly rowId: string;
}

export interface OutboxEntry {
  id?: number;
  readonly txId: string;
  readonly createdAt: string;
  readonly origin: EntryOrigin;
  readonly description: string;
  /** Initial sync: the row the entry was derived from (a rejection is listed against it). */
  readonly source?: EntrySource;
  ops: RowOp[];
  /** Row ids touched (multi-entry index), for "has this row pending edits?". */
  rows: string[];
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
}

export const pendingOps = (entry: OutboxEntry): RowOp[] => entry.ops.filter((op) => !op.done);
