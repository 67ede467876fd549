import { describe, expect, it } from 'vitest';
import { changedFields, fieldTypes, mirrorRow, STANDARD_MAPS, type Row, type Side } from '../../src/core/maps/index.ts';
import { CRM, ERP, G, mapById, replica } from './maps-fixture.ts';

const mirror = (mapId: string, from: Side, row: Row) => mirrorRow(mapById(mapId), from, row, replica());

describe('mirrorRow: companies (one way)', () => {
  it('writes the company code and name ERP → CRM', async () => {
    expect(await mirror('companies', 'erp', ERP.usmf)).toEqual({
      key: { cdm_companycode: 'usmf' },
      values: { cdm_companycode: 'usmf', cdm_name: 'Contoso Entertainment System USA' },
      defaults: {},
      deferred: [],
    });
  });

  it('writes nothing CRM → ERP', async () => {
    expect(await mirror('companies', 'crm', CRM.usmf)).toBeNull();
  });
});

describe('mirrorRow: currencies (global)', () => {
  it('ERP → CRM: the exchange rate is a create-only default', async () => {
    expect(await mirror('currencies', 'erp', ERP.usd)).toEqual({
      key: { isocurrencycode: 'USD' },
      values: { isocurrencycode: 'USD', currencyname: 'US Dollar', currencysymbol: '$' },
      defaults: { exchangerate: '1' },
      deferred: [],
    });
  });

  it('CRM → ERP', async () => {
    expect(await mirror('currencies', 'crm', CRM.eur)).toEqual({
      key: { CurrencyCode: 'EUR' },
      values: { CurrencyCode: 'EUR', Name: 'Euro', Symbol: '€' },
      defaults: {},
      deferred: [],
    });
  });
});

describe('mirrorRow: customer-groups (company lookup in the key)', () => {
  it('ERP → CRM resolves dataAreaId to the cdm_company GUID', async () => {
    expect(await mirror('customer-groups', 'erp', ERP.group10)).toEqual({
      key: { msdyn_company: G.usmf, msdyn_groupid: '10' },
      values: { msdyn_company: G.usmf, msdyn_groupid: '10', msdyn_description: 'Wholesale customers' },
      defaults: {},
      deferred: [],
    });
  });

  it('CRM → ERP resolves the company GUID to its code', async () => {
    expect(await mirror('customer-groups', 'crm', CRM.deGroup10)).toEqual({
      key: { dataAreaId: 'demf', CustomerGroupId: '10' },
      values: { dataAreaId: 'demf', CustomerGroupId: '10', Description: 'Großhandel' },
      defaults: {},
      deferred: [],
    });
  });

  it('the same group id in another company resolves to that company’s group', async () => {
    const result = await mirror('customer-groups', 'erp', ERP.deGroup10);
    expect(result?.key).toEqual({ msdyn_company: G.demf, msdyn_groupid: '10' });
  });
});

