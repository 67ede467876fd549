/**
 * What a person can do with error log entries, one or many at once; each id gets its own
 * result, and one id failing does not stop the others.
 *
 *   retry    a rejected push: the agent's change (the entry's lead op, kept in the error)
 *            is queued again as a new outbox entry based on the rows' current server
 *            state, through the ordinary local write, so the maps derive the other store's
 *            half again; a mirror error: the row is mirrored again from the replica.
 *            The write and the error's new status ('retried') commit in one transaction:
 *            a retry is queued once, and an error is retried once.
 *   skip     marked 'skipped' (kept in the log, no longer counted as open)
 *   discard  removed from the log
 */
import type { EngineError, ErrorActionResult } from './api.ts';
import type { EngineContext } from './context.ts';
import { allTables, appendLog } from './context.ts';
import type { WriteIntent } from './local-write.ts';
import { commitWrite } from './local-write.ts';
import { leadOp } from './log-entries.ts';
import type { RowOp } from './outbox.ts';
import type { LogEntry } from './replica/db.ts';
import { resolveRecord } from './record-ref.ts';
import { keyOf } from './replica/tables.ts';
import { writeFailure } from './write-failure.ts';

type StoredOp = Pick<RowOp, 'side' | 'set' | 'key' | 'rowId' | 'kind' | 'create' | 'patch' | 'mapId'>;

const failed = (id: number, code: string, message: string): ErrorActionResult => ({ id, outcome: 'failed', error: { code, message } });

/** The ids once each, in the order given; anything but a whole number fails on its own. */
function each(ids: readonly number[]): { valid: number[]; invalid: ErrorActionResult[] } {
  if (!Array.isArray(ids)) return { valid: [], invalid: [failed(NaN, 'INVALID_ERROR_ID', 'Give a list of error ids.')] };
  const valid = [...new Set(ids.filter((id) => Number.isInteger(id)))];
  const invalid = ids.filter((id) => !Number.isInteger(id)).map((id) => failed(id, 'INVALID_ERROR_ID', `An error id is a whole number, not ${JSON.stringify(id)}.`));
  return { valid, invalid };
}

export async function retryErrors(ctx: EngineContext, ids: readonly number[]): Promise<ErrorActionResult[]> {
  const { valid, invalid } = each(ids);
  await ctx.reference?.warm(); // outside the transactions: commitWrite finds it warm
  const results: ErrorActionResult[] = [];
  for (const id of valid) results.push(await retryOne(ctx, id));
  return [...results, ...invalid];
}

async function retryOne(ctx: EngineContext, id: number): Promise<ErrorActionResult> {
  try {
    return await ctx.db.transaction('rw', allTables(ctx.db), async (): Promise<ErrorActionResult> => {
      const error = await ctx.db.errors.get(id);
      if (!error) return failed(id, 'ERROR_NOT_FOUND', `There is no error ${id}.`);
      if (error.status !== undefined) return failed(id, 'ERROR_NOT_OPEN', `Error ${id} was already ${error.status}.`);
      const plan = await retryPlan(ctx, error);
      if ('code' in plan) return { id, outcome: 'failed', error: plan };
      const outcome = plan.intent ? await commitWrite(ctx, plan.intent) : { entryId: null };
      const by = ctx.user?.() ?? null;
      await ctx.db.errors.update(id, { status: 'retried', details: { ...error.details, retriedBy: by, retriedAt: ctx.now().toISOString(), retryEntryId: outcome.entryId } });
      await appendLog(ctx, 'activity', {
        kind: 'retried',
        message: `Error ${id} retried${by ? ` by ${by}` : ''}: ${outcome.entryId === null ? 'nothing left to send' : plan.outcome === 'mirrored' ? 'the row is mirrored again' : 'the change is queued again'}`,
        mapId: error.mapId ?? null,
        side: error.side ?? null,
        set: error.set ?? null,
        key: error.key ?? null,
        rows: error.rows ?? [],
        by,
        details: { errorId: id, entryId: outcome.entryId },
      });
      return { id, outcome: outcome.entryId === null ? 'nothing-to-do' : plan.outcome, entryId: outcome.entryId };
    });
  } catch (error) {
    const failure = writeFailure(error);
    if (failure) return { id, outcome: 'failed', error: failure };
    throw error;
  }
}

