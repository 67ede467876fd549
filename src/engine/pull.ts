/**
 * Pull: for every replicated table, follow its change feed from the saved checkpoint.
 * Each page is applied in ONE transaction together with its checkpoint, so a crash
 * mid-feed resumes at the page it was on, neither skipping nor re-applying a change.
 *
 * For each pulled row:
 *   - no pending local ops → the row replaces the replica's copy;
 *   - pending local ops    → conflicts (a field the server changed that an op also sets to
 *     another value) are decided by the map's rule; the row becomes the new server base
 *     (shadow), the surviving ops are rebased onto it, and the view is recomputed: local
 *     edits are never clobbered by a pull;
 *   - once every table has been loaded once, a pulled change whose counterpart in the
 *     other store differs is mirrored through the maps (a new outbox entry) — that is how
 *     back-office edits reach the other system; an echo of our own write finds the
 *     counterpart already equal and does nothing, so nothing loops. A paused map holds
 *     the change in the queue instead (held-queue.ts; catch-up replays it through
 *     mirrorHeld), a stopped map ignores it.
 */
import { changedFields, fieldTypes, mapsForTable, matchesSide, MapError, mirrorRow, sameValue } from '../core/maps/index.ts';
import type { Side, TableMap } from '../core/maps/index.ts';
import { decideField, mapOfOp, recordConflicts } from './conflicts.ts';
import type { FieldDecision } from './conflicts.ts';
import type { ODataClient, FeedPage } from './connector/odata-client.ts';
import type { EngineContext } from './context.ts';
import { allTables, appendLog, logNotes, mirrorOptions } from './context.ts';
import { counterpartField } from './field-pairs.ts';
import { logPulled } from './log-entries.ts';
import { holdPulled } from './held-queue.ts';
import type { OutboxEntry, RowOp } from './outbox.ts';
import type { StoredRow } from './replica/db.ts';
import { findRow, replicaSource } from './replica/row-source.ts';
import type { ReplicaTable } from './replica/tables.ts';
import { dexieKey, keyOf, REPLICA_TABLES, replicaTable, rowId, tableName } from './replica/tables.ts';
import { viewOf } from './view.ts';

export interface PullProgress {
  (table: string, rows: number): void;
}

/** Pulls every table once to its current deltaLink. Returns the number of rows applied. */
export async function pullAll(ctx: EngineContext, client: ODataClient, progress?: PullProgress): Promise<number> {
  let total = 0;
  const mirroring = await allLoaded(ctx);
  for (const table of REPLICA_TABLES) total += await pullTable(ctx, client, table, mirroring, progress);
  // An async scope (not a bare arrow returning the promise): Dexie keeps its transaction zone across the awaits.
  if (mirroring) {
    await ctx.db.transaction('rw', allTables(ctx.db), async () => {
      await mirrorDeferred(ctx);
    });
  }
  return total;
}

/**
 * A pulled row mirrored without a reference whose counterpart did not exist yet (a
 * customer whose invoice account is another new customer, or itself) is remembered in
 * `meta.deferredMirrors`, in the page's transaction, and mirrored again once the pull has
 * written every table: by then the referenced counterpart exists and the second pass
 * patches the reference in. Rows still unresolved stay listed for the next pull.
 */
interface DeferredMirror {
  readonly side: Side;
  readonly set: string;
  readonly key: Record<string, unknown>;
  /** Second passes that still found the reference missing. */
  readonly attempts: number;
}

const DEFERRED_MIRRORS = 'deferredMirrors';
/** After this many pulls a reference that still names no counterpart is an error to look at. */
const DEFERRED_ATTEMPTS = 3;

async function deferredMirrors(ctx: EngineContext): Promise<DeferredMirror[]> {
  return ((await ctx.db.meta.get(DEFERRED_MIRRORS))?.value as DeferredMirror[] | undefined) ?? [];
}

