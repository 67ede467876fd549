import type { TableMap } from '../types.ts';
import { copy, text, valueMap } from './build.ts';
import { PARTY_ADDRESS_KEYS, PARTY_DEPENDENCIES, partyAddressFields } from './party.ts';

/** An electronic address's type ↔ msdyn_type (one-to-one). */
export const ELECTRONIC_ADDRESS_TYPE: readonly (readonly [string, number])[] = [
  ['Phone', 192350000],
  ['Email', 192350001],
  ['URL', 192350002],
  ['Telex', 192350003],
  ['Fax', 192350004],
];

/**
 * Party electronic addresses (msdyn_partyelectronicaddresses), per company, both ways (§4
 * "Party contacts V3"): a customer's phones, e-mail addresses and URLs, any number of each,
 * with a type (value map), a purpose and a primary flag; keyed like the postal addresses
 * (party.ts).
 */
export const partyElectronicAddresses: TableMap = {
  id: 'party-electronic-addresses',
  name: 'Party electronic addresses (msdyn_partyelectronicaddresses)',
  version: '1.0.0.0',
  erp: { set: 'CustomerElectronicAddresses' },
  crm: { set: 'msdyn_partyelectronicaddresses' },
  keys: PARTY_ADDRESS_KEYS,
  fields: partyAddressFields([
    valueMap('Type', 'msdyn_type', ELECTRONIC_ADDRESS_TYPE, { required: 'erp' }),
    copy('Locator', 'msdyn_electronicaddress', text(255, 255), { required: 'erp' }),
    copy('LocatorExtension', 'msdyn_extension', text(10, 10)),
  ]),
  dependsOn: PARTY_DEPENDENCIES,
  conflict: 'server-wins',
};
