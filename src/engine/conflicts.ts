/**
 * Conflicts: a field the server changed since a pending op's base that the op sets to
 * another value (pull.ts resolveAgainstServer finds them, at pull time and on a 412).
 * Each is decided by the field's rule (ruleForField: a per-field override, else the map's):
 *
 *   server-wins        the server's value stays; ours leaves the op and its counterpart
 *   client-wins        ours is sent
 *   primary            the value that came from the primary store wins (a change on the
 *                      store it came from: the map's `conflict`)
 *   last-writer-wins   the later of the server row's modification stamp and the outbox
 *                      entry's createdAt; a tie (or no stamp) goes to the server
 *   manual             like server-wins for now (both stores keep the server's value), and
 *                      the conflict waits in the inbox (status 'open') for a person
 *
 * Every conflict is recorded in the `conflicts` store, in the transaction that decided it:
 * rule-decided ones as 'resolved-by-rule' (the conflict log), manual ones as 'open' (the
 * inbox). Resolving one writes the chosen values through both stores with the ordinary
 * local write (commitWrite), in the same transaction that marks it resolved: it is
 * applied once or not at all.
 */
import { ruleForField } from '../core/maps/index.ts';
import type { ConflictSetting, Side, TableMap } from '../core/maps/index.ts';
import type { ConflictEntry, ConflictQuery, ConflictResolution, ConflictRuleName, ConflictWinner, EngineError, Page, Result, Row } from './api.ts';
import type { EngineContext } from './context.ts';
import { allTables, appendLog } from './context.ts';
import { commitWrite } from './local-write.ts';
import { pruneLog, readRetention } from './log-retention.ts';
import { checkQuery, matches, pageOf, searchText } from './log-query.ts';
import type { OutboxEntry, RowOp } from './outbox.ts';
import type { StoredRow } from './replica/db.ts';
import { modifiedAt, modifiedBy } from './row-stamps.ts';
import { viewOf } from './view.ts';
import { writeFailure } from './write-failure.ts';

export type ConflictRecord = Omit<ConflictEntry, 'id'> & { id?: number };

export interface FieldDecision {
  readonly field: string;
  readonly rule: ConflictRuleName;
  readonly winner: ConflictWinner | 'manual';
  readonly base: unknown;
  readonly local: unknown;
  readonly server: unknown;
}

export const conflictsTable = (ctx: EngineContext) => ctx.db.table<ConflictRecord, number>('conflicts');

/** The map `op` belongs to: the one that derived it, or for the agent's own row the one pairing it with the entry's other rows. */
export function mapOfOp(maps: readonly TableMap[], entry: OutboxEntry, op: RowOp): TableMap | undefined {
  const own = op.mapId === null ? undefined : maps.find((m) => m.id === op.mapId);
  if (own) return own;
  for (const other of entry.ops) {
    const paired = other.mapId === null ? undefined : maps.find((m) => m.id === other.mapId && m[op.side].set === op.set);
    if (paired) return paired;
  }
  return maps.find((m) => m[op.side].set === op.set);
}

/** Decides one conflicting field by its rule. */
export function decideField(map: TableMap | undefined, entry: OutboxEntry, op: RowOp, field: string, server: StoredRow): { rule: ConflictRuleName; winner: ConflictWinner | 'manual' } {
  const setting: ConflictSetting = map ? ruleForField(map, op.side, field) : { rule: 'server-wins' };
  const byMap: ConflictWinner = map?.conflict === 'client-wins' ? 'local' : 'server';
  switch (setting.rule) {
    case 'client-wins':
      return { rule: setting.rule, winner: 'local' };
    case 'server-wins':
      return { rule: setting.rule, winner: 'server' };
    case 'manual':
      return { rule: setting.rule, winner: 'manual' };
    case 'last-writer-wins': {
      // NaN (no stamp) compares false: the server keeps its value.
      const later = Date.parse(entry.createdAt) > Date.parse(modifiedAt(op.side, server) ?? '');
      return { rule: setting.rule, winner: later ? 'local' : 'server' };
    }
    case 'primary': {
      const origin = originSide(entry);
      if (setting.primary === undefined || origin === op.side) return { rule: setting.rule, winner: byMap };
      return { rule: setting.rule, winner: setting.primary === origin ? 'local' : 'server' };
    }
  }
}

/** The store the entry's change came from: the agent's row, or the store a mirrored change was pulled from. */
function originSide(entry: OutboxEntry): Side {
  const own = entry.ops.find((op) => op.mapId === null);
  if (own) return own.side;
  const first = entry.ops[0];
  return first === undefined || first.side === 'crm' ? 'erp' : 'crm';
}

