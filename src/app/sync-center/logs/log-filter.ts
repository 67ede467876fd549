/**
 * The logs screen's filter form and the engine query it stands for. Pure. Dates come
 * from <input type="date"> (local days): "from" starts at that day's first instant and
 * "to" ends at its last, both sent as ISO date-times (the engine's bounds are inclusive).
 */
import type { LogName, LogQuery, LogRetention } from '../../../engine/api.ts';

export interface LogFilter {
  mapId: string;
  /** Activity kind or error kind. */
  kind: string;
  /** Error code (errors only). */
  code: string;
  /** Error status (errors) or conflict status (conflicts). */
  status: string;
  search: string;
  from: string;
  to: string;
}

export const NO_FILTER: LogFilter = { mapId: '', kind: '', code: '', status: '', search: '', from: '', to: '' };

export function dayStart(day: string): string | null {
  const at = new Date(`${day}T00:00:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function dayEnd(day: string): string | null {
  const at = new Date(`${day}T23:59:59.999`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The query for `log`: empty fields are left out, and fields the log has no use for too. */
export function logQuery(log: LogName, filter: LogFilter, page?: { offset: number; limit: number }): LogQuery {
  const q: { -readonly [K in keyof LogQuery]: LogQuery[K] } = { ...(page ?? {}) };
  if (filter.mapId) q.mapId = filter.mapId;
  if (filter.kind && log !== 'conflicts') q.kind = filter.kind;
  if (filter.code.trim() && log === 'errors') q.code = filter.code.trim();
  if (filter.status && log !== 'activity') q.status = filter.status;
  if (filter.search.trim()) q.search = filter.search.trim();
  const since = filter.from ? dayStart(filter.from) : null;
  const until = filter.to ? dayEnd(filter.to) : null;
  if (since) q.since = since;
  if (until) q.until = until;
  return q;
}

export const RETENTION_LIMITS = { maxEntries: [10, 1_000_000], maxAgeDays: [1, 3650] } as const;

/** The retention form's text as numbers, or the message for the first field out of bounds. */
export function parseRetention(form: { maxEntries: string; maxAgeDays: string }): { ok: true; value: LogRetention } | { ok: false; field: keyof LogRetention; message: string } {
  const value: Record<string, number> = {};
  for (const field of ['maxEntries', 'maxAgeDays'] as const) {
    const n = Number(form[field]);
    const [min, max] = RETENTION_LIMITS[field];
    if (!/^\d+$/.test(form[field].trim()) || n < min || n > max) return { ok: false, field, message: `A whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}` };
    value[field] = n;
  }
  return { ok: true, value: value as unknown as LogRetention };
}
