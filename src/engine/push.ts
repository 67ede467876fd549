/**
 * Push: sends outbox entries in order, ERP ops first then CRM ops, each store's ops of
 * one entry in one $batch atomicity group. Every request is idempotent: PATCH is an
 * upsert by key (client-made GUIDs on the CRM, natural keys on the ERP) with If-Match the
 * base version, or If-None-Match: * for a create; a retry after a lost answer meets a 412,
 * finds its values already on the server, and completes.
 *
 *   2xx        the op is confirmed: its row's server state is the answer; later ops on the
 *              same row are rebased onto it
 *   412        the row changed on the server: fetch it, resolve field by field by the map's
 *              rule (pull.ts resolveAgainstServer), retry in the next round
 *   424        a sibling in the atomicity group failed: retried with it
 *   other 4xx  permanent: the entry is dropped; an ERP half that was already confirmed is
 *              compensated (a new entry writes its previous values back); both rows are
 *              restored to their server state; the error is logged and shown
 *   401, 5xx, no answer → thrown (SyncError) for the scheduler to back off; nothing is
 *              removed from the outbox before the server confirmed it
 *
 * A batch never holds two entries touching the same row, so every If-Match is current.
 */
import { describeErrorBody, kindOfStatus, SyncError } from './connector/errors.ts';
import type { BatchRequest, BatchResponse, ODataClient } from './connector/odata-client.ts';
import type { EngineContext } from './context.ts';
import { allTables, appendLog } from './context.ts';
import { pushedEntry, rejectedEntry } from './log-entries.ts';
import type { OutboxEntry, RowOp } from './outbox.ts';
import { mirrorLearned, resolveAgainstServer } from './pull.ts';
import { recordRejection } from './initial-sync.ts';
import type { StoredRow } from './replica/db.ts';
import { dexieKey, replicaTable, tableName } from './replica/tables.ts';
import { viewOf } from './view.ts';

export const PUSH_BATCH_ENTRIES = 100;
const MAX_IDLE_ROUNDS = 5;

type Outcome =
  | { kind: 'confirmed'; server: StoredRow | null }
  | { kind: 'conflict' }
  | { kind: 'retry' }
  | { kind: 'rejected'; code: string; message: string };

/** Pushes until the outbox is empty or blocked. Returns the number of entries completed. */
export async function pushAll(ctx: EngineContext, client: ODataClient): Promise<number> {
  let completed = 0;
  // Rounds without a completed entry (conflicts being resolved, groups retried) are
  // bounded, so a row the server keeps changing cannot hold the loop forever.
  for (let idle = 0; idle < MAX_IDLE_ROUNDS; ) {
    const batch = await nextBatch(ctx);
    if (batch.length === 0) return completed;
    const done = await pushBatch(ctx, client, batch);
    completed += done;
    idle = done === 0 ? idle + 1 : 0;
  }
  return completed;
}

/**
 * The next entries to send, in id order, stopping at the first entry that touches a row
 * already in the batch. An entry with an op of a map that holds its pushes (paused, see
 * map-states.ts) is skipped and waits, and so does every later entry touching one of its
 * rows, so the order of writes to a row is kept; other entries go past it.
 */
async function nextBatch(ctx: EngineContext): Promise<OutboxEntry[]> {
  const batch: OutboxEntry[] = [];
  const rows = new Set<string>();
  const waiting = new Set<string>();
  const held = (entry: OutboxEntry) => entry.ops.some((op) => !op.done && op.mapId !== null && ctx.mapGate?.(op.mapId).push === false);
  let after = 0;
  for (;;) {
    const entries = await ctx.db.outbox.where(':id').above(after).limit(PUSH_BATCH_ENTRIES).toArray();
    for (const entry of entries) {
      after = entry.id as number;
      if (held(entry) || entry.rows.some((r) => waiting.has(r))) {
        for (const r of entry.rows) waiting.add(r);
        continue;
      }
      if (entry.rows.some((r) => rows.has(r))) return batch;
      for (const r of entry.rows) rows.add(r);
      batch.push(entry);
      if (batch.length === PUSH_BATCH_ENTRIES) return batch;
    }
    if (entries.length < PUSH_BATCH_ENTRIES) return batch;
  }
}

