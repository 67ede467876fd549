import type { FieldMapping, TableMap } from '../types.ts';
import { COMPANY_KEY, constant, copy, decimal, lookup, NO_YES, ONHOLD_STATUS, text, valueMap } from './build.ts';

/**
 * Customers V3 (accounts): organisations only; persons go to contacts in the real product.
 * Modelled on the pre-party version of the standard map (dual-write.md §4.1), which also
 * carries the name and the two addresses.
 *
 * Two references need a second pass (dual-write.md §4.1 "circular references"):
 *   ContactPersonId ↔ primarycontactid  circular: contacts depend on accounts for their
 *       parent, so the account is written first without its primary contact and patched
 *       once the contact exists (twoPass; not in dependsOn);
 *   InvoiceAccount ↔ msdyn_billingaccount  a self-reference, the same way (implied for a
 *       lookup through its own map).
 */

const address = (erpPrefix: string, crmPrefix: string): FieldMapping[] => [
  copy(`${erpPrefix}AddressStreet`, `${crmPrefix}_line1`, text(250, 250)),
  copy(`${erpPrefix}AddressCity`, `${crmPrefix}_city`, text(60, 80)),
  copy(`${erpPrefix}AddressZipCode`, `${crmPrefix}_postalcode`, text(10, 20)),
  copy(`${erpPrefix}AddressState`, `${crmPrefix}_stateorprovince`, text(10, 50)),
  copy(`${erpPrefix}AddressCountryRegionId`, `${crmPrefix}_country`, text(10, 80)),
];

export const customersAccounts: TableMap = {
  id: 'customers-accounts',
  name: 'Customers V3 (accounts)',
  version: '1.0.0.0',
  erp: { set: 'CustomersV3', filter: "PartyType eq 'Organization'" },
  crm: { set: 'accounts', filter: 'customertypecode eq 3' },
  keys: [COMPANY_KEY, { erp: 'CustomerAccount', crm: 'accountnumber' }],
  fields: [
    copy('OrganizationName', 'name', text(100, 160), { required: 'crm' }),
    copy('CreditLimit', 'creditlimit', decimal(6, 4)),
    lookup('SalesCurrencyCode', 'transactioncurrencyid', 'currencies', { required: 'erp' }),
    lookup('CustomerGroupId', 'msdyn_customergroupid', 'customer-groups', { required: 'erp' }),
    copy('SalesMemo', 'description', text(1000, 2000)),
    valueMap('CreditLimitIsMandatory', 'msdyn_creditlimitismandatory', NO_YES),
    copy('CreditRating', 'msdyn_creditrating', text(10, 10)),
    valueMap('OnHoldStatus', 'msdyn_onholdstatus', ONHOLD_STATUS),
    valueMap('IsOneTimeCustomer', 'msdyn_onetimecustomer', NO_YES),
    lookup('InvoiceAccount', 'msdyn_billingaccount', 'customers-accounts'),
    lookup('ContactPersonId', 'primarycontactid', 'contacts', { twoPass: true }),
    copy('TaxExemptNumber', 'msdyn_taxexemptnumber', text(25, 25)),
    copy('PrimaryContactEmail', 'emailaddress1', text(255, 100)),
    copy('PrimaryContactPhone', 'telephone1', text(30, 50)),
    ...address('Delivery', 'address1'),
    copy('DeliveryAddressLatitude', 'address1_latitude', decimal(6, 6), { direction: 'erp-to-crm' }),
    copy('DeliveryAddressLongitude', 'address1_longitude', decimal(6, 6), { direction: 'erp-to-crm' }),
    ...address('Invoice', 'address2'),
    constant('crm', 'customertypecode', 3),
    constant('erp', 'PartyType', 'Organization'),
  ],
  dependsOn: ['companies', 'customer-groups', 'currencies'],
  conflict: 'server-wins',
};