async function deferMirror(ctx: EngineContext, table: ReplicaTable, row: StoredRow): Promise<void> {
  const list = await deferredMirrors(ctx);
  const key = keyOf(table, row);
  if (list.some((d) => d.side === table.side && d.set === table.set && rowId(table, d.key) === rowId(table, key))) return;
  await ctx.db.meta.put({ name: DEFERRED_MIRRORS, value: [...list, { side: table.side, set: table.set, key, attempts: 0 }] });
}

async function mirrorDeferred(ctx: EngineContext): Promise<void> {
  const list = await deferredMirrors(ctx);
  if (list.length === 0) return;
  await ctx.db.meta.put({ name: DEFERRED_MIRRORS, value: [] });
  for (const d of list) {
    const table = REPLICA_TABLES.find((t) => t.side === d.side && t.set === d.set);
    const row = table ? await ctx.db.rows(tableName(table.side, table.set)).get(dexieKey(table, d.key)) : undefined;
    if (!table || !row) continue;
    const id = rowId(table, row);
    await mirror(ctx, table, row, pendingFields(await ctx.db.outbox.where('rows').equals(id).toArray(), id));
  }
  const still: DeferredMirror[] = [];
  for (const d of await deferredMirrors(ctx)) {
    const before = list.find((b) => b.side === d.side && b.set === d.set && JSON.stringify(b.key) === JSON.stringify(d.key));
    const attempts = (before?.attempts ?? -1) + 1;
    if (attempts < DEFERRED_ATTEMPTS) {
      still.push({ ...d, attempts });
      continue;
    }
    const message = `${d.set} ${JSON.stringify(d.key)} references a row with no counterpart in the other store after ${attempts} pulls; it was mirrored without that reference.`;
    await appendLog(ctx, 'errors', { kind: 'mirror', code: 'MAP_LOOKUP_NOT_FOUND', message, side: d.side, set: d.set, key: rowId(replicaTable(d.side, d.set), d.key) });
  }
  await ctx.db.meta.put({ name: DEFERRED_MIRRORS, value: still });
}

export async function allLoaded(ctx: EngineContext): Promise<boolean> {
  const checkpoints = await ctx.db.checkpoints.toArray();
  return REPLICA_TABLES.every((t) => checkpoints.some((c) => c.table === tableName(t.side, t.set) && c.loaded));
}

async function pullTable(ctx: EngineContext, client: ODataClient, table: ReplicaTable, mirroring: boolean, progress?: PullProgress): Promise<number> {
  const name = tableName(table.side, table.set);
  let checkpoint = await ctx.db.checkpoints.get(name);
  let pending: Promise<FeedPage> = client.page(checkpoint?.link ?? client.feedStart(table));
  let applied = 0;
  for (;;) {
    const page = await pending;
    // Fetch the next page while this one is written: the network and IndexedDB overlap.
    if (page.nextLink) {
      pending = client.page(page.nextLink);
      pending.catch(() => undefined); // observed when awaited; never an unhandled rejection
    }
    const loaded = checkpoint?.loaded ?? false;
    const next = { table: name, link: page.nextLink ?? (page.deltaLink as string), loaded: loaded || page.deltaLink !== null };
    const mirror = mirroring && loaded;
    // A bootstrap page with nothing local to protect locks only its own table, so the
    // app's reads of other tables are not held up; anything else locks everything.
    const fast = !mirror && (await ctx.db.transaction('rw', [ctx.db.rows(name), ctx.db.checkpoints, ctx.db.outbox], async () => {
      if ((await ctx.db.outbox.count()) > 0) return false;
      await bulkApply(ctx, table, page);
      await ctx.db.checkpoints.put(next);
      return true;
    }));
    if (!fast) {
      await ctx.db.transaction('rw', allTables(ctx.db), async () => {
        await applyPage(ctx, table, page, mirror);
        await ctx.db.checkpoints.put(next);
      });
    }
    checkpoint = next;
    applied += page.rows.length + page.removed.length;
    progress?.(name, applied);
    if (!page.nextLink) return applied;
  }
}

