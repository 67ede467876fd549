/**
 * Sales quotation headers and lines per company, and the CRM rows the sales-quotes /
 * sales-quote-lines maps make of them (quotes, quotedetails), as if dual-write had been
 * running.
 *
 * Quotation `index` is made for a head-office customer (always an organisation mirrored in
 * the CRM), in the company's currency, and has 1 + index % 3 lines priced like order lines
 * (sales-documents.ts); each line is described by its product's name.
 *
 * One side only, per company: the last quotation exists in the ERP only (just created: no
 * lines yet, totals 0; its references all exist in the CRM).
 */
import { SALES_QUOTATION_STATUS } from '../schema/erp.ts';
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

const NAMES = ['Office refit', 'Annual supplies', 'New branch fit-out', 'Replacement parts', 'Trade fair stand', 'Warehouse shelving'] as const;

export const salesQuotationNumber = (company: Company, index: number): string => `${company.prefix}-SQ${pad(index + 1, 6)}`;

export function generateSalesQuote(ctx: SeedContext, p: SalesDocumentPlan, c: number, index: number): GeneratedDocument {
  const company = companyAt(c);
  const rng = rowRng(ctx.seed, STREAM.salesQuote, rowNumber(c, index));
  const number = salesQuotationNumber(company, index);
  const customer = (index + 1) % hubCount(p.customers);
  const { lines, net } = generateLines(ctx, rng, p, c, index, (line) => ({
    erp: { ...erpLineFields(company, line), SalesQuotationNumber: number, LineDescription: line.productName, RequestedSalesQuantity: line.quantity },
    crm: {
      ...crmLineFields(ctx, c, line),
      quotedetailid: ctx.ids.salesQuoteLine(c, index, line.number - 1),
      msdyn_quotenumber: number,
      quoteid: ctx.ids.salesQuote(c, index),
      description: line.productName,
    },
  }));
  const totals = generateTotals(rng, net);
  const status = statusIndex(rng, SALES_QUOTATION_STATUS.length);
  const erp: SeedRow = {
    dataAreaId: company.id,
    SalesQuotationNumber: number,
    RequestingCustomerAccountNumber: accountNumber(company, customer),
    CurrencyCode: company.currency,
    SalesQuotationName: rng.pick(NAMES),
    RequestedShippingDate: isoAt(ctx.now + rng.int(15, 90) * DAY).slice(0, 10),
    SalesQuotationExpiryDate: isoAt(ctx.now + rng.int(1, 30) * DAY).slice(0, 10),
    SalesQuotationStatus: SALES_QUOTATION_STATUS[status],
    QuotationTotalAmount: totals.total,
    TotalDiscountAmount: totals.discount,
    TotalTaxAmount: totals.tax,
  };
  const erpOnly = index === p.documents - 1;
  const crm: SeedRow | null = erpOnly
    ? null
    : {
        ...crmHeaderFields(ctx, c, customer, totals),
        quoteid: ctx.ids.salesQuote(c, index),
        quotenumber: number,
        name: erp['SalesQuotationName'],
        requestdeliveryby: erp['RequestedShippingDate'],
        effectiveto: erp['SalesQuotationExpiryDate'],
        msdyn_quotationstatus: STATUS_BASE + status,
      };
  return { header: headerPair(ctx, rng, erp, crm), lines };
}
