/**
 * Sales order headers and lines per company, and the CRM rows the sales-orders /
 * sales-order-lines maps make of them (salesorders, salesorderdetails), as if dual-write
 * had been running.
 *
 * Order `index` belongs to a head-office customer (the first hubCount(n) of a company:
 * always organisations mirrored in the CRM), in the company's currency, and has
 * 1 + index % 3 lines. Lines sell released products in their sales unit, whole quantities
 * at prices in cents, so that every amount (line amounts, discount, tax and total) has at
 * most 2 decimals and fits the CRM's 4.
 *
 * One side only, per company: the last order exists in the ERP only (just entered: no lines
 * yet, totals 0; its references all exist in the CRM).
 */
import { SALES_ORDER_STATUS } from '../schema/erp.ts';
import type { Company } from './catalog.ts';
import { COMPANIES, CURRENCIES, UNITS } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import { hubCount } from './customer-facts.ts';
import { accountNumber } from './customers.ts';
import type { Pair } from './field-service.ts';
import { FIRST_ITEM_NUMBER, generateProduct } from './products.ts';
import { rowNumber, rowRng } from './random.ts';
import type { SeedRow } from './sink.ts';
import { decimalText, isoAt, pad } from './text.ts';
import { mirroredTimes, rowTimes } from './times.ts';

export interface SalesOrderPlan {
  /** Per company: customer count (decides the hubs), products, orders. */
  readonly customers: number;
  readonly products: number;
  readonly orders: number;
}

export interface GeneratedOrder {
  readonly header: Pair;
  readonly lines: readonly Pair[];
}

const DAY = 24 * 60 * 60_000;
const STATUS_BASE = 192350000;
const STREETS = ['Main Street', 'Station Road', 'Harbour Lane', 'Park Avenue', 'Mill Road'] as const;
const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Hillview', 'Fairfield'] as const;

export const salesOrderNumber = (company: Company, index: number): string => `${company.prefix}-SO${pad(index + 1, 6)}`;
/** Lines of order `index` of `orders`: 1 to 3, none for the last (ERP-only) one. */
export const lineCount = (index: number, orders: number): number => (index === orders - 1 ? 0 : 1 + (index % 3));
/** Lines of all `orders` orders of a company. */
export const linesOf = (orders: number): number => Array.from({ length: orders }, (_, i) => lineCount(i, orders)).reduce((a, b) => a + b, 0);

export function generateSalesOrder(ctx: SeedContext, p: SalesOrderPlan, c: number, index: number): GeneratedOrder {
  const company = COMPANIES[c] as Company;
  const rng = rowRng(ctx.seed, STREAM.salesOrder, rowNumber(c, index));
  const erpOnly = index === p.orders - 1;
  const number = salesOrderNumber(company, index);
  const customer = index % hubCount(p.customers);
  const currency = CURRENCIES.findIndex((x) => x.code === company.currency);
  const lines: Pair[] = [];
  let net = 0;
  for (let l = 0; l < lineCount(index, p.orders); l++) {
    const product = (index * 3 + l) % p.products;
    const unit = UNITS.findIndex((u) => u.symbol === generateProduct(ctx, c, product).erp.row.SalesUnitSymbol);
    const quantity = rng.int(1, 20);
    const cents = rng.int(99, 250_000);
    const amount = quantity * cents;
    net += amount;
    const erp: SeedRow = {
      dataAreaId: company.id,
      SalesOrderNumber: number,
      LineNumber: l + 1,
      ItemNumber: `P-${FIRST_ITEM_NUMBER + product}`,
      OrderedSalesQuantity: decimalText(quantity, 0),
      SalesUnitSymbol: UNITS[unit]?.symbol ?? null,
      SalesPrice: decimalText(cents, 2),
      LineAmount: decimalText(amount, 2),
    };
    const times = rowTimes(rng, ctx.now);
    const crm: SeedRow = {
      salesorderdetailid: ctx.ids.salesOrderLine(c, index, l),
      msdyn_salesordernumber: number,
      msdyn_linenumber: l + 1,
      msdyn_company: ctx.ids.company(c),
      salesorderid: ctx.ids.salesOrder(c, index),
      productid: ctx.ids.product(c, product),
      quantity: erp['OrderedSalesQuantity'],
      uomid: ctx.ids.uom(unit),
      priceperunit: erp['SalesPrice'],
      extendedamount: erp['LineAmount'],
    };
    lines.push({ erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } });
  }
  const discount = rng.chance(0.3) ? Math.floor(net / 20) : 0;
  const tax = Math.floor(((net - discount) * 8) / 100);
  const status = rng.chance(0.5) ? 0 : rng.int(1, SALES_ORDER_STATUS.length - 1);
  const erp: SeedRow = {
    dataAreaId: company.id,
    SalesOrderNumber: number,
    OrderingCustomerAccountNumber: accountNumber(company, customer),
    CurrencyCode: company.currency,
    RequestedShippingDate: isoAt(ctx.now + rng.int(1, 60) * DAY).slice(0, 10),
    DeliveryAddressStreet: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
    DeliveryAddressCity: rng.pick(CITIES),
    DeliveryAddressZipCode: pad(rng.int(10_000, 99_999), 5),
    SalesOrderProcessingStatus: SALES_ORDER_STATUS[status],
    OrderTotalAmount: decimalText(net - discount + tax, 2),
    TotalDiscountAmount: decimalText(discount, 2),
    OrderTotalTaxAmount: decimalText(tax, 2),
  };
  const times = rowTimes(rng, ctx.now);
  if (erpOnly) return { header: { erp: { row: erp, times }, crm: null }, lines };
  const crm: SeedRow = {
    salesorderid: ctx.ids.salesOrder(c, index),
    msdyn_salesordernumber: number,
    msdyn_company: ctx.ids.company(c),
    customerid: ctx.ids.account(c, customer),
    transactioncurrencyid: ctx.ids.currency(currency),
    requestdeliveryby: erp['RequestedShippingDate'],
    shipto_line1: erp['DeliveryAddressStreet'],
    shipto_city: erp['DeliveryAddressCity'],
    shipto_postalcode: erp['DeliveryAddressZipCode'],
    msdyn_processingstatus: STATUS_BASE + status,
    msdyn_ordertype: 192350000,
    totalamount: erp['OrderTotalAmount'],
    discountamount: erp['TotalDiscountAmount'],
    totaltax: erp['OrderTotalTaxAmount'],
  };
  return { header: { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } }, lines };
}
