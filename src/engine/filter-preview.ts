/**
 * The map editor's live filter preview: how many rows of the replica's copy of a set a
 * filter keeps.
 *
 * The text is parsed and bound as the sync binds a map's filter (core/maps/filter.ts): a
 * field takes the type an installed map that reads the set gives it (field-types.ts), else
 * the type of the literal it is compared with, else Edm.String. So the count is what the
 * map would keep, company scope aside. Rows are then walked a page at a time in primary-key
 * order — never the whole table in memory, and writers get the table between pages.
 */
import { bindFilter, evaluateFilter, FilterError, parseFilter, type BoundExpr, type FieldResolver, type FilterExpr } from '../core/filter/index.ts';
import { fieldTypes, mapsForTable, type Side, type TableMap } from '../core/maps/index.ts';
import { inferringResolver } from '../core/maps/filter.ts';
import type { FilterPreview, FilterPreviewInput, Result } from './api.ts';
import type { EngineContext } from './context.ts';
import { fail } from './field-writes.ts';
import type { StoredRow } from './replica/db.ts';
import { dexieKey, REPLICA_TABLES, tableName, type ReplicaTable } from './replica/tables.ts';

/** Rows read per IndexedDB request. */
export const PREVIEW_PAGE = 2000;

/** `pageSize` is for tests: a small page walks a small table across many pages. */
export async function previewMapFilter(ctx: EngineContext, input: FilterPreviewInput, pageSize = PREVIEW_PAGE): Promise<Result<FilterPreview>> {
  const { side, set, filter } = input;
  const table = REPLICA_TABLES.find((t) => t.side === side && t.set === set);
  const maps = mapsForTable(ctx.maps, side, set);
  if (!table || maps.length === 0) return fail('UNKNOWN_SET', `No installed map reads the ${side.toUpperCase()} set ${set}.`, { side, set });
  if (filter.trim() === '') {
    const total = await ctx.db.rows(tableName(side, set)).count();
    return { ok: true, value: { matching: total, total } };
  }
  const bound = bindPreview(maps, side, filter);
  if (!bound.ok) return bound;
  return { ok: true, value: await countMatching(ctx, table, bound.value, pageSize) };
}

/** Parses and binds `text`; FILTER_INVALID names the problem and its 0-based position. */
export function bindPreview(maps: readonly TableMap[], side: Side, text: string): Result<BoundExpr> {
  try {
    const expr = parseFilter(text);
    return { ok: true, value: bindFilter(expr, previewResolver(maps, side, expr)) };
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    const message = `The ${side.toUpperCase()} filter is invalid: ${error.message}`;
    return fail('FILTER_INVALID', message, { position: error.position, problems: [error.toJSON()] });
  }
}

/** A field's type from the first map that types it, else the first map's inference (literals). */
function previewResolver(maps: readonly TableMap[], side: Side, expr: FilterExpr): FieldResolver {
  const resolvers = maps.map((map) => ({ types: fieldTypes(map, side), resolve: inferringResolver(map, side, expr) }));
  return (path, pos) => (resolvers.find((r) => r.types.has(path.join('/'))) ?? resolvers[0])?.resolve(path, pos);
}

async function countMatching(ctx: EngineContext, table: ReplicaTable, bound: BoundExpr, pageSize: number): Promise<FilterPreview> {
  const rows = ctx.db.rows(tableName(table.side, table.set));
  let after: unknown = null;
  let matching = 0;
  let total = 0;
  for (;;) {
    const page = after === null ? await rows.orderBy(':id').limit(pageSize).toArray() : await rows.where(':id').above(after).limit(pageSize).toArray();
    for (const row of page) if (evaluateFilter(bound, row)) matching++;
    total += page.length;
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) return { matching, total };
    after = dexieKey(table, last as StoredRow);
  }
}
