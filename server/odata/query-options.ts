/**
 * System query options of a collection request: $select, $filter, $orderby, $top, $skip,
 * $count, $skiptoken, $deltatoken ($format=json accepted). Anything else that starts with
 * '$' is refused by name, so a typo never silently returns the wrong rows.
 */
import { bindFilter, FilterError, parseFilter, resolveFields } from '../../src/core/filter/index.ts';
import type { BoundExpr } from '../../src/core/filter/index.ts';
import type { FieldDef } from '../../src/core/schema/types.ts';
import type { SetSpec } from '../schema/spec.ts';
import { ODataError } from './errors.ts';

export interface OrderBy {
  readonly field: FieldDef;
  readonly descending: boolean;
}

export interface QueryOptions {
  readonly select?: readonly string[];
  readonly filter?: BoundExpr;
  readonly orderby?: readonly OrderBy[];
  readonly top?: number;
  readonly skip?: number;
  readonly count: boolean;
  readonly skiptoken?: string;
  readonly deltatoken?: string;
}

const KNOWN = new Set(['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$skiptoken', '$deltatoken', '$format']);

export function parseQueryOptions(set: SetSpec, query: URLSearchParams): QueryOptions {
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (!name.startsWith('$')) continue;
    if (!KNOWN.has(name)) throw invalid(name, `is not supported here (supported: ${[...KNOWN].join(', ')})`);
    if (seen.has(name)) throw invalid(name, 'is given more than once');
    seen.add(name);
  }
  const format = query.get('$format');
  if (format !== null && format !== 'json' && !format.startsWith('application/json')) {
    throw new ODataError('NotAcceptable', `$format=${format.slice(0, 40)}: only JSON is served.`, '$format');
  }
  const options: {
    select?: string[];
    filter?: BoundExpr;
    orderby?: OrderBy[];
    top?: number;
    skip?: number;
    count: boolean;
    skiptoken?: string;
    deltatoken?: string;
  } = { count: false };
  const select = query.get('$select');
  if (select !== null) options.select = parseSelect(set, select);
  const filter = query.get('$filter');
  if (filter !== null) options.filter = parseFilterOption(set, filter);
  const orderby = query.get('$orderby');
  if (orderby !== null) options.orderby = parseOrderBy(set, orderby);
  const top = query.get('$top');
  if (top !== null) options.top = parseCount('$top', top);
  const skip = query.get('$skip');
  if (skip !== null) options.skip = parseCount('$skip', skip);
  const count = query.get('$count');
  if (count !== null) {
    if (count !== 'true' && count !== 'false') throw invalid('$count', 'must be true or false');
    options.count = count === 'true';
  }
  const skiptoken = query.get('$skiptoken');
  if (skiptoken !== null) options.skiptoken = skiptoken;
  const deltatoken = query.get('$deltatoken');
  if (deltatoken !== null) options.deltatoken = deltatoken;
  return options;
}

function parseSelect(set: SetSpec, text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  // Every name is checked, '*' included or not: a typo is an error wherever it stands.
  for (const name of names) {
    if (name !== '*' && !set.fields.some((f) => f.name === name)) throw invalid('$select', `${set.name} has no property '${name.slice(0, 60)}'`);
  }
  return names.includes('*') ? set.fields.map((f) => f.name) : names;
}

function parseFilterOption(set: SetSpec, text: string): BoundExpr {
  try {
    return bindFilter(parseFilter(text), resolveFields(set.fields));
  } catch (error) {
    if (error instanceof FilterError) {
      throw new ODataError('InvalidFilter', `$filter: ${error.message}`, '$filter', [
        { code: 'InvalidFilter', message: `${error.code} at position ${error.position}`, target: '$filter' },
      ]);
    }
    throw error;
  }
}

/** More sort terms than any set has properties is a mistake, and SQLite caps ORDER BY anyway. */
export const MAX_ORDERBY_TERMS = 32;

function parseOrderBy(set: SetSpec, text: string): OrderBy[] {
  const parts = text.split(',');
  if (parts.length > MAX_ORDERBY_TERMS) throw invalid('$orderby', `has ${parts.length} terms; at most ${MAX_ORDERBY_TERMS} allowed`);
  const seen = new Set<string>();
  return parts.map((part) => {
    const [name = '', direction, extra] = part.trim().split(/\s+/);
    const field = set.fields.find((f) => f.name === name);
    if (!field) throw invalid('$orderby', `${set.name} has no property '${name.slice(0, 60)}'`);
    if (extra !== undefined || (direction !== undefined && direction !== 'asc' && direction !== 'desc')) {
      throw invalid('$orderby', `expected 'asc' or 'desc' after ${name}`);
    }
    if (seen.has(name)) throw invalid('$orderby', `names ${name} twice`);
    seen.add(name);
    return { field, descending: direction === 'desc' };
  });
}

function parseCount(name: string, text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw invalid(name, `must be a non-negative integer, got '${text.slice(0, 20)}'`);
  return Number(text);
}

function invalid(option: string, why: string): ODataError {
  return new ODataError('InvalidQueryOption', `${option} ${why}.`, option);
}
