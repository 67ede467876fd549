/**
 * Initial sync: reconciles the data both stores already hold, map by map in dependency
 * order, once the replica has loaded both stores (the first pull). Per map:
 *
 *   pending ─▶ running: erp ─▶ crm ─▶ references ─▶ pushing ─▶ done | failed (rows listed)
 *                 (rerun 'failed': failed-rows ─▶ references ─▶ pushing)
 *
 *   erp / crm    the side's replica table read in pages by primary key (bounded memory);
 *                each page reconciled (initial-sync-reconcile.ts) and committed in ONE
 *                transaction with its outbox entries, its failures and the run's cursor
 *                (the last key done): a reload or crash resumes at the next page, and a
 *                page is never done twice
 *   references   rows written without a reference whose row did not exist yet (self and
 *                circular references) mirrored again, now that every row exists
 *   pushing      the entries go in bulk $batch requests (initial-sync-push.ts), then the
 *                normal push (push.ts) for anything else; a row the server refuses is
 *                listed against its source row (recordRejection)
 *
 * The work runs inside the engine's sync loop (after pull, before push), so it shares the
 * leader, online and backoff logic; the API call that starts it only writes the runs.
 * Idempotent: a row already paired and equal produces nothing, so a second run writes
 * nothing. Every failure is kept (syncFailures), listed page by page, and re-run on demand.
 */
import { orderMaps } from '../core/maps/index.ts';
import type { Side, TableMap } from '../core/maps/index.ts';
import type { Table } from 'dexie';
import type { InitialSyncFailure, InitialSyncMapStatus, InitialSyncOptions, InitialSyncPhase, InitialSyncProgress, InitialSyncState, InitialSyncStatus } from './api.ts';
import type { ODataClient } from './connector/odata-client.ts';
import type { EngineContext } from './context.ts';
import { allTables, appendLog } from './context.ts';
import { bulkPushInitialSync } from './initial-sync-push.ts';
import { INITIAL_SYNC_ORIGIN, reconcilePage } from './initial-sync-reconcile.ts';
import type { PageOutcome, RowFailure, RowRef } from './initial-sync-reconcile.ts';
import type { OutboxEntry, RowOp } from './outbox.ts';
import { pushAll } from './push.ts';
import type { StoredRow } from './replica/db.ts';
import { dexieKey, replicaTable, tableName } from './replica/tables.ts';

export interface InitialSyncHooks {
  /** Rows per page (default 2000). */
  readonly pageSize?: number;
  /** Pages reconciled between two pushes (bounds the outbox; default 10). */
  readonly pushEvery?: number;
  /** Map states are owned by map control; it is told when a map starts and finishes its initial sync. */
  readonly onMapState?: (mapId: string, state: 'initializing' | 'running') => void;
  /** After each page's transaction committed (tests stop a run here, as a crash would). */
  readonly afterPage?: (page: { readonly mapId: string; readonly phase: InitialSyncPhase; readonly first: unknown; readonly rows: number }) => void | Promise<void>;
}

/** One map's run, stored in `syncRuns` (keyed by mapId). */
interface SyncRun {
  readonly mapId: string;
  readonly runId: string;
  readonly order: number;
  state: InitialSyncState;
  phase: InitialSyncPhase;
  readonly master: Side;
  readonly companies: readonly string[] | null;
  /** The last primary key done in the erp / crm phase; the index reached in the others. */
  after: unknown;
  total: number;
  done: number;
  created: number;
  updated: number;
  failed: number;
  deferred: RowRef[];
  /** Failure ids to re-run (rerun 'failed'). */
  retry: number[];
  startedAt: string | null;
  finishedAt: string | null;
  /** Time spent working on it (the rate ignores time spent waiting or offline). */
  activeMs: number;
}

interface FailureRecord extends Omit<InitialSyncFailure, 'id'> {
  id?: number;
}

export class InitialSyncError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

const runs = (ctx: EngineContext) => ctx.db.table('syncRuns') as Table<SyncRun, string>;
const failures = (ctx: EngineContext) => ctx.db.table('syncFailures') as Table<FailureRecord, number>;
const FINISHED: readonly InitialSyncState[] = ['done', 'failed'];