/**
 * Records the decisions on one op (inside the caller's transaction): one 'resolved-by-rule'
 * record for the fields a rule decided, one 'open' record for the manual ones, an activity
 * entry, and the views of the entry's other rows (a dropped field left their ops too).
 */
export async function recordConflicts(ctx: EngineContext, entry: OutboxEntry, op: RowOp, map: TableMap | undefined, base: StoredRow | null, server: StoredRow, decisions: readonly FieldDecision[]): Promise<void> {
  if (decisions.length === 0) return;
  const now = ctx.now();
  const groups = [decisions.filter((d) => d.winner !== 'manual'), decisions.filter((d) => d.winner === 'manual')];
  for (const group of groups) {
    if (group.length === 0) continue;
    const manual = group[0]?.winner === 'manual';
    const record: ConflictRecord = {
      status: manual ? 'open' : 'resolved-by-rule',
      at: now.toISOString(),
      mapId: map?.id ?? op.mapId,
      side: op.side,
      set: op.set,
      key: { ...op.key },
      rowId: op.rowId,
      rows: [...entry.rows],
      fields: group.map((d) => d.field),
      base: base === null ? null : Object.fromEntries(group.map((d) => [d.field, d.base ?? null])),
      local: Object.fromEntries(group.map((d) => [d.field, d.local ?? null])),
      server: Object.fromEntries(group.map((d) => [d.field, d.server ?? null])),
      rules: Object.fromEntries(group.map((d) => [d.field, d.rule])),
      winners: manual ? null : Object.fromEntries(group.map((d) => [d.field, d.winner as ConflictWinner])),
      description: entry.description,
      origin: entry.origin,
      localAt: entry.createdAt,
      serverAt: modifiedAt(op.side, server),
      serverBy: modifiedBy(op.side, server),
      resolvedBy: null,
      resolvedAt: manual ? null : now.toISOString(),
      written: null,
    };
    const id = await conflictsTable(ctx).add(record);
    await appendLog(ctx, 'activity', {
      kind: 'conflict',
      message: conflictMessage(record),
      mapId: record.mapId,
      side: op.side,
      set: op.set,
      key: op.rowId,
      rows: [...entry.rows],
      by: record.serverBy,
      details: { conflictId: id, fields: record.fields, winners: record.winners, rules: record.rules },
    });
    await pruneLog(ctx.db, 'conflicts', now, await readRetention(ctx.db), id);
  }
  if (decisions.some((d) => d.winner !== 'local')) for (const other of entry.rows) if (other !== op.rowId) await refreshView(ctx, other, entry);
}

function conflictMessage(r: ConflictRecord): string {
  const where = `${r.set} ${JSON.stringify(r.key)}: ${r.fields.join(', ')} changed in the ${r.side.toUpperCase()} and locally`;
  if (r.status === 'open') return `${where}; waiting in the conflict inbox (the ${r.side.toUpperCase()} value stays until someone decides).`;
  const kept = r.fields.map((f) => `${r.winners?.[f] === 'local' ? 'local' : 'server'} ${f} (${r.rules[f] ?? ''})`).join(', ');
  return `${where}; kept the ${kept}.`;
}

/**
 * Recomputes a row's view from its shadow and pending ops, with `entry` as held in memory
 * (not yet saved); a row with nothing pending any more drops its shadow.
 */
async function refreshView(ctx: EngineContext, rowId: string, entry: OutboxEntry): Promise<void> {
  const shadow = await ctx.db.shadows.get(rowId);
  const [tableId, ...keyParts] = rowId.split('|');
  const table = ctx.db.tables.find((t) => t.name === tableId);
  if (!shadow || !table || keyParts.length === 0) return;
  const entries = (await ctx.db.outbox.where('rows').equals(rowId).toArray()).map((e) => (e.id === entry.id ? entry : e));
  const view = viewOf(shadow.row, entries, rowId);
  if (view) await table.put(view);
  if (!entries.some((e) => e.ops.some((o) => !o.done && o.rowId === rowId))) await ctx.db.shadows.delete(rowId);
}

// ---- the inbox and the log ----

export async function listConflicts(ctx: EngineContext, query: ConflictQuery, paging: 'page' | 'all' = 'page'): Promise<Result<Page<ConflictEntry>>> {
  const checked = checkQuery(query, paging);
  if (!checked.ok) return checked;
  const q = checked.value.query as ConflictQuery;
  const table = conflictsTable(ctx);
  const candidates = q.key !== undefined ? await table.where('rowId').equals(q.key).toArray() : q.status !== undefined ? await table.where('status').equals(q.status).toArray() : q.mapId !== undefined ? await table.where('mapId').equals(q.mapId).toArray() : await table.toArray();
  const kept = candidates.filter((c) => matches({ ...c, key: c.rowId }, checked.value, searchText));
  return { ok: true, value: pageOf(kept as ConflictEntry[], checked.value) };
}

