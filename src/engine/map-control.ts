/**
 * Map states (map-states.ts), persisted in `meta.mapStates`, and what they do to sync:
 *
 *   pause     the map's outbox entries wait (local writes still commit: the agent is never
 *             blocked), and so do the entries of maps that depend on it and any later entry
 *             touching one of their rows; pulled changes it would mirror are held in the
 *             queue, every version in order (held-queue.ts)
 *   resume    catch-up: `resuming` — the leader's sync loop replays the held changes in
 *             order through pull's mirror path, CATCH_UP_BATCH per transaction, with
 *             progress; changes pulled meanwhile queue behind; `running` once drained.
 *             skip-keep: `running` now, the held changes kept as catch-up items (retry).
 *             skip-discard (confirmed): `running` now, the held changes deleted.
 *             Outbox entries (agent writes) are never discarded: every resume releases them.
 *   stop      nothing is derived, held or mirrored for the map any more; entries already in
 *             the outbox are still sent, held changes become catch-up items
 *
 * Every operation takes several maps and checks all of them before changing any: one
 * refused map refuses the call, and nothing changes.
 */
import { orderMaps } from '../core/maps/index.ts';
import type { TableMap } from '../core/maps/index.ts';
import type { EngineError, MapStates, MapStatus, Progress, QueueEntry, QueuePage, QueueQuery, ResumeMode, Result } from './api.ts';
import type { EngineContext } from './context.ts';
import { allTables } from './context.ts';
import type { QueueItem, QueueKind } from './held-queue.ts';
import { itemsOf, queueTable } from './held-queue.ts';
import type { MapAction, MapGate, MapRunState } from './map-states.ts';
import { actionTo, gateOf, isStarted, MAP_RUN_STATES, transition } from './map-states.ts';
import { mirrorHeld } from './pull.ts';
import { REPLICA_TABLES } from './replica/tables.ts';

/** Held changes replayed per IndexedDB transaction by catch-up and retry. */
export const CATCH_UP_BATCH = 200;
const QUEUE_PAGE_MAX = 1000;
const STATES = 'mapStates';
/** Format ≤ 6 engines kept only a list of paused maps; read once when no states are saved. */
const LEGACY_PAUSED = 'pausedMaps';
const RESUME_MODES: readonly ResumeMode[] = ['catch-up', 'skip-keep', 'skip-discard'];

type Effect = (ids: readonly string[]) => Promise<unknown>;

export class MapControl {
  readonly #ctx: EngineContext;
  readonly #onChange: () => void;
  #states = new Map<string, MapRunState>();
  #gates = new Map<string, MapGate>();
  readonly #progress = new Map<string, Progress>();

  constructor(ctx: EngineContext, onChange: () => void) {
    this.#ctx = ctx;
    this.#onChange = onChange;
  }

