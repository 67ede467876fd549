/** Order totals and unit conversion for order lines (src/core/orders): exact decimals, never floats. */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAmount, convertQuantity, currencyScale, lineAmount, orderTotals, priceInUnit, sumDecimals, unitRatio, type ConversionRow } from '../../src/core/orders/index.ts';

/** The seed's conversions: Factor is Numerator / Denominator rounded to 10 places. */
const CONVERSIONS: ConversionRow[] = [
  { FromUnitSymbol: 'box', ToUnitSymbol: 'ea', Factor: '12', Numerator: 12, Denominator: 1 },
  { FromUnitSymbol: 'ea', ToUnitSymbol: 'box', Factor: '0.0833333333', Numerator: 1, Denominator: 12 },
  { FromUnitSymbol: 'kg', ToUnitSymbol: 'g', Factor: '1000', Numerator: 1000, Denominator: 1 },
  { FromUnitSymbol: 'm', ToUnitSymbol: 'cm', Factor: '100' },
  { FromUnitSymbol: 'C', ToUnitSymbol: 'F', Factor: '1.8', InnerOffset: '0', OuterOffset: '32' },
];

const ratio = (from: string, to: string) => {
  const r = unitRatio(from, to, CONVERSIONS);
  if (!r.ok) throw new Error(r.message);
  return r.ratio;
};

describe('order totals', () => {
  it('rounds each line half-up to the currency and adds the rounded lines, so the lines sum to the total', () => {
    const result = orderTotals(
      [
        { quantity: '3', unitPrice: '0.1' },
        { quantity: '2.5', unitPrice: '19.99' },
        { quantity: '1', unitPrice: '0.005' },
      ],
      2,
    );
    expect(result).toEqual({ ok: true, totals: { lines: ['0.3', '49.98', '0.01'], subtotal: '50.29', total: '50.29' } });
  });

  it('is exact where floats are not (0.1 × 3, 1.005 × 1000)', () => {
    expect(lineAmount('3', '0.1', 2)).toBe('0.3');
    expect(0.1 * 3).not.toBe(0.3);
    expect(lineAmount('1000', '1.005', 2)).toBe('1005');
    expect(lineAmount('1', '1.005', 2)).toBe('1.01');
    expect(lineAmount('7', '123.4567', 0)).toBe('864'); // a currency without decimals (JPY)
    expect(sumDecimals(['0.1', '0.2', null, ''])).toBe('0.3');
  });

  it('names the line and the field of every problem', () => {
    const result = orderTotals(
      [
        { quantity: '0', unitPrice: '1' },
        { quantity: '1.1234567', unitPrice: '-2' },
        { quantity: 'abc', unitPrice: '1e3' },
      ],
      2,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.line, p.field])).toEqual([
      [0, 'quantity'],
      [1, 'quantity'],
      [1, 'unitPrice'],
      [2, 'quantity'],
      [2, 'unitPrice'],
    ]);
    expect(result.problems[1]?.message).toBe('At most 6 digits after the dot');
  });

  it('reads a currency’s rounding precision as places, within what the CRM keeps', () => {
    expect(currencyScale('0.01')).toBe(2);
    expect(currencyScale('1')).toBe(0);
    expect(currencyScale('0.005')).toBe(3);
    expect(currencyScale('0.0000001')).toBe(4);
    expect(currencyScale(null)).toBe(2);
    expect(checkAmount(' 2.50 ', 6, 'quantity', true)).toEqual({ value: '2.5', message: '' });
  });

  it('agrees with big.js summing the rounded line amounts, for any lines (property)', () => {
    const decimal = (scale: number) => fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 10 ** scale - 1 })).map(([w, f]) => `${w}.${String(f).padStart(scale, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.record({ quantity: decimal(3), unitPrice: decimal(4) }), { minLength: 1, maxLength: 8 }), (lines) => {
        const valid = lines.filter((l) => new Big(l.quantity).gt(0));
        fc.pre(valid.length > 0);
        const result = orderTotals(valid, 2);
        if (!result.ok) return false;
        const expected = valid.reduce((sum, l) => sum.plus(new Big(l.quantity).times(l.unitPrice).round(2, Big.roundHalfUp)), new Big(0));
        return new Big(result.totals.total).eq(expected) && result.totals.lines.every((a) => (a.split('.')[1]?.length ?? 0) <= 2);
      }),
    );
  });
});

describe('unit conversion for order lines', () => {
  it('uses the exact fraction of a conversion, forward or inverted', () => {
    expect(ratio('box', 'ea')).toEqual({ numerator: '12', denominator: '1' });
    expect(ratio('ea', 'box')).toEqual({ numerator: '1', denominator: '12' });
    expect(ratio('g', 'kg')).toEqual({ numerator: '1', denominator: '1000' });
    expect(ratio('m', 'cm')).toEqual({ numerator: '100', denominator: '1' });
    expect(ratio('ea', 'ea')).toEqual({ numerator: '1', denominator: '1' });
  });

  it('converts quantities and unit prices exactly, rounding half-up only at the stores’ places', () => {
    expect(convertQuantity('2', ratio('box', 'ea'))).toBe('24');
    expect(convertQuantity('5', ratio('ea', 'box'))).toBe('0.416667');
    expect(convertQuantity('12', ratio('ea', 'box'))).toBe('1'); // 1/12 exactly, not 0.0833333333 × 12
    expect(priceInUnit('2.5', ratio('box', 'ea'))).toBe('30'); // a box at 12 × the price of one
    expect(priceInUnit('10', ratio('ea', 'box'))).toBe('0.8333333333');
    expect(priceInUnit('1.25', ratio('g', 'kg'))).toBe('0.00125');
  });

  it('refuses units without a conversion and conversions with offsets', () => {
    expect(unitRatio('ea', 'kg', CONVERSIONS)).toMatchObject({ ok: false, code: 'NO_CONVERSION' });
    expect(unitRatio('C', 'F', CONVERSIONS)).toMatchObject({ ok: false, code: 'NOT_PROPORTIONAL' });
  });
});
