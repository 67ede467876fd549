import type { TableMap } from '../types.ts';
import { COMPANY_KEY, constant, copy, decimal, lookup, text } from './build.ts';

/**
 * Customers V3 ↔ contacts: person customers only (dual-write.md §4.1, "Customers V3 ↔
 * contacts"). The ERP filter keeps persons; the CRM filter keeps sellable contacts with a
 * customer account, which is what keeps this map apart from `contacts` (contact persons,
 * `msdyn_sellable eq false`) although both write the CRM contacts table and share its
 * alternate key (msdyn_contactpersonid, msdyn_company): customer accounts and contact
 * person ids never collide (CP-… vs the account number).
 *
 * Beyond the reference's key-only mapping, the person's name, e-mail, phone, delivery
 * address and credit fields travel too, where contacts have a column for them.
 */
export const customersContacts: TableMap = {
  id: 'customers-contacts',
  name: 'Customers V3 (contacts)',
  version: '1.0.0.0',
  erp: { set: 'CustomersV3', filter: "PartyType eq 'Person'" },
  crm: { set: 'contacts', filter: 'msdyn_sellable eq true and msdyn_contactpersonid ne null' },
  keys: [COMPANY_KEY, { erp: 'CustomerAccount', crm: 'msdyn_contactpersonid' }],
  fields: [
    copy('PersonFirstName', 'firstname', text(25, 50)),
    copy('PersonLastName', 'lastname', text(25, 50), { required: 'crm' }),
    copy('PrimaryContactEmail', 'emailaddress1', text(255, 100)),
    copy('PrimaryContactPhone', 'telephone1', text(30, 50)),
    copy('DeliveryAddressStreet', 'address1_line1', text(250, 250)),
    copy('DeliveryAddressCity', 'address1_city', text(60, 80)),
    copy('DeliveryAddressZipCode', 'address1_postalcode', text(10, 20)),
    copy('DeliveryAddressState', 'address1_stateorprovince', text(10, 50)),
    copy('DeliveryAddressCountryRegionId', 'address1_country', text(10, 80)),
    copy('CreditLimit', 'creditlimit', decimal(6, 4)),
    lookup('SalesCurrencyCode', 'transactioncurrencyid', 'currencies', { required: 'erp' }),
    lookup('CustomerGroupId', 'msdyn_customergroupid', 'customer-groups', { required: 'erp' }),
    constant('crm', 'msdyn_sellable', true),
    constant('crm', 'customertypecode', 3),
    constant('erp', 'PartyType', 'Person'),
  ],
  dependsOn: ['companies', 'customer-groups', 'currencies'],
  conflict: 'server-wins',
};