async function pushBatch(ctx: EngineContext, client: ODataClient, batch: OutboxEntry[]): Promise<number> {
  const outcomes = new Map<RowOp, Outcome>();
  const blocked = new Set<OutboxEntry>();
  for (const side of ['erp', 'crm'] as const) {
    const requests: BatchRequest[] = [];
    const sent: RowOp[] = [];
    for (const entry of batch) {
      if (blocked.has(entry)) continue;
      const ops = entry.ops.filter((op) => !op.done && op.side === side);
      const group = ops.length > 1 ? `e${entry.id}` : undefined;
      for (const op of ops) {
        requests.push(toRequest(client, op, `${entry.id}.${entry.ops.indexOf(op)}`, group));
        sent.push(op);
      }
    }
    if (requests.length === 0) continue;
    const responses = await client.batch(side, requests);
    const fatal = responses.find((r) => ['auth', 'transient'].includes(kindOfStatus(r.status)) && !isOk(r.status));
    responses.forEach((response, i) => outcomes.set(sent[i] as RowOp, outcomeOf(response, sent[i] as RowOp)));
    // An entry whose ERP half did not go through waits (or is rejected) before its CRM half goes.
    for (const entry of batch) {
      if (entry.ops.some((op) => op.side === side && outcomes.has(op) && outcomes.get(op)?.kind !== 'confirmed')) blocked.add(entry);
    }
    if (fatal) {
      await record(ctx, client, batch, outcomes);
      const { message } = describeErrorBody(fatal.status, fatal.body);
      throw new SyncError(kindOfStatus(fatal.status), message, fatal.status);
    }
  }
  return record(ctx, client, batch, outcomes);
}

function toRequest(client: ODataClient, op: RowOp, id: string, group: string | undefined): BatchRequest {
  const table = replicaTable(op.side, op.set);
  const headers: Record<string, string> = { Prefer: 'return=representation' };
  if (op.create) headers['If-None-Match'] = '*';
  else if (op.baseEtag) headers['If-Match'] = op.baseEtag;
  const request: BatchRequest = {
    id,
    method: op.kind === 'delete' ? 'DELETE' : 'PATCH',
    url: client.requestUrl(table, op.key),
    headers,
    ...(op.kind === 'upsert' ? { body: op.patch } : {}),
    ...(group ? { atomicityGroup: group } : {}),
  };
  return request;
}

const isOk = (status: number) => status >= 200 && status < 300;

function outcomeOf(response: BatchResponse, op: RowOp): Outcome {
  if (isOk(response.status)) {
    if (op.kind === 'delete') return { kind: 'confirmed', server: null };
    const body = response.body as Record<string, unknown> | null;
    const etag = body?.['@odata.etag'] ?? response.headers['ETag'] ?? response.headers['etag'];
    if (!body || typeof etag !== 'string') return { kind: 'retry' };
    const { '@odata.etag': _e, '@odata.context': _c, ...fields } = body;
    return { kind: 'confirmed', server: { ...fields, _etag: etag } };
  }
  if (response.status === 404 && op.kind === 'delete') return { kind: 'confirmed', server: null };
  if (response.status === 412) return { kind: 'conflict' };
  if (response.status === 424) return { kind: 'retry' };
  const kind = kindOfStatus(response.status);
  if (kind !== 'permanent') return { kind: 'retry' };
  const { code, message } = describeErrorBody(response.status, response.body);
  return { kind: 'rejected', code, message };
}

/**
 * Applies the outcomes, the whole batch in one transaction (a transaction over every
 * store costs more than the work of one entry: one per entry made catch-up of 10k entries
 * several times slower). If it fails, nothing is recorded and the batch is sent again:
 * each op then meets a 412 or finds its values, so it still completes once. Returns how
 * many entries completed.
 */
