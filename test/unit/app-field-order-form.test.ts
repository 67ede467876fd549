/** The order entry form's state (src/app/orders): prices, unit conversion, exact totals, refusals on the field. */
import { describe, expect, it } from 'vitest';
import type { CreatedSalesDocument, NewSalesDocument, OrderSetup, ProductPage, ProductSummary, Result, SalesPriceAnswer, SalesPriceInput } from '../../src/engine/api.ts';
import { OrderForm } from '../../src/app/orders/order-form.svelte.ts';
import { conversionNote, errorTarget, listPriceIn, unitProblem } from '../../src/app/orders/order-lines.ts';

const SETUP: OrderSetup = {
  accountid: 'a-1',
  accountName: 'Barrows Inc',
  company: 'usmf',
  customerAccount: 'US-000001',
  currency: 'USD',
  currencyScale: 2,
  units: [
    { value: 'box', label: 'box — Box' },
    { value: 'ea', label: 'ea — Each' },
    { value: 'kg', label: 'kg — Kilogram' },
  ],
  conversions: [{ FromUnitSymbol: 'box', ToUnitSymbol: 'ea', Factor: '12', Numerator: 12, Denominator: 1 }],
};

const product = (itemNumber: string, price: string): ProductSummary => ({ company: 'usmf', itemNumber, name: `Product ${itemNumber}`, type: 'Item', unit: 'ea', price, onHand: '10', available: '8', warehouses: [] });

function source(options: { agreements?: Record<string, string>; answer?: Result<CreatedSalesDocument> } = {}) {
  const sent: NewSalesDocument[] = [];
  const asked: SalesPriceInput[] = [];
  return {
    sent,
    asked,
    orderSetup: async () => SETUP,
    products: async (): Promise<ProductPage> => ({ rows: [product('P-1', '2.5')], total: 1, asOf: null, ageSeconds: null, online: false }),
    salesPrice: async (input: SalesPriceInput): Promise<Result<SalesPriceAnswer>> => {
      asked.push(input);
      const price = options.agreements?.[`${input.ItemNumber}|${input.UnitSymbol}`] ?? null;
      return { ok: true, value: { Price: price, LineAmount: null, AgreementLineId: null, PriceListId: null, AccountCode: null, source: 'local', asOf: null, ageSeconds: 60 } };
    },
    createSalesDocument: async (input: NewSalesDocument): Promise<Result<CreatedSalesDocument>> => {
      sent.push(input);
      return options.answer ?? { ok: true, value: { kind: input.kind, company: 'usmf', number: 'SO-1', total: '0' } };
    },
  };
}

