import { describe, expect, it } from 'vitest';
import {
  fieldTypes,
  filterFields,
  mapFields,
  matchesSide,
  mirrorRow,
  type TableMap,
} from '../../src/core/maps/index.ts';
import type { FieldDef } from '../../src/core/schema/types.ts';
import { CRM, ERP, mapById, replica } from './maps-fixture.ts';

describe('filters', () => {
  const accounts = mapById('customers-accounts');
  const contacts = mapById('contacts');

  it('persons are not mirrored by customers-accounts', async () => {
    expect(matchesSide(accounts, 'erp', ERP.person)).toBe(false);
    expect(await mirrorRow(accounts, 'erp', ERP.person, replica())).toBeNull();
    expect(matchesSide(accounts, 'erp', ERP.us001)).toBe(true);
  });

  it('CRM accounts that are not customers (prospects) are not mirrored', async () => {
    expect(await mirrorRow(accounts, 'crm', CRM.prospect, replica())).toBeNull();
    expect(matchesSide(accounts, 'crm', { ...CRM.us001, customertypecode: null })).toBe(false);
  });

  it('sellable contacts (customer persons) are not contact persons', async () => {
    expect(await mirrorRow(contacts, 'crm', CRM.personContact, replica())).toBeNull();
    expect(matchesSide(contacts, 'crm', CRM.cp001)).toBe(true);
  });

  it('a side without a filter takes every row', () => {
    expect(matchesSide(contacts, 'erp', {})).toBe(true);
  });

  it('the one-way companies map returns null CRM → ERP', async () => {
    expect(await mirrorRow(mapById('companies'), 'crm', CRM.usmf, replica())).toBeNull();
  });

  it('binds against FieldDefs when the caller has them', () => {
    const fields: FieldDef[] = [{ name: 'customertypecode', type: 'Edm.Int32' }];
    expect(matchesSide(accounts, 'crm', CRM.us001, fields)).toBe(true);
    expect(matchesSide(accounts, 'crm', CRM.prospect, fields)).toBe(false);
    expect(() => matchesSide(accounts, 'crm', CRM.us001, [])).toThrow(/Unknown field 'customertypecode'/);
  });

  it('infers an unmapped field’s type from its literal: numbers compare as numbers', () => {
    const map: TableMap = { ...accounts, id: 'big-accounts', crm: { set: 'accounts', filter: 'revenue gt 1000 and name ne null' } };
    expect(matchesSide(map, 'crm', { revenue: '9', name: 'a' })).toBe(false);
    expect(matchesSide(map, 'crm', { revenue: '1000.5', name: 'a' })).toBe(true);
    expect(matchesSide(map, 'crm', { revenue: 20000, name: 'a' })).toBe(true);
    expect(matchesSide(map, 'crm', { revenue: 20000, name: null })).toBe(false);
  });

  it('lists the fields a filter reads', () => {
    expect(filterFields(accounts, 'erp')).toEqual(['PartyType']);
    expect(filterFields(accounts, 'crm')).toEqual(['customertypecode']);
    expect(filterFields(contacts, 'erp')).toEqual([]);
  });
});

describe('mapFields', () => {
  it('key fields first, then the fields flowing from that side', () => {
    const erp = mapFields(mapById('customers-accounts'), 'erp');
    expect(erp.slice(0, 2)).toEqual(['dataAreaId', 'CustomerAccount']);
    expect(erp).toContain('DeliveryAddressLatitude');
    expect(erp).toContain('InvoiceAccount');
    expect(erp).not.toContain('PartyType');
    const crm = mapFields(mapById('customers-accounts'), 'crm');
    expect(crm.slice(0, 2)).toEqual(['msdyn_company', 'accountnumber']);
    expect(crm).not.toContain('address1_latitude');
    expect(crm).not.toContain('customertypecode');
    expect(crm).toHaveLength(erp.length - 2);
  });

  it('exact for the small maps', () => {
    expect(mapFields(mapById('companies'), 'erp')).toEqual(['LegalEntityId', 'Name']);
    expect(mapFields(mapById('companies'), 'crm')).toEqual([]);
    expect(mapFields(mapById('currencies'), 'crm')).toEqual(['isocurrencycode', 'currencyname', 'currencysymbol']);
    expect(mapFields(mapById('contacts'), 'crm')).toEqual([
      'msdyn_company',
      'msdyn_contactpersonid',
      'firstname',
      'lastname',
      'jobtitle',
      'emailaddress1',
      'telephone1',
      'parentcustomerid',
    ]);
  });
});

describe('fieldTypes', () => {
  it('derives the types the map knows', () => {
    const crm = fieldTypes(mapById('customers-accounts'), 'crm');
    const sample = ['msdyn_company', 'accountnumber', 'creditlimit', 'msdyn_onholdstatus', 'msdyn_onetimecustomer', 'msdyn_billingaccount', 'customertypecode', 'name'];
    expect(Object.fromEntries(sample.map((f) => [f, crm.get(f)]))).toEqual({
      msdyn_company: 'Edm.Guid',
      // A key field other than a lookup is left to the literal it is compared with.
      accountnumber: undefined,
      creditlimit: 'Edm.Decimal',
      msdyn_onholdstatus: 'Edm.Int32',
      msdyn_onetimecustomer: 'Edm.Boolean',
      msdyn_billingaccount: 'Edm.Guid',
      customertypecode: 'Edm.Int32',
      name: 'Edm.String',
    });
    expect(fieldTypes(mapById('customers-accounts'), 'erp').get('PartyType')).toBe('Edm.String');
  });

  it('binds a filter on an integer key field by the number it is compared with', () => {
    const lines = { ...mapById('sales-order-lines'), erp: { ...mapById('sales-order-lines').erp, filter: 'LineNumber ge 2' } };
    expect(matchesSide(lines, 'erp', { dataAreaId: 'usmf', SalesOrderNumber: 'SO-1', LineNumber: 2 })).toBe(true);
    expect(matchesSide(lines, 'erp', { dataAreaId: 'usmf', SalesOrderNumber: 'SO-1', LineNumber: 1 })).toBe(false);
  });
});
