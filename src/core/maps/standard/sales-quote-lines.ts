import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, decimal, lookup, text } from './build.ts';

/**
 * Sales quotation lines (quotedetails), per company (§4 "CDS sales quotation lines"). The
 * quotation number and line number are the integration key; the quotation number also
 * resolves the CRM quote lookup (one way: the ERP reads it from the key). The product
 * (through the one-way products map), the description, the quantity (6 decimals), the unit
 * and the unit price (10 decimals) travel both ways; the line amount is computed in the ERP
 * and travels one way, ERP → CRM, to the CRM's 4 decimals (more is refused, never rounded).
 */
export const salesQuoteLines: TableMap = {
  id: 'sales-quote-lines',
  name: 'Sales quotation lines (quotedetails)',
  version: '1.0.0.0',
  erp: { set: 'SalesQuotationLinesV2' },
  crm: { set: 'quotedetails' },
  keys: [COMPANY_KEY, { erp: 'SalesQuotationNumber', crm: 'msdyn_quotenumber' }, { erp: 'LineNumber', crm: 'msdyn_linenumber' }],
  fields: [
    lookup('SalesQuotationNumber', 'quoteid', 'sales-quotes', { direction: 'erp-to-crm' }),
    lookup('ItemNumber', 'productid', 'products', { required: 'erp' }),
    copy('LineDescription', 'description', text(1000, 2000)),
    copy('RequestedSalesQuantity', 'quantity', decimal(6, 6)),
    lookup('SalesUnitSymbol', 'uomid', 'units'),
    copy('SalesPrice', 'priceperunit', decimal(10, 10)),
    copy('LineAmount', 'extendedamount', decimal(6, 4), { direction: 'erp-to-crm' }),
  ],
  dependsOn: ['companies', 'sales-quotes', 'products', 'units'],
  conflict: 'server-wins',
};
