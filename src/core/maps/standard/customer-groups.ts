import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, text } from './build.ts';

/** Customer groups (msdyn_customergroups), per company. */
export const customerGroups: TableMap = {
  id: 'customer-groups',
  name: 'Customer groups (msdyn_customergroups)',
  version: '1.0.0.0',
  erp: { set: 'CustomerGroups' },
  crm: { set: 'msdyn_customergroups' },
  keys: [COMPANY_KEY, { erp: 'CustomerGroupId', crm: 'msdyn_groupid' }],
  fields: [copy('Description', 'msdyn_description', text(60, 100))],
  dependsOn: ['companies'],
  conflict: 'server-wins',
};
