/**
 * Reconciling one page of rows of one map (initial sync): for each row, its counterpart is
 * looked up by integration key in the other store's replica table, and
 *
 *   no counterpart            → created on the other side (mirrorRow, lookups deferred)
 *   counterpart, equal        → nothing (this is what makes a second run idempotent)
 *   counterpart, different    → the master side's values win (map.initialSyncMaster, default
 *                               'erp'); fields that flow only from the other side still flow
 *   the map refuses the row   → a failure (MapError code and message), nothing written
 *
 * Writes are collected and issued in bulk at the end of the page, inside the caller's
 * transaction: staged rows (the replica shows them at once), shadows, and one outbox entry
 * per reconciled row (origin 'initial-sync', `source` naming the row it came from, so a
 * rejection by the server is attributed back to it). Rows with pending local edits keep
 * them: a field with a pending op is never overwritten.
 */
import { changedFields, fieldTypes, MapError, mirrorRow } from '../core/maps/index.ts';
import type { Mirror, Side, TableMap } from '../core/maps/index.ts';
import type { EngineContext } from './context.ts';
import { mirrorOptions } from './context.ts';
import { counterpartField } from './field-pairs.ts';
import type { EntrySource, OutboxEntry, RowOp } from './outbox.ts';
import type { StoredRow } from './replica/db.ts';
import { findRow, replicaSource } from './replica/row-source.ts';
import type { ReplicaTable } from './replica/tables.ts';
import { keyOf, replicaTable, rowId, tableName } from './replica/tables.ts';

export const INITIAL_SYNC_ORIGIN = 'initial-sync';

/** A row of one side, by its table and primary key (what a failure or a deferred reference names). */
export interface RowRef {
  readonly side: Side;
  readonly key: Record<string, unknown>;
}

export interface RowFailure extends RowRef {
  readonly rowId: string;
  readonly code: string;
  readonly message: string;
}

/** What one page did. */
export interface PageOutcome {
  created: number;
  updated: number;
  failures: RowFailure[];
  /** Rows written without a reference whose row did not exist yet: mirrored again in the second pass. */
  deferred: RowRef[];
  /** Source rows reconciled (or found equal) without failing. */
  succeeded: string[];
}

export interface ReconcileOptions {
  readonly deferLookups: boolean;
  readonly master: Side;
  /** The other side's pass already reconciled rows that have a counterpart: only missing ones are created. */
  readonly pairedDone?: boolean;
}

interface Planned {
  readonly table: ReplicaTable;
  readonly target: StoredRow | null;
  readonly values: Record<string, unknown>;
}

/** Reconciles `rows` of `side` through `map` (already restricted to the run's companies). */
export async function reconcilePage(ctx: EngineContext, map: TableMap, side: Side, rows: readonly StoredRow[], options: ReconcileOptions): Promise<PageOutcome> {
  const outcome: PageOutcome = { created: 0, updated: 0, failures: [], deferred: [], succeeded: [] };
  const sourceTable = replicaTable(side, map[side].set);
  const writes = new PageWrites(ctx);
  const claimed = new Set<string>();
  for (const row of rows) {
    const id = rowId(sourceTable, row);
    try {
      const plans = await reconcileRow(ctx, map, side, row, options, outcome, claimed);
      if (plans === null) continue;
      if (plans.length > 0) {
        await writes.stage(map, { mapId: map.id, side, key: keyOf(sourceTable, row), rowId: id }, plans, options.master);
        if (plans.some((p) => p.target === null)) outcome.created++;
        else outcome.updated++;
      }
      outcome.succeeded.push(id);
    } catch (error) {
      if (!(error instanceof MapError || error instanceof ReconcileError)) throw error;
      outcome.failures.push({ side, key: keyOf(sourceTable, row), rowId: id, code: error.code, message: error.message });
    }
  }
  await writes.flush();
  return outcome;
}

export class ReconcileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The writes one row needs (none when paired and equal), or null when the row is not the
 * map's (outside its filter, companies or direction). Throws MapError or ReconcileError.
 */
