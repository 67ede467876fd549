import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, decimal, lookup } from './build.ts';

/**
 * Sales invoice lines (invoicedetails), per company, one way ERP → CRM (§4 "Sales invoice
 * lines V2"). The invoice number and line number are the integration key; the invoice
 * number also resolves the CRM invoice lookup. The product (through the one-way products
 * map), the quantity (6 decimals), the unit and the unit price (10 decimals) are copied
 * exactly; the line amount goes to the CRM's 4 decimals (more is refused, never rounded).
 */
export const invoiceLines: TableMap = {
  id: 'invoice-lines',
  name: 'Sales invoice lines (invoicedetails)',
  version: '1.0.0.0',
  erp: { set: 'SalesInvoiceLines' },
  crm: { set: 'invoicedetails' },
  keys: [COMPANY_KEY, { erp: 'InvoiceNumber', crm: 'msdyn_invoicenumber' }, { erp: 'LineNumber', crm: 'msdyn_linenumber' }],
  fields: [
    lookup('InvoiceNumber', 'invoiceid', 'invoices', { direction: 'erp-to-crm' }),
    lookup('ItemNumber', 'productid', 'products', { direction: 'erp-to-crm' }),
    copy('InvoicedQuantity', 'quantity', decimal(6, 6), { direction: 'erp-to-crm' }),
    lookup('SalesUnitSymbol', 'uomid', 'units', { direction: 'erp-to-crm' }),
    copy('SalesPrice', 'priceperunit', decimal(10, 10), { direction: 'erp-to-crm' }),
    copy('LineAmount', 'extendedamount', decimal(6, 4), { direction: 'erp-to-crm' }),
  ],
  dependsOn: ['companies', 'invoices', 'products', 'units'],
  conflict: 'server-wins',
  oneWay: 'erp-to-crm',
};