describe('mirrorRow: customers-accounts', () => {
  it('ERP → CRM writes every mapped field, lookups resolved to GUIDs, constants included', async () => {
    expect(await mirror('customers-accounts', 'erp', ERP.us001)).toEqual({
      key: { msdyn_company: G.usmf, accountnumber: 'US-001' },
      values: {
        msdyn_company: G.usmf,
        accountnumber: 'US-001',
        customertypecode: 3,
        name: 'Forest Wholesales',
        creditlimit: '25000.5',
        transactioncurrencyid: G.usd,
        msdyn_customergroupid: G.group10,
        description: 'Deliveries before noon',
        msdyn_creditlimitismandatory: true,
        msdyn_creditrating: 'AA',
        msdyn_onholdstatus: 806380001,
        msdyn_onetimecustomer: false,
        msdyn_billingaccount: null,
        primarycontactid: G.cp001,
        msdyn_taxexemptnumber: 'TX-99',
        emailaddress1: 'orders@forest.example',
        telephone1: '+1 425 555 0100',
        address1_line1: '123 Coffee Street',
        address1_city: 'Redmond',
        address1_postalcode: '98052',
        address1_stateorprovince: 'WA',
        address1_country: 'USA',
        address1_latitude: '47.674',
        address1_longitude: '-122.1215',
        address2_line1: 'PO Box 1',
        address2_city: 'Seattle',
        address2_postalcode: '98101',
        address2_stateorprovince: 'WA',
        address2_country: 'USA',
      },
      defaults: {},
      deferred: [],
    });
  });

  it('ERP → CRM resolves the billing account (self-reference) and the currency', async () => {
    const result = await mirror('customers-accounts', 'erp', ERP.us002);
    expect(result?.values).toMatchObject({
      msdyn_billingaccount: G.us001,
      transactioncurrencyid: G.eur,
      msdyn_customergroupid: G.group20,
      msdyn_onetimecustomer: true,
      creditlimit: '0',
    });
  });

  it('CRM → ERP writes the ERP fields, PartyType constant, no latitude/longitude (one way)', async () => {
    expect(await mirror('customers-accounts', 'crm', CRM.us001)).toEqual({
      key: { dataAreaId: 'usmf', CustomerAccount: 'US-001' },
      values: {
        dataAreaId: 'usmf',
        CustomerAccount: 'US-001',
        PartyType: 'Organization',
        OrganizationName: 'Forest Wholesales',
        CreditLimit: '25000.5',
        SalesCurrencyCode: 'USD',
        CustomerGroupId: '10',
        SalesMemo: 'Deliveries before noon',
        CreditLimitIsMandatory: 'Yes',
        CreditRating: 'AA',
        OnHoldStatus: 'Invoice',
        IsOneTimeCustomer: 'No',
        InvoiceAccount: null,
        ContactPersonId: 'CP-001',
        TaxExemptNumber: 'TX-99',
        PrimaryContactEmail: 'orders@forest.example',
        PrimaryContactPhone: '+1 425 555 0100',
        DeliveryAddressStreet: '123 Coffee Street',
        DeliveryAddressCity: 'Redmond',
        DeliveryAddressZipCode: '98052',
        DeliveryAddressState: 'WA',
        DeliveryAddressCountryRegionId: 'USA',
        InvoiceAddressStreet: 'PO Box 1',
        InvoiceAddressCity: 'Seattle',
        InvoiceAddressZipCode: '98101',
        InvoiceAddressState: 'WA',
        InvoiceAddressCountryRegionId: 'USA',
      },
      defaults: {},
      deferred: [],
    });
  });

  it('CRM → ERP resolves the billing account GUID to its account number', async () => {
    const result = await mirror('customers-accounts', 'crm', CRM.us002);
    expect(result?.values).toMatchObject({ InvoiceAccount: 'US-001', SalesCurrencyCode: 'EUR', CustomerGroupId: '20', IsOneTimeCustomer: 'Yes' });
  });

  it('the primary contact (circular with contacts) is a two-pass lookup: deferred while its contact is missing, patched once it exists', async () => {
    const source = replica();
    const account = { ...ERP.us002, CustomerAccount: 'US-003', ContactPersonId: 'CP-003' };
    const first = await mirrorRow(mapById('customers-accounts'), 'erp', account, source, { deferLookups: true });
    expect(first?.deferred).toEqual(['primarycontactid']);
    source.add('crm', 'accounts', { ...first?.values, accountid: '00000000-0000-4000-8000-000000000036' });
    const contact = await mirrorRow(mapById('contacts'), 'erp', { ...ERP.cp002, ContactPersonId: 'CP-003', CustomerAccount: 'US-003' }, source);
    expect(contact?.values['parentcustomerid']).toBe('00000000-0000-4000-8000-000000000036');
    source.add('crm', 'contacts', { ...contact?.values, contactid: '00000000-0000-4000-8000-000000000044' });
    const second = await mirrorRow(mapById('customers-accounts'), 'erp', account, source, { deferLookups: true });
    expect([second?.deferred, second?.values['primarycontactid']]).toEqual([[], '00000000-0000-4000-8000-000000000044']);
    expect((await mirror('customers-accounts', 'crm', CRM.us002))?.values['ContactPersonId']).toBe('CP-002');
  });

  it('accepts lookup GUIDs in upper case and emits them lower case', async () => {
    const result = await mirror('customers-accounts', 'crm', { ...CRM.us002, msdyn_billingaccount: G.us001.toUpperCase() });
    expect(result?.values['InvoiceAccount']).toBe('US-001');
  });

  it('a billing account not yet in the replica (its own number, on create) can be deferred', async () => {
    const source = replica();
    const self = { ...ERP.us002, CustomerAccount: 'US-003', InvoiceAccount: 'US-003' };
    await expect(mirrorRow(mapById('customers-accounts'), 'erp', self, source)).rejects.toMatchObject({ code: 'MAP_LOOKUP_NOT_FOUND' });
    const first = await mirrorRow(mapById('customers-accounts'), 'erp', self, source, { deferLookups: true });
    expect(first?.deferred).toEqual(['msdyn_billingaccount']);
    expect(first?.values).not.toHaveProperty('msdyn_billingaccount');
    const created = { ...first?.values, accountid: '00000000-0000-4000-8000-000000000035' };
    source.add('crm', 'accounts', created);
    const second = await mirrorRow(mapById('customers-accounts'), 'erp', self, source, { deferLookups: true });
    expect(second?.deferred).toEqual([]);
    expect(second?.values['msdyn_billingaccount']).toBe(created.accountid);
  });

  it('deferring never skips other failures', async () => {
    const row = { ...ERP.us002, OnHoldStatus: 'Sometimes' };
    const options = { deferLookups: true };
    await expect(mirrorRow(mapById('customers-accounts'), 'erp', row, replica(), options)).rejects.toMatchObject({ code: 'MAP_NO_VALUE_MAP_ENTRY' });
    const company = { ...ERP.us002, dataAreaId: 'frrt' };
    await expect(mirrorRow(mapById('customers-accounts'), 'erp', company, replica(), options)).rejects.toMatchObject({ code: 'MAP_LOOKUP_NOT_FOUND' });
    // a customer group is required in the ERP: an unresolved one cannot be left out
    const group = { ...CRM.us002, msdyn_customergroupid: '00000000-0000-4000-8000-0000000000ff' };
    await expect(mirrorRow(mapById('customers-accounts'), 'crm', group, replica(), options)).rejects.toMatchObject({ code: 'MAP_LOOKUP_NOT_FOUND' });
  });

  it('canonicalises decimals on the way', async () => {
    const result = await mirror('customers-accounts', 'crm', { ...CRM.us001, creditlimit: '1250.5000' });
    expect(result?.values['CreditLimit']).toBe('1250.5');
  });
});