async function reconcileRow(ctx: EngineContext, map: TableMap, side: Side, row: StoredRow, options: ReconcileOptions, outcome: PageOutcome, claimed: Set<string>): Promise<Planned[] | null> {
  const source = replicaSource(ctx.db);
  const other: Side = side === 'erp' ? 'crm' : 'erp';
  const mirrored = await mirrorRow(map, side, row, source, mirrorOptions(ctx, options.deferLookups));
  if (!mirrored) return null;
  const otherTable = replicaTable(other, map[other].set);
  const target = (await findRow(ctx.db, other, otherTable.set, mirrored.key)) ?? null;
  const claim = `${other}|${JSON.stringify(mirrored.key)}`;
  if (claimed.has(claim)) throw new ReconcileError('DUPLICATE_KEY', `Another ${map[side].set} row in this page has the same integration key ${JSON.stringify(mirrored.key)}.`);
  claimed.add(claim);
  if (target && options.pairedDone) return [];
  if (ctx.mayMirror?.(map) === false) {
    if (target && (await differing(ctx, map, other, mirrored, target)).length === 0) return [];
    throw new ReconcileError('NOT_PERMITTED', `This user may not write ${map[other].set} (${map.id}); sign in as a user who may.`);
  }
  if (!target) {
    if (mirrored.deferred.length > 0) outcome.deferred.push({ side, key: keyOf(replicaTable(side, map[side].set), row) });
    return [{ table: otherTable, target: null, values: { ...mirrored.defaults, ...mirrored.values } }];
  }
  // Both sides have the row: the master's values win where the two directions overlap.
  const masterIsHere = options.master === side || map.oneWay === 'erp-to-crm';
  const [masterSide, masterRow, masterMirror] = masterIsHere ? [side, row, mirrored] : [other, target, await mirrorRow(map, other, target, source, mirrorOptions(ctx, options.deferLookups))];
  const plans: Planned[] = [];
  const toOther = masterSide === side ? otherTable : replicaTable(side, map[side].set);
  const slave = masterSide === side ? target : row;
  if (masterMirror) {
    if (masterMirror.deferred.length > 0) outcome.deferred.push({ side: masterSide, key: keyOf(replicaTable(masterSide, map[masterSide].set), masterRow) });
    const fields = await differing(ctx, map, toOther.side, masterMirror, slave);
    if (fields.length > 0) plans.push({ table: toOther, target: slave, values: pick(masterMirror.values, fields) });
  }
  // Fields that flow only towards the master side still flow.
  const back = await mirrorRow(map, toOther.side, slave, source, mirrorOptions(ctx, true));
  if (back) {
    const masterTable = replicaTable(masterSide, map[masterSide].set);
    const overlap = new Set([...Object.keys(masterMirror?.values ?? {}), ...(masterMirror?.deferred ?? [])]);
    const oneWay: Mirror = { ...back, values: Object.fromEntries(Object.entries(back.values).filter(([f]) => !overlap.has(counterpartField(map, masterSide, f) ?? ''))) };
    const fields = await differing(ctx, map, masterSide, oneWay, masterRow);
    if (fields.length > 0) plans.push({ table: masterTable, target: masterRow, values: pick(oneWay.values, fields) });
  }
  return plans;
}

/** Target fields whose mirrored value differs from the counterpart's server state, minus fields with pending local ops. */
async function differing(ctx: EngineContext, map: TableMap, targetSide: Side, mirrored: Mirror, target: StoredRow): Promise<string[]> {
  const table = replicaTable(targetSide, map[targetSide].set);
  const id = rowId(table, target);
  const [shadow, entries] = await Promise.all([ctx.db.shadows.get(id), ctx.db.outbox.where('rows').equals(id).toArray()]);
  const server = shadow ? shadow.row : target;
  const pending = new Set<string>();
  for (const e of entries) for (const op of e.ops) if (!op.done && op.rowId === id) for (const f of Object.keys(op.patch)) pending.add(f);
  const key = new Set(table.key);
  return changedFields(mirrored.values, server ?? undefined, fieldTypes(map, targetSide)).filter((f) => !pending.has(f) && !key.has(f));
}

const pick = (values: Record<string, unknown>, fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, values[f]]));

/** The page's writes, issued in bulk at the end (one bulkPut per table, one bulkAdd of entries). */
class PageWrites {
  readonly #rows = new Map<string, StoredRow[]>();
  readonly #shadows: { id: string; row: StoredRow | null }[] = [];
  readonly #entries: OutboxEntry[] = [];

  constructor(private readonly ctx: EngineContext) {}

  async stage(map: TableMap, source: EntrySource, plans: readonly Planned[], master: Side): Promise<void> {
    const ops: RowOp[] = [];
    // ERP ops first: push sends an entry's ERP half before its CRM half.
    for (const plan of [...plans].sort((a, b) => (a.table.side === b.table.side ? 0 : a.table.side === 'erp' ? -1 : 1))) {
      const { table, target } = plan;
      const base: Record<string, unknown> = target ? { ...target } : table.side === 'crm' && table.key.length === 1 ? { [table.key[0] as string]: this.ctx.newId() } : {};
      const next = { ...base, ...plan.values, _etag: target?._etag ?? '' } as StoredRow;
      const id = rowId(table, next);
      const shadow = target ? await this.ctx.db.shadows.get(id) : undefined;
      const server = shadow ? shadow.row : target && target._etag ? target : null;
      if (!shadow) this.#shadows.push({ id, row: server });
      const name = tableName(table.side, table.set);
      this.#rows.set(name, [...(this.#rows.get(name) ?? []), next]);
      const patch = server ? plan.values : Object.fromEntries(Object.entries(next).filter(([k]) => k !== '_etag'));
      ops.push({ side: table.side, set: table.set, key: keyOf(table, next), rowId: id, kind: 'upsert', create: server === null, patch, baseEtag: server?._etag ?? null, mapId: map.id, done: false });
    }
    const verb = plans.every((p) => p.target === null) ? 'created' : `resolved (${master.toUpperCase()} is master)`;
    this.#entries.push({
      txId: this.ctx.newId(),
      createdAt: this.ctx.now().toISOString(),
      origin: INITIAL_SYNC_ORIGIN,
      source,
      description: `${map.id}: initial sync: ${source.rowId} ${verb}`,
      ops,
      rows: [...new Set(ops.map((o) => o.rowId))],
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
    });
  }

  async flush(): Promise<void> {
    const writes: Promise<unknown>[] = [...this.#rows].map(([name, rows]) => this.ctx.db.rows(name).bulkPut(rows));
    if (this.#shadows.length) writes.push(this.ctx.db.shadows.bulkPut(this.#shadows));
    if (this.#entries.length) writes.push(this.ctx.db.outbox.bulkAdd(this.#entries));
    await Promise.all(writes);
  }
}