async function record(ctx: EngineContext, client: ODataClient, batch: OutboxEntry[], outcomes: Map<RowOp, Outcome>): Promise<number> {
  // Conflicts need the server's current rows; fetch them before opening the transaction.
  const current = new Map<RowOp, StoredRow | null>();
  for (const [op, outcome] of outcomes) {
    if (outcome.kind === 'conflict') current.set(op, await client.row(replicaTable(op.side, op.set), op.key));
  }
  let completed = 0;
  await ctx.db.transaction('rw', allTables(ctx.db), async () => {
    for (const entry of batch) {
      if (!entry.ops.some((op) => outcomes.has(op))) continue;
      completed += await recordEntry(ctx, entry, outcomes, current);
    }
  });
  return completed;
}

/** One entry's outcomes (inside record's transaction): 1 if the entry completed. */
async function recordEntry(ctx: EngineContext, entry: OutboxEntry, outcomes: Map<RowOp, Outcome>, current: Map<RowOp, StoredRow | null>): Promise<number> {
  const fresh = await ctx.db.outbox.get(entry.id as number);
  if (!fresh) return 0;
  const rejected = entry.ops.map((op) => ({ op, outcome: outcomes.get(op) })).find((x) => x.outcome?.kind === 'rejected');
  if (rejected) {
    await reject(ctx, fresh, entry, outcomes, rejected.op, rejected.outcome as Extract<Outcome, { kind: 'rejected' }>);
    return 0;
  }
  for (const [i, op] of entry.ops.entries()) {
    const outcome = outcomes.get(op);
    const live = fresh.ops[i] as RowOp;
    if (!outcome || live.done) continue;
    if (outcome.kind === 'confirmed') {
      live.done = true;
      await confirmRow(ctx, live, outcome.server, fresh);
    } else if (outcome.kind === 'conflict') {
      await resolveConflict(ctx, fresh, live, current.get(op) ?? null);
    }
  }
  if (!fresh.ops.every((op) => op.done)) {
    await ctx.db.outbox.put(fresh);
    return 0;
  }
  await ctx.db.outbox.delete(fresh.id as number);
  await appendLog(ctx, 'activity', pushedEntry(ctx, fresh));
  return 1;
}

/** The server confirmed an op: its answer is the row's server state; later ops rebase onto it. */
async function confirmRow(ctx: EngineContext, op: RowOp, server: StoredRow | null, entry: OutboxEntry): Promise<void> {
  const table = replicaTable(op.side, op.set);
  const rows = ctx.db.rows(tableName(op.side, op.set));
  const others = (await ctx.db.outbox.where('rows').equals(op.rowId).toArray()).filter((e) => e.id !== entry.id);
  const laterOps = others.flatMap((e) => e.ops.filter((o) => !o.done && o.rowId === op.rowId).map((o) => ({ e, o })));
  for (const { e, o } of laterOps) {
    o.baseEtag = server?._etag ?? null;
    o.create = server === null;
    await ctx.db.outbox.put(e);
  }
  const remainingHere = entry.ops.some((o) => !o.done && o.rowId === op.rowId);
  if (laterOps.length === 0 && !remainingHere) {
    await ctx.db.shadows.delete(op.rowId);
    if (server) await rows.put(server);
    else await rows.delete(dexieKey(table, op.key));
    return;
  }
  await ctx.db.shadows.put({ id: op.rowId, row: server });
  const view = viewOf(server, [entry, ...others], op.rowId);
  if (view) await rows.put(view);
  else await rows.delete(dexieKey(table, op.key));
}

