/**
 * Change tracking (OData delta). Every write stamps its row with the next store-wide
 * sequence number `_seq`, inside the write's transaction; writes are serialised, so
 * sequence order is commit order. A feed is therefore "everything with _seq > after, in
 * _seq order", merged with tombstones of deleted rows, and it can neither skip nor repeat
 * a change, whatever is written while a client pages through it:
 *
 *   GET Set  + Prefer: odata.track-changes      initial load: after = 0, start = S0 (the
 *                                               store's sequence when the load began)
 *   … @odata.nextLink ($skiptoken {a, s})       the next page of the same feed
 *   … @odata.deltaLink ($deltatoken {s})        "come back later": after = start = s
 *
 * With $filter, a row changed after `start` that does not match is sent as `@removed`
 * with reason "changed", so a filtered replica drops it if it had it. The server keeps
 * no history of what matched before, so a row that never matched but changed is
 * reported the same way (removing an absent row is a no-op for the client); rows that
 * did not change since `start` and do not match are not mentioned. Deleted rows are
 * `@removed` with reason "deleted", whether or not they ever matched.
 */
import type { SetSpec } from '../schema/spec.ts';
import type { SqlRow, SqlValue } from '../storage/db.ts';
import { quoteId } from '../storage/db.ts';
import type { Row } from './codec.ts';
import { rowFromSql } from './codec.ts';
import { ODataError } from './errors.ts';
import { compileFilterSql, sqliteDialect } from './filter-sql.ts';
import { formatKeyLink } from './keys.ts';
import type { Preferences } from './prefer.ts';
import { DEFAULT_PAGE_SIZE } from './prefer.ts';
import type { QueryOptions } from './query-options.ts';
import { linkWith } from './read.ts';
import { representation } from './representation.ts';
import type { CompanyScope } from './scope.ts';
import { columnsSql } from './table.ts';
import { decodeToken, encodeToken } from './tokens.ts';
import type { ODataRequest, ODataResponse, ServiceContext } from './types.ts';

type Item =
  | { readonly seq: number; readonly kind: 'row'; readonly row: Row; readonly match: boolean }
  | { readonly seq: number; readonly kind: 'deleted'; readonly key: Row };

export async function readChanges(
  ctx: ServiceContext,
  set: SetSpec,
  request: ODataRequest,
  options: QueryOptions,
  prefer: Preferences,
  scope: CompanyScope,
): Promise<ODataResponse> {
  for (const [name, value] of [['$orderby', options.orderby], ['$top', options.top], ['$skip', options.skip]] as const) {
    if (value !== undefined) throw new ODataError('InvalidQueryOption', `${name} cannot be combined with change tracking: a change feed is ordered by change.`, name);
  }
  if (options.count) throw new ODataError('InvalidQueryOption', '$count cannot be combined with change tracking.', '$count');

  let after: number;
  let start: number;
  let pageSize = prefer.maxPageSize ?? DEFAULT_PAGE_SIZE;
  if (options.deltatoken !== undefined) {
    const token = decodeToken(options.deltatoken, set.name, ['d'], '$deltatoken');
    after = start = token.s;
  } else if (options.skiptoken !== undefined) {
    const token = decodeToken(options.skiptoken, set.name, ['c'], '$skiptoken');
    after = token.a;
    start = token.s;
    pageSize = prefer.maxPageSize ?? token.p ?? pageSize;
  } else {
    after = 0;
    start = await currentSeq(ctx);
  }

  const items = await loadItems(ctx, set, options, scope, after, start, pageSize + 1);
  const page = items.slice(0, pageSize);
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.serviceRoot}/$metadata#${set.name}/$delta`,
    value: page.map((item) => toWire(ctx, set, options, item)),
  };
  if (items.length > pageSize) {
    const last = page[page.length - 1]?.seq ?? after;
    body['@odata.nextLink'] = linkWith(ctx, set, request.query, {
      $skiptoken: encodeToken({ m: 'c', set: set.name, a: last, s: start, p: pageSize }),
    });
  } else {
    // Nothing in this set is newer than what we just read, and every later write will
    // get a higher sequence number, so the store's current sequence is a safe cursor.
    const upTo = Math.max(await currentSeq(ctx), start);
    body['@odata.deltaLink'] = linkWith(ctx, set, request.query, { $deltatoken: encodeToken({ m: 'd', set: set.name, s: upTo }) });
  }
  const applied = ['odata.track-changes', ...(prefer.maxPageSize !== undefined ? [`odata.maxpagesize=${prefer.maxPageSize}`] : [])];
  return { status: 200, headers: { 'Preference-Applied': applied.join(', ') }, body };
}

async function loadItems(
  ctx: ServiceContext,
  set: SetSpec,
  options: QueryOptions,
  scope: CompanyScope,
  after: number,
  start: number,
  limit: number,
): Promise<Item[]> {
  const scoped = scope.where(set);
  let match = '1';
  let matchParams: SqlValue[] = [];
  if (options.filter) {
    const compiled = compileFilterSql(options.filter, (f) => quoteId(f.name), sqliteDialect);
    match = `(${compiled.sql})`;
    matchParams = compiled.params as SqlValue[];
  }
  // A row is in the feed if it matches, or if it changed after the feed's start (then a
  // non-match is news: it left the filtered set).
  const rows = await ctx.db.all<SqlRow>(
    `SELECT ${columnsSql(set)}, CASE WHEN ${match} THEN 1 ELSE 0 END AS "_match" FROM ${quoteId(set.table)}
     WHERE ${scoped.sql} AND "_seq" > ? AND (${match} OR "_seq" > ?) ORDER BY "_seq" LIMIT ?`,
    [...matchParams, ...scoped.params, after, ...matchParams, start, limit],
  );
  const removedScope = scope.where(set, 'company');
  const removed = await ctx.db.all<{ key_json: string; _seq: number }>(
    `SELECT key_json, "_seq" FROM tandem_removed WHERE set_name = ? AND "_seq" > ? AND ${removedScope.sql} ORDER BY "_seq" LIMIT ?`,
    [set.name, Math.max(after, start), ...removedScope.params, limit],
  );
  const items: Item[] = [
    ...rows.map((r): Item => {
      const { row, seq } = rowFromSql(set, r);
      return { seq, kind: 'row', row, match: Number(r['_match']) === 1 };
    }),
    ...removed.map((r): Item => ({ seq: Number(r._seq), kind: 'deleted', key: JSON.parse(r.key_json) as Row })),
  ];
  return items.sort((a, b) => a.seq - b.seq).slice(0, limit);
}

function toWire(ctx: ServiceContext, set: SetSpec, options: QueryOptions, item: Item): Record<string, unknown> {
  if (item.kind === 'row' && item.match) return representation(ctx, set, { row: item.row, seq: item.seq }, { select: options.select });
  const key = item.kind === 'row' ? Object.fromEntries(set.key.map((k) => [k, item.row[k] ?? null])) : item.key;
  return { '@removed': { reason: item.kind === 'row' ? 'changed' : 'deleted' }, '@id': formatKeyLink(set, key), ...key };
}

async function currentSeq(ctx: ServiceContext): Promise<number> {
  const row = await ctx.db.get<{ value: number }>('SELECT value FROM tandem_sequences WHERE store = ?', [ctx.store.name]);
  return Number(row?.value ?? 0);
}