describe('order form', () => {
  it('prices a line from the customer’s agreement, else from the list price in the line’s unit, and totals exactly', async () => {
    const src = source({ agreements: { 'P-1|ea': '2.45' } });
    const form = new OrderForm(src, 'a-1', 'order', '2026-11-22');
    await form.load();
    await form.add(product('P-1', '2.5'));
    expect(form.lines[0]).toMatchObject({ unitPrice: '2.45', priceSource: 'local', unit: 'ea', quantity: '1' });
    expect(src.asked[0]).toMatchObject({ dataAreaId: 'usmf', CustomerAccount: 'US-000001', ItemNumber: 'P-1', Quantity: '1', UnitSymbol: 'ea', CurrencyCode: 'USD', Date: '2026-11-22' });
    form.setUnit(0, 'box');
    await form.reprice(0);
    expect(form.lines[0]).toMatchObject({ unitPrice: '30', priceSource: 'list' }); // no agreement per box: 12 × 2.5
    expect(form.conversion(0)).toBe('= 12 ea');
    form.setQuantity(0, '3');
    await form.add(product('P-2', '0.1'));
    form.setQuantity(1, '3');
    expect(form.amount(0)).toBe('90');
    expect(form.amount(1)).toBe('0.3');
    expect(form.totals).toEqual({ ok: true, totals: { lines: ['90', '0.3'], subtotal: '90.3', total: '90.3' } });
  });

  it('keeps a price typed while the engine was being asked for one', async () => {
    const form = new OrderForm(source(), 'a-1', 'order');
    await form.load();
    await form.add(product('P-1', '2.5'));
    const asking = form.reprice(0); // no agreement: it would fall back to the list price
    form.setPrice(0, '9.99');
    await asking;
    expect(form.lines[0]).toMatchObject({ unitPrice: '9.99', priceSource: 'manual' });
  });

  it('keeps a price the agent typed, and checks quantity and price next to the field', async () => {
    const form = new OrderForm(source(), 'a-1', 'order');
    await form.load();
    await form.add(product('P-1', '2.5'));
    form.setPrice(0, '2.4');
    form.setUnit(0, 'box');
    await form.reprice(0);
    expect(form.lines[0]).toMatchObject({ unitPrice: '2.4', priceSource: 'manual' });
    form.setQuantity(0, '1.1234567');
    expect(form.lineError(0, 'quantity')).toBe('At most 6 digits after the dot');
    form.setUnit(0, 'kg');
    expect(form.lineError(0, 'unit')).toBe('There is no conversion between kg and ea.');
    form.setPrice(0, 'abc');
    expect(form.lineError(0, 'unitPrice')).toMatch(/digits/);
    expect(form.totals.ok).toBe(false);
  });

  it('sends the lines as typed, and shows the engine’s refusal on the line and field it names', async () => {
    const refused: Result<CreatedSalesDocument> = { ok: false, error: { code: 'MAP_TOO_LONG', message: 'Unit too long', details: { mapId: 'sales-order-lines', field: 'SalesUnitSymbol', line: 1 } } };
    const src = source({ answer: refused });
    const form = new OrderForm(src, 'a-1', 'quote');
    await form.load();
    await form.submit();
    expect(form.headerRejections.lines).toBe('Add at least one product.');
    await form.add(product('P-1', '2.5'));
    await form.add(product('P-2', '3'));
    form.requestedDate = '2026-12-01';
    form.name = ' Spring ';
    await form.submit();
    expect(src.sent[0]).toEqual({ kind: 'quote', accountid: 'a-1', requestedDate: '2026-12-01', name: 'Spring', lines: [expect.objectContaining({ itemNumber: 'P-1', quantity: '1', unit: 'ea', unitPrice: '2.5' }), expect.objectContaining({ itemNumber: 'P-2' })] });
    expect(form.lineError(1, 'unit')).toBe('Unit too long');
    expect(form.created).toBeNull();
    form.setQuantity(0, '2'); // a change clears the engine's last refusal
    expect(form.lineError(1, 'unit')).toBe('');
  });
});

describe('order line helpers', () => {
  const conversions = SETUP.conversions;
  it('converts and explains units', () => {
    expect(conversionNote('2', 'box', 'ea', conversions)).toBe('= 24 ea');
    expect(conversionNote('x', 'box', 'ea', conversions)).toBe('1 box = 12 ea');
    expect(conversionNote('2', 'ea', 'ea', conversions)).toBeNull();
    expect(listPriceIn('2.5', 'box', 'ea', conversions)).toEqual({ ok: true, price: '30' });
    expect(listPriceIn('2.5', 'kg', 'ea', conversions)).toMatchObject({ ok: false });
    expect(unitProblem('ea', 'ea', conversions)).toBe('');
  });

  it('puts an engine error on a line field, a header field, or the form', () => {
    expect(errorTarget({ code: 'X', message: '', details: { field: 'OrderedSalesQuantity', line: 0 } })).toEqual({ line: 0, field: 'quantity' });
    expect(errorTarget({ code: 'X', message: '', details: { field: 'priceperunit', line: 2 } })).toEqual({ line: 2, field: 'unitPrice' });
    expect(errorTarget({ code: 'X', message: '', details: { field: 'RequestedShippingDate' } })).toEqual({ line: null, field: 'requestedDate' });
    expect(errorTarget({ code: 'X', message: '', details: { field: 'customerid' } })).toEqual({ line: null, field: 'account' });
    expect(errorTarget({ code: 'X', message: '' })).toEqual({ line: null, field: 'form' });
  });
});
