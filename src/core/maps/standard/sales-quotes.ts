import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, dateRule, decimal, lookup, text, valueMap } from './build.ts';

/** Sales quotation status ↔ msdyn_quotationstatus (one-to-one). */
export const SALES_QUOTATION_STATUS: readonly (readonly [string, number])[] = [
  ['Created', 192350000],
  ['Sent', 192350001],
  ['Confirmed', 192350002],
  ['Lost', 192350003],
  ['Cancelled', 192350004],
];

/**
 * Sales quotation headers (quotes), per company (§4 "CDS sales quotation header"). The
 * quotation number is the integration key; the customer (an account lookup through
 * customers-accounts), the currency, the name, the requested delivery and expiry dates and
 * the status (a value map) travel both ways. The totals are computed in the ERP and travel
 * one way, ERP → CRM, from 6 decimals to the CRM's 4 (a 5th or 6th is refused, never
 * rounded).
 */
export const salesQuotes: TableMap = {
  id: 'sales-quotes',
  name: 'Sales quotation headers (quotes)',
  version: '1.0.0.0',
  erp: { set: 'SalesQuotationHeadersV2' },
  crm: { set: 'quotes' },
  keys: [COMPANY_KEY, { erp: 'SalesQuotationNumber', crm: 'quotenumber' }],
  fields: [
    lookup('RequestingCustomerAccountNumber', 'customerid', 'customers-accounts', { required: 'erp' }),
    lookup('CurrencyCode', 'transactioncurrencyid', 'currencies', { required: 'erp' }),
    copy('SalesQuotationName', 'name', text(60, 300)),
    copy('RequestedShippingDate', 'requestdeliveryby', dateRule()),
    copy('SalesQuotationExpiryDate', 'effectiveto', dateRule()),
    valueMap('SalesQuotationStatus', 'msdyn_quotationstatus', SALES_QUOTATION_STATUS),
    copy('QuotationTotalAmount', 'totalamount', decimal(6, 4), { direction: 'erp-to-crm' }),
    copy('TotalDiscountAmount', 'discountamount', decimal(6, 4), { direction: 'erp-to-crm' }),
    copy('TotalTaxAmount', 'totaltax', decimal(6, 4), { direction: 'erp-to-crm' }),
  ],
  dependsOn: ['companies', 'customers-accounts', 'currencies'],
  conflict: 'server-wins',
};
