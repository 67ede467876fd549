/**
 * Order and quote totals, exactly: decimal text in, decimal text out, big.js in between,
 * never a float. A line amount is quantity × unit price rounded half-up to the currency's
 * places (0.01 → 2, 1 → 0); the order total is the sum of the rounded line amounts, so
 * the lines always add up to the total shown. Lines are checked first, each problem
 * naming its line and field, so a form can show it next to the field concerned.
 */
import Big from 'big.js';
import { canonicalDecimal } from '../values/index.ts';

export interface LineInput {
  readonly quantity: string;
  readonly unitPrice: string;
}

export interface LineProblem {
  readonly line: number;
  readonly field: 'quantity' | 'unitPrice';
  readonly message: string;
}

export interface Totals {
  /** Per line, the rounded amount (decimal text). */
  readonly lines: readonly string[];
  readonly subtotal: string;
  readonly total: string;
}

export type TotalsResult = { readonly ok: true; readonly totals: Totals } | { readonly ok: false; readonly problems: readonly LineProblem[] };

/** What the stores keep: quantities to 6 places, unit prices to 10 (ERP and CRM alike). */
export const QUANTITY_SCALE = 6;
export const PRICE_SCALE = 10;
/** Line and order amounts reach the CRM with 4 places at most (the sales maps refuse more). */
export const MAX_AMOUNT_SCALE = 4;

/** Places of a currency's rounding precision ("0.01" → 2, "1" → 0, "0.005" → 3), capped at 4. */
export function currencyScale(roundingPrecision: string | null | undefined): number {
  const canonical = roundingPrecision ? canonicalDecimal(roundingPrecision) : null;
  if (canonical === null || canonical.startsWith('-') || canonical === '0') return 2;
  const places = canonical.split('.')[1]?.length ?? 0;
  return Math.min(places, MAX_AMOUNT_SCALE);
}

/** A typed decimal in canonical form, or why not ('' when it is fine). */
export function checkAmount(text: string, scale: number, what: string, positive: boolean): { value: string | null; message: string } {
  const value = canonicalDecimal(text.trim());
  if (value === null || /e/i.test(text)) return { value: null, message: `Enter the ${what} as digits with an optional dot, e.g. 2.5` };
  if (value.startsWith('-') || (positive && value === '0')) return { value: null, message: positive ? `The ${what} must be more than 0` : `The ${what} cannot be negative` };
  if ((value.split('.')[1]?.length ?? 0) > scale) return { value: null, message: `At most ${scale} digits after the dot` };
  return { value, message: '' };
}

export function lineAmount(quantity: string, unitPrice: string, scale: number): string {
  return new Big(quantity).times(unitPrice).round(scale, Big.roundHalfUp).toFixed();
}

export function orderTotals(lines: readonly LineInput[], scale: number): TotalsResult {
  const problems: LineProblem[] = [];
  const amounts: string[] = [];
  lines.forEach((line, index) => {
    const quantity = checkAmount(line.quantity, QUANTITY_SCALE, 'quantity', true);
    const price = checkAmount(line.unitPrice, PRICE_SCALE, 'price', false);
    if (quantity.value === null) problems.push({ line: index, field: 'quantity', message: quantity.message });
    if (price.value === null) problems.push({ line: index, field: 'unitPrice', message: price.message });
    if (quantity.value !== null && price.value !== null) amounts.push(lineAmount(quantity.value, price.value, scale));
  });
  if (problems.length > 0) return { ok: false, problems };
  const subtotal = amounts.reduce((sum, a) => sum.plus(a), new Big(0)).toFixed();
  return { ok: true, totals: { lines: amounts, subtotal, total: subtotal } };
}

/** The exact sum of decimal texts (nulls and blanks count as 0). */
export function sumDecimals(values: readonly (string | null | undefined)[]): string {
  return values.reduce<Big>((sum, v) => (v ? sum.plus(v) : sum), new Big(0)).toFixed();
}
