/**
 * Unit conversion of a copied quantity through the map's conversions table. A row
 * {from, to, factor, offset} converts `to = from × factor + offset`; the reverse direction
 * divides (to 30 decimal places, then the mapping's decimal rule decides the scale).
 * The same unit on both sides is no conversion.
 */
import Big from 'big.js';
import { canonicalDecimal } from '../values/index.ts';
import { arrow, MapError, show } from './errors.ts';
import type { CopyContext } from './transform.ts';
import { other, type FieldMapping, type Side, type TableMap, type UnitRef } from './types.ts';

type Copy = Extract<FieldMapping, { kind: 'copy' }>;

const Exact = Big();
Exact.DP = 30;

export function convertQuantity(map: TableMap, m: Copy, from: Side, value: unknown, context: CopyContext): unknown {
  const convert = m.convert;
  if (convert === undefined) return value;
  const fail = (code: 'MAP_NO_CONVERSION' | 'MAP_INVALID_VALUE', message: string): never => {
    throw new MapError(code, { mapId: map.id, field: m[from], side: from }, `${m[from]} ${message} (${arrow(from)})`);
  };
  const amount = typeof value === 'string' || typeof value === 'number' ? canonicalDecimal(String(value)) : null;
  if (amount === null) return fail('MAP_INVALID_VALUE', `${show(value)} is not a quantity`);
  const source = unitOf(convert[from], context.row);
  const target = unitOf(convert[other(from)], context.written);
  if (typeof source !== 'string' || typeof target !== 'string') {
    return fail('MAP_NO_CONVERSION', `has no unit (${show(source)} → ${show(target)})`);
  }
  if (source === target) return amount;
  const forward = map.conversions?.find((c) => c.from === source && c.to === target);
  if (forward !== undefined) return canonical(new Exact(amount).times(forward.factor).plus(forward.offset ?? '0'));
  const reverse = map.conversions?.find((c) => c.from === target && c.to === source);
  if (reverse !== undefined) return canonical(new Exact(amount).minus(reverse.offset ?? '0').div(reverse.factor));
  return fail('MAP_NO_CONVERSION', `has no conversion from ${show(source)} to ${show(target)} in the map's conversions table`);
}

function unitOf(ref: UnitRef, row: Readonly<Record<string, unknown>> | undefined): unknown {
  return 'unit' in ref ? ref.unit : row?.[ref.field];
}

function canonical(value: Big): string {
  return canonicalDecimal(value.toFixed()) ?? value.toFixed();
}
