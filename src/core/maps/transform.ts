/**
 * Value transforms of copy and value-map mappings, applied from side `from` to the other.
 * Every failure is a MapError naming the map and the source field.
 */
import { canonicalDecimal, decimalScale } from '../values/index.ts';
import { arrow, MapError, show } from './errors.ts';
import type { FieldMapping, Side, TableMap, ValueRule } from './types.ts';

type Copy = Extract<FieldMapping, { kind: 'copy' }>;
type ValueMap = Extract<FieldMapping, { kind: 'value-map' }>;

/** A copied value, checked against the mapping's rule on the target side. null stays null. */
export function copyValue(map: TableMap, m: Copy, from: Side, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (m.rule === undefined) return value;
  const fail = failure(map, m, from);
  return m.rule.type === 'decimal' ? decimalValue(m.rule, from, value, fail) : textValue(m.rule, from, value, fail);
}

/**
 * The pair whose `from` value equals `value`, in the mapping's order (one-way maps may be
 * many-to-one; the first pair wins). A null source with no null pair stays null.
 */
export function valueMapValue(map: TableMap, m: ValueMap, from: Side, value: unknown): unknown {
  const source = value ?? null;
  const [at, to] = from === 'erp' ? [0, 1] : [1, 0];
  const pair = m.values.find((p) => p[at] === source);
  if (pair !== undefined) return pair[to];
  if (source === null) return null;
  const message = `${m[from]} has no value-map entry for ${show(source)} (${arrow(from)})`;
  throw new MapError('MAP_NO_VALUE_MAP_ENTRY', { mapId: map.id, field: m[from], side: from }, message);
}

type Fail = (code: 'MAP_PRECISION_LOSS' | 'MAP_TOO_LONG' | 'MAP_INVALID_VALUE', message: string) => never;

function decimalValue(rule: Extract<ValueRule, { type: 'decimal' }>, from: Side, value: unknown, fail: Fail): string {
  const canonical = typeof value === 'string' || typeof value === 'number' ? canonicalDecimal(String(value)) : null;
  if (canonical === null) return fail('MAP_INVALID_VALUE', `${show(value)} is not a decimal`);
  const scale = from === 'erp' ? rule.crmScale : rule.erpScale;
  if (decimalScale(canonical) > scale) {
    const message = `${show(canonical)} has ${decimalScale(canonical)} decimals but the ${target(from)} keeps ${scale}`;
    return fail('MAP_PRECISION_LOSS', message);
  }
  return canonical;
}

function textValue(rule: Extract<ValueRule, { type: 'text' }>, from: Side, value: unknown, fail: Fail): string {
  if (typeof value !== 'string') return fail('MAP_INVALID_VALUE', `${show(value)} is not text`);
  const max = from === 'erp' ? rule.crmMaxLength : rule.erpMaxLength;
  const length = [...value].length;
  if (length > max) return fail('MAP_TOO_LONG', `has ${length} characters but the ${target(from)} allows ${max}`);
  return value;
}

function failure(map: TableMap, m: Copy, from: Side): Fail {
  return (code, message) => {
    throw new MapError(code, { mapId: map.id, field: m[from], side: from }, `${m[from]} ${message} (${arrow(from)})`);
  };
}

const target = (from: Side): string => (from === 'erp' ? 'CRM' : 'ERP');
