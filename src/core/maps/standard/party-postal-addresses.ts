import type { TableMap } from '../types.ts';
import { copy, dateRule, text } from './build.ts';
import { PARTY_ADDRESS_KEYS, PARTY_DEPENDENCIES, partyAddressFields } from './party.ts';

/**
 * Party postal addresses (msdyn_partypostaladdresses), per company, both ways (§4 "Party
 * postal address locations", §5 "Party, multiple addresses"): a customer has any number of
 * addresses, each with a purpose, a primary flag and a validity period (see party.ts for
 * the key and the customer). Date-effective (mode 'range'): every period is mirrored,
 * past, present and future; the ERP's open end, 2154-12-31 ("never"), is an empty
 * msdyn_validto.
 */
export const partyPostalAddresses: TableMap = {
  id: 'party-postal-addresses',
  name: 'Party postal addresses (msdyn_partypostaladdresses)',
  version: '1.0.0.0',
  erp: { set: 'CustomerPostalAddresses' },
  crm: { set: 'msdyn_partypostaladdresses' },
  keys: PARTY_ADDRESS_KEYS,
  fields: partyAddressFields([
    copy('AddressStreet', 'msdyn_street', text(250, 250)),
    copy('AddressCity', 'msdyn_city', text(60, 80)),
    copy('AddressZipCode', 'msdyn_zippostalcode', text(10, 20)),
    copy('AddressState', 'msdyn_stateorprovince', text(10, 50)),
    copy('AddressCountryRegionId', 'msdyn_countryregion', text(10, 80)),
    copy('ValidFrom', 'msdyn_validfrom', dateRule(), { required: 'erp' }),
    copy('ValidTo', 'msdyn_validto', dateRule({ erp: '2154-12-31' }), { required: 'erp' }),
  ]),
  dependsOn: PARTY_DEPENDENCIES,
  conflict: 'server-wins',
  effective: { mode: 'range', erp: { from: 'ValidFrom', to: 'ValidTo' }, crm: { from: 'msdyn_validfrom', to: 'msdyn_validto' } },
};
