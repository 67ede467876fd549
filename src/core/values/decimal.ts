/**
 * Canonical decimal text: the one JSON form of an Edm.Decimal (see ../schema/types.ts).
 *
 *   canonical := "0" | "-"? int ("." frac)? | "-"? "0." frac
 *   int  := [1-9][0-9]*        no leading zeros
 *   frac := [0-9]*[1-9]        no trailing zeros, so no trailing point either
 *
 * No exponent, no "+", no "-0". Two canonical texts are numerically equal exactly when they
 * are equal as strings, which lets storage compare decimals for equality as plain TEXT.
 * Everything here works on digit strings: a decimal never passes through a JS number.
 */

/** Inputs beyond these are rejected outright: they are never business data, only attacks. */
export const MAX_DECIMAL_INPUT_LENGTH = 1000;
export const MAX_DECIMAL_EXPONENT = 1000;

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const CANONICAL_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/**
 * Parses decimal text ("12", "-3.50", "1e3", "1.5E-2", "+007") into canonical form, or null.
 * A point needs digits on both sides ("5." and ".5" are not decimals).
 */
export function canonicalDecimal(text: string): string | null {
  if (text.length > MAX_DECIMAL_INPUT_LENGTH) return null;
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return null;
  const [, sign = '', intPart = '', fracPart = '', expText = '0'] = m;
  const exponent = parseExponent(expText);
  if (exponent === null) return null;
  return fromDigits(sign === '-', intPart + fracPart, intPart.length + exponent);
}

/** True when `text` is already canonical (cheap check before trusting stored values). */
export function isCanonicalDecimal(text: string): boolean {
  return text !== '-0' && CANONICAL_TEXT.test(text);
}

function parseExponent(text: string): number | null {
  const digits = text.replace(/^[+-]?0*/, '');
  if (digits.length > 4) return null;
  const magnitude = digits === '' ? 0 : Number(digits);
  if (magnitude > MAX_DECIMAL_EXPONENT) return null;
  return text.startsWith('-') ? -magnitude : magnitude;
}

/** Value = 0.digits × 10^point; renders it canonically. */
function fromDigits(negative: boolean, digits: string, point: number): string {
  const lead = digits.length - digits.replace(/^0+/, '').length;
  const significant = digits.slice(lead).replace(/0+$/, '');
  if (significant === '') return '0';
  const at = point - lead;
  let body: string;
  if (at <= 0) body = '0.' + '0'.repeat(-at) + significant;
  else if (at >= significant.length) body = significant + '0'.repeat(at - significant.length);
  else body = significant.slice(0, at) + '.' + significant.slice(at);
  return negative ? '-' + body : body;
}

/** Digits after the point of a canonical decimal. */
export function decimalScale(canonical: string): number {
  const point = canonical.indexOf('.');
  return point < 0 ? 0 : canonical.length - point - 1;
}

/**
 * Significant digits as SQL DECIMAL(p, s) counts them: integer digits plus scale, where a
 * lone "0" integer part counts nothing ("0.05" fits DECIMAL(2,2)); zero itself needs 1.
 */
export function decimalPrecision(canonical: string): number {
  const int = integerDigits(canonical);
  return Math.max(1, (int === '0' ? 0 : int.length) + decimalScale(canonical));
}

function integerDigits(canonical: string): string {
  const unsigned = canonical.startsWith('-') ? canonical.slice(1) : canonical;
  const point = unsigned.indexOf('.');
  return point < 0 ? unsigned : unsigned.slice(0, point);
}

/** Numeric order of two canonical decimals. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const signA = decimalSign(a);
  const signB = decimalSign(b);
  if (signA !== signB) return signA < signB ? -1 : 1;
  const magnitude = compareMagnitude(a.replace(/^-/, ''), b.replace(/^-/, ''));
  return signA < 0 ? negate(magnitude) : magnitude;
}

function decimalSign(canonical: string): -1 | 0 | 1 {
  if (canonical === '0') return 0;
  return canonical.startsWith('-') ? -1 : 1;
}

/** Unsigned canonical texts: longer integer part wins, then digit by digit. */
function compareMagnitude(a: string, b: string): -1 | 0 | 1 {
  const [intA = '', fracA = ''] = a.split('.');
  const [intB = '', fracB = ''] = b.split('.');
  if (intA.length !== intB.length) return intA.length < intB.length ? -1 : 1;
  const width = Math.max(fracA.length, fracB.length);
  const digitsA = intA + fracA.padEnd(width, '0');
  const digitsB = intB + fracB.padEnd(width, '0');
  if (digitsA === digitsB) return 0;
  return digitsA < digitsB ? -1 : 1;
}

function negate(order: -1 | 0 | 1): -1 | 0 | 1 {
  return order === 0 ? 0 : order === 1 ? -1 : 1;
}
