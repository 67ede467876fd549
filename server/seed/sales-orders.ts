/**
 * Sales order headers and lines per company, and the CRM rows the sales-orders /
 * sales-order-lines maps make of them (salesorders, salesorderdetails), as if dual-write
 * had been running.
 *
 * Order `index` belongs to a head-office customer (the first hubCount(n) of a company:
 * always organisations mirrored in the CRM), in the company's currency, and has
 * 1 + index % 3 lines (sales-documents.ts: whole quantities at prices in cents, so every
 * amount has at most 2 decimals and fits the CRM's 4).
 *
 * One side only, per company: the last order exists in the ERP only (just entered: no lines
 * yet, totals 0; its references all exist in the CRM).
 */
import { SALES_ORDER_STATUS } from '../schema/erp.ts';
import type { Company } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import { hubCount } from './customer-facts.ts';
import { accountNumber } from './customers.ts';
import { rowNumber, rowRng } from './random.ts';
import type { GeneratedDocument, SalesDocumentPlan } from './sales-documents.ts';
import { companyAt, crmHeaderFields, crmLineFields, DAY, erpLineFields, generateLines, generateTotals, headerPair, STATUS_BASE, statusIndex } from './sales-documents.ts';
import type { SeedRow } from './sink.ts';
import { isoAt, pad } from './text.ts';

const STREETS = ['Main Street', 'Station Road', 'Harbour Lane', 'Park Avenue', 'Mill Road'] as const;
const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Hillview', 'Fairfield'] as const;

export const salesOrderNumber = (company: Company, index: number): string => `${company.prefix}-SO${pad(index + 1, 6)}`;
/** The head-office customer (index) order `index` belongs to. */
export const orderCustomer = (p: SalesDocumentPlan, index: number): number => index % hubCount(p.customers);

export function generateSalesOrder(ctx: SeedContext, p: SalesDocumentPlan, c: number, index: number): GeneratedDocument {
  const company = companyAt(c);
  const rng = rowRng(ctx.seed, STREAM.salesOrder, rowNumber(c, index));
  const number = salesOrderNumber(company, index);
  const customer = orderCustomer(p, index);
  const { lines, net } = generateLines(ctx, rng, p, c, index, (line) => ({
    erp: { ...erpLineFields(company, line), SalesOrderNumber: number, OrderedSalesQuantity: line.quantity },
    crm: {
      ...crmLineFields(ctx, c, line),
      salesorderdetailid: ctx.ids.salesOrderLine(c, index, line.number - 1),
      msdyn_salesordernumber: number,
      salesorderid: ctx.ids.salesOrder(c, index),
    },
  }));
  const totals = generateTotals(rng, net);
  const status = statusIndex(rng, SALES_ORDER_STATUS.length);
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
    OrderTotalAmount: totals.total,
    TotalDiscountAmount: totals.discount,
    OrderTotalTaxAmount: totals.tax,
  };
  const erpOnly = index === p.documents - 1;
  const crm: SeedRow | null = erpOnly
    ? null
    : {
        ...crmHeaderFields(ctx, c, customer, totals),
        salesorderid: ctx.ids.salesOrder(c, index),
        msdyn_salesordernumber: number,
        requestdeliveryby: erp['RequestedShippingDate'],
        shipto_line1: erp['DeliveryAddressStreet'],
        shipto_city: erp['DeliveryAddressCity'],
        shipto_postalcode: erp['DeliveryAddressZipCode'],
        msdyn_processingstatus: STATUS_BASE + status,
        msdyn_ordertype: 192350000,
      };
  return { header: headerPair(ctx, rng, erp, crm), lines };
}