/** The write a retry makes (null: nothing to write any more), or why the error cannot be retried. */
async function retryPlan(ctx: EngineContext, error: LogEntry): Promise<{ intent: WriteIntent | null; outcome: 'requeued' | 'mirrored' } | EngineError> {
  const ops = error.details?.['ops'] as StoredOp[] | undefined;
  if (error.kind === 'rejected' && Array.isArray(ops)) {
    const lead = leadOp({ ops: ops as RowOp[] });
    if (!lead) return { code: 'NOT_RETRYABLE', message: 'The refused entry kept no change to retry.' };
    const record = await resolveRecord(ctx, lead.rowId);
    if (typeof record === 'string') return { code: 'NOT_RETRYABLE', message: record };
    const description = `Retry of "${String(error.details?.['description'] ?? error.message)}"`;
    if (lead.kind === 'delete') return { intent: record.row ? { side: lead.side, set: lead.set, key: lead.key, kind: 'delete', values: {}, description } : null, outcome: 'requeued' };
    if (record.row) return { intent: { side: lead.side, set: lead.set, key: keyOf(record.table, record.row), kind: 'upsert', values: withoutKey(lead), description }, outcome: 'requeued' };
    if (!lead.create) return { code: 'ROW_NOT_FOUND', message: `${lead.set} ${JSON.stringify(lead.key)} no longer exists; its change cannot be applied again.` };
    return { intent: { side: lead.side, set: lead.set, key: null, kind: 'upsert', values: { ...lead.patch, ...lead.key }, description }, outcome: 'requeued' };
  }
  if (error.kind === 'mirror' && typeof error.key === 'string') {
    const record = await resolveRecord(ctx, error.key);
    if (typeof record === 'string') return { code: 'NOT_RETRYABLE', message: record };
    if (!record.row) return { code: 'ROW_NOT_FOUND', message: `${error.key} is no longer in the replica; there is nothing to mirror.` };
    // A write of no values re-runs every map of the row's table and stages what differs.
    return { intent: { side: record.table.side, set: record.table.set, key: keyOf(record.table, record.row), kind: 'upsert', values: {}, description: `Mirror of ${error.key} retried` }, outcome: 'mirrored' };
  }
  return { code: 'NOT_RETRYABLE', message: `A ${error.kind} error cannot be retried; skip or discard it.` };
}

function withoutKey(op: StoredOp): Record<string, unknown> {
  const values = { ...op.patch };
  for (const k of Object.keys(op.key)) delete values[k];
  return values;
}

export async function skipErrors(ctx: EngineContext, ids: readonly number[]): Promise<ErrorActionResult[]> {
  const { valid, invalid } = each(ids);
  const by = ctx.user?.() ?? null;
  const results = await ctx.db.transaction('rw', ctx.db.errors, async () => {
    const out: ErrorActionResult[] = [];
    for (const id of valid) {
      const error = await ctx.db.errors.get(id);
      if (!error) out.push(failed(id, 'ERROR_NOT_FOUND', `There is no error ${id}.`));
      else if (error.status !== undefined) out.push(failed(id, 'ERROR_NOT_OPEN', `Error ${id} was already ${error.status}.`));
      else {
        await ctx.db.errors.update(id, { status: 'skipped', details: { ...error.details, skippedBy: by, skippedAt: ctx.now().toISOString() } });
        out.push({ id, outcome: 'skipped' });
      }
    }
    return out;
  });
  return [...results, ...invalid];
}

export async function discardErrors(ctx: EngineContext, ids: readonly number[]): Promise<ErrorActionResult[]> {
  const { valid, invalid } = each(ids);
  const results = await ctx.db.transaction('rw', ctx.db.errors, async () => {
    const out: ErrorActionResult[] = [];
    for (const id of valid) {
      if (!(await ctx.db.errors.get(id))) out.push(failed(id, 'ERROR_NOT_FOUND', `There is no error ${id}.`));
      else {
        await ctx.db.errors.delete(id);
        out.push({ id, outcome: 'discarded' });
      }
    }
    return out;
  });
  return [...results, ...invalid];
}
