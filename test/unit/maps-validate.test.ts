/** Every validation rule has a failing example; the standard catalog validates clean against both stores' $metadata. */
import { describe, expect, it } from 'vitest';
import { STANDARD_MAPS, validateMaps, type FieldMapping, type TableMap } from '../../src/core/maps/index.ts';
import { mapById } from './maps-fixture.ts';
import { storeMetadata } from './maps-metadata-fixture.ts';

const metadata = storeMetadata();
const accounts = mapById('customers-accounts');
const at = STANDARD_MAPS.findIndex((m) => m.id === 'customers-accounts');
const replaced = (patch: Partial<TableMap>, map: TableMap = accounts): TableMap[] => STANDARD_MAPS.map((m) => (m.id === map.id ? { ...m, ...patch } : m));
const withField = (m: FieldMapping): TableMap[] => replaced({ fields: [...accounts.fields, m] });
const found = (maps: readonly TableMap[]) => validateMaps(maps, metadata).map((e) => ({ code: e.code, path: e.path, message: e.message }));

describe('validateMaps against $metadata', () => {
  it('the standard catalog is clean', () => {
    expect(validateMaps(STANDARD_MAPS, metadata)).toEqual([]);
  });

  it.each<[string, TableMap[], string, string | RegExp]>([
    ["duplicate map id", [...STANDARD_MAPS, accounts], "MAP_DUPLICATE_ID", `$.maps[${STANDARD_MAPS.length}].id`],
    ['no integration key', replaced({ keys: [] }), 'MAP_NO_KEY', `$.maps[${at}].keys`],
    ['a key field of the ERP entity key not mapped', replaced({ keys: accounts.keys.slice(0, 1) }), 'MAP_KEY_UNMAPPED', `$.maps[${at}].keys`],
    ['a key not two-way while a field is', replaced({ keys: [accounts.keys[0]!, { erp: 'CustomerAccount', crm: 'accountnumber', direction: 'erp-to-crm' }] }), 'MAP_KEY_NOT_BIDIRECTIONAL', `$.maps[${at}].keys[1].direction`],
    ['a required target neither mapped nor defaulted', replaced({ fields: accounts.fields.filter((m) => m.kind === 'constant' || m.crm !== 'name') }), 'MAP_REQUIRED_TARGET_UNMAPPED', /CRM field name is required/],
    ['a read-only target', withField({ kind: 'copy', erp: 'NameAlias', crm: 'modifiedon', direction: 'erp-to-crm' }), 'MAP_READONLY_TARGET', `$.maps[${at}].fields[${accounts.fields.length}].crm`],
    ['a duplicate source', withField({ kind: 'copy', erp: 'SalesMemo', crm: 'msdyn_creditrating', direction: 'erp-to-crm' }), 'MAP_DUPLICATE_SOURCE', `$.maps[${at}].fields[${accounts.fields.length}].erp`],
    ['a duplicate target', withField({ kind: 'copy', erp: 'NameAlias', crm: 'name', direction: 'erp-to-crm' }), 'MAP_DUPLICATE_TARGET', `$.maps[${at}].fields[${accounts.fields.length}].crm`],
    ['a duplicate value-map entry', withField({ kind: 'value-map', erp: 'LanguageId', crm: 'address1_addresstypecode', direction: 'erp-to-crm', values: [['en-us', 1], ['en-us', 1]] }), 'MAP_DUPLICATE_VALUE_MAP', `$.maps[${at}].fields[${accounts.fields.length}].values[1]`],
    ['a one-way value map with one source, two results', withField({ kind: 'value-map', erp: 'LanguageId', crm: 'address1_addresstypecode', direction: 'erp-to-crm', values: [['en-us', 1], ['en-us', 2]] }), 'MAP_DUPLICATE_VALUE_MAP', `$.maps[${at}].fields[${accounts.fields.length}].values[1][0]`],
    ['a two-way value map that is not one-to-one', withField({ kind: 'value-map', erp: 'LanguageId', crm: 'address1_addresstypecode', direction: 'both', values: [['en-us', 1], ['de', 1]] }), 'MAP_VALUE_MAP_NOT_ONE_TO_ONE', `$.maps[${at}].fields[${accounts.fields.length}].values[1][1]`],
    ['string → decimal without a transform', withField({ kind: 'copy', erp: 'NameAlias', crm: 'address1_latitude', direction: 'erp-to-crm' }), 'MAP_TYPE_MISMATCH', /Edm.String cannot be copied into Edm.Decimal/],
    ['a value-map entry of the wrong type', withField({ kind: 'value-map', erp: 'LanguageId', crm: 'address1_addresstypecode', direction: 'erp-to-crm', values: [['en-us', 'one']] }), 'MAP_TYPE_MISMATCH', `$.maps[${at}].fields[${accounts.fields.length}].values[0][1]`],
    ['scale loss without onLoss', replaced({ fields: accounts.fields.map((m) => (m.kind === 'copy' && m.erp === 'CreditLimit' ? { kind: 'copy', erp: 'CreditLimit', crm: 'creditlimit', direction: 'both' } : m)) }), 'MAP_SCALE_LOSS', /6 decimals into 4 without a rule/],
    ['length overflow without onTooLong', replaced({ fields: accounts.fields.map((m) => (m.kind === 'copy' && m.erp === 'OrganizationName' ? { kind: 'copy', erp: 'OrganizationName', crm: 'name', direction: 'both', required: 'crm' } : m)) }), 'MAP_LENGTH_OVERFLOW', /160 characters into 100/],
    ['an enum value the target does not allow', withField({ kind: 'value-map', erp: 'LanguageId', crm: 'address1_addresstypecode', direction: 'erp-to-crm', values: [['en-us', 7]] }), 'MAP_ENUM_VALUE', `$.maps[${at}].fields[${accounts.fields.length}].values[0][1]`],
    ['a constant the target does not allow', withField({ kind: 'constant', target: 'crm', field: 'statecode', value: 5 }), 'MAP_ENUM_VALUE', /not an allowed value of statecode/],
    ['an unknown field', withField({ kind: 'copy', erp: 'Nope', crm: 'description2', direction: 'both' }), 'MAP_UNKNOWN_FIELD', `$.maps[${at}].fields[${accounts.fields.length}].erp`],
    ['an unknown set', replaced({ erp: { set: 'Nowhere' } }), 'MAP_UNKNOWN_SET', `$.maps[${at}].erp.set`],
    ['a bad filter, with its position', replaced({ crm: { set: 'accounts', filter: 'customertypecode eq eq 3' } }), 'MAP_FILTER', /position 20/],
    ['a filter on a field the set lacks', replaced({ crm: { set: 'accounts', filter: 'nosuchfield eq 3' } }), 'MAP_FILTER', `$.maps[${at}].crm.filter`],
    ['company-specific mixed with global', replaced({ erp: { set: 'Currencies' } }), 'MAP_COMPANY_MIX', /company-specific accounts with global Currencies/],
    ['a dependency cycle', replaced({ dependsOn: ['contacts'] }, mapById('companies')), 'MAP_CYCLE', /companies → contacts → customers-accounts → companies/],
    ['a lookup cycle the two-pass rule cannot break', replaced({ fields: accounts.fields.map((m) => (m.kind === 'lookup' && m.erp === 'ContactPersonId' ? { ...m, required: 'erp' as const } : m)) }), 'MAP_LOOKUP_TARGETS', /cannot be required/],
    ['an unknown map', withField({ kind: 'lookup', erp: 'PaymentTerms', crm: 'msdyn_billingaccount', direction: 'both', map: 'nowhere' }), 'MAP_UNKNOWN_MAP', `$.maps[${at}].fields[${accounts.fields.length}].map`],
    ['a lookup whose map is not a dependency', replaced({ dependsOn: ['companies', 'currencies'] }), 'MAP_LOOKUP_NOT_DEPENDENCY', /CustomerGroupId looks up through customer-groups/],
    ['a lookup key field not in the referenced key', withField({ kind: 'lookup', erp: 'PaymentTerms', crm: 'msdyn_billingaccount', direction: 'both', map: 'customers-accounts', keyField: 'Nope' }), 'MAP_LOOKUP_KEY', /Nope/],
    ['a lookup into the wrong set', replaced({ fields: accounts.fields.map((m) => (m.kind === 'lookup' && m.erp === 'CustomerGroupId' ? { ...m, map: 'currencies' } : m)) }), 'MAP_TYPE_MISMATCH', /refers to msdyn_customergroups/],
    ['a one-way map writing back', replaced({ fields: [{ kind: 'copy', erp: 'Name', crm: 'cdm_name', direction: 'both' }] }, mapById('companies')), 'MAP_ONE_WAY_WRITES_BACK', /one-way/],
    ['a key through its own map', replaced({ keys: [{ erp: 'dataAreaId', crm: 'msdyn_company', lookup: 'customers-accounts' }, accounts.keys[1]!] }), 'MAP_KEY_SELF_LOOKUP', /own map/],
    ['primary rule without a side', replaced({ conflictPolicy: { rule: 'primary' } }), 'MAP_CONFLICT_RULE', `$.maps[${at}].conflictPolicy`],
    ['a field rule for an unmapped field', replaced({ fieldConflicts: { Nope: { rule: 'manual' } } }), 'MAP_CONFLICT_RULE', `$.maps[${at}].fieldConflicts.Nope`],
    ['companies on a global map', replaced({ companies: ['usmf'] }, mapById('currencies')), 'MAP_COMPANIES_WITHOUT_COMPANY', /no company key pair/],
    ['a bad conversion factor', replaced({ conversions: [{ from: 'kg', to: 'lb', factor: 'x' }] }), 'MAP_CONVERSION', /factor 'x'/],
    ['a bad version', replaced({ version: '1.0' }), 'MAP_BAD_VERSION', `$.maps[${at}].version`],
  ])('%s', (_, maps, code, where) => {
    const problems = found(maps);
    const match = typeof where === 'string' ? { code, path: where, message: expect.any(String) } : { code, path: expect.any(String), message: expect.stringMatching(where) };
    expect(problems).toContainEqual(match);
  });

  it('accepts a circular reference when every edge is a nullable lookup (two-pass)', () => {
    // the standard catalog has one: customers-accounts' primary contact ↔ contacts' parent account
    expect(accounts.fields).toContainEqual({ kind: 'lookup', erp: 'ContactPersonId', crm: 'primarycontactid', direction: 'both', map: 'contacts', twoPass: true });
    expect(mapById('contacts').dependsOn).toContain('customers-accounts');
    expect(validateMaps(STANDARD_MAPS, metadata)).toEqual([]);
  });

  it('refuses a circular reference through a required lookup', () => {
    const contacts = mapById('contacts');
    const maps = STANDARD_MAPS.map((m) => (m.id === 'contacts' ? { ...contacts, fields: contacts.fields.map((f) => (f.kind === 'lookup' ? { ...f, required: 'crm' as const } : f)) } : m));
    expect(found(maps)).toContainEqual({ code: 'MAP_CYCLE', path: expect.any(String), message: expect.stringMatching(/two-pass rule cannot break/) });
  });
});