async function resolveConflict(ctx: EngineContext, entry: OutboxEntry, op: RowOp, server: StoredRow | null): Promise<void> {
  const table = replicaTable(op.side, op.set);
  const shadow = await ctx.db.shadows.get(op.rowId);
  const base = shadow?.row ?? null;
  if (!server) {
    // Gone on the server while we changed it: the server's deletion wins.
    op.done = true;
    await appendLog(ctx, 'errors', { kind: 'conflict', code: 'DELETED_ON_SERVER', message: `${op.set} ${JSON.stringify(op.key)} was deleted in the ${op.side.toUpperCase()}; the local change was dropped.`, side: op.side, set: op.set, key: op.rowId });
    await ctx.db.shadows.delete(op.rowId);
    await ctx.db.rows(tableName(op.side, op.set)).delete(dexieKey(table, op.key));
    return;
  }
  if (op.kind === 'delete') {
    op.baseEtag = server._etag;
    await ctx.db.shadows.put({ id: op.rowId, row: server });
    return;
  }
  // Decided and recorded (conflict log, inbox, activity) by conflicts.ts.
  await resolveAgainstServer(ctx, entry, op, base, server);
  op.baseEtag = server._etag;
  op.create = false;
  await ctx.db.shadows.put({ id: op.rowId, row: server });
  const others = await ctx.db.outbox.where('rows').equals(op.rowId).toArray();
  const view = viewOf(server, others.map((e) => (e.id === entry.id ? entry : e)), op.rowId);
  if (view) await ctx.db.rows(tableName(op.side, op.set)).put(view);
  // Someone else's change, met here before the feed brought it: the other store must hear of it too.
  if (base?._etag !== server._etag) {
    await ctx.db.outbox.put(entry); // the ops as resolved: mirroring skips the fields they still send
    await mirrorLearned(ctx, table, server, base);
  }
}

/**
 * A permanent rejection: drop the entry, write back on the server what its confirmed ops
 * already changed (compensation), restore both rows to their server state, and log it.
 */
async function reject(ctx: EngineContext, fresh: OutboxEntry, sent: OutboxEntry, outcomes: Map<RowOp, Outcome>, failed: RowOp, outcome: { code: string; message: string }): Promise<void> {
  const compensations: RowOp[] = [];
  for (const [i, op] of sent.ops.entries()) {
    const live = fresh.ops[i] as RowOp;
    const result = outcomes.get(op);
    const shadow = await ctx.db.shadows.get(op.rowId);
    const before = shadow ? shadow.row : null;
    const rows = ctx.db.rows(tableName(op.side, op.set));
    const table = replicaTable(op.side, op.set);
    if (result?.kind === 'confirmed' && !live.done) {
      const after = result.server;
      if (before && after && op.kind === 'upsert') {
        const patch: Record<string, unknown> = {};
        for (const field of Object.keys(op.patch)) patch[field] = before[field] ?? null;
        compensations.push({ ...op, patch, baseEtag: after._etag, create: false, mapId: op.mapId, done: false });
        await ctx.db.shadows.put({ id: op.rowId, row: after });
        await rows.put({ ...after, ...patch } as StoredRow);
        continue;
      }
      if (!before && after) {
        compensations.push({ ...op, kind: 'delete', patch: {}, baseEtag: after._etag, create: false, done: false });
        await ctx.db.shadows.put({ id: op.rowId, row: after });
        await rows.delete(dexieKey(table, op.key));
        continue;
      }
    }
    live.done = true;
    const others = (await ctx.db.outbox.where('rows').equals(op.rowId).toArray()).filter((e) => e.id !== fresh.id);
    const view = viewOf(before, others, op.rowId);
    if (view) await rows.put(view);
    else await rows.delete(dexieKey(table, op.key));
    if (others.every((e) => e.ops.every((o) => o.done || o.rowId !== op.rowId))) await ctx.db.shadows.delete(op.rowId);
  }
  await ctx.db.outbox.delete(fresh.id as number);
  await recordRejection(ctx, fresh, failed, outcome.code, outcome.message);
  if (compensations.length > 0) {
    await ctx.db.outbox.add({
      txId: ctx.newId(),
      createdAt: ctx.now().toISOString(),
      origin: 'compensation',
      description: `Undo of "${fresh.description}" after the ${failed.side.toUpperCase()} refused it`,
      ops: compensations,
      rows: [...new Set(compensations.map((o) => o.rowId))],
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
    });
  }
  const message = `${failed.side.toUpperCase()} refused "${fresh.description}": ${outcome.message}${compensations.length ? ' The other store was restored.' : ''}`;
  await appendLog(ctx, 'errors', rejectedEntry(ctx, fresh, failed, outcome.code, message));
}
