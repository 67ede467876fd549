export {
  canonicalDecimal,
  compareDecimal,
  decimalPrecision,
  decimalScale,
  isCanonicalDecimal,
  MAX_DECIMAL_EXPONENT,
  MAX_DECIMAL_INPUT_LENGTH,
} from './decimal.ts';
export { decimalSortKey } from './decimal-sort-key.ts';
export { normalizeDate, normalizeDateTime } from './date-time.ts';
export { normalizeGuid } from './guid.ts';
export { compareStrings } from './strings.ts';
