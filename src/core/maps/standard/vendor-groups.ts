import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, lookup, text } from './build.ts';

/** Vendor groups (msdyn_vendorgroups), per company, with their default terms of payment. */
export const vendorGroups: TableMap = {
  id: 'vendor-groups',
  name: 'Vendor groups (msdyn_vendorgroups)',
  version: '1.0.0.0',
  erp: { set: 'VendorGroups' },
  crm: { set: 'msdyn_vendorgroups' },
  keys: [COMPANY_KEY, { erp: 'VendorGroupId', crm: 'msdyn_vendorgroup' }],
  fields: [copy('Description', 'msdyn_description', text(60, 100)), lookup('DefaultPaymentTermName', 'msdyn_paymenttermid', 'payment-terms')],
  dependsOn: ['companies', 'payment-terms'],
  conflict: 'server-wins',
};
