/** The language constructs at run time: rounding and truncation notes, defaults, dates, units, lookups, scope, conflicts, two-pass. */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memorySource, mirrorRow, roundDecimal, ruleForField, STANDARD_MAPS, type FieldMapping, type TableMap } from '../../src/core/maps/index.ts';
import { ERP, G, mapById, replica } from './maps-fixture.ts';

const base: TableMap = { id: 't', name: 'T', version: '1.0.0.0', erp: { set: 'E' }, crm: { set: 'C', primaryKey: 'cid' }, keys: [{ erp: 'Id', crm: 'id' }], fields: [], dependsOn: [], conflict: 'server-wins' };
const one = (m: FieldMapping, extra: Partial<TableMap> = {}): TableMap => ({ ...base, fields: [m], ...extra });
const run = (map: TableMap, row: Record<string, unknown>, from: 'erp' | 'crm' = 'erp') => mirrorRow(map, from, { Id: 'a', id: 'a', ...row }, memorySource(), { catalog: [map] });

describe('decimal rounding', () => {
  it('rounds with a note, exactly (property)', async () => {
    const map = one({ kind: 'copy', erp: 'X', crm: 'x', direction: 'both', rule: { type: 'decimal', erpScale: 10, crmScale: 2, onLoss: 'round', rounding: 'half-even' } });
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 10 }), async (digits, scale) => {
        const text = new Big(digits.toString()).div(new Big(10).pow(scale)).toFixed();
        const out = await run(map, { X: text });
        const expected = new Big(text).round(2, 2);
        expect(new Big(out?.values['x'] as string).eq(expected)).toBe(true);
        if (new Big(text).eq(expected)) expect(out?.notes).toBeUndefined();
        else expect(out?.notes).toEqual([{ field: 'x', from: text, to: out?.values['x'], rule: 'round' }]);
      }),
    );
  });

  it('knows the four modes', () => {
    expect(['half-even', 'half-up', 'down', 'up'].map((m) => roundDecimal('2.345', 2, m as 'up'))).toEqual(['2.34', '2.35', '2.34', '2.35']);
    expect(roundDecimal('-2.345', 2, 'half-up')).toBe('-2.35');
  });

  it('refuses by default', async () => {
    const map = one({ kind: 'copy', erp: 'X', crm: 'x', direction: 'both', rule: { type: 'decimal', erpScale: 10, crmScale: 2 } });
    await expect(run(map, { X: '1.234' })).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
  });
});

describe('text truncation', () => {
  it('cuts to the limit in code points, with a note (property)', async () => {
    const map = one({ kind: 'copy', erp: 'X', crm: 'x', direction: 'both', rule: { type: 'text', erpMaxLength: 100, crmMaxLength: 5, onTooLong: 'truncate' } });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 12 }), async (text) => {
        const out = await run(map, { X: text });
        const points = [...text];
        expect(out?.values['x']).toBe(points.slice(0, 5).join(''));
        expect(out?.notes ?? []).toEqual(points.length > 5 ? [{ field: 'x', from: text, to: points.slice(0, 5).join(''), rule: 'truncate' }] : []);
      }),
    );
  });
});

describe('value maps, defaults, dates, units', () => {
  it('one-to-one value maps round-trip (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 8 }), async (names) => {
        const map = one({ kind: 'value-map', erp: 'X', crm: 'x', direction: 'both', values: names.map((n, i) => [n, 100 + i] as const) });
        for (const name of names) {
          const there = await run(map, { X: name });
          const back = await run(map, { x: there?.values['x'] }, 'crm');
          expect(back?.values['X']).toBe(name);
        }
      }),
    );
  });

  it('writes the default when the source is empty, and an explicit null pair', async () => {
    const map: TableMap = { ...base, fields: [
      { kind: 'copy', erp: 'A', crm: 'a', direction: 'both', defaults: { crm: 'n/a' } },
      { kind: 'value-map', erp: 'B', crm: 'b', direction: 'both', values: [['0', null], ['1', 1]] },
    ] };
    expect((await run(map, { A: '', B: '0' }))?.values).toMatchObject({ a: 'n/a', b: null });
    expect((await run(map, { a: null, b: null }, 'crm'))?.values).toMatchObject({ A: null, B: '0' });
  });

  it('maps the ERP sentinel date to empty and back, and a datetime to its date', async () => {
    const map = one({ kind: 'copy', erp: 'D', crm: 'd', direction: 'both', rule: { type: 'date', erp: 'date', crm: 'datetime', empty: { erp: '1900-01-01' } } });
    expect((await run(map, { D: '1900-01-01' }))?.values['d']).toBeNull();
    expect((await run(map, { D: '2024-02-29' }))?.values['d']).toBe('2024-02-29T00:00:00.000Z');
    expect((await run(map, { d: null }, 'crm'))?.values['D']).toBe('1900-01-01');
    expect((await run(map, { d: '2024-02-29T00:00:00Z' }, 'crm'))?.values['D']).toBe('2024-02-29');
    await expect(run(map, { d: '2024-02-29T10:00:00Z' }, 'crm')).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
  });

  it('converts a quantity through the conversions table', async () => {
    const map = one(
      { kind: 'copy', erp: 'Q', crm: 'q', direction: 'both', convert: { erp: { field: 'Unit' }, crm: { unit: 'g' } }, rule: { type: 'decimal', erpScale: 6, crmScale: 3, onLoss: 'round' } },
      { conversions: [{ from: 'kg', to: 'g', factor: '1000' }, { from: 'lb', to: 'g', factor: '453.59237' }] },
    );
    expect((await run(map, { Q: '1.5', Unit: 'kg' }))?.values['q']).toBe('1500');
    expect((await run(map, { Q: '2', Unit: 'lb' }))?.values['q']).toBe('907.185');
    await expect(run(map, { Q: '2', Unit: 'oz' })).rejects.toMatchObject({ code: 'MAP_NO_CONVERSION' });
  });

  it('mirrors only the row effective at asOf', async () => {
    const map = { ...base, effective: { mode: 'current' as const, erp: { from: 'ValidFrom', to: 'ValidTo' }, crm: { from: 'validfrom', to: 'validto' } } };
    const row = { Id: 'a', ValidFrom: '2024-01-01', ValidTo: '2025-01-01' };
    const at = (asOf: string) => mirrorRow(map, 'erp', row, memorySource(), { catalog: [map], asOf });
    expect(await at('2024-06-01')).not.toBeNull();
    expect(await at('2025-01-01')).toBeNull();
    expect(await at('2023-12-31')).toBeNull();
  });
});

