/** What the engine's parts share: the replica, the maps, and injected time and ids. */
import type { Mirror, MirrorOptions, TableMap } from '../core/maps/index.ts';
import type { MapGate } from './map-states.ts';
import { pruneLog, readRetention } from './log-retention.ts';
import type { LogEntry, ReplicaDb } from './replica/db.ts';
import type { ReferenceCache } from './replica/reference-cache.ts';

export interface EngineContext {
  readonly db: ReplicaDb;
  /** The installed catalog; replaced as a whole when a map is saved or a package imported (map-catalog.ts). */
  maps: readonly TableMap[];
  readonly now: () => Date;
  readonly newId: () => string;
  /**
   * Whether this user may write `side` through `map`; mirroring that the server would
   * refuse with 403 is not attempted (absent: everything is attempted).
   */
  readonly mayMirror?: (map: TableMap) => boolean;
  /** Reference tables in memory for local writes (absent: every lookup reads IndexedDB). */
  readonly reference?: ReferenceCache;
  /** Who is signed in, for the logs (absent: unknown). */
  readonly user?: () => string | null;
  /** How sync treats a map in its current state (map-control.ts; absent: every map runs). */
  readonly mapGate?: (mapId: string) => MapGate;
}

/** Every table, for read-write transactions that span replica, outbox and logs. */
export const allTables = (db: ReplicaDb) => db.tables;

/** Appends to a bounded log (activity or errors), within the retention bounds (log-retention.ts). */
export async function appendLog(ctx: EngineContext, log: 'activity' | 'errors', entry: Omit<LogEntry, 'at' | 'id'>): Promise<void> {
  const now = ctx.now();
  const id = await ctx.db[log].add({ at: now.toISOString(), ...entry });
  await pruneLog(ctx.db, log, now, await readRetention(ctx.db), id);
}

/**
 * How the engine mirrors: through its own catalog, effective-dated maps as of today, and
 * with `deferLookups` where a reference may point at a row that is written in the same
 * pass (self and circular references: written first without it, patched after).
 */
export function mirrorOptions(ctx: EngineContext, deferLookups = false): MirrorOptions {
  return { catalog: ctx.maps, asOf: ctx.now().toISOString().slice(0, 10), deferLookups };
}

/** Logs the values a map changed on purpose (rounded, truncated, cut to a date) for the admin to see. */
export async function logNotes(ctx: EngineContext, mapId: string, mirror: Mirror, key: string): Promise<void> {
  if (!mirror.notes?.length) return;
  const changes = mirror.notes.map((n) => `${n.field} ${JSON.stringify(n.from)} → ${JSON.stringify(n.to)} (${n.rule})`).join('; ');
  await appendLog(ctx, 'activity', { kind: 'transformed', message: `${mapId}: ${key}: ${changes}`, mapId, key });
}
