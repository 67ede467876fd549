import type { TableMap } from '../types.ts';
import { COMPANY_KEY, constant, copy, decimal, lookup, text, valueMap } from './build.ts';

/**
 * Released products → products, per company, one way ERP → CRM (§4 "CDS released distinct
 * products"). Prices keep 10 decimal places on both sides. The CRM's own state is set only
 * when the product is created there: active (0), as with "Create products in active state"
 * on; a later change in the ERP never resets a state the CRM maintains.
 */
export const products: TableMap = {
  id: 'products',
  name: 'Released products (products)',
  version: '1.0.0.0',
  erp: { set: 'ReleasedProducts' },
  crm: { set: 'products' },
  keys: [COMPANY_KEY, { erp: 'ItemNumber', crm: 'productnumber' }],
  fields: [
    copy('ProductName', 'name', text(60, 100), { direction: 'erp-to-crm', required: 'crm' }),
    lookup('SalesUnitSymbol', 'defaultuomid', 'units', { direction: 'erp-to-crm' }),
    copy('SalesPrice', 'price', decimal(10, 10), { direction: 'erp-to-crm' }),
    copy('ProductDescription', 'description', text(1000, 2000), { direction: 'erp-to-crm' }),
    valueMap(
      'ProductType',
      'producttypecode',
      [
        ['Item', 1],
        ['Service', 3],
      ],
      { direction: 'erp-to-crm' },
    ),
    constant('crm', 'statecode', 0, true),
  ],
  dependsOn: ['companies', 'units'],
  conflict: 'server-wins',
  oneWay: 'erp-to-crm',
};
