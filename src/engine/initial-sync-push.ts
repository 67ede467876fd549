/**
 * The bulk path of initial-sync pushes. An initial sync queues one single-op entry per row
 * (mostly creates); sent through the normal push, each costs its own transaction and log
 * line, which made 100k rows take many minutes. Here the leading run of such entries (the
 * head of the outbox, in id order, no two on the same row, no other entry on their rows)
 * goes in $batch requests of BULK_PUSH ops, and every op the server confirmed is recorded
 * in ONE transaction: rows replaced by the server's answer, entries and shadows removed in
 * bulk, one activity line. Anything else — a 412, a refusal, a 5xx, an entry of another
 * origin at the head — stops the bulk path and is left to the normal push (push.ts), which
 * resolves, rejects (and lists the row, recordRejection) or retries it as usual. Nothing is
 * removed before the server confirmed it, so a crash mid-way only resends what is still
 * queued, and a resent create meets a 412 that the normal push resolves.
 */
import type { BatchRequest, BatchResponse, ODataClient } from './connector/odata-client.ts';
import type { EngineContext } from './context.ts';
import { allTables, appendLog } from './context.ts';
import { INITIAL_SYNC_ORIGIN } from './initial-sync-reconcile.ts';
import type { OutboxEntry, RowOp } from './outbox.ts';
import type { StoredRow } from './replica/db.ts';
import { replicaTable, tableName } from './replica/tables.ts';

export const BULK_PUSH = 1000;

/** Pushes the head of the outbox while it is bulk-pushable initial-sync entries; returns how many completed. */
export async function bulkPushInitialSync(ctx: EngineContext, client: ODataClient): Promise<number> {
  let completed = 0;
  for (;;) {
    const batch = await headRun(ctx);
    if (batch.length === 0) return completed;
    const confirmed = new Map<OutboxEntry, StoredRow>();
    for (const side of ['erp', 'crm'] as const) {
      const entries = batch.filter((e) => (e.ops[0] as RowOp).side === side);
      if (entries.length === 0) continue;
      const responses = await client.batch(side, entries.map((e, i) => request(client, e.ops[0] as RowOp, String(i))));
      responses.forEach((r, i) => {
        const server = confirmedRow(r);
        if (server) confirmed.set(entries[i] as OutboxEntry, server);
      });
    }
    await record(ctx, confirmed);
    completed += confirmed.size;
    if (confirmed.size < batch.length) return completed; // the rest is the normal push's
  }
}

/** The leading initial-sync entries with one pending op each, on distinct rows no other entry touches. */
async function headRun(ctx: EngineContext): Promise<OutboxEntry[]> {
  const head = await ctx.db.outbox.orderBy(':id').limit(BULK_PUSH).toArray();
  const run: OutboxEntry[] = [];
  const rows = new Set<string>();
  for (const entry of head) {
    const op = entry.ops[0];
    if (entry.origin !== INITIAL_SYNC_ORIGIN || entry.ops.length !== 1 || !op || op.done || op.kind !== 'upsert' || rows.has(op.rowId)) break;
    rows.add(op.rowId);
    run.push(entry);
  }
  if (run.length === 0) return run;
  // A later entry on one of these rows (a second pass) needs the normal push's rebasing.
  // One equality lookup per row: anyOf walks the whole index in fake-indexeddb.
  const counts = await Promise.all(run.map((e) => ctx.db.outbox.where('rows').equals((e.ops[0] as RowOp).rowId).count()));
  const shared = counts.findIndex((n) => n > 1);
  return shared < 0 ? run : run.slice(0, shared);
}

function request(client: ODataClient, op: RowOp, id: string): BatchRequest {
  const headers: Record<string, string> = { Prefer: 'return=representation' };
  if (op.create) headers['If-None-Match'] = '*';
  else if (op.baseEtag) headers['If-Match'] = op.baseEtag;
  return { id, method: 'PATCH', url: client.requestUrl(replicaTable(op.side, op.set), op.key), headers, body: op.patch };
}

/** The server's row from a 2xx answer, or null (anything else is left to the normal push). */
function confirmedRow(response: BatchResponse): StoredRow | null {
  if (response.status < 200 || response.status >= 300) return null;
  const body = response.body as Record<string, unknown> | null;
  const etag = body?.['@odata.etag'] ?? response.headers['ETag'] ?? response.headers['etag'];
  if (!body || typeof etag !== 'string') return null;
  const { '@odata.etag': _e, '@odata.context': _c, ...fields } = body;
  return { ...fields, _etag: etag };
}

async function record(ctx: EngineContext, confirmed: ReadonlyMap<OutboxEntry, StoredRow>): Promise<void> {
  if (confirmed.size === 0) return;
  await ctx.db.transaction('rw', allTables(ctx.db), async () => {
    const entries = [...confirmed.keys()];
    const still = await ctx.db.outbox.bulkGet(entries.map((e) => e.id as number));
    const byTable = new Map<string, StoredRow[]>();
    const done: OutboxEntry[] = [];
    entries.forEach((e, i) => {
      if (!still[i]) return; // removed meanwhile (a delete cancelled the create): nothing to record
      const op = e.ops[0] as RowOp;
      const name = tableName(op.side, op.set);
      byTable.set(name, [...(byTable.get(name) ?? []), confirmed.get(e) as StoredRow]);
      done.push(e);
    });
    await Promise.all([
      ...[...byTable].map(([name, rows]) => ctx.db.rows(name).bulkPut(rows)),
      ctx.db.outbox.bulkDelete(done.map((e) => e.id as number)),
      ctx.db.shadows.bulkDelete(done.map((e) => (e.ops[0] as RowOp).rowId)),
    ]);
    const maps = [...new Set(done.map((e) => e.source?.mapId ?? ''))].join(', ');
    await appendLog(ctx, 'activity', { kind: 'pushed', message: `${maps}: initial sync: ${done.length} rows written`, mapId: done[0]?.source?.mapId ?? null });
  });
}
