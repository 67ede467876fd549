/**
 * What the party address maps share (dual-write.md §5 "Party, multiple addresses"): Tandem
 * has no party table, so the customer account stands for the party. An address is keyed by
 * company, customer account and location id, names its customer as a CRM GUID, and has a
 * name, a purpose (role) and a primary flag.
 */
import type { FieldMapping, KeyPair } from '../types.ts';
import { COMPANY_KEY, copy, NO_YES, text, valueMap } from './build.ts';

/** A party address's purpose (role) ↔ msdyn_purpose (one-to-one). */
export const ADDRESS_PURPOSE: readonly (readonly [string, number])[] = [
  ['Business', 192350000],
  ['Delivery', 192350001],
  ['Invoice', 192350002],
  ['Home', 192350003],
  ['Other', 192350004],
];

export const PARTY_ADDRESS_KEYS: readonly KeyPair[] = [COMPANY_KEY, { erp: 'CustomerAccount', crm: 'msdyn_customeraccount' }, { erp: 'LocationId', crm: 'msdyn_locationid' }];

/**
 * The customer an address belongs to, as a CRM GUID: the account of an organisation or the
 * sellable contact of a person (tried in that order; msdyn_customertype says which). One
 * way: the ERP reads the customer from the key.
 */
const PARTY_CUSTOMER: FieldMapping = {
  kind: 'lookup',
  erp: 'CustomerAccount',
  crm: 'msdyn_customerid',
  direction: 'erp-to-crm',
  map: 'customers-accounts',
  targets: [
    { map: 'customers-accounts', crmType: 'account' },
    { map: 'customers-contacts', crmType: 'contact' },
  ],
  typeField: { crm: 'msdyn_customertype' },
};

/** The customer, name, purpose and primary flag, then the kind's own fields. */
export function partyAddressFields(own: readonly FieldMapping[]): FieldMapping[] {
  return [
    PARTY_CUSTOMER,
    copy('Description', 'msdyn_name', text(60, 60)),
    valueMap('Purpose', 'msdyn_purpose', ADDRESS_PURPOSE, { required: 'erp' }),
    valueMap('IsPrimary', 'msdyn_isprimary', NO_YES, { required: 'erp' }),
    ...own,
  ];
}

export const PARTY_DEPENDENCIES: readonly string[] = ['companies', 'customers-accounts', 'customers-contacts'];
