/**
 * Reads: one entity by key, a collection page, a count. Pages are server-driven
 * (`Prefer: odata.maxpagesize`, `@odata.nextLink`); without $orderby they are keyset pages
 * in key order (stable under concurrent writes), with $orderby offset pages.
 * Change tracking lives in changes.ts.
 */
import type { SetSpec } from '../schema/spec.ts';
import type { SqlRow, SqlValue } from '../storage/db.ts';
import { quoteId } from '../storage/db.ts';
import { etagOf, parseEtags, rowFromSql, toSql } from './codec.ts';
import { ODataError } from './errors.ts';
import { compileFilterSql, orderByColumnSql, sqliteDialect } from './filter-sql.ts';
import { formatKey } from './keys.ts';
import type { ResolvedKey } from './keys.ts';
import { DEFAULT_PAGE_SIZE, parsePrefer } from './prefer.ts';
import type { QueryOptions } from './query-options.ts';
import { parseQueryOptions } from './query-options.ts';
import { representation } from './representation.ts';
import { CompanyScope } from './scope.ts';
import { columnsSql, field, findByKey } from './table.ts';
import type { KeyValues, PageToken } from './tokens.ts';
import { decodeToken, encodeToken } from './tokens.ts';
import type { ODataRequest, ODataResponse, ServiceContext } from './types.ts';
import { readChanges } from './changes.ts';

export async function readEntity(ctx: ServiceContext, set: SetSpec, key: ResolvedKey, request: ODataRequest): Promise<ODataResponse> {
  const options = parseQueryOptions(set, request.query);
  const scope = await CompanyScope.resolve(ctx.db, ctx.store.name, ctx.principal);
  scope.assertKey(set, key); // before the lookup: 404 vs 403 would reveal foreign keys
  const stored = await findByKey(ctx.db, set, key);
  if (!stored) throw new ODataError('NotFound', `No ${set.name} row with ${[...key.values].map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}.`);
  scope.assertRow(set, stored.row);
  const etag = etagOf(stored.seq);
  // RFC 7232 §6: If-Match first; a client reading "only if still this version" learns it is not.
  const ifMatch = parseEtags(request.headers['if-match']);
  if (Array.isArray(ifMatch) && !ifMatch.includes(stored.seq)) {
    throw new ODataError('PreconditionFailed', `${formatKey(set, stored.row)} has changed: its version is ${etag}, the request expected ${ifMatch.map(etagOf).join(', ') || 'an unreadable ETag'}.`);
  }
  const ifNoneMatch = parseEtags(request.headers['if-none-match']);
  if (ifNoneMatch === '*' || (Array.isArray(ifNoneMatch) && ifNoneMatch.includes(stored.seq))) {
    return { status: 304, headers: { ETag: etag } };
  }
  return { status: 200, headers: { ETag: etag }, body: representation(ctx, set, stored, { context: true, select: options.select }) };
}