export class InitialSync {
  constructor(
    private readonly ctx: EngineContext,
    private readonly hooks: InitialSyncHooks = {},
    private readonly changed: () => void = () => undefined,
  ) {}

  /** Writes the runs of `mapIds` (validated); the sync loop does the work. */
  async start(mapIds: readonly string[], options: InitialSyncOptions = {}): Promise<void> {
    const unknown = mapIds.filter((id) => !this.ctx.maps.some((m) => m.id === id));
    if (unknown.length > 0) throw new InitialSyncError('UNKNOWN_MAP', `No map ${unknown.join(', ')} in the catalog.`, { mapIds: unknown });
    const maps = orderMaps(this.ctx.maps.filter((m) => mapIds.includes(m.id)));
    const existing = new Map((await runs(this.ctx).toArray()).map((r) => [r.mapId, r]));
    const missing = [...new Set(maps.flatMap((m) => m.dependsOn))].filter((id) => !mapIds.includes(id) && !FINISHED.includes(existing.get(id)?.state ?? 'pending'));
    if (missing.length > 0) {
      throw new InitialSyncError('INITIAL_SYNC_DEPENDENCY', `Include the maps these depend on, or sync them first: ${missing.join(', ')}.`, { missing });
    }
    const next = Math.max(0, ...[...existing.values()].map((r) => r.order + 1));
    await this.ctx.db.transaction('rw', [runs(this.ctx), failures(this.ctx)], async () => {
      for (const [i, map] of maps.entries()) {
        const before = existing.get(map.id);
        const retry = options.rerun === 'failed' ? ((await failures(this.ctx).where('mapId').equals(map.id).primaryKeys()) as number[]) : [];
        if (options.rerun !== 'failed') await failures(this.ctx).where('mapId').equals(map.id).delete();
        await runs(this.ctx).put(this.#fresh(map, next + i, options, retry, before));
      }
    });
    this.changed();
  }

  #fresh(map: TableMap, order: number, options: InitialSyncOptions, retry: number[], before: SyncRun | undefined): SyncRun {
    const failedOnly = options.rerun === 'failed';
    return {
      mapId: map.id,
      runId: this.ctx.newId(),
      order,
      state: 'pending',
      phase: failedOnly ? 'failed-rows' : 'erp',
      master: map.initialSyncMaster ?? 'erp',
      companies: options.companies ? [...options.companies] : null,
      after: null,
      total: failedOnly ? retry.length : 0,
      done: 0,
      created: 0,
      updated: 0,
      failed: failedOnly ? (before?.failed ?? retry.length) : 0,
      deferred: [],
      retry,
      startedAt: null,
      finishedAt: null,
      activeMs: 0,
    };
  }

  /** Whether a run is waiting for the loop. */
  async active(): Promise<boolean> {
    return (await runs(this.ctx).toArray()).some((r) => !FINISHED.includes(r.state));
  }

  /**
   * Works through the unfinished runs in order until all are done, a map is paused (its
   * run and the ones after it wait), or `proceed` says stop (leadership lost). Network and
   * server failures propagate to the loop, which backs off; the cursor is already saved.
   */
  async run(client: ODataClient, paused: (mapId: string) => boolean, proceed: () => boolean): Promise<void> {
    const pending = (await runs(this.ctx).toArray()).filter((r) => !FINISHED.includes(r.state)).sort((a, b) => a.order - b.order);
    for (const start of pending) {
      const map = this.ctx.maps.find((m) => m.id === start.mapId);
      if (!map) continue;
      if (paused(map.id)) {
        await this.#update(map.id, (r) => void (r.state = 'paused'));
        return;
      }
      if (start.state === 'pending') this.hooks.onMapState?.(map.id, 'initializing');
      await this.#update(map.id, (r) => {
        r.state = 'running';
        r.startedAt ??= this.ctx.now().toISOString();
      });
      if (!(await this.#runMap(client, proceed, map))) return;
    }
  }

