/**
 * Value transforms of copy and value-map mappings, applied from side `from` to the other.
 * Every failure is a MapError naming the map and the source field. A rule that changes a
 * value on purpose (rounding, truncation, a datetime cut to its date) pushes a MirrorNote
 * so the engine can log what was changed.
 *
 *   copy:  empty source ─▶ default of the target side, else null (a date rule's sentinel)
 *          value ─▶ date rule ─▶ unit conversion ─▶ decimal / text rule ─▶ target value
 */
import Big from 'big.js';
import { canonicalDecimal, decimalScale, normalizeDate, normalizeDateTime } from '../values/index.ts';
import { arrow, MapError, show } from './errors.ts';
import { convertQuantity } from './units.ts';
import { other, type FieldMapping, type RoundingMode, type Row, type Side, type TableMap, type ValueRule } from './types.ts';

type Copy = Extract<FieldMapping, { kind: 'copy' }>;
type ValueMap = Extract<FieldMapping, { kind: 'value-map' }>;

/** A value a rule changed on purpose: target field, source value, written value, rule. */
export interface MirrorNote {
  field: string;
  from: unknown;
  to: unknown;
  rule: 'round' | 'truncate' | 'date';
}

/** What a copy reads besides its own value: the source row and the values written so far (units). */
export interface CopyContext {
  readonly row?: Row;
  readonly written?: Readonly<Record<string, unknown>>;
  readonly notes?: MirrorNote[];
}

export const isEmpty = (value: unknown): boolean => value === null || value === undefined || value === '';

/** A copied value, checked against the mapping's rule on the target side. null stays null. */
export function copyValue(map: TableMap, m: Copy, from: Side, value: unknown, context: CopyContext = {}): unknown {
  const to = other(from);
  const fallback = m.defaults?.[to];
  if (isEmpty(value) && fallback !== undefined) return fallback;
  if (value === null || value === undefined) return emptyDate(m.rule, to);
  if (m.rule === undefined && m.convert === undefined) return value;
  const fail = failure(map, m, from);
  let result: unknown = value;
  if (m.rule?.type === 'date') {
    result = dateValue(m.rule, from, result, fail, (next) => context.notes?.push({ field: m[to], from: value, to: next, rule: 'date' }));
    if (result === null) return emptyDate(m.rule, to);
  }
  if (m.convert !== undefined) result = convertQuantity(map, m, from, result, context);
  if (m.rule === undefined || m.rule.type === 'date') return result;
  const note = (next: unknown, rule: MirrorNote['rule']): void => void context.notes?.push({ field: m[to], from: value, to: next, rule });
  return m.rule.type === 'decimal' ? decimalValue(m.rule, from, result, fail, note) : textValue(m.rule, from, result, fail, note);
}

/**
 * The pair whose `from` value equals `value`, in the mapping's order (one-way maps may be
 * many-to-one; the first pair wins). An empty source with no pair takes the target side's
 * default, else stays null.
 */
export function valueMapValue(map: TableMap, m: ValueMap, from: Side, value: unknown): unknown {
  const source = value ?? null;
  const [at, to] = from === 'erp' ? [0, 1] : [1, 0];
  const pair = m.values.find((p) => p[at] === source);
  if (pair !== undefined) return pair[to];
  const fallback = m.defaults?.[other(from)];
  if (isEmpty(source) && fallback !== undefined) return fallback;
  if (source === null) return null;
  const message = `${m[from]} has no value-map entry for ${show(source)} (${arrow(from)})`;
  throw new MapError('MAP_NO_VALUE_MAP_ENTRY', { mapId: map.id, field: m[from], side: from }, message);
}

type Fail = (code: 'MAP_PRECISION_LOSS' | 'MAP_TOO_LONG' | 'MAP_INVALID_VALUE', message: string) => never;
type Note = (to: unknown, rule: MirrorNote['rule']) => void;

