/** Equality of canonical JSON values as the stores mean it: decimals by value, GUIDs without case. */
import { canonicalDecimal } from '../core/values/index.ts';

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return a === null || b === null ? true : false;
  if (typeof a === 'string' && typeof b === 'string') {
    if (a.toLowerCase() === b.toLowerCase() && /^[0-9a-f-]{36}$/i.test(a)) return true;
    const da = canonicalDecimal(a);
    return da !== null && da === canonicalDecimal(b);
  }
  return false;
}
