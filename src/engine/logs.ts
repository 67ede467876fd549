/**
 * The logs as the operator sees them: the activity log (what sync did, per map and per
 * record), the error log (what failed; retry, skip, discard in error-actions.ts) and the
 * conflict log (conflicts.ts) — queried with one filter language (log-query.ts), exported
 * as CSV or JSON, bounded by retention (log-retention.ts); and a record's history across
 * both stores, told from those logs and the outbox.
 */
import type { ActivityLogEntry, ConflictEntry, ConflictQuery, ErrorLogEntry, HistoryEvent, LogName, LogQuery, LogRetention, LogRetentionInfo, Page, RecordHistory, RecordRef, Result, Side } from './api.ts';
import { listConflicts } from './conflicts.ts';
import type { EngineContext } from './context.ts';
import { toCsv } from './csv.ts';
import { checkQuery, matches, pageOf, searchText } from './log-query.ts';
import { pruneLog, readRetention, retentionProblem, writeRetention } from './log-retention.ts';
import { leadOp } from './log-entries.ts';
import type { LogEntry } from './replica/db.ts';
import { counterpartsOf, resolveRecord } from './record-ref.ts';

export function toActivity(r: LogEntry): ActivityLogEntry {
  return { id: r.id as number, at: r.at, kind: r.kind, message: r.message, mapId: r.mapId ?? null, side: r.side ?? null, set: r.set ?? null, key: r.key ?? null, by: r.by ?? null, details: r.details ?? null };
}

export function toError(r: LogEntry): ErrorLogEntry {
  return {
    id: r.id as number,
    at: r.at,
    kind: r.kind,
    code: r.code ?? r.kind,
    message: r.message,
    status: r.status ?? 'open',
    retryable: r.status === undefined && ((r.kind === 'rejected' && Array.isArray(r.details?.['ops'])) || (r.kind === 'mirror' && typeof r.key === 'string')),
    mapId: r.mapId ?? null,
    side: r.side ?? null,
    set: r.set ?? null,
    key: r.key ?? null,
    details: r.details ?? null,
  };
}

async function queryLog(ctx: EngineContext, log: 'activity' | 'errors', query: LogQuery, paging: 'page' | 'all'): Promise<Result<Page<LogEntry>>> {
  const checked = checkQuery(query, paging);
  if (!checked.ok) return checked;
  const table = ctx.db[log];
  const { mapId } = checked.value.query;
  const candidates = mapId !== undefined ? await table.where('mapId').equals(mapId).toArray() : await table.toArray();
  const kept = candidates.filter((e) => matches(e as Parameters<typeof matches>[0], checked.value, searchText));
  return { ok: true, value: pageOf(kept, checked.value) };
}

export async function activityLog(ctx: EngineContext, query: LogQuery, paging: 'page' | 'all' = 'page'): Promise<Result<Page<ActivityLogEntry>>> {
  const page = await queryLog(ctx, 'activity', query, paging);
  return page.ok ? { ok: true, value: { rows: page.value.rows.map(toActivity), total: page.value.total } } : page;
}

export async function errorLog(ctx: EngineContext, query: LogQuery, paging: 'page' | 'all' = 'page'): Promise<Result<Page<ErrorLogEntry>>> {
  const page = await queryLog(ctx, 'errors', query, paging);
  return page.ok ? { ok: true, value: { rows: page.value.rows.map(toError), total: page.value.total } } : page;
}

export async function conflictLog(ctx: EngineContext, query: LogQuery, paging: 'page' | 'all' = 'page'): Promise<Result<Page<ConflictEntry>>> {
  return listConflicts(ctx, query as ConflictQuery, paging);
}

// ---- export ----

const COLUMNS: Record<LogName, readonly string[]> = {
  activity: ['id', 'at', 'kind', 'mapId', 'side', 'set', 'key', 'by', 'message', 'details'],
  errors: ['id', 'at', 'kind', 'code', 'status', 'mapId', 'side', 'set', 'key', 'message', 'details'],
  conflicts: ['id', 'at', 'status', 'mapId', 'side', 'set', 'rowId', 'fields', 'rules', 'winners', 'base', 'local', 'server', 'localAt', 'serverAt', 'serverBy', 'resolvedBy', 'resolvedAt', 'written', 'description'],
};

/** Every entry the query matches (its offset and limit apply when given) as CSV or JSON text. */
export async function exportLog(ctx: EngineContext, log: LogName, format: 'csv' | 'json', query: LogQuery): Promise<Result<string>> {
  if (!(log in COLUMNS)) return { ok: false, error: { code: 'INVALID_LOG', message: `There is no log "${String(log)}": activity, errors or conflicts.` } };
  if (format !== 'csv' && format !== 'json') return { ok: false, error: { code: 'INVALID_FORMAT', message: `Export as "csv" or "json", not "${String(format)}".` } };
  const page = log === 'activity' ? await activityLog(ctx, query, 'all') : log === 'errors' ? await errorLog(ctx, query, 'all') : await conflictLog(ctx, query, 'all');
  if (!page.ok) return page;
  const rows = page.value.rows as readonly object[];
  if (format === 'json') return { ok: true, value: JSON.stringify(rows, null, 2) };
  const columns = COLUMNS[log];
  return { ok: true, value: toCsv(columns, rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c]))) };
}