const BIG_MODES: Record<RoundingMode, Big.RoundingMode> = { down: 0, 'half-up': 1, 'half-even': 2, up: 3 };

/** Rounds canonical decimal text to `scale` digits after the point (never through a float). */
export function roundDecimal(canonical: string, scale: number, mode: RoundingMode): string {
  return canonicalDecimal(new Big(canonical).round(scale, BIG_MODES[mode]).toFixed()) ?? canonical;
}

function decimalValue(rule: Extract<ValueRule, { type: 'decimal' }>, from: Side, value: unknown, fail: Fail, note: Note): string {
  const canonical = typeof value === 'string' || typeof value === 'number' ? canonicalDecimal(String(value)) : null;
  if (canonical === null) return fail('MAP_INVALID_VALUE', `${show(value)} is not a decimal`);
  const scale = from === 'erp' ? rule.crmScale : rule.erpScale;
  if (decimalScale(canonical) <= scale) return canonical;
  if (rule.onLoss === 'round') {
    const rounded = roundDecimal(canonical, scale, rule.rounding ?? 'half-even');
    note(rounded, 'round');
    return rounded;
  }
  const message = `${show(canonical)} has ${decimalScale(canonical)} decimals but the ${target(from)} keeps ${scale}`;
  return fail('MAP_PRECISION_LOSS', message);
}

function textValue(rule: Extract<ValueRule, { type: 'text' }>, from: Side, value: unknown, fail: Fail, note: Note): string {
  if (typeof value !== 'string') return fail('MAP_INVALID_VALUE', `${show(value)} is not text`);
  const max = from === 'erp' ? rule.crmMaxLength : rule.erpMaxLength;
  if (value.length <= max) return value; // UTF-16 units ≥ code points: short enough either way
  const points = [...value];
  if (points.length <= max) return value;
  if (rule.onTooLong === 'truncate') {
    const cut = points.slice(0, max).join('');
    note(cut, 'truncate');
    return cut;
  }
  return fail('MAP_TOO_LONG', `has ${points.length} characters but the ${target(from)} allows ${max}`);
}

type DateRule = Extract<ValueRule, { type: 'date' }>;

/** The target's "no date": its sentinel when it has one, else null. */
function emptyDate(rule: ValueRule | undefined, to: Side): unknown {
  return rule?.type === 'date' ? (rule.empty?.[to] ?? null) : null;
}

/** Source date (or datetime) → the target's kind, normalised; a source sentinel → null. */
function dateValue(rule: DateRule, from: Side, value: unknown, fail: Fail, note: (to: string) => void): string | null {
  if (typeof value !== 'string') return fail('MAP_INVALID_VALUE', `${show(value)} is not a date`);
  const sentinel = rule.empty?.[from];
  const kind = rule[from];
  const parsed = kind === 'date' ? normalizeDate(value) : normalizeDateTime(value);
  if (parsed === null) return fail('MAP_INVALID_VALUE', `${show(value)} is not ${kind === 'date' ? 'an Edm.Date' : 'an Edm.DateTimeOffset'}`);
  if (sentinel !== undefined && parsed === (kind === 'date' ? normalizeDate(sentinel) : normalizeDateTime(sentinel))) return null;
  const toKind = rule[other(from)];
  if (kind === toKind) return parsed;
  if (kind === 'date') return `${parsed}T00:00:00.000Z`;
  const day = parsed.slice(0, 10);
  if (parsed.endsWith('T00:00:00.000Z')) return day;
  if (rule.onLoss !== 'round') return fail('MAP_PRECISION_LOSS', `${show(parsed)} has a time of day but the ${target(from)} keeps a date`);
  note(day);
  return day;
}

function failure(map: TableMap, m: Copy, from: Side): Fail {
  return (code, message) => {
    throw new MapError(code, { mapId: map.id, field: m[from], side: from }, `${m[from]} ${message} (${arrow(from)})`);
  };
}

const target = (from: Side): string => (from === 'erp' ? 'CRM' : 'ERP');
