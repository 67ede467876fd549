/**
 * A local dual-write: the row the agent wrote, every counterpart row the maps derive from
 * it, and the outbox entry, committed in ONE IndexedDB transaction. A transform that fails
 * (no value-map entry, a lookup whose target is missing…) throws a MapError, which aborts
 * the transaction: nothing is written, and the error names the map and the field.
 *
 * Latency matters here (the agent waits on it), and inside a transaction each IndexedDB
 * read is a round trip, so reads that do not depend on each other are issued together,
 * reference lookups come from memory (ReferenceCache), and all writes go out at once.
 */
import { changedFields, fieldTypes, mapsForTable, matchesSide, mirrorRow, readOnlyOn } from '../core/maps/index.ts';
import type { RowSource, Side, TableMap } from '../core/maps/index.ts';
import type { EngineContext } from './context.ts';
import { logNotes, mirrorOptions } from './context.ts';
import type { OutboxEntry, RowOp } from './outbox.ts';
import type { Shadow, StoredRow } from './replica/db.ts';
import { findRow, replicaSource, withStaged } from './replica/row-source.ts';
import type { ReplicaTable } from './replica/tables.ts';
import { dexieKey, keyOf, REPLICA_TABLES, replicaTable, rowId, tableName } from './replica/tables.ts';

export interface WriteIntent {
  readonly side: Side;
  readonly set: string;
  /** The row's primary key; null to create a row from `values` (which must hold the key, or a CRM GUID is made). */
  readonly key: Readonly<Record<string, string>> | null;
  readonly kind: 'upsert' | 'delete';
  readonly values: Readonly<Record<string, unknown>>;
  readonly description: string;
}

export interface WriteOutcome {
  readonly entryId: number | null;
  /** Row ids written, origin first. */
  readonly rows: readonly string[];
  readonly origin: StoredRow | null;
}

/** Writes collected while planning, issued together at the end of the transaction. */
type Writes = (() => Promise<unknown>)[];

export async function commitWrite(ctx: EngineContext, intent: WriteIntent, origin: OutboxEntry['origin'] = 'agent'): Promise<WriteOutcome> {
  const { db } = ctx;
  if (origin === 'agent') refuseReadOnly(ctx.maps, intent);
  await ctx.reference?.warm();
  const source: RowSource = ctx.reference?.source() ?? replicaSource(db);
  const scope = [...REPLICA_TABLES.map((t) => db.rows(tableName(t.side, t.set))), db.outbox, db.shadows, db.activity];
  return db.transaction('rw', scope, async () => {
    const table = replicaTable(intent.side, intent.set);
    const rows = db.rows(tableName(intent.side, intent.set));
    const ops: RowOp[] = [];
    const writes: Writes = [];
    let current: StoredRow | undefined;
    let next: StoredRow | null;
    let shadow: Shadow | undefined;
    if (intent.key) {
      [current, shadow] = await Promise.all([rows.get(dexieKey(table, intent.key)), db.shadows.get(rowId(table, intent.key))]);
      if (!current) throw new LocalWriteError('ROW_NOT_FOUND', `No ${intent.set} row ${JSON.stringify(intent.key)} in the replica.`);
      next = intent.kind === 'delete' ? null : { ...current, ...intent.values };
    } else {
      const values: Record<string, unknown> = { ...intent.values };
      if (intent.side === 'crm' && table.key.length === 1 && !values[table.key[0] as string]) values[table.key[0] as string] = ctx.newId();
      const existing = await rows.get(dexieKey(table, values));
      if (existing) throw new LocalWriteError('ROW_EXISTS', `${intent.set} ${JSON.stringify(keyOf(table, values))} already exists.`);
      next = { ...values, _etag: '' } as StoredRow;
    }
    const changed = next ? changedFields(next, current).filter((f) => f !== '_etag') : [];
    await stage(ctx, table, current ?? null, next, changed, null, shadow, ops, writes);

    for (const map of mapsForTable(ctx.maps, intent.side, intent.set)) {
      const subject = next ?? current;
      // A stopped map derives nothing; a paused one does (the entry then waits in the outbox).
      if (!subject || ctx.mapGate?.(map.id).derive === false || !matchesSide(map, intent.side, subject)) continue;
      let mirrored = await mirrorRow(map, intent.side, subject, source, mirrorOptions(ctx, next !== null));
      if (!mirrored) continue;
      const otherSide: Side = intent.side === 'erp' ? 'crm' : 'erp';
      const otherTable = replicaTable(otherSide, map[otherSide].set);
      const { target, targetShadow } = await findTarget(ctx, otherTable, mirrored.key);
      if (!next) {
        if (target) await stage(ctx, otherTable, target, null, [], map.id, targetShadow, ops, writes);
        continue;
      }
      const planned = (m: typeof mirrored & object): StoredRow =>
        target ? ({ ...target, ...m.values } as StoredRow) : ({ ...newKey(ctx, otherTable), ...m.defaults, ...m.values, _etag: '' } as StoredRow);
      if (mirrored.deferred.length > 0) {
        // Second pass: the reference names the counterpart this write creates (itself).
        const first = planned(mirrored);
        const second = await mirrorRow(map, intent.side, subject, withStaged(source, [{ side: otherSide, set: otherTable.set, row: first }]), mirrorOptions(ctx));
        if (!second) continue;
        mirrored = { ...second, values: { ...second.values, ...keyOf(otherTable, first) } };
      }
      const differing = changedFields(mirrored.values, target, fieldTypes(map, otherSide));
      if (differing.length === 0) continue;
      await logNotes(ctx, map.id, mirrored, rowId(table, subject));
      const targetNext = planned(mirrored);
      const fields = target ? differing : Object.keys(targetNext).filter((f) => f !== '_etag');
      await stage(ctx, otherTable, target ?? null, targetNext, fields, map.id, targetShadow, ops, writes);
    }

    if (ops.length === 0) {
      await Promise.all(writes.map((w) => w()));
      return { entryId: null, rows: [], origin: next };
    }
    const entry: OutboxEntry = {
      txId: ctx.newId(),
      createdAt: ctx.now().toISOString(),
      origin,
      description: intent.description,
      ops,
      rows: [...new Set(ops.map((o) => o.rowId))],
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
    };
    const [entryId] = await Promise.all([db.outbox.add(entry), ...writes.map((w) => w())]);
    return { entryId, rows: entry.rows, origin: next };
  });
}