/** Decides an open conflict: writes the picked (or edited) values through both stores, once. */
export async function resolveConflictRecord(ctx: EngineContext, id: number, resolution: ConflictResolution, user: string | null): Promise<Result<ConflictEntry>> {
  if (!Number.isInteger(id)) return fail('INVALID_CONFLICT_ID', `A conflict id is a whole number, not ${JSON.stringify(id)}.`);
  await ctx.reference?.warm(); // outside the transaction: commitWrite finds it warm
  try {
    return await ctx.db.transaction('rw', allTables(ctx.db), async (): Promise<Result<ConflictEntry>> => {
      const record = await conflictsTable(ctx).get(id);
      if (!record) return fail('CONFLICT_NOT_FOUND', `There is no conflict ${id}.`);
      if (record.status !== 'open') return fail('CONFLICT_ALREADY_RESOLVED', `Conflict ${id} was already resolved (${record.status}${record.resolvedBy ? ` by ${record.resolvedBy}` : ''}).`);
      const decided = decide(record, resolution);
      if (!decided.ok) return decided;
      const { values, winners } = decided.value;
      let entryId: number | null = null;
      if (Object.keys(values).length > 0) {
        const outcome = await commitWrite(ctx, { side: record.side, set: record.set, key: record.key, kind: 'upsert', values, description: `Conflict ${id} on ${record.set} resolved: ${Object.keys(values).join(', ')}` });
        entryId = outcome.entryId;
      }
      const resolved: ConflictEntry = { ...(record as ConflictEntry), status: 'resolved', winners, resolvedBy: user, resolvedAt: ctx.now().toISOString(), written: values };
      await conflictsTable(ctx).put(resolved);
      await appendLog(ctx, 'activity', {
        kind: 'conflict-resolved',
        message: `Conflict ${id} on ${record.set} ${JSON.stringify(record.key)} resolved${user ? ` by ${user}` : ''}: ${record.fields.map((f) => `${f} → ${winners[f] ?? ''}`).join(', ')}`,
        mapId: record.mapId,
        side: record.side,
        set: record.set,
        key: record.rowId,
        rows: [...record.rows],
        by: user,
        details: { conflictId: id, winners, written: values, entryId },
      });
      return { ok: true, value: resolved };
    });
  } catch (error) {
    const failure = writeFailure(error);
    if (failure) return { ok: false, error: failure };
    throw error;
  }
}

/** The values a resolution writes: edits first, then 'local' picks; 'server' keeps what the stores hold. */
function decide(record: ConflictRecord, resolution: ConflictResolution): Result<{ values: Record<string, unknown>; winners: Record<string, ConflictWinner | 'edited'> }> {
  if (resolution === null || typeof resolution !== 'object' || resolution.pick === null || typeof resolution.pick !== 'object') {
    return fail('INVALID_RESOLUTION', 'A resolution is { pick: { field: "local" | "server" }, edits?: { field: value } }.');
  }
  const edits: Row = resolution.edits ?? {};
  const fields = new Set(record.fields);
  const unknown = [...Object.keys(resolution.pick), ...Object.keys(edits)].filter((f) => !fields.has(f));
  if (unknown.length > 0) return fail('CONFLICT_UNKNOWN_FIELD', `Not in conflict ${record.id ?? ''}: ${unknown.join(', ')}. Its fields are ${record.fields.join(', ')}.`, { fields: unknown });
  const values: Record<string, unknown> = {};
  const winners: Record<string, ConflictWinner | 'edited'> = {};
  for (const field of record.fields) {
    const pick = resolution.pick[field];
    if (Object.hasOwn(edits, field)) {
      values[field] = edits[field];
      winners[field] = 'edited';
    } else if (pick === 'local') {
      values[field] = record.local[field];
      winners[field] = 'local';
    } else if (pick === 'server') winners[field] = 'server';
    else if (pick === undefined) return fail('CONFLICT_FIELD_UNDECIDED', `Pick "local" or "server" (or give an edit) for ${field}.`, { field });
    else return fail('INVALID_RESOLUTION', `The pick for ${field} must be "local" or "server", not ${JSON.stringify(pick)}.`, { field });
  }
  return { ok: true, value: { values, winners } };
}

function fail(code: string, message: string, details?: Record<string, unknown>): { ok: false; error: EngineError } {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}