// ---- retention ----

export async function logRetention(ctx: EngineContext): Promise<LogRetentionInfo> {
  const retention = await readRetention(ctx.db);
  const logs = {} as Record<LogName, { count: number; oldestAt: string | null }>;
  for (const log of ['activity', 'errors', 'conflicts'] as const) {
    const table = ctx.db.table<{ at: string }, number>(log);
    logs[log] = { count: await table.count(), oldestAt: (await table.orderBy(':id').first())?.at ?? null };
  }
  return { ...retention, logs };
}

/** Sets the bounds and applies them at once. */
export async function setLogRetention(ctx: EngineContext, retention: LogRetention): Promise<Result<LogRetentionInfo>> {
  const problem = retentionProblem(retention);
  if (problem) return { ok: false, error: { code: 'INVALID_RETENTION', message: problem } };
  const now = ctx.now();
  await ctx.db.transaction('rw', [ctx.db.meta, ctx.db.activity, ctx.db.errors, ctx.db.table('conflicts')], async () => {
    await writeRetention(ctx.db, retention);
    for (const log of ['activity', 'errors', 'conflicts'] as const) await pruneLog(ctx.db, log, now, retention);
  });
  return { ok: true, value: await logRetention(ctx) };
}

// ---- record history ----

/**
 * The history of a record and its counterparts: the changes made in each store (pulled,
 * with their authors), the agent's edits and their pushes, conflicts, errors, and what is
 * still waiting in the outbox. Counterparts come from the maps and from the rows the logged
 * entries named together with the record.
 */
export async function recordHistory(ctx: EngineContext, ref: RecordRef): Promise<Result<RecordHistory>> {
  const record = await resolveRecord(ctx, ref);
  if (typeof record === 'string') return { ok: false, error: { code: 'INVALID_RECORD', message: record } };
  const ids = new Set([record.rowId, ...(record.row ? await counterpartsOf(ctx, record.table, record.row) : [])]);
  const about = (e: LogEntry) => (e.key !== undefined && e.key !== null && ids.has(e.key)) || (e.rows?.some((r) => ids.has(r)) ?? false);
  const activity = await ctx.db.activity.toArray();
  // Rows logged together with the record are its counterparts too (a deleted pair, a row the maps no longer reach).
  for (const e of activity) if (e.key === record.rowId || e.rows?.includes(record.rowId)) for (const r of e.rows ?? []) ids.add(r);
  const events: HistoryEvent[] = [];
  for (const e of activity.filter(about)) events.push(...activityEvents(e));
  for (const e of (await ctx.db.errors.toArray()).filter(about)) events.push(event(e, 'errors', e.kind === 'rejected' ? 'rejected' : 'error'));
  for (const entry of await ctx.db.outbox.where('rows').anyOf([...ids]).distinct().toArray()) {
    const lead = leadOp(entry);
    events.push({ at: entry.createdAt, kind: 'pending', where: lead?.side ?? null, who: entry.origin === 'agent' ? (ctx.user?.() ?? null) : null, fields: lead ? Object.keys(lead.patch) : [], message: `${entry.description} — waiting to be sent`, rowId: lead?.rowId ?? null, source: 'outbox', sourceId: entry.id ?? null });
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : (a.sourceId ?? 0) - (b.sourceId ?? 0)));
  return { ok: true, value: { rowId: record.rowId, counterparts: [...ids].filter((id) => id !== record.rowId), events } };
}

function event(e: LogEntry, source: 'activity' | 'errors', kind = e.kind, fields: readonly string[] = [], at = e.at, where: Side | null = e.side ?? null): HistoryEvent {
  return { at, kind, where, who: e.by ?? null, fields, message: e.message, rowId: e.key ?? null, source, sourceId: e.id ?? null };
}

interface Change {
  readonly side: Side;
  readonly rowId: string;
  readonly fields: readonly string[];
}

/** A push of the agent's change tells two things: the edit (when and where it was made) and its arrival in both stores. */
function activityEvents(e: LogEntry): HistoryEvent[] {
  const d = e.details ?? {};
  if (e.kind === 'pulled') return [event(e, 'activity', 'pulled', (d['fields'] as string[] | undefined) ?? [], (d['changedAt'] as string | undefined) ?? e.at)];
  if (e.kind !== 'pushed') return [event(e, 'activity')];
  const changes = (d['changes'] as Change[] | undefined) ?? [];
  const all = [...new Set(changes.flatMap((c) => c.fields))];
  const pushed = event(e, 'activity', 'pushed', all, e.at, null);
  if (d['origin'] !== 'agent') return [event(e, 'activity', 'mirrored', all, e.at, null)];
  const own = changes.find((c) => c.rowId === e.key) ?? changes[0];
  const edited: HistoryEvent = { ...pushed, kind: 'edited', at: (d['createdAt'] as string | undefined) ?? e.at, where: own?.side ?? null, fields: own?.fields ?? [], rowId: own?.rowId ?? e.key ?? null, message: `Edited: ${(own?.fields ?? []).join(', ')}` };
  return [edited, pushed];
}
