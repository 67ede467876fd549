import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalDecimal,
  compareDecimal,
  compareStrings,
  decimalPrecision,
  decimalScale,
  decimalSortKey,
  isCanonicalDecimal,
  normalizeDate,
  normalizeDateTime,
  normalizeGuid,
} from '../../src/core/values/index.ts';

/** Decimal text in scientific form with a wide spread of magnitudes, scales and signs. */
const decimalText = fc
  .tuple(fc.bigInt(-(10n ** 30n), 10n ** 30n), fc.integer({ min: -40, max: 40 }))
  .map(([mantissa, exponent]) => `${mantissa}e${exponent}`);
const canonical = decimalText.map((t) => canonicalDecimal(t) ?? 'unreachable');
/** Small values collide often, which the order properties need. */
const decimal = fc.oneof(canonical, fc.constantFrom('0', '1', '-1', '0.1', '-0.1', '10', '-10', '0.01', '1.5'));

const sign = (n: number): number => Math.sign(n);

describe('canonicalDecimal', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['+0.000', '0'],
    ['-0.0e-3', '0'],
    ['0e5', '0'],
    ['+007', '7'],
    ['007.50', '7.5'],
    ['-12.300', '-12.3'],
    ['1e3', '1000'],
    ['1e+3', '1000'],
    ['1E0000000003', '1000'],
    ['1.5E-2', '0.015'],
    ['-12.300e1', '-123'],
    ['-1250.5', '-1250.5'],
    ['0.0001', '0.0001'],
    ['123.456e-5', '0.00123456'],
    ['12345678901234567890.123456789', '12345678901234567890.123456789'],
  ])('%s → %s', (text, expected) => {
    expect(canonicalDecimal(text)).toBe(expected);
  });

  it.each(['', '-', '+', '.5', '5.', '1.2.3', ' 1', '1 ', '1_000', '0x10', 'NaN', 'Infinity', '1e', '1e+', '--1', '١٢'])(
    'rejects %j',
    (text) => {
      expect(canonicalDecimal(text)).toBeNull();
    },
  );

  it('rejects absurd inputs but accepts the limits', () => {
    expect(canonicalDecimal('1'.repeat(1001))).toBeNull();
    expect(canonicalDecimal('1'.repeat(1000))).toBe('1'.repeat(1000));
    expect(canonicalDecimal('1e1001')).toBeNull();
    expect(canonicalDecimal('1e-1001')).toBeNull();
    expect(canonicalDecimal('1e99999999999999999999')).toBeNull();
    expect(canonicalDecimal('1e1000')).toBe('1' + '0'.repeat(1000));
    expect(canonicalDecimal('1e-1000')).toBe('0.' + '0'.repeat(999) + '1');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const once = canonicalDecimal(text);
        expect(once).not.toBeNull();
        expect(canonicalDecimal(once ?? '')).toBe(once);
        expect(isCanonicalDecimal(once ?? '')).toBe(true);
      }),
    );
  });

  it('round-trips values generated with big.js, in plain and exponent notation', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const big = new Big(text);
        const plain = big.eq(0) ? '0' : big.toFixed();
        expect(canonicalDecimal(big.toFixed())).toBe(plain);
        expect(canonicalDecimal(big.toExponential())).toBe(plain);
        expect(new Big(plain).eq(big)).toBe(true);
      }),
    );
  });

  it('recognises only canonical text as canonical', () => {
    for (const text of ['0', '-1', '1.5', '-0.001', '10']) expect(isCanonicalDecimal(text)).toBe(true);
    for (const text of ['-0', '01', '1.50', '1.', '.5', '+1', '1e3', '']) expect(isCanonicalDecimal(text)).toBe(false);
  });
});

describe('decimal scale and precision', () => {
  it.each([
    ['0', 0, 1],
    ['7', 0, 1],
    ['100', 0, 3],
    ['-100', 0, 3],
    ['12.345', 3, 5],
    ['-0.05', 2, 2],
    ['0.5', 1, 1],
    ['1250.5', 1, 5],
  ])('%s has scale %i and precision %i', (value, scale, precision) => {
    expect(decimalScale(value)).toBe(scale);
    expect(decimalPrecision(value)).toBe(precision);
  });
});

