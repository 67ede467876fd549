/**
 * Unit conversion for order lines, from the ERP's unit conversions table (the
 * unit-conversions map keeps it the same on both sides). A conversion row says how many
 * `ToUnitSymbol` make one `FromUnitSymbol`; the ratio is kept as an exact fraction
 * (Numerator / Denominator when given, else Factor), because Factor is rounded to 10
 * places ("ea → box" is 0.0833333333, the fraction 1/12 is exact). A reverse row is
 * inverted. Conversions with offsets (temperatures) are not proportional and are refused:
 * a price per unit cannot go through them.
 */
import Big from 'big.js';

/** Divisions truncate at 40 places, far below any rounding step used here (6 or 10 places). */
const Exact = Big();
Exact.DP = 40;
Exact.RM = Big.roundDown;

export interface ConversionRow {
  readonly FromUnitSymbol: string;
  readonly ToUnitSymbol: string;
  readonly Factor: string;
  readonly Numerator?: number | null;
  readonly Denominator?: number | null;
  readonly InnerOffset?: string | null;
  readonly OuterOffset?: string | null;
}

/** How many `to` make one `from`: numerator / denominator, both decimal text. */
export interface UnitRatio {
  readonly numerator: string;
  readonly denominator: string;
}

export type RatioResult = { readonly ok: true; readonly ratio: UnitRatio } | { readonly ok: false; readonly code: 'NO_CONVERSION' | 'NOT_PROPORTIONAL'; readonly message: string };

const ONE: UnitRatio = { numerator: '1', denominator: '1' };

export function unitRatio(from: string, to: string, conversions: readonly ConversionRow[]): RatioResult {
  if (from === to) return { ok: true, ratio: ONE };
  const forward = conversions.find((c) => c.FromUnitSymbol === from && c.ToUnitSymbol === to);
  if (forward) return proportional(forward, false);
  const reverse = conversions.find((c) => c.FromUnitSymbol === to && c.ToUnitSymbol === from);
  if (reverse) return proportional(reverse, true);
  return { ok: false, code: 'NO_CONVERSION', message: `There is no conversion between ${from} and ${to}.` };
}

function proportional(row: ConversionRow, invert: boolean): RatioResult {
  if (!isZero(row.InnerOffset) || !isZero(row.OuterOffset)) {
    return { ok: false, code: 'NOT_PROPORTIONAL', message: `${row.FromUnitSymbol} → ${row.ToUnitSymbol} has an offset: a price cannot be converted through it.` };
  }
  const n = row.Numerator ?? 1;
  const d = row.Denominator ?? 1;
  const fraction = Number.isSafeInteger(n) && Number.isSafeInteger(d) && n > 0 && d > 0 && !(n === 1 && d === 1);
  const ratio: UnitRatio = fraction ? { numerator: String(n), denominator: String(d) } : { numerator: row.Factor, denominator: '1' };
  if (new Big(ratio.numerator).lte(0)) return { ok: false, code: 'NO_CONVERSION', message: `${row.FromUnitSymbol} → ${row.ToUnitSymbol} has no usable factor.` };
  return { ok: true, ratio: invert ? { numerator: ratio.denominator, denominator: ratio.numerator } : ratio };
}

function isZero(value: string | null | undefined): boolean {
  return value === null || value === undefined || value === '' || new Big(value).eq(0);
}

/** `quantity` of the ratio's `from` unit in its `to` unit, rounded half-up to `scale` places. */
export function convertQuantity(quantity: string, ratio: UnitRatio, scale = 6): string {
  return new Exact(quantity).times(ratio.numerator).div(ratio.denominator).round(scale, Big.roundHalfUp).toFixed();
}

/**
 * The price of one `lineUnit` from a price per `priceUnit`, rounded half-up to `scale`
 * places (the stores keep unit prices to 10). `ratio` is lineUnit → priceUnit.
 */
export function priceInUnit(price: string, ratio: UnitRatio, scale = 10): string {
  return new Exact(price).times(ratio.numerator).div(ratio.denominator).round(scale, Big.roundHalfUp).toFixed();
}
