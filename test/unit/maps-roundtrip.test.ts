/**
 * Round trips: for every bidirectional field of every map, a valid ERP value mirrored to the
 * CRM and back is the value it started as (and the CRM value so produced survives the
 * opposite trip too). Values are generated valid for both sides: enums from the value
 * maps, decimals within the smaller scale, text within the shorter length (in code points),
 * lookups to rows that exist in the replica.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrorRow, STANDARD_MAPS, type FieldMapping, type Row, type TableMap } from '../../src/core/maps/index.ts';
import { canonicalDecimal } from '../../src/core/values/index.ts';
import { CRM, ERP, replica } from './maps-fixture.ts';

/** A counterpart pair per map: the rows the generated values are written into. */
const BASES: Record<string, [erp: Row, crm: Row]> = {
  currencies: [ERP.usd, CRM.usd],
  'customer-groups': [ERP.group10, CRM.group10],
  'customers-accounts': [ERP.us002, CRM.us002],
  contacts: [ERP.cp001, CRM.cp001],
};

/** ERP values each referenced map can resolve for a row of company usmf. */
const REFERENCEABLE: Record<string, readonly string[]> = {
  currencies: ['USD', 'EUR'],
  'customer-groups': ['10', '20'],
  'customers-accounts': ['US-001', 'US-002'],
};

type Flowing = Exclude<FieldMapping, { kind: 'constant' }>;

const bidirectional = (map: TableMap): Flowing[] => map.fields.flatMap((m) => (m.kind !== 'constant' && m.direction === 'both' ? [m] : []));
const requiredErpToCrm = (m: Flowing) => m.required === 'crm' || m.required === 'both';
const requiredCrmToErp = (m: Flowing) => m.required === 'erp' || m.required === 'both';
const nullable = <T,>(arb: fc.Arbitrary<T>, m: Flowing): fc.Arbitrary<T | null> =>
  requiredErpToCrm(m) || requiredCrmToErp(m) ? arb : fc.option(arb, { nil: null });

function decimalWithScale(scale: number): fc.Arbitrary<string> {
  const digits = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
  return fc.tuple(digits, fc.integer({ min: 0, max: scale })).map(([n, s]) => canonicalDecimal(`${n}e-${s}`) ?? '0');
}

function valueOf(m: Flowing): fc.Arbitrary<unknown> {
  switch (m.kind) {
    case 'copy': {
      if (m.rule === undefined) return fc.string();
      if (m.rule.type === 'decimal') return nullable(decimalWithScale(Math.min(m.rule.erpScale, m.rule.crmScale)), m);
      if (m.rule.type === 'date') return nullable(fc.constant('2024-02-29'), m);
      const maxLength = Math.min(m.rule.erpMaxLength, m.rule.crmMaxLength);
      const minLength = requiredErpToCrm(m) || requiredCrmToErp(m) ? 1 : 0;
      return nullable(fc.string({ unit: 'binary', minLength, maxLength }), m);
    }
    case 'value-map':
      return nullable(fc.constantFrom(...m.values.map(([erp]) => erp)), m);
    case 'lookup':
      return nullable(fc.constantFrom(...(REFERENCEABLE[m.map] ?? [])), m);
  }
}

const twoWay = STANDARD_MAPS.filter((map) => map.oneWay === undefined);

describe('round trips', () => {
  it('cover every two-way map', () => {
    expect(Object.keys(BASES).sort()).toEqual(twoWay.map((m) => m.id).sort());
  });

  it.each(twoWay.map((map) => [map.id, map] as const))('%s: ERP → CRM → ERP returns every bidirectional field', async (_, map) => {
    const fields = bidirectional(map);
    const [erpBase, crmBase] = BASES[map.id] ?? [{}, {}];
    const record = fc.record(Object.fromEntries(fields.map((m) => [m.erp, valueOf(m)])));
    await fc.assert(
      fc.asyncProperty(record, async (values) => {
        const source = replica();
        const erp = { ...erpBase, ...values };
        const toCrm = await mirrorRow(map, 'erp', erp, source);
        const crm = { ...crmBase, ...toCrm?.values };
        const back = await mirrorRow(map, 'crm', crm, source);
        for (const m of fields) expect([m.erp, back?.values[m.erp]]).toEqual([m.erp, erp[m.erp] ?? null]);
        expect(back?.key).toEqual(Object.fromEntries(map.keys.map((k) => [k.erp, erp[k.erp]])));
        // and the CRM values so produced survive CRM → ERP → CRM
        const again = await mirrorRow(map, 'erp', { ...erpBase, ...back?.values }, source);
        for (const m of fields) expect([m.crm, again?.values[m.crm]]).toEqual([m.crm, crm[m.crm] ?? null]);
      }),
    );
  });

  it('integration keys round trip, whatever their text', async () => {
    const map = STANDARD_MAPS.find((m) => m.id === 'customers-accounts');
    if (map === undefined) throw new Error('no customers-accounts');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), async (account) => {
        const source = replica();
        const toCrm = await mirrorRow(map, 'erp', { ...ERP.us002, CustomerAccount: account }, source);
        expect(toCrm?.key['accountnumber']).toBe(account);
        const back = await mirrorRow(map, 'crm', { ...CRM.us002, ...toCrm?.values }, source);
        expect(back?.key).toEqual({ dataAreaId: 'usmf', CustomerAccount: account });
      }),
    );
  });
});