describe('mirrorRow: contacts', () => {
  it('ERP → CRM resolves the parent account and marks the contact not sellable', async () => {
    expect(await mirror('contacts', 'erp', ERP.cp001)).toEqual({
      key: { msdyn_company: G.usmf, msdyn_contactpersonid: 'CP-001' },
      values: {
        msdyn_company: G.usmf,
        msdyn_contactpersonid: 'CP-001',
        msdyn_sellable: false,
        firstname: 'Julia',
        lastname: 'Funderburk',
        jobtitle: 'Purchasing manager',
        emailaddress1: 'julia@forest.example',
        telephone1: '+1 425 555 0101',
        parentcustomerid: G.us001,
      },
      defaults: {},
      deferred: [],
    });
  });

  it('CRM → ERP', async () => {
    expect(await mirror('contacts', 'crm', CRM.cp001)).toEqual({
      key: { dataAreaId: 'usmf', ContactPersonId: 'CP-001' },
      values: {
        dataAreaId: 'usmf',
        ContactPersonId: 'CP-001',
        FirstName: 'Julia',
        LastName: 'Funderburk',
        JobTitle: 'Purchasing manager',
        PrimaryEmail: 'julia@forest.example',
        PrimaryPhone: '+1 425 555 0101',
        CustomerAccount: 'US-001',
      },
      defaults: {},
      deferred: [],
    });
  });
});

describe('mirrorRow: activities', () => {
  it('each ERP activity goes to the CRM table of its type only', async () => {
    for (const [id, row] of [['tasks', ERP.task1], ['phone-calls', ERP.call1], ['appointments', ERP.appointment1]] as const) {
      const hits = await Promise.all(['tasks', 'phone-calls', 'appointments'].map(async (other) => (await mirror(other, 'erp', row)) !== null));
      expect(hits, id).toEqual(['tasks', 'phone-calls', 'appointments'].map((other) => other === id));
    }
  });

  it('a CRM activity regarding a contact reaches the ERP as the customer, typed Customer, with its type set', async () => {
    const result = await mirror('tasks', 'crm', { ...CRM.task1, regardingobjectid: G.personContact, regardingobjecttypecode: 'contact', msdyn_activitystatus: 192350003 });
    expect(result?.values).toMatchObject({ RefTable: 'Customer', RefKey: 'US-P01', Status: 'Cancelled', ActivityType: 'Task' });
    expect((await mirror('appointments', 'crm', { ...CRM.appointment1, regardingobjectid: null, regardingobjecttypecode: null }))?.values).toMatchObject({ RefTable: null, RefKey: null });
  });
});

