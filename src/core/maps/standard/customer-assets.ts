import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, dateRule, lookup, text, valueMap } from './build.ts';

/**
 * Customer assets (msdyn_customerassets), per company, both ways. The asset id is the
 * integration key; the customer is a lookup through customers-accounts (assets belong to
 * organisation customers, as msdyn_account is an account lookup), the product a lookup
 * through the one-way products map (resolved both ways: reading a CRM product's number
 * needs no write to the ERP).
 */
export const customerAssets: TableMap = {
  id: 'customer-assets',
  name: 'Customer assets (msdyn_customerassets)',
  version: '1.0.0.0',
  erp: { set: 'CustomerAssets' },
  crm: { set: 'msdyn_customerassets' },
  keys: [COMPANY_KEY, { erp: 'AssetId', crm: 'msdyn_assetid' }],
  fields: [
    copy('Name', 'msdyn_name', text(60, 100), { required: 'both' }),
    lookup('CustomerAccount', 'msdyn_account', 'customers-accounts', { required: 'erp' }),
    lookup('ItemNumber', 'msdyn_product', 'products'),
    copy('SerialNumber', 'msdyn_serialnumber', text(30, 100)),
    copy('InstallDate', 'msdyn_installdate', dateRule()),
    valueMap('Status', 'statecode', [
      ['Active', 0],
      ['Inactive', 1],
    ]),
  ],
  dependsOn: ['companies', 'customers-accounts', 'products'],
  conflict: 'server-wins',
};
