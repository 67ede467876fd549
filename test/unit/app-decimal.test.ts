import { describe, expect, it } from 'vitest';
import { canonicalDecimal, checkDecimal, formatMoney, moneyInput } from '../../src/app/decimal.ts';

const money = { scale: 4, precision: 32 };

describe('decimal input', () => {
  it.each([
    ['2500', '2500'],
    ['2500.50', '2500.5'],
    [' 0007.1000 ', '7.1'],
    ['.5', '0.5'],
    ['12.', '12'],
    ['0', '0'],
    ['-0', '0'],
    ['0.0001', '0.0001'],
  ])('accepts %j as %j', (input, value) => {
    expect(checkDecimal(input, money)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'digits'],
    ['abc', 'digits'],
    ['1,000', 'digits'],
    ['1e5', 'digits'],
    ['1.2.3', 'digits'],
    ['-', 'digits'],
    ['1.00001', 'At most 4 digits after the dot'],
    ['-5', 'cannot be negative'],
    ['1'.repeat(29), 'too large'],
  ])('rejects %j', (input, message) => {
    const check = checkDecimal(input, money);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain(message);
  });

  it('allows negatives when the rules do', () => {
    expect(checkDecimal('-12.50', { ...money, allowNegative: true })).toEqual({ ok: true, value: '-12.5' });
  });

  it('reads stored decimals of either type into one canonical form', () => {
    expect(canonicalDecimal('5000.0000')).toBe('5000');
    expect(canonicalDecimal(5000)).toBe('5000');
    expect(canonicalDecimal(null)).toBeNull();
    expect(canonicalDecimal('n/a')).toBeNull();
  });

  it('shows money with two decimals at least, grouped for reading, without rounding', () => {
    expect(formatMoney('2500.5')).toBe('2,500.50');
    expect(formatMoney('1234567.1234')).toBe('1,234,567.1234');
    expect(formatMoney('-100')).toBe('-100.00');
    expect(formatMoney('0')).toBe('0.00');
    expect(formatMoney('x')).toBeNull();
    expect(moneyInput('15000.000000')).toBe('15000.00');
    expect(moneyInput(null)).toBe('');
  });
});
