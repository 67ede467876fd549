import type { TableMap } from '../types.ts';
import { COMPANY_KEY, constant, copy, dateRule, decimal, lookup, text, valueMap } from './build.ts';

/** Sales order processing status ↔ msdyn_processingstatus (one-to-one). */
export const SALES_ORDER_STATUS: readonly (readonly [string, number])[] = [
  ['None', 192350000],
  ['Backorder', 192350001],
  ['Delivered', 192350002],
  ['Invoiced', 192350003],
  ['Canceled', 192350004],
];

/**
 * Sales order headers (salesorders), per company (§4 "CDS sales order headers"). The order
 * number is the integration key; the customer (an account lookup through
 * customers-accounts), the currency, the requested date, the delivery address and the
 * processing status (a value map) travel both ways. The totals are computed in the ERP and
 * travel one way, ERP → CRM, from 6 decimals to the CRM's 4 (a 5th or 6th is refused, never
 * rounded). The CRM order type is always item-based (192350000).
 */
export const salesOrders: TableMap = {
  id: 'sales-orders',
  name: 'Sales order headers (salesorders)',
  version: '1.0.0.0',
  erp: { set: 'SalesOrderHeaders' },
  crm: { set: 'salesorders' },
  keys: [COMPANY_KEY, { erp: 'SalesOrderNumber', crm: 'msdyn_salesordernumber' }],
  fields: [
    lookup('OrderingCustomerAccountNumber', 'customerid', 'customers-accounts', { required: 'erp' }),
    lookup('CurrencyCode', 'transactioncurrencyid', 'currencies', { required: 'erp' }),
    copy('RequestedShippingDate', 'requestdeliveryby', dateRule()),
    copy('DeliveryAddressStreet', 'shipto_line1', text(250, 250)),
    copy('DeliveryAddressCity', 'shipto_city', text(60, 80)),
    copy('DeliveryAddressZipCode', 'shipto_postalcode', text(10, 20)),
    valueMap('SalesOrderProcessingStatus', 'msdyn_processingstatus', SALES_ORDER_STATUS),
    copy('OrderTotalAmount', 'totalamount', decimal(6, 4), { direction: 'erp-to-crm' }),
    copy('TotalDiscountAmount', 'discountamount', decimal(6, 4), { direction: 'erp-to-crm' }),
    copy('OrderTotalTaxAmount', 'totaltax', decimal(6, 4), { direction: 'erp-to-crm' }),
    constant('crm', 'msdyn_ordertype', 192350000),
  ],
  dependsOn: ['companies', 'customers-accounts', 'currencies'],
  conflict: 'server-wins',
};