/** Bootstrap fast path: nothing local to protect, nothing to mirror yet. */
async function bulkApply(ctx: EngineContext, table: ReplicaTable, page: FeedPage): Promise<void> {
  const rows = ctx.db.rows(tableName(table.side, table.set));
  if (page.rows.length) await rows.bulkPut(page.rows);
  if (page.removed.length) await rows.bulkDelete(page.removed.map((k) => dexieKey(table, k)));
}

async function applyPage(ctx: EngineContext, table: ReplicaTable, page: FeedPage, mirroring: boolean): Promise<void> {
  for (const server of page.rows) await applyRow(ctx, table, server, mirroring);
  for (const key of page.removed) await applyRemoval(ctx, table, key, mirroring);
}

async function applyRow(ctx: EngineContext, table: ReplicaTable, server: StoredRow, mirroring: boolean): Promise<void> {
  const id = rowId(table, server);
  const rows = ctx.db.rows(tableName(table.side, table.set));
  const entries = await ctx.db.outbox.where('rows').equals(id).toArray();
  const pending = entries.filter((e) => e.ops.some((op) => !op.done && op.rowId === id));
  if (pending.length === 0) {
    const before = await rows.get(dexieKey(table, server));
    await rows.put(server);
    if (mirroring) await logPulled(ctx, table, before ?? null, server);
    if (mirroring && (!before || before._etag !== server._etag)) await mirror(ctx, table, server, new Set(), before ?? null);
    return;
  }
  const shadow = await ctx.db.shadows.get(id);
  const base = shadow?.row ?? null;
  if (mirroring) await logPulled(ctx, table, base, server);
  for (const entry of pending) {
    for (const op of entry.ops) {
      if (op.done || op.rowId !== id || op.kind !== 'upsert') continue;
      await resolveAgainstServer(ctx, entry, op, base, server);
      op.baseEtag = server._etag;
      op.create = false;
    }
    await saveEntry(ctx, entry);
  }
  await ctx.db.shadows.put({ id, row: server });
  const remaining = await ctx.db.outbox.where('rows').equals(id).toArray();
  const view = viewOf(server, remaining, id);
  if (view) await rows.put(view);
  if (mirroring) await mirror(ctx, table, server, pendingFields(remaining, id), base);
}

/**
 * Decides, field by field, between a pending op and the server's newer version of the row:
 * the server already has our value → the field is done; the server changed the field to
 * something else → conflict, decided by the field's rule (conflicts.ts decideField; every
 * conflict is recorded there). A field the server keeps (server-wins, manual, a lost
 * last-writer-wins…) leaves the op, and the entry's other half, so both stores end with
 * the server's value. Returns the conflicting fields.
 */
export async function resolveAgainstServer(ctx: EngineContext, entry: OutboxEntry, op: RowOp, base: StoredRow | null, server: StoredRow): Promise<string[]> {
  // Field types from the op's map: "1.50" equals "1.5" only in a decimal field, not in an account number.
  const map = mapOfOp(ctx.maps, entry, op);
  const types = map ? fieldTypes(map, op.side) : undefined;
  const same = (a: unknown, b: unknown, field: string) => sameValue(a, b, types?.get(field));
  const decisions: FieldDecision[] = [];
  for (const field of Object.keys(op.patch)) {
    const ours = op.patch[field];
    if (same(server[field], ours, field)) {
      delete op.patch[field];
      continue;
    }
    const serverChanged = base === null ? field in server : !same(server[field], base[field], field);
    if (!serverChanged) continue;
    const decision = decideField(map, entry, op, field, server);
    decisions.push({ field, ...decision, base: base?.[field], local: ours, server: server[field] });
    if (decision.winner === 'local') continue;
    delete op.patch[field];
    dropCounterpart(ctx.maps, entry, op, field);
  }
  for (const k of Object.keys(op.key)) delete op.patch[k];
  if (Object.keys(op.patch).length === 0) op.done = true;
  await recordConflicts(ctx, entry, op, map, base, server, decisions);
  return decisions.map((d) => d.field);
}

