import type { TableMap } from '../types.ts';
import { COMPANY_KEY, constant, copy, lookup, text } from './build.ts';

/**
 * Contact persons of customers (contacts that are not themselves sellable customers).
 * Depends on customers-accounts for the parent account lookup.
 */
export const contacts: TableMap = {
  id: 'contacts',
  name: 'Contact persons (contacts)',
  version: '1.0.0.0',
  erp: { set: 'ContactPersons' },
  crm: { set: 'contacts', filter: 'msdyn_sellable eq false' },
  keys: [COMPANY_KEY, { erp: 'ContactPersonId', crm: 'msdyn_contactpersonid' }],
  fields: [
    copy('FirstName', 'firstname', text(25, 50)),
    copy('LastName', 'lastname', text(25, 50), { required: 'both' }),
    copy('JobTitle', 'jobtitle', text(60, 100)),
    copy('PrimaryEmail', 'emailaddress1', text(255, 100)),
    copy('PrimaryPhone', 'telephone1', text(30, 50)),
    lookup('CustomerAccount', 'parentcustomerid', 'customers-accounts'),
    constant('crm', 'msdyn_sellable', false),
  ],
  dependsOn: ['customers-accounts'],
  conflict: 'server-wins',
};
