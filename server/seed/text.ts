/** Small text helpers that produce values already in their canonical form. */

/**
 * Canonical decimal text of `units` × 10^-scale, e.g. (125050, 2) → "1250.5".
 * `units` must be a safe integer, so no float ever reaches the text.
 */
export function decimalText(units: number, scale: number): string {
  if (!Number.isSafeInteger(units)) throw new Error(`decimalText: ${units} is not a safe integer`);
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const body = frac === '' ? int : `${int}.${frac}`;
  return negative && body !== '0' ? `-${body}` : body;
}

/** Cuts `text` to at most `max` code points (field lengths count code points). */
export function clip(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : points.slice(0, max).join('').trimEnd();
}

/** ASCII lowercase letters and digits only, for e-mail local parts and domains. */
export function slug(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .replace(/[äöüÄÖÜ]/g, (c) => `${c.normalize('NFD')[0] ?? ''}e`)
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Canonical Edm.DateTimeOffset of epoch milliseconds. */
export const isoAt = (ms: number): string => new Date(ms).toISOString();

/** An ERP search name: upper case, letters, digits and spaces, at most 20 code points. */
export const searchName = (name: string): string =>
  clip(name.toUpperCase().replace(/[^\p{L}\p{N} ]/gu, '').replace(/ +/g, ' ').trim(), 20);