function dropCounterpart(maps: readonly TableMap[], entry: OutboxEntry, op: RowOp, field: string): void {
  for (const other of entry.ops) {
    if (other === op || other.done || other.side === op.side) continue;
    const map = maps.find((m) => m[op.side].set === op.set && m[other.side].set === other.set);
    const paired = map ? counterpartField(map, op.side, field) : null;
    if (paired && paired in other.patch && !Object.keys(other.key).includes(paired)) {
      delete other.patch[paired];
      if (Object.keys(other.patch).length === 0 && !other.create) other.done = true;
    }
  }
}

async function saveEntry(ctx: EngineContext, entry: OutboxEntry): Promise<void> {
  if (entry.ops.every((op) => op.done)) await ctx.db.outbox.delete(entry.id as number);
  else await ctx.db.outbox.put(entry);
}

function pendingFields(entries: readonly OutboxEntry[], id: string): Set<string> {
  const fields = new Set<string>();
  for (const e of entries) for (const op of e.ops) if (!op.done && op.rowId === id) for (const f of Object.keys(op.patch)) fields.add(f);
  return fields;
}

/**
 * A newer server version of a row with pending local ops, learned from a push's 412
 * rather than from the change feed: once the ops are resolved against it (push.ts), its
 * change is mirrored like a pulled one. The replica now holds its etag, so the feed's copy
 * of the same version will look like an echo — without this the other store would never
 * hear of the change (the convergence test's first shrunk failure).
 */
export async function mirrorLearned(ctx: EngineContext, table: ReplicaTable, server: StoredRow, base: StoredRow | null): Promise<void> {
  const id = rowId(table, server);
  await mirror(ctx, table, server, pendingFields(await ctx.db.outbox.where('rows').equals(id).toArray(), id), base);
}

/**
 * Mirrors a pulled change into the other store's rows through every map of the table, as
 * each map's state says (map-states.ts): mirrored now, held in the queue (a paused map:
 * every version kept, replayed in order by catch-up), or not at all (a stopped map).
 */
async function mirror(ctx: EngineContext, table: ReplicaTable, server: StoredRow, pendingHere: ReadonlySet<string> = new Set(), previous?: StoredRow | null): Promise<void> {
  for (const map of mapsForTable(ctx.maps, table.side, table.set)) {
    if (!wouldMirror(ctx, map, table, server)) continue;
    const pulled = ctx.mapGate?.(map.id).pulled ?? 'mirror';
    if (pulled === 'hold') await holdPulled(ctx, map.id, table, server, false, previous === undefined ? null : changedFields(server, previous ?? undefined).filter((f) => f !== '_etag'));
    else if (pulled === 'mirror') await mirrorThrough(ctx, map, table, server, pendingHere);
  }
}

const wouldMirror = (ctx: EngineContext, map: TableMap, table: ReplicaTable, server: StoredRow): boolean => ctx.mayMirror?.(map) !== false && matchesSide(map, table.side, server);

/**
 * Catch-up: one held version of a pulled row (or its deletion) mirrored through one map —
 * the path a live pull takes (echoes find the counterpart equal; fields with pending local
 * edits are left to the outbox and its conflict rules), without asking the map's state.
 * `changed` (the fields this version changed, when known) limits what an existing
 * counterpart receives, so replaying an old version of one store never writes its stale
 * values over newer changes made in the other.
 */
export async function mirrorHeld(ctx: EngineContext, map: TableMap, table: ReplicaTable, row: StoredRow, deleted: boolean, changed: readonly string[] | null): Promise<void> {
  if (!wouldMirror(ctx, map, table, row)) return;
  if (deleted) return mirrorRemovalThrough(ctx, map, table, row);
  const id = rowId(table, row);
  await mirrorThrough(ctx, map, table, row, pendingFields(await ctx.db.outbox.where('rows').equals(id).toArray(), id), changed ? new Set(changed) : null);
}