describe('compareDecimal and decimalSortKey', () => {
  it.each([
    ['0', '0', 0],
    ['1', '2', -1],
    ['10', '9', 1],
    ['-10', '-9', -1],
    ['0.1', '0.09', 1],
    ['-0.1', '-0.09', -1],
    ['0.12', '0.123', -1],
    ['-0.12', '-0.123', 1],
    ['-1', '0', -1],
    ['0', '0.0001', -1],
    ['99.99', '100', -1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareDecimal(a, b)).toBe(expected);
    expect(sign(compareText(decimalSortKey(a), decimalSortKey(b)))).toBe(expected);
  });

  it('agrees with big.js', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(compareDecimal(a, b)).toBe(new Big(a).cmp(new Big(b)));
      }),
      { numRuns: 500 },
    );
  });

  it('sort keys order like compareDecimal', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(sign(compareText(decimalSortKey(a), decimalSortKey(b)))).toBe(compareDecimal(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('sort keys handle extreme magnitudes', () => {
    const values = ['-' + '9'.repeat(1500), '-1e-1000', '0', '1e-1000', '0.' + '9'.repeat(1500), '1', '1e1000', '9'.repeat(2000)];
    const canon = values.map((v) => canonicalDecimal(v) ?? v);
    const sorted = [...canon].sort((a, b) => compareText(decimalSortKey(a), decimalSortKey(b)));
    expect(sorted).toEqual(canon);
  });
});

describe('dates, date-times and GUIDs', () => {
  it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2024-04-30'])('accepts date %s', (text) => {
    expect(normalizeDate(text)).toBe(text);
  });

  it.each(['2023-02-29', '1900-02-29', '0000-01-01', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-01', '24-01-01', '2024-01-31T00:00:00Z', ' 2024-01-31'])(
    'rejects date %j',
    (text) => {
      expect(normalizeDate(text)).toBeNull();
    },
  );

  it.each([
    ['2024-01-31T10:00:00Z', '2024-01-31T10:00:00.000Z'],
    ['2024-01-31T10:00Z', '2024-01-31T10:00:00.000Z'],
    ['2024-01-31t10:00:00z', '2024-01-31T10:00:00.000Z'],
    ['2024-01-31T10:00:00.5+02:00', '2024-01-31T08:00:00.500Z'],
    ['2024-01-31T10:00:00.123456789Z', '2024-01-31T10:00:00.123Z'],
    ['2024-01-01T00:30:00+01:00', '2023-12-31T23:30:00.000Z'],
    ['2024-02-28T23:00:00-01:30', '2024-02-29T00:30:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['0050-06-01T12:00:00+00:00', '0050-06-01T12:00:00.000Z'],
  ])('normalises %s → %s', (text, expected) => {
    expect(normalizeDateTime(text)).toBe(expected);
  });

  it.each([
    '2024-01-31T10:00:00',
    '2024-01-31 10:00:00Z',
    '2024-01-31T24:00:00Z',
    '2024-01-31T10:60:00Z',
    '2024-01-31T10:00:60Z',
    '2024-02-30T10:00:00Z',
    '2024-01-31T10:00:00+24:00',
    '2024-01-31T10:00:00.Z',
    '2024-01-31T10:00:00.1234567890Z',
    '0001-01-01T00:00:00+00:01',
    '9999-12-31T23:59:59-00:01',
    '2024-01-31',
  ])('rejects date-time %j', (text) => {
    expect(normalizeDateTime(text)).toBeNull();
  });

  it('agrees with Date on instants and offsets', () => {
    const instant = fc.date({ min: new Date('0002-01-01T00:00:00Z'), max: new Date('9998-12-31T00:00:00Z'), noInvalidDate: true });
    const offset = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
    fc.assert(
      fc.property(instant, offset, (d, minutes) => {
        const local = new Date(d.getTime() + minutes * 60_000).toISOString().slice(0, 23);
        const abs = Math.abs(minutes);
        const suffix = `${minutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
        expect(normalizeDateTime(local + suffix)).toBe(d.toISOString());
        expect(normalizeDateTime(d.toISOString())).toBe(d.toISOString());
      }),
    );
  });

  it('normalises GUIDs to lowercase', () => {
    expect(normalizeGuid('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(normalizeGuid('{0f8fad5b-d9cb-469f-a165-70867728950e}')).toBeNull();
    expect(normalizeGuid('0f8fad5bd9cb469fa16570867728950e')).toBeNull();
    expect(normalizeGuid('0f8fad5b-d9cb-469f-a165-70867728950g')).toBeNull();
  });
});

describe('compareStrings', () => {
  it('orders by code point, not UTF-16 unit', () => {
    expect('😀' < '\uFFFF').toBe(true); // JS's own order, which SQLite does not share
    expect(compareStrings('😀', '\uFFFF')).toBe(1);
    expect(compareStrings('\uE000', '\uD83D\uDE00')).toBe(-1);
    expect(compareStrings('a', 'ab')).toBe(-1);
    expect(compareStrings('b', 'ab')).toBe(1);
    expect(compareStrings('', '')).toBe(0);
    expect(compareStrings('B', 'a')).toBe(-1);
  });

  it('equals UTF-8 byte order', () => {
    const text = fc.string({ unit: 'binary', maxLength: 6 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(compareStrings(a, b)).toBe(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
      }),
      { numRuns: 1000 },
    );
  });
});

/** Binary (memcmp) order of ASCII text, as SQLite compares TEXT. */
function compareText(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'latin1'), Buffer.from(b, 'latin1'));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
