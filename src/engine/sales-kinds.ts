/**
 * Orders and quotes have the same shape in the ERP under different names: a header per
 * company and number, lines per number and line number. One table of the names, so reads
 * and writes handle both the same way (the sales-orders / sales-quotes maps and their line
 * maps carry header and lines both ways; totals and line amounts one way, ERP → CRM).
 */
import type { SalesDocumentKind } from './field-types.ts';

export interface SalesKind {
  readonly headerSet: string;
  readonly lineSet: string;
  readonly number: string;
  readonly customer: string;
  readonly status: string;
  readonly total: string;
  readonly quantity: string;
  /** Number prefix of documents entered on a tablet. */
  readonly prefix: string;
  readonly label: string;
}

export const SALES_KINDS: Readonly<Record<SalesDocumentKind, SalesKind>> = {
  order: {
    headerSet: 'SalesOrderHeaders',
    lineSet: 'SalesOrderLines',
    number: 'SalesOrderNumber',
    customer: 'OrderingCustomerAccountNumber',
    status: 'SalesOrderProcessingStatus',
    total: 'OrderTotalAmount',
    quantity: 'OrderedSalesQuantity',
    prefix: 'SO',
    label: 'Sales order',
  },
  quote: {
    headerSet: 'SalesQuotationHeadersV2',
    lineSet: 'SalesQuotationLinesV2',
    number: 'SalesQuotationNumber',
    customer: 'RequestingCustomerAccountNumber',
    status: 'SalesQuotationStatus',
    total: 'QuotationTotalAmount',
    quantity: 'RequestedSalesQuantity',
    prefix: 'SQ',
    label: 'Quote',
  },
};
