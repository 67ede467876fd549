/**
 * Round trips: for every bidirectional field of every map, a valid ERP value mirrored to the
 * CRM and back is the value it started as (and the CRM value so produced survives the
 * opposite trip too). Values are generated valid for both sides: enums from the value
 * maps, decimals within the smaller scale, text within the shorter length (in code points),
 * integers within Int32, lookups to rows that exist in the replica.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrorRow, STANDARD_MAPS, type FieldMapping, type Row, type TableMap } from '../../src/core/maps/index.ts';
import { canonicalDecimal } from '../../src/core/values/index.ts';
import { erp as erpStore } from '../../server/schema/index.ts';
import { CRM, ERP, G, mapById, replica } from './maps-fixture.ts';

/** A counterpart pair per map: the rows the generated values are written into. */
const BASES: Record<string, [erp: Row, crm: Row]> = {
  currencies: [ERP.usd, CRM.usd],
  'customer-groups': [ERP.group10, CRM.group10],
  'customers-accounts': [ERP.us002, CRM.us002],
  contacts: [ERP.cp001, CRM.cp001],
  'payment-terms': [ERP.net30, CRM.net30],
  'payment-methods': [ERP.check, CRM.check],
  'vendor-groups': [ERP.vgroup10, CRM.vgroup10],
  vendors: [ERP.vendor1, CRM.vendor1],
  'unit-conversions': [ERP.boxToEa, CRM.boxToEa],
  'customers-contacts': [ERP.person, CRM.personContact],
  'customer-assets': [ERP.asset1, CRM.asset1],
  'work-orders': [ERP.order1, CRM.order1],
  notes: [ERP.noteOnCustomer, CRM.noteOnCustomer],
  'loyalty-cards': [ERP.card1, CRM.card1],
  'sales-orders': [ERP.salesOrder1, CRM.salesOrder1],
  'sales-order-lines': [ERP.salesLine1, CRM.salesLine1],
  'sales-quotes': [ERP.quote1, CRM.quote1],
  'sales-quote-lines': [ERP.quoteLine1, CRM.quoteLine1],
  'party-postal-addresses': [ERP.postal1, CRM.postal1],
  'party-electronic-addresses': [ERP.phone1, CRM.phone1],
  tasks: [ERP.task1, CRM.task1],
  'phone-calls': [ERP.call1, CRM.call1],
  appointments: [
    { ...ERP.appointment1, RefTable: 'Customer', RefKey: 'US-001' },
    { ...CRM.appointment1, regardingobjectid: G.us001, regardingobjecttypecode: 'account' },
  ],
};

/** ERP values each referenced map can resolve for a row of company usmf. */
const REFERENCEABLE: Record<string, readonly string[]> = {
  currencies: ['USD', 'EUR'],
  'customer-groups': ['10', '20'],
  'customers-accounts': ['US-001', 'US-002'],
  'payment-terms': ['Net30', 'Net10'],
  'vendor-groups': ['10', '20'],
  contacts: ['CP-001', 'CP-002'],
  units: ['ea', 'box'],
  products: ['P-1000'],
  'customer-assets': ['AS-001'],
  'sales-orders': ['SO-001'],
  'sales-quotes': ['SQ-001'],
};

/** The ERP type of a mapped field (a copy without a rule crosses unchanged: integers). */
const erpType = (map: TableMap, field: string): string | undefined =>
  erpStore.sets.find((s) => s.name === map.erp.set)?.fields.find((f) => f.name === field)?.type;

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

