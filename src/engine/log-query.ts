/**
 * One query language for the three logs (activity, errors, conflicts): filters by map,
 * record, kind, code, status, text and time, newest first, paged. The logs are bounded
 * (log-retention.ts), so a query reads the log (through the mapId index when it can) and
 * filters in memory.
 */
import type { EngineError, LogQuery, Page, Result } from './api.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** What a query can see of an entry. */
export interface Filterable {
  readonly id?: number;
  readonly at: string;
  readonly mapId?: string | null;
  readonly key?: string | null;
  readonly rowId?: string;
  readonly rows?: readonly string[];
  readonly kind?: string;
  readonly code?: string;
  readonly status?: string;
}

/** A checked query: times normalised to ISO, paging resolved (limit null: everything). */
export interface CheckedQuery {
  readonly query: LogQuery;
  readonly since: string | null;
  readonly until: string | null;
  readonly offset: number;
  readonly limit: number | null;
}

export function checkQuery(query: unknown, paging: 'page' | 'all'): Result<CheckedQuery> {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) return invalid('The query must be an object.');
  const q = query as Record<string, unknown>;
  for (const name of ['mapId', 'key', 'kind', 'code', 'status', 'search', 'since', 'until'] as const) {
    if (q[name] !== undefined && typeof q[name] !== 'string') return invalid(`${name} must be text.`, name);
  }
  for (const name of ['offset', 'limit'] as const) {
    const v = q[name];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) return invalid(`${name} must be a whole number ≥ 0.`, name);
  }
  const times: Record<'since' | 'until', string | null> = { since: null, until: null };
  for (const name of ['since', 'until'] as const) {
    if (q[name] === undefined) continue;
    const ms = Date.parse(q[name] as string);
    if (Number.isNaN(ms)) return invalid(`${name} must be an ISO date or date-time, not "${q[name] as string}".`, name);
    times[name] = new Date(ms).toISOString();
  }
  const limit = q['limit'] as number | undefined;
  if (paging === 'page' && limit !== undefined && limit > MAX_LIMIT) return invalid(`limit must be at most ${MAX_LIMIT}.`, 'limit');
  return {
    ok: true,
    value: { query: q as LogQuery, since: times.since, until: times.until, offset: (q['offset'] as number | undefined) ?? 0, limit: limit ?? (paging === 'page' ? DEFAULT_LIMIT : null) },
  };
}

function invalid(message: string, field?: string): { ok: false; error: EngineError } {
  return { ok: false, error: { code: 'INVALID_QUERY', message, ...(field ? { details: { field } } : {}) } };
}

/** Whether `entry` passes every filter of the query; `text` is what the search looks in. */
export function matches(entry: Filterable, checked: CheckedQuery, text: (e: Filterable) => string): boolean {
  const q = checked.query;
  if (q.mapId !== undefined && entry.mapId !== q.mapId) return false;
  if (q.key !== undefined && entry.key !== q.key && entry.rowId !== q.key && !entry.rows?.includes(q.key)) return false;
  if (q.kind !== undefined && entry.kind !== q.kind) return false;
  if (q.code !== undefined && entry.code !== q.code) return false;
  if (q.status !== undefined && (entry.status ?? 'open') !== q.status) return false;
  if (checked.since !== null && entry.at < checked.since) return false;
  if (checked.until !== null && entry.at > checked.until) return false;
  if (q.search !== undefined && q.search !== '' && !text(entry).toLowerCase().includes(q.search.toLowerCase())) return false;
  return true;
}

/** Newest first, then the page. */
export function pageOf<T extends { readonly id?: number }>(entries: readonly T[], checked: CheckedQuery): Page<T> {
  const sorted = [...entries].sort((a, b) => (b.id ?? 0) - (a.id ?? 0));
  const end = checked.limit === null ? undefined : checked.offset + checked.limit;
  return { rows: sorted.slice(checked.offset, end), total: sorted.length };
}

/** The text a search looks in: every value of the entry (not the names), nested ones included. */
export function searchText(entry: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parts.push(String(value));
    else if (value !== null && typeof value === 'object' && depth < 6) for (const v of Object.values(value)) walk(v, depth + 1);
  };
  walk(entry, 0);
  return parts.join('\n');
}