describe('mirrorRow on a consistent replica is an echo', () => {
  const pairs: [string, Row, Row][] = [
    ['companies', ERP.usmf, CRM.usmf],
    ['currencies', ERP.usd, CRM.usd],
    ['currencies', ERP.eur, CRM.eur],
    ['customer-groups', ERP.group10, CRM.group10],
    ['customer-groups', ERP.deGroup10, CRM.deGroup10],
    ['customers-accounts', ERP.us001, CRM.us001],
    ['customers-accounts', ERP.us002, CRM.us002],
    ['contacts', ERP.cp001, CRM.cp001],
    ['units', ERP.ea, CRM.ea],
    ['payment-terms', ERP.net30, CRM.net30],
    ['payment-methods', ERP.check, CRM.check],
    ['vendor-groups', ERP.vgroup10, CRM.vgroup10],
    ['vendor-groups', ERP.vgroup20, CRM.vgroup20],
    ['vendors', ERP.vendor1, CRM.vendor1],
    ['exchange-rates', ERP.rate1, CRM.rate1],
    ['unit-conversions', ERP.boxToEa, CRM.boxToEa],
    ['products', ERP.product1, CRM.product1],
    ['customers-contacts', ERP.person, CRM.personContact],
    ['customer-assets', ERP.asset1, CRM.asset1],
    ['work-orders', ERP.order1, CRM.order1],
    ['notes', ERP.noteOnCustomer, CRM.noteOnCustomer],
    ['notes', ERP.noteOnPerson, CRM.noteOnPerson],
    ['notes', ERP.noteOnAsset, CRM.noteOnAsset],
    ['notes', ERP.noteOnOrder, CRM.noteOnOrder],
    ['inventory-onhand', ERP.onHand1, CRM.onHand1],
    ['loyalty-cards', ERP.card1, CRM.card1],
    ['sales-orders', ERP.salesOrder1, CRM.salesOrder1],
    ['sales-order-lines', ERP.salesLine1, CRM.salesLine1],
    ['sales-quotes', ERP.quote1, CRM.quote1],
    ['sales-quote-lines', ERP.quoteLine1, CRM.quoteLine1],
    ['invoices', ERP.invoice1, CRM.invoice1],
    ['invoice-lines', ERP.invoiceLine1, CRM.invoiceLine1],
    ['party-postal-addresses', ERP.postal1, CRM.postal1],
    ['party-postal-addresses', ERP.postalPerson, CRM.postalPerson],
    ['party-electronic-addresses', ERP.phone1, CRM.phone1],
    ['price-lists', ERP.priceList1, CRM.priceList1],
    ['price-list-items', ERP.priceItem1, CRM.priceItem1],
    ['tasks', ERP.task1, CRM.task1],
    ['phone-calls', ERP.call1, CRM.call1],
    ['appointments', ERP.appointment1, CRM.appointment1],
  ];

  it.each(pairs)('%s: the counterpart is found by the key and nothing would change', async (mapId, erp, crm) => {
    const map = mapById(mapId);
    const source = replica();
    const toCrm = await mirrorRow(map, 'erp', erp, source);
    expect(toCrm).not.toBeNull();
    expect(await source.find('crm', map.crm.set, toCrm?.key ?? {})).toBe(crm);
    expect(changedFields(toCrm?.values ?? {}, crm, fieldTypes(map, 'crm'))).toEqual([]);
    const toErp = await mirrorRow(map, 'crm', crm, source);
    if (map.oneWay === undefined) {
      expect(await source.get('erp', map.erp.set, toErp?.key ?? {})).toBe(erp);
      expect(changedFields(toErp?.values ?? {}, erp, fieldTypes(map, 'erp'))).toEqual([]);
    }
  });

  it('every standard map is covered', () => {
    expect(new Set(pairs.map(([id]) => id))).toEqual(new Set(STANDARD_MAPS.map((m) => m.id)));
  });
});