describe('company restriction and polymorphic lookups', () => {
  it('ignores rows of other companies', async () => {
    const groups = { ...mapById('customer-groups'), companies: ['demf'] };
    const catalog = STANDARD_MAPS.map((m) => (m.id === groups.id ? groups : m));
    expect(await mirrorRow(groups, 'erp', ERP.group10, replica(), { catalog })).toBeNull();
    expect(await mirrorRow(groups, 'erp', ERP.deGroup10, replica(), { catalog })).not.toBeNull();
  });

  it('resolves a customer lookup to an account or a contact, writing the type', async () => {
    const contactsAsCustomers: TableMap = { ...mapById('contacts'), id: 'customer-contacts' };
    const orders: TableMap = {
      ...base, id: 'orders', erp: { set: 'Orders' }, crm: { set: 'salesorders', primaryKey: 'salesorderid' },
      keys: [mapById('contacts').keys[0]!, { erp: 'OrderId', crm: 'ordernumber' }],
      fields: [{ kind: 'lookup', erp: 'Customer', crm: 'customerid', direction: 'both', map: 'customers-accounts', targets: [{ map: 'customers-accounts', crmType: 'account' }, { map: 'customer-contacts', crmType: 'contact' }], typeField: { crm: 'customeridtype' } }],
      dependsOn: ['companies', 'customers-accounts', 'customer-contacts'],
    };
    const catalog = [...STANDARD_MAPS, contactsAsCustomers, orders];
    const account = await mirrorRow(orders, 'erp', { dataAreaId: 'usmf', OrderId: 'SO-1', Customer: 'US-001' }, replica(), { catalog });
    expect(account?.values).toMatchObject({ customerid: G.us001, customeridtype: 'account' });
    const contact = await mirrorRow(orders, 'erp', { dataAreaId: 'usmf', OrderId: 'SO-2', Customer: 'CP-001' }, replica(), { catalog });
    expect(contact?.values).toMatchObject({ customerid: G.cp001, customeridtype: 'contact' });
    const back = await mirrorRow(orders, 'crm', { msdyn_company: G.usmf, ordernumber: 'SO-2', customerid: G.cp001 }, replica(), { catalog });
    expect(back?.values).toMatchObject({ Customer: 'CP-001' });
  });
});

describe('conflict rules', () => {
  it('a field override beats the map rule, by either side name', () => {
    const map = { ...mapById('customers-accounts'), conflictPolicy: { rule: 'primary' as const, primary: 'erp' as const }, fieldConflicts: { creditlimit: { rule: 'manual' as const } } };
    expect(ruleForField(map, 'erp', 'CreditLimit')).toEqual({ rule: 'manual' });
    expect(ruleForField(map, 'crm', 'name')).toEqual({ rule: 'primary', primary: 'erp' });
    expect(ruleForField(mapById('companies'), 'crm', 'cdm_name')).toEqual({ rule: 'server-wins' });
  });
});

describe('the two-pass rule', () => {
  it('customers whose invoice accounts point at each other: first pass without the reference, second with it', async () => {
    const source = replica();
    const a = { ...ERP.us002, CustomerAccount: 'US-A', InvoiceAccount: 'US-B' };
    const b = { ...ERP.us002, CustomerAccount: 'US-B', InvoiceAccount: 'US-A' };
    const map = mapById('customers-accounts');
    const firstA = await mirrorRow(map, 'erp', a, source, { deferLookups: true });
    const firstB = await mirrorRow(map, 'erp', b, source, { deferLookups: true });
    expect([firstA?.deferred, firstB?.deferred]).toEqual([['msdyn_billingaccount'], ['msdyn_billingaccount']]);
    expect(firstA?.values).not.toHaveProperty('msdyn_billingaccount');
    const ga = '00000000-0000-4000-8000-0000000000aa';
    const gb = '00000000-0000-4000-8000-0000000000bb';
    source.add('crm', 'accounts', { ...firstA?.values, accountid: ga, customertypecode: 3 });
    source.add('crm', 'accounts', { ...firstB?.values, accountid: gb, customertypecode: 3 });
    const secondA = await mirrorRow(map, 'erp', a, source, { deferLookups: true });
    const secondB = await mirrorRow(map, 'erp', b, source, { deferLookups: true });
    expect([secondA?.values['msdyn_billingaccount'], secondB?.values['msdyn_billingaccount']]).toEqual([gb, ga]);
    expect([secondA?.deferred, secondB?.deferred]).toEqual([[], []]);
  });
});
