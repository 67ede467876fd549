/**
 * How long the logs keep entries: at most `maxEntries` per log and nothing older than
 * `maxAgeDays`, whichever bound is reached first. Stored in meta (`logRetention`), applied
 * on every append (appendLog) and when the bound changes.
 *
 * Both bounds are cheap on purpose (an append must not walk the log): ids grow with time,
 * so the count bound deletes ids below `newest - maxEntries + 1` (one key-range delete; a
 * discarded entry leaves a gap, so a log may keep fewer), and the age bound deletes from
 * the oldest id up to the first entry young enough. Open conflicts (the inbox) are never
 * dropped: they wait for a person.
 */
import Dexie from 'dexie';
import type { Transaction } from 'dexie';
import type { LogRetention } from './api.ts';
import type { ReplicaDb } from './replica/db.ts';

export const DEFAULT_RETENTION: LogRetention = { maxEntries: 5000, maxAgeDays: 30 };
export const RETENTION_LIMITS = { maxEntries: [10, 1_000_000], maxAgeDays: [1, 3650] } as const;
const META = 'logRetention';
const DAY_MS = 86_400_000;

/** The last bounds read or written per replica, for appends inside a transaction that does not hold `meta` (a local write). */
const known = new WeakMap<ReplicaDb, LogRetention>();

export async function readRetention(db: ReplicaDb): Promise<LogRetention> {
  const tx = Dexie.currentTransaction as (Transaction & { storeNames: string[] }) | null;
  if (tx && !tx.storeNames.includes('meta')) return known.get(db) ?? DEFAULT_RETENTION;
  const stored = (await db.meta.get(META))?.value as Partial<LogRetention> | undefined;
  const retention = { ...DEFAULT_RETENTION, ...stored };
  known.set(db, retention);
  return retention;
}

export async function writeRetention(db: ReplicaDb, retention: LogRetention): Promise<void> {
  const value = { maxEntries: retention.maxEntries, maxAgeDays: retention.maxAgeDays };
  await db.meta.put({ name: META, value });
  known.set(db, value);
}

/** A bound outside its limits, as a message; null when valid. */
export function retentionProblem(retention: unknown): string | null {
  const r = retention as Partial<Record<keyof LogRetention, unknown>> | null;
  for (const name of ['maxEntries', 'maxAgeDays'] as const) {
    const value = r?.[name];
    const [min, max] = RETENTION_LIMITS[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return `${name} must be a whole number from ${min} to ${max}.`;
  }
  return null;
}

/** Drops what the bounds no longer allow from one log; `newestId` is the id just added, if known. */
export async function pruneLog(db: ReplicaDb, log: 'activity' | 'errors' | 'conflicts', now: Date, retention: LogRetention, newestId?: number): Promise<void> {
  const table = db.table<{ id?: number; at: string; status?: string }, number>(log);
  const keep = log === 'conflicts' ? (e: { status?: string }) => e.status === 'open' : () => false;
  const newest = newestId ?? ((await table.orderBy(':id').lastKey()) as number | undefined);
  if (newest !== undefined && newest >= retention.maxEntries) {
    const below = newest - retention.maxEntries + 1;
    if (log === 'conflicts') await table.where(':id').below(below).filter((e) => !keep(e)).delete();
    else await table.where(':id').below(below).delete();
  }
  const cutoff = new Date(now.getTime() - retention.maxAgeDays * DAY_MS).toISOString();
  const old = await table.orderBy(':id').until((e) => e.at >= cutoff).filter((e) => !keep(e)).primaryKeys();
  if (old.length > 0) await table.bulkDelete(old);
}