async function mirrorThrough(ctx: EngineContext, map: TableMap, table: ReplicaTable, server: StoredRow, pendingHere: ReadonlySet<string>, only: ReadonlySet<string> | null = null): Promise<void> {
  const otherSide: Side = table.side === 'erp' ? 'crm' : 'erp';
  let mirrored;
  try {
    mirrored = await mirrorRow(map, table.side, server, replicaSource(ctx.db), mirrorOptions(ctx, true));
  } catch (error) {
    if (!(error instanceof MapError)) throw error;
    await appendLog(ctx, 'errors', { kind: 'mirror', code: error.code, message: error.message, mapId: map.id, side: table.side, set: table.set, key: rowId(table, server) });
    return;
  }
  if (!mirrored) return;
  if (mirrored.deferred.length > 0) await deferMirror(ctx, table, server);
  const other = REPLICA_TABLES.find((t) => t.side === otherSide && t.set === map[otherSide].set) as ReplicaTable;
  const target = await findRow(ctx.db, otherSide, other.set, mirrored.key);
  const targetId = target ? rowId(other, target) : null;
  const targetShadow = targetId ? await ctx.db.shadows.get(targetId) : undefined;
  const targetServer = targetShadow ? targetShadow.row : (target ?? null);
  const skip = new Set<string>();
  for (const f of pendingHere) {
    const paired = counterpartField(map, table.side, f);
    if (paired) skip.add(paired);
  }
  // What this version is compared with: the target as the server has it, except the fields
  // this map already mirrored from an older version and has not sent yet — those will be
  // written, so the target's value is the one staged (the replica's). Else a newer version
  // equal to the server's would look like no change and the older staged value would win.
  let compared = targetServer;
  if (targetId) {
    const queued = await ctx.db.outbox.where('rows').equals(targetId).toArray();
    const mine = (e: (typeof queued)[number]) => e.origin === 'mirror' && !e.ops.some((op) => op.rowId === targetId && op.mapId !== map.id);
    // A newer version of the same source supersedes what this map mirrored from it before
    // (still queued: the catch-up of several versions, or a push that has not gone yet);
    // what others queued for the target (the agent, other maps) is left alone.
    for (const f of pendingFields(queued.filter((e) => !mine(e)), targetId)) skip.add(f);
    const staged = pendingFields(queued.filter(mine), targetId);
    if (target && staged.size > 0) compared = { ...(targetServer ?? target), ...Object.fromEntries([...staged].map((f) => [f, target[f]])) } as StoredRow;
  }
  const relevant = (f: string) => !only || !target || only.has(counterpartField(map, otherSide, f) ?? '');
  const differing = changedFields(mirrored.values, compared ?? undefined, fieldTypes(map, otherSide)).filter((f) => !skip.has(f) && relevant(f));
  if (differing.length === 0) return;
  await logNotes(ctx, map.id, mirrored, rowId(table, server));
  const values: Record<string, unknown> = {};
  for (const f of differing) values[f] = mirrored.values[f];
  const created = target ? {} : mirrored.defaults;
  await stageMirror(ctx, other, target ?? null, targetServer, { ...created, ...mirrored.key, ...values }, map.id, `${map.id}: ${table.side.toUpperCase()} change mirrored`);
}

async function stageMirror(ctx: EngineContext, table: ReplicaTable, target: StoredRow | null, server: StoredRow | null, values: Record<string, unknown>, mapId: string, description: string): Promise<void> {
  const rows = ctx.db.rows(tableName(table.side, table.set));
  const base: Record<string, unknown> = target ? { ...target } : table.side === 'crm' ? { [table.key[0] as string]: ctx.newId() } : {};
  const next = { ...base, ...values, _etag: target?._etag ?? '' } as StoredRow;
  const id = rowId(table, next);
  if (!(await ctx.db.shadows.get(id))) await ctx.db.shadows.put({ id, row: server });
  await rows.put(next);
  const patch = target ? values : Object.fromEntries(Object.entries(next).filter(([k]) => k !== '_etag'));
  const op: RowOp = { side: table.side, set: table.set, key: keyOf(table, next), rowId: id, kind: 'upsert', create: server === null, patch, baseEtag: server?._etag ?? null, mapId, done: false };
  await ctx.db.outbox.add({ txId: ctx.newId(), createdAt: ctx.now().toISOString(), origin: 'mirror', description, ops: [op], rows: [id], attempts: 0, nextAttemptAt: null, lastError: null });
}

