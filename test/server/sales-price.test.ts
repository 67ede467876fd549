/**
 * The ERP's on-demand price, POST /erp/data/CalculateSalesPrice, against the real server:
 * signed-in users only, within their companies, the most specific agreement line wins,
 * decimals exact to the last place, and bad input answered 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
let group: string;
let other: string;
const ACTION = `${ERP}/CalculateSalesPrice`;

const line = (AgreementLineId: string, extra: Record<string, unknown>) => ({
  dataAreaId: 'usmf',
  AgreementLineId,
  PriceListId: 'US-BASE',
  ItemNumber: 'P-PRICE',
  CurrencyCode: 'USD',
  ValidFrom: '2020-01-01',
  ...extra,
});
const ask = (extra: Record<string, unknown> = {}) => ({ dataAreaId: 'usmf', CustomerAccount: 'US-000001', ItemNumber: 'P-PRICE', Quantity: '3.000001', UnitSymbol: 'ea', CurrencyCode: 'USD', Date: '2026-06-01', ...extra });

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'tiny' });
  const write = async (path: string, body: unknown) => expect((await server.request('POST', path, { as: 'backoffice', body })).status).toBe(201);
  group = (await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='US-000001')`)).body.CustomerGroupId;
  const filter = encodeURIComponent(`dataAreaId eq 'usmf' and CustomerGroupId ne '${group}'`);
  other = (await server.request('GET', `${ERP}/CustomersV3?$filter=${filter}&$top=1`)).body.value[0].CustomerAccount;
  await write(`${ERP}/ReleasedProducts`, { dataAreaId: 'usmf', ItemNumber: 'P-PRICE', ProductName: 'Priced by agreement', SalesUnitSymbol: 'ea' });
  await write(`${ERP}/SalesPriceAgreements`, line('T-ALL', { AccountCode: 'All', Price: '12.3456789012' }));
  await write(`${ERP}/SalesPriceAgreements`, line('T-BREAK', { AccountCode: 'All', UnitSymbol: 'ea', QuantityFrom: '10', Price: '10.5' }));
  await write(`${ERP}/SalesPriceAgreements`, line('T-GROUP', { AccountCode: 'Group', AccountRelation: group, PriceListId: 'US-KEY', Price: '11.0000000001', ValidTo: '2027-01-01' }));
  await write(`${ERP}/SalesPriceAgreements`, line('T-TABLE', { AccountCode: 'Table', AccountRelation: 'US-000001', PriceListId: 'US-KEY', Price: '9.9999999999', ValidFrom: '2027-01-01' }));
  await write(`${ERP}/SalesPriceAgreements`, line('T-EUR', { AccountCode: 'Table', AccountRelation: 'US-000001', CurrencyCode: 'EUR', Price: '1' }));
});
afterAll(() => server.stop());

const price = async (body: unknown, as = 'agent.usmf') => server.request('POST', ACTION, { as, body });

describe('CalculateSalesPrice', () => {
  it('answers the most specific line, exactly: group before all, a customer line from its start date, a quantity break for others', async () => {
    const cases: [Record<string, unknown>, string, string, string][] = [
      [{}, 'T-GROUP', '11.0000000001', '33.0000110003000001'],
      [{ Quantity: '10' }, 'T-GROUP', '11.0000000001', '110.000000001'],
      [{ Date: '2027-01-01' }, 'T-TABLE', '9.9999999999', '30.0000099996999999'],
      [{ CustomerAccount: other, Quantity: '9.999999' }, 'T-ALL', '12.3456789012', '123.4567766663210988'],
      [{ CustomerAccount: other, Quantity: '10' }, 'T-BREAK', '10.5', '105'],
    ];
    for (const [extra, id, unitPrice, amount] of cases) {
      const reply = await price(ask(extra));
      expect(reply.status, reply.text).toBe(200);
      expect([reply.body.AgreementLineId, reply.body.Price, reply.body.LineAmount], JSON.stringify(extra)).toEqual([id, unitPrice, amount]);
    }
    expect((await price(ask())).body).toMatchObject({ PriceListId: 'US-KEY', AccountCode: 'Group', Quantity: '3.000001', CustomerAccount: 'US-000001' });
  });

  it('answers no price when no line applies (another unit, before every line)', async () => {
    expect((await price(ask({ CustomerAccount: other, UnitSymbol: 'box', Quantity: '10' }))).body).toMatchObject({ AgreementLineId: 'T-ALL' });
    expect((await price(ask({ Date: '2019-12-31' }))).body).toMatchObject({ Price: null, LineAmount: null, AgreementLineId: null });
  });

  it('needs a token, and a company the user is granted', async () => {
    const anonymous = await fetch(`${server.url}${ACTION}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ask()) });
    expect(anonymous.status).toBe(401);
    const foreign = await price(ask({ dataAreaId: 'demf', CustomerAccount: 'DE-000001' }));
    expect([foreign.status, foreign.body.error.code, foreign.body.error.target]).toEqual([403, 'Forbidden', 'dataAreaId']);
    expect((await price(ask(), 'backoffice')).status).toBe(200);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a quantity sent as a JSON number', { Quantity: 2.5 }, 'Quantity'],
    ['a zero quantity', { Quantity: '0' }, 'Quantity'],
    ['a 7th decimal', { Quantity: '1.0000001' }, 'Quantity'],
    ['an impossible date', { Date: '2026-02-30' }, 'Date'],
    ['a missing item', { ItemNumber: undefined }, 'ItemNumber'],
    ['a currency code too long', { CurrencyCode: 'DOLLAR' }, 'CurrencyCode'],
    ['an unknown field', { Discount: '5' }, 'Discount'],
    ['an unknown customer', { CustomerAccount: 'US-NOBODY' }, 'CustomerAccount'],
  ])('400 naming the field: %s', async (_, extra, field) => {
    const reply = await price(ask(extra));
    expect([reply.status, reply.body.error.target], reply.text).toEqual([400, field]);
    expect(reply.body.error.message).toContain(field);
  });

  it('takes POST only', async () => {
    const reply = await server.request('GET', ACTION, { as: 'agent.usmf' });
    expect([reply.status, reply.headers.get('allow')]).toEqual([405, 'POST']);
  });
});
