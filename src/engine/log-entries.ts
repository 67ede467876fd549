/**
 * The log entries sync writes about records, so a record's history can be told: each
 * names its map, its row (`key`, indexed) and every row it is about (`rows`), who made the
 * change and what changed.
 *
 *   pushed    an outbox entry both stores confirmed: who (the signed-in user), when the
 *             change was made (createdAt), the fields written per row
 *   pulled    a change made in a store (back office, another agent) that reached the
 *             replica: its author and time from the row's stamps, the fields it changed
 *   rejected  (errors) a store refused an entry: its ops are kept so it can be retried
 */
import { changedFields, mapsForTable } from '../core/maps/index.ts';
import type { EngineContext } from './context.ts';
import { appendLog } from './context.ts';
import type { OutboxEntry, RowOp } from './outbox.ts';
import type { LogEntry, StoredRow } from './replica/db.ts';
import type { ReplicaTable } from './replica/tables.ts';
import { rowId } from './replica/tables.ts';
import { modifiedAt, modifiedBy, STAMP_FIELDS } from './row-stamps.ts';

type NewEntry = Omit<LogEntry, 'at' | 'id'>;

/** The op an entry is about: the agent's own row, else its first. */
export function leadOp(entry: Pick<OutboxEntry, 'ops'>): RowOp | undefined {
  return entry.ops.find((op) => op.mapId === null) ?? entry.ops[0];
}

const mapOf = (entry: OutboxEntry): string | null => entry.ops.find((op) => op.mapId !== null)?.mapId ?? null;

/** What an entry about an outbox entry names: its map, its row, every row, who, and where the change came from. */
function about(ctx: EngineContext, entry: OutboxEntry, op: RowOp | undefined, mapId: string | null) {
  return {
    fields: { mapId, side: op?.side ?? null, set: op?.set ?? null, key: op?.rowId ?? null, rows: [...entry.rows], by: ctx.user?.() ?? null },
    source: { txId: entry.txId, origin: entry.origin, createdAt: entry.createdAt },
  };
}

export function pushedEntry(ctx: EngineContext, entry: OutboxEntry): NewEntry {
  const { fields, source } = about(ctx, entry, leadOp(entry), mapOf(entry));
  const stores = [...new Set(entry.ops.map((o) => o.side.toUpperCase()))].join(' and ');
  const changes = entry.ops.map((op) => ({ side: op.side, set: op.set, rowId: op.rowId, kind: op.kind, create: op.create, fields: Object.keys(op.patch) }));
  return { kind: 'pushed', message: `${entry.description} — written to ${stores}`, ...fields, details: { ...source, changes } };
}

/** A refused entry, with its ops as they were (retryErrors queues the lead op's change again). */
export function rejectedEntry(ctx: EngineContext, entry: OutboxEntry, failed: RowOp, code: string, message: string): NewEntry {
  const { fields, source } = about(ctx, entry, failed, failed.mapId ?? mapOf(entry));
  const ops = entry.ops.map((op) => ({ side: op.side, set: op.set, key: { ...op.key }, rowId: op.rowId, kind: op.kind, create: op.create, patch: { ...op.patch }, mapId: op.mapId }));
  return { kind: 'rejected', code, message, ...fields, details: { ...source, description: entry.description, ops } };
}

/** A change a store made to a row (null when only stamps or nothing changed: an echo of our own write). */
export function pulledEntry(ctx: EngineContext, table: ReplicaTable, before: StoredRow | null, server: StoredRow): NewEntry | null {
  if (before && before._etag === server._etag) return null;
  const fields = (before ? changedFields(server, before) : Object.keys(server).filter((f) => server[f] !== null)).filter((f) => !STAMP_FIELDS.has(f));
  if (fields.length === 0) return null;
  const by = modifiedBy(table.side, server);
  const store = table.side.toUpperCase();
  return {
    kind: 'pulled',
    message: `${table.set} ${rowId(table, server)} ${before ? 'changed' : 'created'} in the ${store}${by ? ` by ${by}` : ''}: ${fields.join(', ')}`,
    mapId: mapsForTable(ctx.maps, table.side, table.set)[0]?.id ?? null,
    side: table.side,
    set: table.set,
    key: rowId(table, server),
    by,
    details: { changedAt: modifiedAt(table.side, server), fields, created: before === null },
  };
}

/** Logs a change a store made to a row, if it is one (pulled rows after the first load). */
export async function logPulled(ctx: EngineContext, table: ReplicaTable, before: StoredRow | null, server: StoredRow): Promise<void> {
  const entry = pulledEntry(ctx, table, before, server);
  if (entry) await appendLog(ctx, 'activity', entry);
}
