import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, dateRule, decimal, lookup } from './build.ts';

/**
 * Sales invoice headers (invoices), per company, one way ERP → CRM (§4 "Sales invoice
 * headers V2"): invoices are posted in the ERP; the CRM shows them and never edits them.
 * The invoice number is the integration key; the customer (an account lookup through
 * customers-accounts), the sales order it bills (a lookup through sales-orders; empty for a
 * free-text invoice), the invoice and due dates and the currency are copied, and the
 * totals go from 6 decimals to the CRM's 4 exactly (a 5th or 6th is refused, never
 * rounded).
 */
export const invoices: TableMap = {
  id: 'invoices',
  name: 'Sales invoice headers (invoices)',
  version: '1.0.0.0',
  erp: { set: 'SalesInvoiceHeadersV2' },
  crm: { set: 'invoices' },
  keys: [COMPANY_KEY, { erp: 'InvoiceNumber', crm: 'invoicenumber' }],
  fields: [
    lookup('InvoiceCustomerAccountNumber', 'customerid', 'customers-accounts', { direction: 'erp-to-crm' }),
    lookup('SalesOrderNumber', 'salesorderid', 'sales-orders', { direction: 'erp-to-crm' }),
    copy('InvoiceDate', 'msdyn_invoicedate', dateRule(), { direction: 'erp-to-crm' }),
    copy('DueDate', 'duedate', dateRule(), { direction: 'erp-to-crm' }),
    lookup('CurrencyCode', 'transactioncurrencyid', 'currencies', { direction: 'erp-to-crm' }),
    copy('TotalInvoiceAmount', 'totalamount', decimal(6, 4), { direction: 'erp-to-crm' }),
    copy('TotalDiscountAmount', 'discountamount', decimal(6, 4), { direction: 'erp-to-crm' }),
    copy('TotalTaxAmount', 'totaltax', decimal(6, 4), { direction: 'erp-to-crm' }),
  ],
  dependsOn: ['companies', 'customers-accounts', 'sales-orders', 'currencies'],
  conflict: 'server-wins',
  oneWay: 'erp-to-crm',
};
