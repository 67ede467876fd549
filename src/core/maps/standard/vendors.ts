import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, lookup, ONHOLD_STATUS, text, valueMap } from './build.ts';

/**
 * Vendors V2 (msdyn_vendors), per company: organisations only. The group, currency and
 * terms are lookups by natural key; the hold status is the same enum as a customer's.
 */
export const vendors: TableMap = {
  id: 'vendors',
  name: 'Vendors V2 (msdyn_vendors)',
  version: '1.0.0.0',
  erp: { set: 'VendorsV2' },
  crm: { set: 'msdyn_vendors' },
  keys: [COMPANY_KEY, { erp: 'VendorAccountNumber', crm: 'msdyn_vendoraccountnumber' }],
  fields: [
    copy('VendorOrganizationName', 'msdyn_vendorname', text(100, 160), { required: 'both' }),
    lookup('VendorGroupId', 'msdyn_vendorgroupid', 'vendor-groups', { required: 'erp' }),
    lookup('CurrencyCode', 'transactioncurrencyid', 'currencies', { required: 'erp' }),
    lookup('PaymentTermsName', 'msdyn_paymenttermid', 'payment-terms'),
    valueMap('OnHoldStatus', 'msdyn_vendorhold', ONHOLD_STATUS),
    copy('PrimaryEmailAddress', 'msdyn_primaryemailaddress', text(255, 100)),
    copy('PrimaryPhoneNumber', 'msdyn_primaryphonenumber', text(30, 50)),
    copy('AddressStreet', 'msdyn_addressline1', text(250, 250)),
    copy('AddressCity', 'msdyn_addresscity', text(60, 80)),
    copy('AddressZipCode', 'msdyn_addresspostalcode', text(10, 20)),
    copy('AddressCountryRegionId', 'msdyn_addresscountryregionid', text(10, 80)),
    copy('TaxExemptNumber', 'msdyn_taxexemptnumber', text(25, 25)),
  ],
  dependsOn: ['companies', 'vendor-groups', 'currencies', 'payment-terms'],
  conflict: 'server-wins',
};