/** Days and instants both stores accept (datetimes canonical: UTC, milliseconds). */
const day = fc.date({ min: new Date('1901-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const instant = fc.date({ min: new Date('1901-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }).map((d) => d.toISOString());

function valueOf(map: TableMap, m: Flowing): fc.Arbitrary<unknown> {
  switch (m.kind) {
    case 'copy': {
      if (m.rule === undefined) {
        if (erpType(map, m.erp) === 'Edm.Int32') return nullable(fc.integer({ min: -2147483648, max: 2147483647 }), m);
        return fc.string();
      }
      if (m.rule.type === 'decimal') return nullable(decimalWithScale(Math.min(m.rule.erpScale, m.rule.crmScale)), m);
      if (m.rule.type === 'date' && m.rule.erp === 'datetime') return nullable(instant, m);
      if (m.rule.type === 'date') return nullable(day, m);
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
    const record = fc.record(Object.fromEntries(fields.map((m) => [m.erp, valueOf(map, m)])));
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

  it('exchange rates: random rates with up to 12 decimals arrive in the CRM exactly, one way; a 13th decimal is refused', async () => {
    const map = STANDARD_MAPS.find((m) => m.id === 'exchange-rates');
    if (map === undefined) throw new Error('no exchange-rates');
    const rate = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 18n }), fc.integer({ min: 0, max: 12 })).map(([n, s]) => canonicalDecimal(`${n}e-${s}`) ?? '1');
    const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(rate, day, fc.option(day, { nil: null }), async (value, start, end) => {
        const source = replica();
        const row = { ...ERP.rate1, StartDate: start, EndDate: end ?? '2154-12-31', Rate: value };
        const toCrm = await mirrorRow(map, 'erp', row, source);
        expect(toCrm?.key).toEqual({ msdyn_fromcurrencyid: CRM.usd.transactioncurrencyid, msdyn_tocurrencyid: CRM.eur.transactioncurrencyid, msdyn_validfrom: start });
        expect(toCrm?.values['msdyn_rate']).toBe(value);
        expect(toCrm?.values['msdyn_validto']).toBe(end);
        expect(await mirrorRow(map, 'crm', { ...CRM.rate1, msdyn_rate: value }, source)).toBeNull();
      }),
    );
    await expect(mirrorRow(map, 'erp', { ...ERP.rate1, Rate: '0.9234567890123' }, replica())).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
  });

  it('notes: the polymorphic reference survives both trips for every kind of row, the type fields with it', async () => {
    const map = STANDARD_MAPS.find((m) => m.id === 'notes');
    if (map === undefined) throw new Error('no notes');
    const targets = [
      ['Customer', 'US-001', 'account', G.us001],
      ['Customer', 'US-002', 'account', G.us002],
      ['Customer', 'US-P01', 'contact', G.personContact],
      ['Asset', 'AS-001', 'msdyn_customerasset', G.asset1],
      ['ServiceOrder', 'SO-001', 'msdyn_workorder', G.order1],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.string({ unit: 'binary', maxLength: 100 }), async ([table, key, type, guid], title) => {
        const source = replica();
        const toCrm = await mirrorRow(map, 'erp', { ...ERP.noteOnCustomer, RefTable: table, RefKey: key, Title: title }, source);
        expect([toCrm?.values['objectid'], toCrm?.values['objecttypecode'], toCrm?.values['subject']]).toEqual([guid, type, title]);
        const back = await mirrorRow(map, 'crm', { ...CRM.noteOnCustomer, ...toCrm?.values }, source);
        expect([back?.values['RefTable'], back?.values['RefKey'], back?.values['Title']]).toEqual([table, key, title]);
      }),
    );
    // A customer number naming neither an account nor a sellable contact, and a type that names the wrong table, are refused.
    await expect(mirrorRow(map, 'erp', { ...ERP.noteOnCustomer, RefKey: 'CP-001' }, replica())).rejects.toMatchObject({ code: 'MAP_LOOKUP_NOT_FOUND' });
    await expect(mirrorRow(map, 'crm', { ...CRM.noteOnCustomer, objectid: G.personContact, objecttypecode: 'account' }, replica())).rejects.toMatchObject({ code: 'MAP_LOOKUP_NOT_FOUND' });
  });

  it('customers-contacts and contacts never claim each other’s rows', async () => {
    const [persons, people] = [STANDARD_MAPS.find((m) => m.id === 'customers-contacts'), STANDARD_MAPS.find((m) => m.id === 'contacts')];
    if (persons === undefined || people === undefined) throw new Error('no contact maps');
    const source = replica();
    expect(await mirrorRow(persons, 'crm', CRM.cp001, source)).toBeNull();
    expect(await mirrorRow(people, 'crm', CRM.personContact, source)).toBeNull();
    expect(await mirrorRow(persons, 'erp', ERP.us001, source)).toBeNull();
    expect(await mirrorRow(persons, 'crm', { ...CRM.personContact, msdyn_contactpersonid: null }, source)).toBeNull();
  });

  it('inventory-onhand keeps all 6 decimals exactly and refuses a 7th; loyalty points never go back to the ERP', async () => {
    const onHand = STANDARD_MAPS.find((m) => m.id === 'inventory-onhand');
    const cards = STANDARD_MAPS.find((m) => m.id === 'loyalty-cards');
    if (onHand === undefined || cards === undefined) throw new Error('no inventory-onhand / loyalty-cards');
    await fc.assert(
      fc.asyncProperty(decimalWithScale(6), decimalWithScale(6), async (available, total) => {
        const out = await mirrorRow(onHand, 'erp', { ...ERP.onHand1, AvailableQuantity: available, OnHandQuantity: total }, replica());
        expect([out?.values['msdyn_availablequantity'], out?.values['msdyn_onhandquantity'], out?.values['msdyn_product']]).toEqual([available, total, G.product1]);
      }),
    );
    await expect(mirrorRow(onHand, 'erp', { ...ERP.onHand1, OnHandQuantity: '1.1234567' }, replica())).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
    expect(await mirrorRow(onHand, 'crm', { ...CRM.onHand1, msdyn_onhandquantity: '99' }, replica())).toBeNull();
    const back = await mirrorRow(cards, 'crm', { ...CRM.card1, msdyn_points: 99999, msdyn_tier: 192350002 }, replica());
    expect(back?.values['Tier']).toBe('Gold');
    expect(back?.values).not.toHaveProperty('Points');
  });

  it('sales-orders totals travel ERP → CRM only, to 4 decimals (a 5th is refused); sales-order-lines keep quantity and price exactly', async () => {
    const orders = STANDARD_MAPS.find((m) => m.id === 'sales-orders');
    const lines = STANDARD_MAPS.find((m) => m.id === 'sales-order-lines');
    if (orders === undefined || lines === undefined) throw new Error('no sales-orders / sales-order-lines');
    await fc.assert(
      fc.asyncProperty(decimalWithScale(4), decimalWithScale(4), decimalWithScale(4), async (total, discount, tax) => {
        const out = await mirrorRow(orders, 'erp', { ...ERP.salesOrder1, OrderTotalAmount: total, TotalDiscountAmount: discount, OrderTotalTaxAmount: tax }, replica());
        expect([out?.values['totalamount'], out?.values['discountamount'], out?.values['totaltax'], out?.values['msdyn_ordertype']]).toEqual([total, discount, tax, 192350000]);
      }),
    );
    await expect(mirrorRow(orders, 'erp', { ...ERP.salesOrder1, OrderTotalAmount: '1.12345' }, replica())).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
    const back = await mirrorRow(orders, 'crm', { ...CRM.salesOrder1, totalamount: '1', totaltax: '2', discountamount: '3', msdyn_processingstatus: 192350004 }, replica());
    expect(back?.values['SalesOrderProcessingStatus']).toBe('Canceled');
    for (const field of ['OrderTotalAmount', 'TotalDiscountAmount', 'OrderTotalTaxAmount']) expect(back?.values).not.toHaveProperty(field);

    const toCrm = await mirrorRow(lines, 'erp', ERP.salesLine1, replica());
    expect(toCrm?.values).toMatchObject({ salesorderid: G.salesOrder1, productid: G.product1, uomid: G.ea });
    const line = await mirrorRow(lines, 'crm', { ...CRM.salesLine1, quantity: '3.141593', extendedamount: '1' }, replica());
    expect(line?.values['OrderedSalesQuantity']).toBe('3.141593');
    expect(line?.values).not.toHaveProperty('LineAmount');
  });

  it('sales-quotes totals travel ERP → CRM only, to 4 decimals (a 5th is refused); sales-quote-lines keep quantity, price and description exactly', async () => {
    const quotes = mapById('sales-quotes');
    const lines = mapById('sales-quote-lines');
    await fc.assert(
      fc.asyncProperty(decimalWithScale(4), decimalWithScale(4), decimalWithScale(4), async (total, discount, tax) => {
        const out = await mirrorRow(quotes, 'erp', { ...ERP.quote1, QuotationTotalAmount: total, TotalDiscountAmount: discount, TotalTaxAmount: tax }, replica());
        expect([out?.values['totalamount'], out?.values['discountamount'], out?.values['totaltax']]).toEqual([total, discount, tax]);
      }),
    );
    await expect(mirrorRow(quotes, 'erp', { ...ERP.quote1, TotalTaxAmount: '0.00001' }, replica())).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
    const back = await mirrorRow(quotes, 'crm', { ...CRM.quote1, totalamount: '1', totaltax: '2', discountamount: '3', msdyn_quotationstatus: 192350003 }, replica());
    expect(back?.values).toMatchObject({ SalesQuotationStatus: 'Lost', RequestingCustomerAccountNumber: 'US-002', CurrencyCode: 'EUR' });
    for (const field of ['QuotationTotalAmount', 'TotalDiscountAmount', 'TotalTaxAmount']) expect(back?.values).not.toHaveProperty(field);

    const toCrm = await mirrorRow(lines, 'erp', ERP.quoteLine1, replica());
    expect(toCrm?.values).toMatchObject({ quoteid: G.quote1, productid: G.product1, uomid: G.box, priceperunit: '10.0123456789', extendedamount: '25.0309' });
    await expect(mirrorRow(lines, 'erp', { ...ERP.quoteLine1, LineAmount: '25.03091' }, replica())).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
    const line = await mirrorRow(lines, 'crm', { ...CRM.quoteLine1, quantity: '0.000001', description: 'Tischlampe – Messing', extendedamount: '1' }, replica());
    expect(line?.values).toMatchObject({ RequestedSalesQuantity: '0.000001', LineDescription: 'Tischlampe – Messing', SalesPrice: '10.0123456789' });
    expect(line?.values).not.toHaveProperty('LineAmount');
  });

  it('invoices and invoice-lines: random totals, quantities and prices arrive in the CRM exactly, one way; a lost decimal is refused', async () => {
    const headers = mapById('invoices');
    const lines = mapById('invoice-lines');
    const invoice = fc.record({ TotalInvoiceAmount: decimalWithScale(4), TotalDiscountAmount: decimalWithScale(4), TotalTaxAmount: decimalWithScale(4), InvoiceDate: day, DueDate: fc.option(day, { nil: null }) });
    await fc.assert(
      fc.asyncProperty(invoice, fc.boolean(), async (values, fromOrder) => {
        const row = { ...ERP.invoice1, ...values, SalesOrderNumber: fromOrder ? 'SO-001' : null };
        const out = await mirrorRow(headers, 'erp', row, replica());
        expect(out?.key).toEqual({ msdyn_company: G.usmf, invoicenumber: 'INV-001' });
        expect(out?.values).toMatchObject({
          totalamount: values.TotalInvoiceAmount,
          discountamount: values.TotalDiscountAmount,
          totaltax: values.TotalTaxAmount,
          msdyn_invoicedate: values.InvoiceDate,
          duedate: values.DueDate,
          customerid: G.us001,
          salesorderid: fromOrder ? G.salesOrder1 : null,
          transactioncurrencyid: G.usd,
        });
      }),
    );
    const line = fc.record({ InvoicedQuantity: decimalWithScale(6), SalesPrice: decimalWithScale(10), LineAmount: decimalWithScale(4) });
    await fc.assert(
      fc.asyncProperty(line, async (values) => {
        const out = await mirrorRow(lines, 'erp', { ...ERP.invoiceLine1, ...values }, replica());
        expect(out?.values).toMatchObject({ quantity: values.InvoicedQuantity, priceperunit: values.SalesPrice, extendedamount: values.LineAmount, invoiceid: G.invoice1, productid: G.product1, uomid: G.ea });
      }),
    );
    await expect(mirrorRow(headers, 'erp', { ...ERP.invoice1, TotalInvoiceAmount: '103.68001' }, replica())).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
    await expect(mirrorRow(lines, 'erp', { ...ERP.invoiceLine1, LineAmount: '96.00001' }, replica())).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
    await expect(mirrorRow(lines, 'erp', { ...ERP.invoiceLine1, InvoicedQuantity: '8.0000001' }, replica())).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
  });

  it('price-lists and price-list-items: random prices (10 decimals), quantity breaks and periods arrive in the CRM exactly, one way', async () => {
    const items = mapById('price-list-items');
    const line = fc.record({ Price: decimalWithScale(10), QuantityFrom: decimalWithScale(6), QuantityTo: decimalWithScale(6), ValidFrom: day, ValidTo: fc.option(day, { nil: '2154-12-31' }), AccountCode: fc.constantFrom('Table', 'Group', 'All') });
    await fc.assert(
      fc.asyncProperty(line, async (values) => {
        const out = await mirrorRow(items, 'erp', { ...ERP.priceItem1, ...values }, replica());
        expect(out?.key).toEqual({ msdyn_company: G.usmf, msdyn_agreementlineid: 'PA-001' });
        expect(out?.values).toMatchObject({
          amount: values.Price,
          msdyn_quantityfrom: values.QuantityFrom,
          msdyn_quantityto: values.QuantityTo,
          msdyn_validfrom: values.ValidFrom,
          msdyn_validto: values.ValidTo === '2154-12-31' ? null : values.ValidTo,
          msdyn_accountcode: { Table: 192350000, Group: 192350001, All: 192350002 }[values.AccountCode],
          pricelevelid: G.priceList1,
          productid: G.product1,
        });
      }),
    );
    await expect(mirrorRow(items, 'erp', { ...ERP.priceItem1, Price: '1.00000000001' }, replica())).rejects.toMatchObject({ code: 'MAP_PRECISION_LOSS' });
    const list = await mirrorRow(mapById('price-lists'), 'erp', ERP.priceList1, replica());
    expect(list?.values).toMatchObject({ name: 'PL-001', transactioncurrencyid: G.usd, begindate: '2025-01-01', enddate: null });
  });

  it('one-way maps (units, products, exchange rates, invoices, price lists) never write the ERP', async () => {
    const source = replica();
    for (const [id, row] of [['units', CRM.ea], ['products', CRM.product1], ['exchange-rates', CRM.rate1], ['invoices', CRM.invoice1], ['invoice-lines', CRM.invoiceLine1], ['price-lists', CRM.priceList1], ['price-list-items', CRM.priceItem1]] as const) {
      const map = STANDARD_MAPS.find((m) => m.id === id);
      if (map === undefined) throw new Error(`no ${id}`);
      expect(map.oneWay, id).toBe('erp-to-crm');
      expect(await mirrorRow(map, 'crm', row, source), id).toBeNull();
    }
  });
});