  /** One map to the end; false when it has to wait (stopped, or entries still queued). */
  async #runMap(client: ODataClient, proceed: () => boolean, map: TableMap): Promise<boolean> {
    const pushEvery = this.hooks.pushEvery ?? 10;
    let pages = 0;
    for (;;) {
      if (!proceed()) return false;
      const run = (await runs(this.ctx).get(map.id)) as SyncRun;
      if (run.phase === 'pushing') break;
      const page = await this.#page(map, run);
      this.changed();
      if (page) await this.hooks.afterPage?.({ mapId: map.id, ...page });
      if (++pages % pushEvery === 0) await this.#push(client);
    }
    await this.#push(client);
    const queued = await this.ctx.db.outbox.filter((e) => e.origin === INITIAL_SYNC_ORIGIN && e.source?.mapId === map.id).count();
    if (queued > 0) return false;
    const finished = await this.#update(map.id, (r) => {
      r.phase = 'done';
      r.state = r.failed > 0 ? 'failed' : 'done';
      r.finishedAt = this.ctx.now().toISOString();
    });
    await appendLog(this.ctx, 'activity', { kind: 'initial-sync', message: `${map.id}: initial sync finished: ${finished.created} created, ${finished.updated} updated, ${finished.failed} failed`, mapId: map.id });
    this.hooks.onMapState?.(map.id, 'running');
    this.changed();
    return true;
  }

  /** The bulk path first (initial-sync-push.ts), then the normal push for whatever it left. */
  async #push(client: ODataClient): Promise<void> {
    await bulkPushInitialSync(this.ctx, client);
    await pushAll(this.ctx, client);
  }

  /** Reconciles the run's next page in one transaction with its cursor; null when the phase moved on. */
  async #page(map: TableMap, initial: SyncRun): Promise<{ phase: InitialSyncPhase; first: unknown; rows: number } | null> {
    const started = performance.now();
    const pageSize = this.hooks.pageSize ?? 2000;
    const scoped: TableMap = initial.companies ? { ...map, companies: map.companies ? map.companies.filter((c) => initial.companies?.includes(c)) : initial.companies } : map;
    return this.ctx.db.transaction('rw', allTables(this.ctx.db), async () => {
      const run = (await runs(this.ctx).get(map.id)) as SyncRun;
      let result: { phase: InitialSyncPhase; first: unknown; rows: number } | null = null;
      if (run.phase === 'erp' || run.phase === 'crm') {
        const side = run.phase;
        const table = this.ctx.db.rows(tableName(side, map[side].set));
        if (run.after === null && side === 'erp') run.total = (await table.count()) + (await this.ctx.db.rows(tableName('crm', map.crm.set)).count());
        const rows = run.after === null ? await table.orderBy(':id').limit(pageSize).toArray() : await table.where(':id').above(run.after).limit(pageSize).toArray();
        if (rows.length === 0) {
          if (side === 'erp') {
            // Rows the erp phase created on the CRM are visited too (and found paired).
            run.total = run.done + (await this.ctx.db.rows(tableName('crm', map.crm.set)).count());
            Object.assign(run, { phase: 'crm', after: null });
          } else Object.assign(run, { phase: 'references', after: 0, total: run.total + run.deferred.length });
        } else {
          const outcome = await reconcilePage(this.ctx, scoped, side, rows, { deferLookups: true, master: run.master, pairedDone: side === 'crm' });
          await this.#record(run, outcome);
          const key = dexieKey(replicaTable(side, map[side].set), rows[rows.length - 1] as StoredRow);
          run.after = key;
          run.done += rows.length;
          result = { phase: side, first: dexieKey(replicaTable(side, map[side].set), rows[0] as StoredRow), rows: rows.length };
        }
      } else if (run.phase === 'references') {
        const refs = run.deferred.slice(run.after as number, (run.after as number) + pageSize);
        if (refs.length === 0) Object.assign(run, { phase: 'pushing', deferred: [], after: null });
        else {
          // Mirrored again from the side they were written from, now without deferring.
          for (const side of ['erp', 'crm'] as const) {
            const rows = await this.#rowsOf(map, refs.filter((r) => r.side === side));
            if (rows.length) await this.#record(run, await reconcilePage(this.ctx, scoped, side, rows, { deferLookups: false, master: side }), false);
          }
          run.after = (run.after as number) + refs.length;
          run.done += refs.length;
          result = { phase: 'references', first: run.after, rows: refs.length };
        }
      } else if (run.phase === 'failed-rows') {
        const ids = run.retry.slice(run.after === null ? 0 : (run.after as number), (run.after === null ? 0 : (run.after as number)) + pageSize);
        if (ids.length === 0) Object.assign(run, { phase: 'references', after: 0, total: run.total + run.deferred.length });
        else {
          const records = (await failures(this.ctx).bulkGet(ids)).filter((f): f is FailureRecord => f !== undefined);
          await failures(this.ctx).bulkDelete(ids);
          run.failed -= records.length;
          for (const side of ['erp', 'crm'] as const) {
            const rows = await this.#rowsOf(map, records.filter((f) => f.side === side));
            if (rows.length) await this.#record(run, await reconcilePage(this.ctx, scoped, side, rows, { deferLookups: true, master: run.master }));
          }
          run.after = (run.after === null ? 0 : (run.after as number)) + ids.length;
          run.done += ids.length;
          result = { phase: 'failed-rows', first: ids[0], rows: ids.length };
        }
      }
      run.activeMs += performance.now() - started;
      await runs(this.ctx).put(run);
      return result;
    });
  }

  async #rowsOf(map: TableMap, refs: readonly { side: Side; key: Readonly<Record<string, unknown>> }[]): Promise<StoredRow[]> {
    if (refs.length === 0) return [];
    const side = (refs[0] as RowRef).side;
    const table = replicaTable(side, map[side].set);
    const rows = await this.ctx.db.rows(tableName(side, table.set)).bulkGet(refs.map((r) => dexieKey(table, r.key)));
    return rows.filter((r): r is StoredRow => r !== undefined);
  }

  /** Adds a page's outcome to the run and its failures to syncFailures (inside the page's transaction). */
  async #record(run: SyncRun, outcome: PageOutcome, deferAgain = true): Promise<void> {
    run.created += outcome.created;
    run.updated += outcome.updated;
    run.failed += outcome.failures.length;
    if (deferAgain) {
      const known = new Set(run.deferred.map((d) => `${d.side}|${JSON.stringify(d.key)}`));
      run.deferred.push(...outcome.deferred.filter((d) => !known.has(`${d.side}|${JSON.stringify(d.key)}`)));
    }
    if (outcome.failures.length) await failures(this.ctx).bulkAdd(outcome.failures.map((f) => this.#failure(run.mapId, f, 'map')));
  }

  #failure(mapId: string, f: RowFailure, stage: 'map' | 'server'): FailureRecord {
    const map = this.ctx.maps.find((m) => m.id === mapId);
    return { mapId, side: f.side, set: map ? map[f.side].set : '', rowId: f.rowId, key: f.key, code: f.code, message: f.message, stage, at: this.ctx.now().toISOString() };
  }

  async #update(mapId: string, change: (run: SyncRun) => void): Promise<SyncRun> {
    return this.ctx.db.transaction('rw', runs(this.ctx), async () => {
      const run = (await runs(this.ctx).get(mapId)) as SyncRun;
      change(run);
      await runs(this.ctx).put(run);
      return run;
    });
  }

  // ---- reading ----

  async status(): Promise<InitialSyncStatus> {
    const all = (await runs(this.ctx).toArray()).sort((a, b) => a.order - b.order);
    const maps = all.map((r) => mapStatus(r));
    const done = sum(maps, 'done');
    const total = sum(maps, 'total');
    const seconds = all.reduce((s, r) => s + r.activeMs, 0) / 1000;
    return { maps, overall: progress(done, total, seconds, all.some((r) => !FINISHED.includes(r.state))) };
  }

  async failures(mapId: string, query: { readonly offset: number; readonly limit: number; readonly search?: string }): Promise<{ total: number; rows: InitialSyncFailure[] }> {
    const needle = query.search?.trim().toLowerCase();
    let collection = failures(this.ctx).where('mapId').equals(mapId);
    if (needle) collection = collection.filter((f) => [f.rowId, f.code, f.message].some((t) => t.toLowerCase().includes(needle)));
    const total = await collection.count();
    const rows = await collection.offset(query.offset).limit(Math.min(query.limit, 1000)).toArray();
    return { total, rows: rows.map((r) => ({ ...r, id: r.id as number })) };
  }

  // ---- one record ----

  /**
   * Reconciles one record now, from whichever side it is on: created on the other side when
   * it has no counterpart, else resolved by the master side; its references in a second
   * pass within the same transaction. Its earlier failures are replaced by the outcome.
   */
  async resync(mapId: string, side: Side, key: Readonly<Record<string, unknown>>): Promise<{ created: number; updated: number; failure: RowFailure | null }> {
    const map = this.ctx.maps.find((m) => m.id === mapId);
    if (!map) throw new InitialSyncError('UNKNOWN_MAP', `No map ${mapId} in the catalog.`, { mapIds: [mapId] });
    const table = replicaTable(side, map[side].set);
    return this.ctx.db.transaction('rw', allTables(this.ctx.db), async () => {
      const row = await this.ctx.db.rows(tableName(side, table.set)).get(dexieKey(table, key));
      if (!row) throw new InitialSyncError('ROW_NOT_FOUND', `No ${table.set} row ${JSON.stringify(key)} in the replica.`, { side, key });
      const first = await reconcilePage(this.ctx, map, side, [row], { deferLookups: true, master: map.initialSyncMaster ?? 'erp' });
      let failure = first.failures[0] ?? null;
      for (const ref of first.deferred) {
        const again = await this.#rowsOf(map, [ref]);
        const second = await reconcilePage(this.ctx, map, ref.side, again, { deferLookups: false, master: ref.side });
        failure ??= second.failures[0] ?? null;
      }
      const old = await failures(this.ctx).where('rowId').equals(first.succeeded[0] ?? first.failures[0]?.rowId ?? '').and((f) => f.mapId === mapId).primaryKeys();
      await failures(this.ctx).bulkDelete(old);
      if (failure) await failures(this.ctx).add(this.#failure(mapId, failure, 'map'));
      const run = await runs(this.ctx).get(mapId);
      if (run) await runs(this.ctx).put({ ...run, failed: run.failed - old.length + (failure ? 1 : 0) });
      return { created: first.created, updated: first.updated, failure };
    });
  }
}