async function applyRemoval(ctx: EngineContext, table: ReplicaTable, key: Record<string, unknown>, mirroring: boolean): Promise<void> {
  const rows = ctx.db.rows(tableName(table.side, table.set));
  let local: StoredRow | undefined;
  try {
    local = await rows.get(dexieKey(table, key));
  } catch {
    return; // a removal without our key fields: nothing of ours
  }
  if (!local) return;
  const id = rowId(table, local);
  const entries = await ctx.db.outbox.where('rows').equals(id).toArray();
  const shadow = await ctx.db.shadows.get(id);
  const server = shadow ? shadow.row : local;
  for (const entry of entries) {
    let touched = false;
    for (const op of entry.ops) {
      if (op.done || op.rowId !== id) continue;
      op.done = true;
      touched = true;
    }
    if (touched) {
      await appendLog(ctx, 'errors', { kind: 'conflict', code: 'DELETED_ON_SERVER', message: `${table.set} ${JSON.stringify(keyOf(table, local))} was deleted in the ${table.side.toUpperCase()} while it had local changes; the changes were dropped.`, side: table.side, set: table.set, key: id });
      await saveEntry(ctx, entry);
    }
  }
  await rows.delete(dexieKey(table, local));
  await ctx.db.shadows.delete(id);
  if (!mirroring || !server) return;
  for (const map of mapsForTable(ctx.maps, table.side, table.set)) {
    if (!wouldMirror(ctx, map, table, server)) continue;
    const pulled = ctx.mapGate?.(map.id).pulled ?? 'mirror';
    if (pulled === 'hold') await holdPulled(ctx, map.id, table, server, true, null);
    else if (pulled === 'mirror') await mirrorRemovalThrough(ctx, map, table, server);
  }
}

/** A deletion pulled from one store deletes the counterpart through `map` (unless it has pending local edits). */
async function mirrorRemovalThrough(ctx: EngineContext, map: TableMap, table: ReplicaTable, server: StoredRow): Promise<void> {
  const otherSide: Side = table.side === 'erp' ? 'crm' : 'erp';
  try {
    const mirrored = await mirrorRow(map, table.side, server, replicaSource(ctx.db), mirrorOptions(ctx));
    if (!mirrored) return;
    const other = REPLICA_TABLES.find((t) => t.side === otherSide && t.set === map[otherSide].set) as ReplicaTable;
    const target = await findRow(ctx.db, otherSide, other.set, mirrored.key);
    if (!target || !target._etag) return;
    const targetId = rowId(other, target);
    if ((await ctx.db.outbox.where('rows').equals(targetId).count()) > 0) return;
    await ctx.db.shadows.put({ id: targetId, row: target });
    await ctx.db.rows(tableName(other.side, other.set)).delete(dexieKey(other, target));
    const op: RowOp = { side: other.side, set: other.set, key: keyOf(other, target), rowId: targetId, kind: 'delete', create: false, patch: {}, baseEtag: target._etag, mapId: map.id, done: false };
    await ctx.db.outbox.add({ txId: ctx.newId(), createdAt: ctx.now().toISOString(), origin: 'mirror', description: `${map.id}: ${table.side.toUpperCase()} deletion mirrored`, ops: [op], rows: [targetId], attempts: 0, nextAttemptAt: null, lastError: null });
  } catch (error) {
    if (!(error instanceof MapError)) throw error;
  }
}