/** The counterpart row and its shadow: one round trip when the key is the primary key, two otherwise. */
async function findTarget(ctx: EngineContext, table: ReplicaTable, key: Record<string, unknown>): Promise<{ target: StoredRow | undefined; targetShadow: Shadow | undefined }> {
  const isPrimary = table.key.length === Object.keys(key).length && table.key.every((k) => typeof key[k] === 'string' && key[k] !== '');
  if (isPrimary) {
    const [target, targetShadow] = await Promise.all([ctx.db.rows(tableName(table.side, table.set)).get(dexieKey(table, key)), ctx.db.shadows.get(rowId(table, key))]);
    return { target, targetShadow };
  }
  const target = await findRow(ctx.db, table.side, table.set, key);
  const targetShadow = target ? await ctx.db.shadows.get(rowId(table, target)) : undefined;
  return { target, targetShadow };
}

function newKey(ctx: EngineContext, table: ReplicaTable): Record<string, string> {
  return table.side === 'crm' && table.key.length === 1 ? { [table.key[0] as string]: ctx.newId() } : {};
}

/**
 * Plans the row's new view, keeps its server state as the shadow (only the first pending
 * edit records it), and adds the op. `changed` lists the fields the op sends; `shadow` is
 * the row's shadow as read (undefined: none yet).
 */
async function stage(
  ctx: EngineContext,
  table: ReplicaTable,
  before: StoredRow | null,
  after: StoredRow | null,
  changed: readonly string[],
  mapId: string | null,
  shadow: Shadow | undefined,
  ops: RowOp[],
  writes: Writes,
): Promise<void> {
  const subject = after ?? before;
  if (!subject) return;
  const id = rowId(table, subject);
  const server = shadow ? shadow.row : before && before._etag ? before : null;
  const rows = ctx.db.rows(tableName(table.side, table.set));
  const key = keyOf(table, subject);
  if (after) {
    if (changed.length === 0) return;
    if (!shadow) writes.push(() => ctx.db.shadows.put({ id, row: server }));
    writes.push(() => rows.put(after));
    const patch: Record<string, unknown> = {};
    for (const field of changed) patch[field] = after[field] ?? null;
    ops.push({ side: table.side, set: table.set, key, rowId: id, kind: 'upsert', create: server === null, patch, baseEtag: server?._etag ?? null, mapId, done: false });
    return;
  }
  writes.push(() => rows.delete(dexieKey(table, subject)));
  if (server === null) {
    // Never reached the server: cancel the pending create instead of sending a delete.
    await cancelPendingOps(ctx, id);
    return;
  }
  if (!shadow) writes.push(() => ctx.db.shadows.put({ id, row: server }));
  ops.push({ side: table.side, set: table.set, key, rowId: id, kind: 'delete', create: false, patch: {}, baseEtag: server._etag, mapId, done: false });
}

async function cancelPendingOps(ctx: EngineContext, id: string): Promise<void> {
  for (const entry of await ctx.db.outbox.where('rows').equals(id).toArray()) {
    for (const op of entry.ops) if (op.rowId === id) op.done = true;
    if (entry.ops.every((op) => op.done)) await ctx.db.outbox.delete(entry.id as number);
    else await ctx.db.outbox.put(entry);
  }
  await ctx.db.shadows.delete(id);
}

/**
 * An agent may not write what a map maintains one way from the other store (a CRM
 * invoice, on-hand inventory, an order's totals): it would never reach the source and the
 * next change from there would overwrite it. Refused before anything is written.
 */
function refuseReadOnly(maps: readonly TableMap[], intent: WriteIntent): void {
  const readOnly = readOnlyOn(maps, intent.side, intent.set);
  const store = intent.side.toUpperCase();
  if (readOnly.set !== null) {
    throw new LocalWriteError('READ_ONLY', `${intent.set} is read-only in the ${store}: the ${readOnly.set} map keeps it from the other store.`);
  }
  for (const field of Object.keys(intent.values)) {
    const map = readOnly.fields.get(field);
    if (map !== undefined) throw new LocalWriteError('READ_ONLY', `${field} of ${intent.set} is read-only in the ${store}: the ${map} map keeps it from the other store.`);
  }
}

export class LocalWriteError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