/**
 * Push refused an op of an initial-sync entry: the row is listed against its source row
 * (inside push's transaction), so it shows with the map's failures and can be re-run.
 */
export async function recordRejection(ctx: EngineContext, entry: OutboxEntry, failed: RowOp, code: string, message: string): Promise<void> {
  const source = entry.source;
  if (entry.origin !== INITIAL_SYNC_ORIGIN || !source) return;
  const map = ctx.maps.find((m) => m.id === source.mapId);
  const at = ctx.now().toISOString();
  const reason = `${failed.side.toUpperCase()} refused ${failed.set} ${JSON.stringify(failed.key)}: ${message}`;
  await failures(ctx).add({ mapId: source.mapId, side: source.side, set: map ? map[source.side].set : '', rowId: source.rowId, key: source.key, code, message: reason, stage: 'server', at });
  const run = await runs(ctx).get(source.mapId);
  if (run) await runs(ctx).put({ ...run, failed: run.failed + 1 });
}

function mapStatus(r: SyncRun): InitialSyncMapStatus {
  const p = progress(r.done, r.total, r.activeMs / 1000, !FINISHED.includes(r.state));
  return { mapId: r.mapId, state: r.state, phase: r.phase, master: r.master, companies: r.companies, done: r.done, total: r.total, created: r.created, updated: r.updated, failed: r.failed, rate: p.rate, etaSeconds: p.etaSeconds, startedAt: r.startedAt, finishedAt: r.finishedAt };
}

function progress(done: number, total: number, seconds: number, unfinished: boolean): InitialSyncProgress {
  const rate = seconds > 0 ? done / seconds : 0;
  const etaSeconds = !unfinished ? 0 : rate > 0 ? Math.max(0, total - done) / rate : null;
  return { done, total, rate, etaSeconds };
}

const sum = (maps: readonly InitialSyncMapStatus[], field: 'done' | 'total') => maps.reduce((s, m) => s + m[field], 0);