export async function readCollection(ctx: ServiceContext, set: SetSpec, request: ODataRequest, countOnly: boolean): Promise<ODataResponse> {
  const options = parseQueryOptions(set, request.query);
  const prefer = parsePrefer(request.headers['prefer']);
  const scope = await CompanyScope.resolve(ctx.db, ctx.store.name, ctx.principal);
  const where = whereClause(set, scope, options);
  if (countOnly) {
    const row = await ctx.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoteId(set.table)} WHERE ${where.sql}`, where.params);
    return { status: 200, headers: { 'Content-Type': 'text/plain' }, text: String(row?.n ?? 0) };
  }
  const tracking = options.deltatoken !== undefined || prefer.trackChanges || isChangesToken(options.skiptoken);
  if (tracking) return readChanges(ctx, set, request, options, prefer, scope);
  return readPage(ctx, set, request, options, prefer.maxPageSize, where);
}

export function whereClause(set: SetSpec, scope: CompanyScope, options: QueryOptions): { sql: string; params: SqlValue[] } {
  const parts = [scope.where(set)];
  if (options.filter) {
    const compiled = compileFilterSql(options.filter, (f) => quoteId(f.name), sqliteDialect);
    parts.push({ sql: `(${compiled.sql})`, params: compiled.params as SqlValue[] });
  }
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

async function readPage(
  ctx: ServiceContext,
  set: SetSpec,
  request: ODataRequest,
  options: QueryOptions,
  maxPageSize: number | undefined,
  where: { sql: string; params: SqlValue[] },
): Promise<ODataResponse> {
  const token: PageToken | undefined = options.skiptoken ? decodeToken(options.skiptoken, set.name, ['p'], '$skiptoken') : undefined;
  const pageSize = maxPageSize ?? token?.p ?? DEFAULT_PAGE_SIZE;
  const owed = token ? token.r : options.top;
  const limit = Math.min(pageSize, owed ?? Number.MAX_SAFE_INTEGER);
  const keyColumns = set.key.map(quoteId);
  let sql = `SELECT ${columnsSql(set)} FROM ${quoteId(set.table)} WHERE ${where.sql}`;
  const params = [...where.params];
  let offset: number;
  if (options.orderby) {
    const order = [
      ...options.orderby.map((o) => `${orderByColumnSql(o.field, quoteId(o.field.name), sqliteDialect)} ${o.descending ? 'DESC' : 'ASC'}`),
      ...keyColumns,
    ];
    offset = token?.o ?? options.skip ?? 0;
    sql += ` ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`;
    params.push(limit + 1, offset);
  } else {
    if (token?.k) {
      if (token.k.length !== set.key.length) throw new ODataError('InvalidSkipToken', '$skiptoken is malformed. Start again without it.', '$skiptoken');
      sql += ` AND (${keyColumns.join(', ')}) > (${keyColumns.map(() => '?').join(', ')})`;
      params.push(...set.key.map((k, i) => toSql(field(set, k), token.k?.[i] ?? null)));
    }
    offset = token ? 0 : (options.skip ?? 0);
    sql += ` ORDER BY ${keyColumns.join(', ')} LIMIT ? OFFSET ?`;
    params.push(limit + 1, offset);
  }
  const rows = (await ctx.db.all<SqlRow>(sql, params)).map((r) => rowFromSql(set, r));
  const more = rows.length > limit && (owed === undefined || owed > limit);
  const page = rows.slice(0, limit);
  const body: Record<string, unknown> = { '@odata.context': `${ctx.serviceRoot}/$metadata#${set.name}` };
  if (options.count) {
    const n = await ctx.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoteId(set.table)} WHERE ${where.sql}`, where.params);
    body['@odata.count'] = Number(n?.n ?? 0);
  }
  body['value'] = page.map((stored) => representation(ctx, set, stored, { select: options.select }));
  if (more) {
    const last = page[page.length - 1];
    const next: PageToken = {
      m: 'p',
      set: set.name,
      p: pageSize,
      ...(owed !== undefined ? { r: owed - limit } : {}),
      ...(options.orderby ? { o: offset + limit } : { k: set.key.map((k) => last?.row[k] ?? null) as KeyValues }),
    };
    body['@odata.nextLink'] = linkWith(ctx, set, request.query, { $skiptoken: encodeToken(next) });
  }
  const headers: Record<string, string> = {};
  if (maxPageSize !== undefined) headers['Preference-Applied'] = `odata.maxpagesize=${maxPageSize}`;
  return { status: 200, headers, body };
}

/** A link to the same collection with some query options replaced ($top/$skip/tokens dropped). */
export function linkWith(ctx: ServiceContext, set: SetSpec, query: URLSearchParams, replace: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [name, value] of query) {
    if (['$skiptoken', '$deltatoken', '$top', '$skip'].includes(name)) continue;
    params.append(name, value);
  }
  for (const [name, value] of Object.entries(replace)) params.set(name, value);
  const qs = params.toString().replace(/%24/g, '$').replace(/%2C/g, ',');
  return `${ctx.serviceRoot}/${set.name}${qs ? `?${qs}` : ''}`;
}

function isChangesToken(skiptoken: string | undefined): boolean {
  if (!skiptoken) return false;
  try {
    const json = JSON.parse(Buffer.from(skiptoken, 'base64url').toString('utf8')) as { m?: unknown };
    return json.m === 'c';
  } catch {
    return false;
  }
}

