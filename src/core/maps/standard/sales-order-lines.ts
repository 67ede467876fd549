import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, decimal, lookup } from './build.ts';

/**
 * Sales order lines (salesorderdetails), per company (§4 "CDS sales order lines"). The
 * order number and line number are the integration key; the order number also resolves
 * the CRM order lookup (one way: the ERP reads it from the key). The product (through the
 * one-way products map), the quantity (6 decimals), the unit and the unit price
 * (10 decimals) travel both ways; the line amount is computed in the ERP and travels one
 * way, ERP → CRM, to the CRM's 4 decimals (more is refused, never rounded).
 */
export const salesOrderLines: TableMap = {
  id: 'sales-order-lines',
  name: 'Sales order lines (salesorderdetails)',
  version: '1.0.0.0',
  erp: { set: 'SalesOrderLines' },
  crm: { set: 'salesorderdetails' },
  keys: [COMPANY_KEY, { erp: 'SalesOrderNumber', crm: 'msdyn_salesordernumber' }, { erp: 'LineNumber', crm: 'msdyn_linenumber' }],
  fields: [
    lookup('SalesOrderNumber', 'salesorderid', 'sales-orders', { direction: 'erp-to-crm' }),
    lookup('ItemNumber', 'productid', 'products', { required: 'erp' }),
    copy('OrderedSalesQuantity', 'quantity', decimal(6, 6)),
    lookup('SalesUnitSymbol', 'uomid', 'units'),
    copy('SalesPrice', 'priceperunit', decimal(10, 10)),
    copy('LineAmount', 'extendedamount', decimal(6, 4), { direction: 'erp-to-crm' }),
  ],
  dependsOn: ['companies', 'sales-orders', 'products', 'units'],
  conflict: 'server-wins',
};
