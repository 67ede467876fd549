/**
 * A map's per-side filter: which rows of the set the map mirrors. Parsed and bound once per
 * map and side (cached on the map object), then evaluated for every row.
 *
 * Binding needs field types, which core cannot take from the stores' schemas. They come,
 * in this order, from:
 *   1. `fields`, when the caller has the set's FieldDefs (e.g. from the store's $metadata);
 *   2. the map itself (field-types.ts) — enough for every standard filter;
 *   3. the literal the field is compared with ('x' → Edm.String, 3 → Edm.Decimal, which
 *      compares integers correctly too, true → Edm.Boolean, dates, GUIDs), else Edm.String.
 * Only one-segment paths bind: the filters compare the set's own fields (no nested lookups,
 * as in the reference, §1.7).
 */
import {
  bindFilter,
  evaluateFilter,
  fieldsOf,
  FilterError,
  parseFilter,
  resolveFields,
  type BoundExpr,
  type FieldResolver,
  type FilterExpr,
  type Literal,
  type Operand,
} from '../filter/index.ts';
import type { EdmType, FieldDef } from '../schema/types.ts';
import { companyRowAllowed } from './company.ts';
import { MapError } from './errors.ts';
import { fieldTypes } from './field-types.ts';
import type { Row, Side, TableMap } from './types.ts';

interface Compiled {
  readonly fields: readonly FieldDef[] | undefined;
  readonly bound: BoundExpr | null;
}

const cache = new WeakMap<TableMap, Partial<Record<Side, Compiled>>>();

/**
 * Does `row` pass the map's filter on `side`? (No filter: every row does.) An ERP row of a
 * company outside `map.companies` does not (company.ts).
 */
export function matchesSide(map: TableMap, side: Side, row: Row, fields?: readonly FieldDef[]): boolean {
  if (!companyRowAllowed(map, side, row)) return false;
  const bound = compiledFilter(map, side, fields);
  return bound === null || evaluateFilter(bound, row);
}

/** The bound filter of one side (null when the side has none); throws MapError 'MAP_FILTER'. */
export function compiledFilter(map: TableMap, side: Side, fields?: readonly FieldDef[]): BoundExpr | null {
  const entry = cache.get(map) ?? {};
  const hit = entry[side];
  if (hit !== undefined && hit.fields === fields) return hit.bound;
  const bound = compile(map, side, fields);
  cache.set(map, { ...entry, [side]: { fields, bound } });
  return bound;
}

/** The fields a side's filter reads: a change to one of them can move a row in or out of the map. */
export function filterFields(map: TableMap, side: Side): string[] {
  const text = map[side].filter;
  return text === undefined ? [] : fieldsOf(parse(map, side, text)).map((path) => path.join('/'));
}

function compile(map: TableMap, side: Side, fields: readonly FieldDef[] | undefined): BoundExpr | null {
  const text = map[side].filter;
  if (text === undefined || text.trim() === '') return null;
  const expr = parse(map, side, text);
  const resolve = fields !== undefined ? resolveFields(fields) : inferringResolver(map, side, expr);
  try {
    return bindFilter(expr, resolve);
  } catch (error) {
    throw filterError(map, side, text, error);
  }
}

function parse(map: TableMap, side: Side, text: string): FilterExpr {
  try {
    return parseFilter(text);
  } catch (error) {
    throw filterError(map, side, text, error);
  }
}

function filterError(map: TableMap, side: Side, text: string, error: unknown): unknown {
  if (!(error instanceof FilterError)) return error;
  const message = `${side.toUpperCase()} filter "${text}" is invalid: ${error.message}`;
  return new MapError('MAP_FILTER', { mapId: map.id, side }, message);
}

/** Field types from the map, else from the literals compared with them (see the header). */
export function inferringResolver(map: TableMap, side: Side, expr: FilterExpr): FieldResolver {
  const known = fieldTypes(map, side);
  const inferred = literalTypes(expr);
  return (path) => {
    const name = path.length === 1 ? path[0] : undefined;
    if (name === undefined) return undefined;
    return { name, type: known.get(name) ?? inferred.get(name) ?? 'Edm.String' };
  };
}

const LITERAL_TYPES: Record<Exclude<Literal['kind'], 'null'>, EdmType> = {
  boolean: 'Edm.Boolean',
  string: 'Edm.String',
  number: 'Edm.Decimal',
  date: 'Edm.Date',
  datetime: 'Edm.DateTimeOffset',
  guid: 'Edm.Guid',
};

/** For each field compared with a non-null literal, the type of the first such literal. */
function literalTypes(expr: FilterExpr): Map<string, EdmType> {
  const types = new Map<string, EdmType>();
  const note = (field: Operand, literal: Operand): void => {
    if (field.kind !== 'field' || literal.kind === 'field' || literal.kind === 'null') return;
    const name = field.path.join('/');
    if (!types.has(name)) types.set(name, LITERAL_TYPES[literal.kind]);
  };
  const walk = (e: FilterExpr): void => {
    switch (e.kind) {
      case 'and':
      case 'or':
        return e.operands.forEach(walk);
      case 'not':
        return walk(e.operand);
      case 'compare':
        note(e.left, e.right);
        return note(e.right, e.left);
      case 'in':
        return e.values.forEach((v) => note(e.field, v));
      case 'call':
        return;
    }
  };
  walk(expr);
  return types;
}
