/**
 * Canonical equality of two field values, and the fields a write would change.
 *
 * Replica rows and mirrorRow's output are canonical (decimals as canonical text, GUIDs
 * lowercase), and two canonical decimals are equal exactly when their texts are, so plain
 * equality is right for nearly every pair. What canonical form does not settle:
 *   - a GUID in another case ('ABC…' vs 'abc…'): equal, whatever the field's type;
 *   - a decimal as a JS number (1250.5 vs '1250.5'): equal by value (a string field never
 *     holds a number, so this cannot merge two distinct strings);
 *   - non-canonical decimal text ('1.50' vs '1.5'): equal only when the field is known to
 *     be Edm.Decimal (`types`, e.g. fieldTypes(map, side)) — without a type, '007' and '7'
 *     could be two different account numbers.
 * null and a missing field are the same.
 */
import type { EdmType } from '../schema/types.ts';
import { canonicalDecimal, normalizeGuid } from '../values/index.ts';
import type { Row } from './types.ts';

export function sameValue(a: unknown, b: unknown, type?: EdmType): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (x === null || y === null) return false;
  if (typeof x === 'object' || typeof y === 'object') return sameJson(x, y);
  if (typeof x === 'string' && typeof y === 'string') return sameText(x, y, type);
  if (typeof x === 'number' || typeof y === 'number') return sameNumber(x, y);
  return false;
}

/** Fields of `values` whose value differs from `current` (all of them when there is no current row). */
export function changedFields(values: Row, current: Row | undefined, types?: ReadonlyMap<string, EdmType>): string[] {
  const fields = Object.keys(values);
  if (current === undefined) return fields;
  return fields.filter((field) => !sameValue(values[field], current[field], types?.get(field)));
}

function sameText(x: string, y: string, type: EdmType | undefined): boolean {
  if (type === 'Edm.Decimal') {
    const cx = canonicalDecimal(x);
    return cx !== null && cx === canonicalDecimal(y);
  }
  const gx = normalizeGuid(x);
  return gx !== null && gx === normalizeGuid(y);
}

function sameNumber(x: unknown, y: unknown): boolean {
  if ((typeof x !== 'number' && typeof x !== 'string') || (typeof y !== 'number' && typeof y !== 'string')) return false;
  const cx = canonicalDecimal(String(x));
  return cx !== null && cx === canonicalDecimal(String(y));
}

function sameJson(x: unknown, y: unknown): boolean {
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  if (keys.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
}
