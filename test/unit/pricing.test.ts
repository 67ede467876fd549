/** The on-demand price rules (src/core/pricing), shared by the ERP's action and the engine offline. */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSalesPriceInput, salesPriceFrom, type SalesPriceInput } from '../../src/core/pricing/index.ts';

const input: SalesPriceInput = { dataAreaId: 'usmf', CustomerAccount: 'C-1', ItemNumber: 'I-1', Quantity: '5', UnitSymbol: 'ea', CurrencyCode: 'USD', Date: '2026-06-01' };
const customer = { CustomerAccount: 'C-1', CustomerGroupId: 'G' };
const line = (id: string, extra: Record<string, unknown>) => ({ dataAreaId: 'usmf', AgreementLineId: id, ItemNumber: 'I-1', CurrencyCode: 'USD', UnitSymbol: 'ea', AccountCode: 'All', QuantityFrom: '0', QuantityTo: '0', Price: '1', ValidFrom: '2020-01-01', ValidTo: '2154-12-31', ...extra });
const winner = (lines: Record<string, unknown>[], extra: Partial<SalesPriceInput> = {}) => salesPriceFrom(lines, customer, { ...input, ...extra }).AgreementLineId;

describe('salesPriceFrom', () => {
  it('prefers the customer, then the group, then all; then the highest quantity break; then the latest start', () => {
    const all = line('all', {});
    const group = line('group', { AccountCode: 'Group', AccountRelation: 'G' });
    const table = line('table', { AccountCode: 'Table', AccountRelation: 'C-1' });
    expect(winner([all, group, table])).toBe('table');
    expect(winner([all, group])).toBe('group');
    expect(winner([all, line('break', { QuantityFrom: '5' })])).toBe('break');
    expect(winner([all, line('newer', { ValidFrom: '2026-01-01' })])).toBe('newer');
    expect(winner([line('b', {}), line('a', {})])).toBe('a');
  });

  it('applies only in its period [from, to), its quantity range [from, to), its unit (or any), currency, company and customer', () => {
    expect(winner([line('x', { ValidTo: '2026-06-01' })])).toBeNull();
    expect(winner([line('x', { ValidFrom: '2026-06-02' })])).toBeNull();
    expect(winner([line('x', { QuantityTo: '5' })])).toBeNull();
    expect(winner([line('x', { QuantityFrom: '5.000001' })])).toBeNull();
    expect(winner([line('x', { UnitSymbol: 'box' })])).toBeNull();
    expect(winner([line('x', { UnitSymbol: null })])).toBe('x');
    expect(winner([line('x', { CurrencyCode: 'EUR' })])).toBeNull();
    expect(winner([line('x', { dataAreaId: 'demf' })])).toBeNull();
    expect(winner([line('x', { AccountCode: 'Table', AccountRelation: 'C-2' })])).toBeNull();
    expect(winner([line('x', { AccountCode: 'Group', AccountRelation: null })])).toBeNull();
  });

  it('keeps every decimal: the price as stored, the line amount price × quantity, never rounded', () => {
    const scaled = (scale: number) => fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 16n }), fc.integer({ min: 0, max: scale })).map(([n, s]) => new Big(`${n}e-${s}`).toFixed());
    fc.assert(
      fc.property(scaled(10), scaled(6), (price, quantity) => {
        const out = salesPriceFrom([line('x', { Price: price })], customer, { ...input, Quantity: quantity });
        expect(out.Price).toBe(price);
        expect(out.LineAmount).toBe(new Big(price).times(quantity).toFixed());
      }),
    );
  });
});

describe('readSalesPriceInput', () => {
  it('accepts a full question and canonicalises the quantity', () => {
    expect(readSalesPriceInput({ ...input, Quantity: '05.50' })).toEqual({ ok: true, value: { ...input, Quantity: '5.5' } });
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], ''],
    ['a float quantity', { ...input, Quantity: 5.5 }, 'Quantity'],
    ['a negative quantity', { ...input, Quantity: '-1' }, 'Quantity'],
    ['a bad date', { ...input, Date: '01/06/2026' }, 'Date'],
    ['a missing customer', { ...input, CustomerAccount: '' }, 'CustomerAccount'],
    ['an unknown field', { ...input, __proto__x: 1 }, '__proto__x'],
  ])('names the field: %s', (_, body, field) => {
    expect(readSalesPriceInput(body)).toMatchObject({ ok: false, field });
  });
});