  async load(): Promise<void> {
    const saved = (await this.#ctx.db.meta.get(STATES))?.value as Record<string, MapRunState> | undefined;
    const legacy = saved ? [] : (((await this.#ctx.db.meta.get(LEGACY_PAUSED))?.value as string[] | undefined) ?? []);
    this.#states = new Map(saved ? Object.entries(saved) : legacy.map((id) => [id, 'paused' as const]));
    this.#regate();
  }

  state(mapId: string): MapRunState {
    return this.#states.get(mapId) ?? 'running';
  }

  gate(mapId: string): MapGate {
    return this.#gates.get(mapId) ?? gateOf(this.state(mapId));
  }

  paused(): string[] {
    return this.#ctx.maps.filter((m) => this.state(m.id) === 'paused').map((m) => m.id);
  }

  /** Catch-up progress over every resuming map, or null when none is catching up. */
  progress(): Progress | null {
    const all = [...this.#progress.values()];
    return all.length ? { done: all.reduce((n, p) => n + p.done, 0), total: all.reduce((n, p) => n + p.total, 0) } : null;
  }

  async statuses(): Promise<MapStatus[]> {
    const writes = await this.#pendingWrites();
    const any = (await queueTable(this.#ctx.db).count()) > 0;
    const statuses: MapStatus[] = [];
    for (const map of orderMaps(this.#ctx.maps)) {
      const queued = any ? await itemsOf(this.#ctx.db, map.id, 'held').count() : 0;
      const catchUpItems = any ? await itemsOf(this.#ctx.db, map.id, 'catch-up').count() : 0;
      const state = this.state(map.id);
      const catchUp = state === 'resuming' ? (this.#progress.get(map.id) ?? { done: 0, total: queued }) : null;
      statuses.push({ id: map.id, name: map.name, state, dependsOn: map.dependsOn, queued, catchUpItems, pendingWrites: writes.get(map.id) ?? 0, catchUp });
    }
    return statuses;
  }

  /** Starts maps; dependencies that are not started refuse the call unless `withDependencies` starts them too. */
  async start(ids: readonly string[], withDependencies = false): Promise<Result<MapStates>> {
    const bad = this.#checkIds(ids);
    if (bad) return bad;
    const needs = this.#missingDependencies(ids);
    if (needs.length > 0 && !withDependencies) {
      return fail('MAP_DEPENDENCIES_NOT_RUNNING', `${ids.join(', ')} depend${ids.length === 1 ? 's' : ''} on ${needs.join(', ')}, which ${needs.length === 1 ? 'is' : 'are'} not running. Start ${needs.length === 1 ? 'it' : 'them'} first, or start with dependencies.`, { needs, mapIds: [...ids] });
    }
    return this.#apply([...needs, ...ids], 'start');
  }

  async pause(ids: readonly string[]): Promise<Result<MapStates>> {
    return this.#checkIds(ids) ?? this.#apply(ids, 'pause');
  }

  async stop(ids: readonly string[]): Promise<Result<MapStates>> {
    return this.#checkIds(ids) ?? this.#apply(ids, 'stop', (stopped) => this.#keepHeld(stopped));
  }

  /**
   * Resumes paused maps. Agent writes waiting in the outbox are released in every mode;
   * only pulled back-office changes held in the queue are ever discarded, and only by
   * 'skip-discard' with `confirm`.
   */
  async resume(ids: readonly string[], mode: ResumeMode, confirm = false): Promise<Result<MapStates>> {
    const bad = this.#checkIds(ids);
    if (bad) return bad;
    if (!RESUME_MODES.includes(mode)) return fail('INVALID_ARGUMENT', `Resume mode "${String(mode)}" is not one of ${RESUME_MODES.join(', ')}.`, { mode });
    if (mode === 'catch-up') return this.#apply(ids, 'resume-catch-up');
    if (mode === 'skip-keep') return this.#apply(ids, 'resume-skip', (resumed) => this.#keepHeld(resumed));
    if (confirm !== true) {
      let held = 0;
      for (const id of ids) held += await itemsOf(this.#ctx.db, id, 'held').count();
      return fail('CONFIRMATION_REQUIRED', `Skipping to live discards ${held} held back-office change${held === 1 ? '' : 's'} of ${ids.join(', ')}; confirm to go on. Agent writes are never discarded.`, { held, mapIds: [...ids] });
    }
    return this.#apply(ids, 'resume-skip', async (resumed) => {
      for (const id of resumed) await itemsOf(this.#ctx.db, id, 'held').delete();
    });
  }

  /** For initial sync (initial-sync.ts): moves one map along the state machine, e.g. to 'initializing' and back to 'running'. */
  async setState(mapId: string, state: MapRunState): Promise<Result<MapStates>> {
    const bad = this.#checkIds([mapId]);
    if (bad) return bad;
    if (!MAP_RUN_STATES.includes(state)) return fail('INVALID_ARGUMENT', `"${String(state)}" is not a map state (${MAP_RUN_STATES.join(', ')}).`, { state });
    const action = actionTo(this.state(mapId), state);
    if (!action) return fail('MAP_INVALID_TRANSITION', `${mapId} cannot go from ${this.state(mapId)} to ${state}.`, { mapId, from: this.state(mapId), to: state });
    return this.#apply([mapId], action);
  }

  /**
   * The leader's sync loop calls this after each pull: replays the held changes of every
   * resuming map, in dependency order, and marks the map running once its queue is empty.
   * Held changes of a map that is already live (a resume raced a pull page) are replayed too.
   */
  async catchUp(): Promise<number> {
    const queued = new Set((await queueTable(this.#ctx.db).orderBy('mapId').uniqueKeys()).map(String));
    let replayed = 0;
    for (const map of orderMaps(this.#ctx.maps)) {
      const state = this.state(map.id);
      if (state === 'resuming' || (queued.has(map.id) && state !== 'paused' && this.gate(map.id).pulled !== 'skip')) replayed += await this.#drain(map);
    }
    return replayed;
  }

  async #drain(map: TableMap): Promise<number> {
    const held = () => itemsOf(this.#ctx.db, map.id, 'held');
    const catchingUp = () => this.state(map.id) !== 'paused' && this.gate(map.id).pulled !== 'skip';
    let left = await held().count();
    if (left === 0 && this.state(map.id) !== 'resuming') return 0;
    let done = 0;
    const report = (p: Progress | null) => {
      if (p && this.state(map.id) === 'resuming') this.#progress.set(map.id, p);
      else this.#progress.delete(map.id);
      this.#onChange();
    };
    report({ done, total: left });
    while (left > 0 && catchingUp()) {
      done += await this.#ctx.db.transaction('rw', allTables(this.#ctx.db), async () => this.#replay(map, await held().limit(CATCH_UP_BATCH).toArray()));
      left = await held().count();
      report({ done, total: done + left });
    }
    if (left === 0 && this.state(map.id) === 'resuming') await this.#apply([map.id], 'caught-up');
    report(null);
    return done;
  }

  /** Mirrors items through their map in order and deletes them (inside the caller's transaction). */
  async #replay(map: TableMap, items: readonly QueueItem[]): Promise<number> {
    for (const item of items) {
      const table = REPLICA_TABLES.find((t) => t.side === item.side && t.set === item.set);
      if (table) await mirrorHeld(this.#ctx, map, table, item.row, item.deleted, item.changed ?? null);
    }
    await queueTable(this.#ctx.db).bulkDelete(items.map((i) => i.id as number));
    return items.length;
  }

  /** Browses the queue, oldest first: by map, by kind, by key (text in the row id, or a field's whole value). */
  async queue(query: QueueQuery): Promise<Result<QueuePage>> {
    const { mapId, key, kind, offset, limit } = query;
    if (!Number.isInteger(offset) || offset < 0) return fail('INVALID_ARGUMENT', `offset must be a whole number ≥ 0, not ${String(offset)}.`, { offset });
    if (!Number.isInteger(limit) || limit < 1 || limit > QUEUE_PAGE_MAX) return fail('INVALID_ARGUMENT', `limit must be a whole number from 1 to ${QUEUE_PAGE_MAX}, not ${String(limit)}.`, { limit });
    if (kind !== undefined && kind !== 'held' && kind !== 'catch-up') return fail('INVALID_ARGUMENT', `kind must be "held" or "catch-up", not "${String(kind)}".`, { kind });
    if (mapId !== undefined) {
      const bad = this.#checkIds([mapId]);
      if (bad) return bad;
    }
    const needle = key?.trim().toLowerCase() ?? '';
    const matches = (item: QueueItem) =>
      (kind === undefined || item.kind === kind) &&
      (needle === '' || item.rowId.toLowerCase().includes(needle) || Object.values(item.row).some((v) => typeof v === 'string' && v.toLowerCase() === needle));
    const table = queueTable(this.#ctx.db);
    const matching = () => (mapId === undefined ? table.toCollection() : table.where('mapId').equals(mapId)).filter(matches);
    const total = await matching().count();
    const items = await matching().offset(offset).limit(limit).toArray();
    return { ok: true, value: { total, items: items.map(toEntry) } };
  }

  /** Replays catch-up items now (by id, or all of a map's), in order; their maps must be running. */
  async retry(target: { readonly ids?: readonly number[]; readonly mapId?: string }): Promise<Result<{ readonly retried: number }>> {
    const db = this.#ctx.db;
    let items: QueueItem[];
    if (target.ids !== undefined) {
      if (!Array.isArray(target.ids) || target.ids.length === 0 || !target.ids.every((id) => Number.isInteger(id))) return fail('INVALID_ARGUMENT', 'ids must be a non-empty list of queue item ids.', { ids: target.ids });
      const found = await queueTable(db).bulkGet([...target.ids]);
      const missing = target.ids.filter((_, i) => !found[i]);
      if (missing.length) return fail('QUEUE_ITEM_NOT_FOUND', `No queued item ${missing.join(', ')}.`, { ids: missing });
      items = (found as QueueItem[]).sort((a, b) => (a.id as number) - (b.id as number));
    } else if (target.mapId !== undefined) {
      const bad = this.#checkIds([target.mapId]);
      if (bad) return bad;
      items = await itemsOf(db, target.mapId, 'catch-up').toArray();
    } else {
      return fail('INVALID_ARGUMENT', 'Name the items to retry (ids) or their map (mapId).');
    }
    const held = items.filter((i) => i.kind !== 'catch-up').map((i) => i.id as number);
    if (held.length) return fail('QUEUE_ITEM_HELD', `Item${held.length === 1 ? '' : 's'} ${held.join(', ')} ${held.length === 1 ? 'is' : 'are'} held by a paused map: resume the map to replay ${held.length === 1 ? 'it' : 'them'}.`, { ids: held });
    const notLive = [...new Set(items.map((i) => i.mapId))].filter((id) => this.gate(id).pulled !== 'mirror');
    if (notLive.length) return fail('MAP_NOT_RUNNING', `${notLive.join(', ')} ${notLive.length === 1 ? 'is' : 'are'} not running: start or resume ${notLive.length === 1 ? 'it' : 'them'} before retrying.`, { mapIds: notLive });
    const byId = new Map(this.#ctx.maps.map((m) => [m.id, m]));
    for (let i = 0; i < items.length; i += CATCH_UP_BATCH) {
      const chunk = items.slice(i, i + CATCH_UP_BATCH);
      await db.transaction('rw', allTables(db), async () => {
        for (const item of chunk) {
          const map = byId.get(item.mapId);
          if (map) await this.#replay(map, [item]);
        }
      });
    }
    return { ok: true, value: { retried: items.length } };
  }

  /**
   * Validates every map's move first, then changes them all: states in memory (so pull and
   * push see them at once), then the saved states and the queue effect in one transaction.
   */
  async #apply(ids: readonly string[], action: MapAction, effect?: Effect): Promise<Result<MapStates>> {
    const unique = [...new Set(ids)];
    const next: Record<string, MapRunState> = {};
    for (const id of unique) {
      const moved = transition(this.state(id), action);
      if (!moved.ok) return fail('MAP_INVALID_TRANSITION', `${id}: ${moved.message}.`, { mapId: id, state: this.state(id), action });
      next[id] = moved.to;
    }
    for (const [id, state] of Object.entries(next)) this.#states.set(id, state);
    this.#regate();
    try {
      await this.#ctx.db.transaction('rw', allTables(this.#ctx.db), async () => {
        await this.#ctx.db.meta.put({ name: STATES, value: Object.fromEntries(this.#states) });
        await effect?.(unique);
      });
    } catch (error) {
      await this.load(); // back to what is saved
      throw error;
    }
    this.#onChange();
    return { ok: true, value: next };
  }

  /** Held changes of these maps become catch-up items: kept, listed, retried by hand. */
  async #keepHeld(ids: readonly string[]): Promise<void> {
    for (const id of ids) await itemsOf(this.#ctx.db, id, 'held').modify({ kind: 'catch-up' satisfies QueueKind });
  }

  /**
   * Gates per map. Pushes wait for a map whose state holds them and for every map that
   * depends on it: a dependent's row may reference a row the held map has not sent yet.
   */
  #regate(): void {
    const byId = new Map(this.#ctx.maps.map((m) => [m.id, m]));
    const holds = new Map<string, boolean>();
    const holdsPush = (id: string, path: readonly string[]): boolean => {
      const known = holds.get(id);
      if (known !== undefined) return known;
      const map = byId.get(id);
      const held = !gateOf(this.state(id)).push || (map?.dependsOn.some((d) => !path.includes(d) && holdsPush(d, [...path, id])) ?? false);
      holds.set(id, held);
      return held;
    };
    this.#gates = new Map(this.#ctx.maps.map((m) => [m.id, { ...gateOf(this.state(m.id)), push: !holdsPush(m.id, []) }]));
  }

  /** Dependencies (transitive) of `ids` that are not started and not being started, in dependency order. */
  #missingDependencies(ids: readonly string[]): string[] {
    const byId = new Map(this.#ctx.maps.map((m) => [m.id, m]));
    const needed = new Set<string>();
    const visit = (id: string) => {
      for (const d of byId.get(id)?.dependsOn ?? []) {
        if (needed.has(d) || ids.includes(d) || !byId.has(d) || isStarted(this.state(d))) continue;
        needed.add(d);
        visit(d);
      }
    };
    ids.forEach(visit);
    return orderMaps(this.#ctx.maps.filter((m) => needed.has(m.id))).map((m) => m.id);
  }

  #checkIds(ids: readonly string[]): { ok: false; error: EngineError } | null {
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) return fail('INVALID_ARGUMENT', 'Name at least one map by its id.', { ids });
    const unknown = ids.filter((id) => !this.#ctx.maps.some((m) => m.id === id));
    return unknown.length ? fail('MAP_UNKNOWN', `No map ${unknown.map((id) => `"${id}"`).join(', ')} is installed.`, { unknown }) : null;
  }

  /** Outbox entries with a pending op derived through each map (held while it is paused). */
  async #pendingWrites(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    await this.#ctx.db.outbox.each((entry) => {
      for (const id of new Set(entry.ops.filter((op) => !op.done && op.mapId !== null).map((op) => op.mapId as string))) counts.set(id, (counts.get(id) ?? 0) + 1);
    });
    return counts;
  }
}

function toEntry(item: QueueItem): QueueEntry {
  return { id: item.id as number, kind: item.kind, mapId: item.mapId, at: item.at, side: item.side, set: item.set, key: item.key, rowId: item.rowId, change: item.deleted ? 'delete' : 'upsert', row: item.row };
}

function fail(code: string, message: string, details?: Record<string, unknown>): { ok: false; error: EngineError } {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}
