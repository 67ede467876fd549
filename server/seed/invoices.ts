/**
 * Posted sales invoice headers and lines per company, and the CRM rows the invoices /
 * invoice-lines maps make of them (invoices, invoicedetails), as if dual-write had been
 * running.
 *
 * Invoice `index` bills the lines of sales order `index` in full (the same products,
 * quantities, prices, amounts and totals), for every order that has lines: all but the
 * company's last. Every third invoice (index % 3 === 1) is a free-text invoice that names
 * no order, so its CRM invoice has no sales order either. Invoices are dated in the
 * 60 days before `now` and due 30 days later. Every invoice is on both sides.
 */
import type { Company } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import type { Pair } from './field-service.ts';
import { rowNumber, rowRng } from './random.ts';
import type { GeneratedDocument, SalesDocumentPlan } from './sales-documents.ts';
import { companyAt, DAY, headerPair } from './sales-documents.ts';
import { generateSalesOrder } from './sales-orders.ts';
import type { SeedRow } from './sink.ts';
import { isoAt, pad } from './text.ts';
import { mirroredTimes, rowTimes } from './times.ts';

/** Fields an invoice line has under the same name as its order line. */
const ERP_LINE_FIELDS = ['dataAreaId', 'LineNumber', 'ItemNumber', 'SalesUnitSymbol', 'SalesPrice', 'LineAmount'] as const;
const CRM_LINE_FIELDS = ['msdyn_linenumber', 'msdyn_company', 'productid', 'quantity', 'uomid', 'priceperunit', 'extendedamount'] as const;
const CRM_HEADER_FIELDS = ['msdyn_company', 'customerid', 'transactioncurrencyid', 'totalamount', 'discountamount', 'totaltax'] as const;

export const invoiceNumber = (company: Company, index: number): string => `${company.prefix}-INV${pad(index + 1, 6)}`;
/** Invoices of a company with `orders` sales orders: one per order that has lines. */
export const invoiceCount = (orders: number): number => Math.max(0, orders - 1);

const pick = (row: SeedRow, fields: readonly string[]): SeedRow => Object.fromEntries(fields.map((f) => [f, row[f]]));

export function generateInvoice(ctx: SeedContext, p: SalesDocumentPlan, c: number, index: number): GeneratedDocument {
  const company = companyAt(c);
  const order = generateSalesOrder(ctx, p, c, index);
  const orderCrm = order.header.crm?.row;
  if (!orderCrm) throw new Error(`Seed: invoice ${index} of ${company.id} bills an ERP-only order`);
  const rng = rowRng(ctx.seed, STREAM.invoice, rowNumber(c, index));
  const number = invoiceNumber(company, index);
  const freeText = index % 3 === 1;
  const lines = order.lines.map((line, l): Pair => {
    const erp: SeedRow = { ...pick(line.erp.row, ERP_LINE_FIELDS), InvoiceNumber: number, InvoicedQuantity: line.erp.row['OrderedSalesQuantity'] };
    const times = rowTimes(rng, ctx.now);
    if (!line.crm) return { erp: { row: erp, times }, crm: null };
    const crm: SeedRow = { ...pick(line.crm.row, CRM_LINE_FIELDS), invoicedetailid: ctx.ids.invoiceLine(c, index, l), msdyn_invoicenumber: number, invoiceid: ctx.ids.invoice(c, index) };
    return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
  });
  const orderErp = order.header.erp.row;
  const invoiced = ctx.now - rng.int(1, 60) * DAY;
  const erp: SeedRow = {
    dataAreaId: company.id,
    InvoiceNumber: number,
    InvoiceCustomerAccountNumber: orderErp['OrderingCustomerAccountNumber'],
    SalesOrderNumber: freeText ? null : orderErp['SalesOrderNumber'],
    InvoiceDate: isoAt(invoiced).slice(0, 10),
    DueDate: isoAt(invoiced + 30 * DAY).slice(0, 10),
    CurrencyCode: orderErp['CurrencyCode'],
    TotalInvoiceAmount: orderErp['OrderTotalAmount'],
    TotalDiscountAmount: orderErp['TotalDiscountAmount'],
    TotalTaxAmount: orderErp['OrderTotalTaxAmount'],
  };
  const crm: SeedRow = {
    ...pick(orderCrm, CRM_HEADER_FIELDS),
    invoiceid: ctx.ids.invoice(c, index),
    invoicenumber: number,
    salesorderid: freeText ? null : orderCrm['salesorderid'],
    msdyn_invoicedate: erp['InvoiceDate'],
    duedate: erp['DueDate'],
  };
  return { header: headerPair(ctx, rng, erp, crm), lines };
}
