import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, decimal, lookup } from './build.ts';

/**
 * On-hand inventory (msdyn_inventoryonhandentries), per company, one way ERP → CRM: the
 * ERP counts the stock, the CRM only shows it. A row is one item at one site and
 * warehouse; the item number is part of the key and also resolves the CRM product
 * lookup (through the one-way products map). Quantities keep all 6 decimal places on both
 * sides (a 7th is refused, never rounded).
 */
export const inventoryOnHand: TableMap = {
  id: 'inventory-onhand',
  name: 'On-hand inventory (msdyn_inventoryonhandentries)',
  version: '1.0.0.0',
  erp: { set: 'InventoryOnHand' },
  crm: { set: 'msdyn_inventoryonhandentries' },
  keys: [COMPANY_KEY, { erp: 'ItemNumber', crm: 'msdyn_itemnumber' }, { erp: 'SiteId', crm: 'msdyn_site' }, { erp: 'WarehouseId', crm: 'msdyn_warehouse' }],
  fields: [
    lookup('ItemNumber', 'msdyn_product', 'products', { direction: 'erp-to-crm' }),
    copy('AvailableQuantity', 'msdyn_availablequantity', decimal(6, 6), { direction: 'erp-to-crm' }),
    copy('OnHandQuantity', 'msdyn_onhandquantity', decimal(6, 6), { direction: 'erp-to-crm' }),
  ],
  dependsOn: ['companies', 'products'],
  conflict: 'server-wins',
  oneWay: 'erp-to-crm',
};
