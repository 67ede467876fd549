import { describe, expect, it } from 'vitest';
import { MapError, matchesSide, mirrorRow, type MapErrorCode, type Row, type Side, type TableMap } from '../../src/core/maps/index.ts';
import { CRM, ERP, G, mapById, replica } from './maps-fixture.ts';

async function failure(mapId: string, from: Side, row: Row, catalog?: readonly TableMap[]): Promise<MapError> {
  try {
    await mirrorRow(mapById(mapId), from, row, replica(), catalog === undefined ? {} : { catalog });
  } catch (error) {
    if (error instanceof MapError) return error;
    throw error;
  }
  throw new Error('expected a MapError');
}

interface Expected {
  code: MapErrorCode;
  field: string;
  side: Side;
  message?: string;
}

async function expectFailure(mapId: string, from: Side, row: Row, expected: Expected): Promise<void> {
  const error = await failure(mapId, from, row);
  expect({ code: error.code, mapId: error.mapId, field: error.field, side: error.side }).toEqual({
    code: expected.code,
    mapId,
    field: expected.field,
    side: expected.side,
  });
  expect(error.message).toMatch(new RegExp(`^${mapId}: .*${expected.field}`));
  if (expected.message !== undefined) expect(error.message).toBe(expected.message);
}

const long = (n: number) => 'x'.repeat(n);

describe('value maps', () => {
  it('an ERP value with no entry', () =>
    expectFailure('customers-accounts', 'erp', { ...ERP.us001, OnHoldStatus: 'Sometimes' }, {
      code: 'MAP_NO_VALUE_MAP_ENTRY',
      field: 'OnHoldStatus',
      side: 'erp',
      message: "customers-accounts: OnHoldStatus has no value-map entry for 'Sometimes' (ERP → CRM)",
    }));

  it('a CRM option with no entry', () =>
    expectFailure('customers-accounts', 'crm', { ...CRM.us001, msdyn_onholdstatus: 806380009 }, {
      code: 'MAP_NO_VALUE_MAP_ENTRY',
      field: 'msdyn_onholdstatus',
      side: 'crm',
      message: 'customers-accounts: msdyn_onholdstatus has no value-map entry for 806380009 (CRM → ERP)',
    }));

  it('a boolean value map does not accept the string form', () =>
    expectFailure('customers-accounts', 'crm', { ...CRM.us001, msdyn_onetimecustomer: 'true' }, {
      code: 'MAP_NO_VALUE_MAP_ENTRY',
      field: 'msdyn_onetimecustomer',
      side: 'crm',
    }));

  it('null with no null entry stays null', async () => {
    const result = await mirrorRow(mapById('customers-accounts'), 'erp', { ...ERP.us001, OnHoldStatus: null }, replica());
    expect(result?.values['msdyn_onholdstatus']).toBeNull();
  });
});

describe('lookups', () => {
  it.each<[string, Side, Row, string]>([
    ['customers-accounts', 'erp', { ...ERP.us001, CustomerGroupId: 'ZZ' }, 'CustomerGroupId'],
    ['customers-accounts', 'erp', { ...ERP.us001, SalesCurrencyCode: 'XXX' }, 'SalesCurrencyCode'],
    ['customers-accounts', 'erp', { ...ERP.us001, InvoiceAccount: 'US-999' }, 'InvoiceAccount'],
    ['customers-accounts', 'erp', { ...ERP.us001, dataAreaId: 'frrt' }, 'dataAreaId'],
    ['customers-accounts', 'crm', { ...CRM.us001, msdyn_customergroupid: '00000000-0000-4000-8000-0000000000ff' }, 'msdyn_customergroupid'],
    ['customers-accounts', 'crm', { ...CRM.us001, msdyn_company: '00000000-0000-4000-8000-0000000000ff' }, 'msdyn_company'],
    ['contacts', 'erp', { ...ERP.cp001, CustomerAccount: 'US-P01' }, 'CustomerAccount'],
    // the prospect account is outside the customers-accounts filter, so it has no ERP counterpart
    ['contacts', 'crm', { ...CRM.cp001, parentcustomerid: G.prospect }, 'parentcustomerid'],
  ])('%s %s: %o → MAP_LOOKUP_NOT_FOUND on %s', (mapId, from, row, field) =>
    expectFailure(mapId, from, row, { code: 'MAP_LOOKUP_NOT_FOUND', field, side: from }));

  it('names the set and the key it looked for', async () => {
    const error = await failure('customers-accounts', 'erp', { ...ERP.us001, CustomerGroupId: 'ZZ' });
    expect(error.message).toBe(
      `customers-accounts: CustomerGroupId 'ZZ' names no msdyn_customergroups row ` +
        `{"msdyn_company":"${G.usmf}","msdyn_groupid":"ZZ"} in the replica (lookup through customer-groups, ERP → CRM)`,
    );
  });

  it('a reference to a row of another company is a mismatch', () =>
    expectFailure('customers-accounts', 'crm', { ...CRM.us001, msdyn_customergroupid: G.deGroup10 }, {
      code: 'MAP_LOOKUP_MISMATCH',
      field: 'msdyn_customergroupid',
      side: 'crm',
    }));

  it('a lookup value that is not a GUID', () =>
    expectFailure('customers-accounts', 'crm', { ...CRM.us002, msdyn_billingaccount: 'US-001' }, {
      code: 'MAP_INVALID_VALUE',
      field: 'msdyn_billingaccount',
      side: 'crm',
    }));

  it('null and empty references map to null', async () => {
    const toCrm = await mirrorRow(mapById('customers-accounts'), 'erp', { ...ERP.us002, InvoiceAccount: '' }, replica());
    expect(toCrm?.values['msdyn_billingaccount']).toBeNull();
    const toErp = await mirrorRow(mapById('contacts'), 'crm', { ...CRM.cp001, parentcustomerid: null }, replica());
    expect(toErp?.values['CustomerAccount']).toBeNull();
  });

  it('a lookup through a map missing from the catalog', async () => {
    const error = await failure('customer-groups', 'erp', ERP.group10, []);
    expect([error.code, error.field]).toEqual(['MAP_UNKNOWN_MAP', 'dataAreaId']);
  });

  it('a lookup into a CRM set whose GUID key is unknown', async () => {
    const custom: TableMap = { ...mapById('currencies'), id: 'money', crm: { set: 'moneys' } };
    const map: TableMap = { ...mapById('customers-accounts'), fields: [{ kind: 'lookup', erp: 'SalesCurrencyCode', crm: 'x', direction: 'both', map: 'money' }] };
    const catalog = [mapById('companies'), custom];
    await expect(mirrorRow(map, 'erp', ERP.us001, replica(), { catalog })).rejects.toMatchObject({ code: 'MAP_UNKNOWN_SET' });
  });
});

describe('keys', () => {
  it.each<[string, Side, Row, string]>([
    ['customers-accounts', 'erp', { ...ERP.us001, CustomerAccount: undefined }, 'CustomerAccount'],
    ['customers-accounts', 'erp', { ...ERP.us001, CustomerAccount: '' }, 'CustomerAccount'],
    ['customers-accounts', 'erp', { ...ERP.us001, dataAreaId: null }, 'dataAreaId'],
    ['customers-accounts', 'crm', { ...CRM.us001, accountnumber: null }, 'accountnumber'],
    ['customers-accounts', 'crm', { ...CRM.us001, msdyn_company: null }, 'msdyn_company'],
    ['currencies', 'crm', { ...CRM.usd, isocurrencycode: '' }, 'isocurrencycode'],
    ['companies', 'erp', { ...ERP.usmf, LegalEntityId: null }, 'LegalEntityId'],
  ])('%s %s: %o → MAP_KEY_MISSING on %s', (mapId, from, row, field) =>
    expectFailure(mapId, from, row, { code: 'MAP_KEY_MISSING', field, side: from }));

  it('a referenced key part missing from the referencing row', async () => {
    // customer groups are per company: a reference from a row without dataAreaId cannot be resolved
    const map: TableMap = {
      ...mapById('currencies'),
      fields: [{ kind: 'lookup', erp: 'Group', crm: 'group', direction: 'both', map: 'customer-groups' }],
      dependsOn: ['customer-groups'],
    };
    const error = await mirrorRow(map, 'erp', { ...ERP.usd, Group: '10' }, replica()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MAP_KEY_MISSING', field: 'dataAreaId' });
    expect((error as Error).message).toContain('resolving Group through customer-groups');
  });
});

describe('decimals, lengths, required fields', () => {
  it('more decimals than the CRM keeps is precision loss, not rounding', () =>
    expectFailure('customers-accounts', 'erp', { ...ERP.us001, CreditLimit: '1250.123456' }, {
      code: 'MAP_PRECISION_LOSS',
      field: 'CreditLimit',
      side: 'erp',
      message: "customers-accounts: CreditLimit '1250.123456' has 6 decimals but the CRM keeps 4 (ERP → CRM)",
    }));

  it('four decimals (and trailing zeros beyond them) pass', async () => {
    for (const CreditLimit of ['1250.1234', '1250.123400', '-0.0001', '1e-4']) {
      const result = await mirrorRow(mapById('customers-accounts'), 'erp', { ...ERP.us001, CreditLimit }, replica());
      expect(result?.values['creditlimit']).toMatch(/^-?\d+(\.\d{1,4})?$/);
    }
  });

  it('a decimal field holding something else', () =>
    expectFailure('customers-accounts', 'erp', { ...ERP.us001, CreditLimit: 'lots' }, { code: 'MAP_INVALID_VALUE', field: 'CreditLimit', side: 'erp' }));

  it('text longer than the target allows (counted in code points)', async () => {
    await expectFailure('customers-accounts', 'erp', { ...ERP.us001, PrimaryContactEmail: long(101) }, {
      code: 'MAP_TOO_LONG',
      field: 'PrimaryContactEmail',
      side: 'erp',
      message: 'customers-accounts: PrimaryContactEmail has 101 characters but the CRM allows 100 (ERP → CRM)',
    });
    await expectFailure('customers-accounts', 'crm', { ...CRM.us001, name: long(101) }, { code: 'MAP_TOO_LONG', field: 'name', side: 'crm' });
    const emoji = await mirrorRow(mapById('customers-accounts'), 'crm', { ...CRM.us001, name: '😀'.repeat(100) }, replica());
    expect(emoji?.values['OrganizationName']).toBe('😀'.repeat(100));
  });

  it('a field the target requires', async () => {
    await expectFailure('customers-accounts', 'erp', { ...ERP.us001, OrganizationName: null }, {
      code: 'MAP_REQUIRED_MISSING',
      field: 'OrganizationName',
      side: 'erp',
      message: 'customers-accounts: name is required in the CRM but OrganizationName is empty (ERP → CRM)',
    });
    await expectFailure('customers-accounts', 'crm', { ...CRM.us001, msdyn_customergroupid: null }, {
      code: 'MAP_REQUIRED_MISSING',
      field: 'msdyn_customergroupid',
      side: 'crm',
    });
    await expectFailure('contacts', 'crm', { ...CRM.cp001, lastname: '' }, { code: 'MAP_REQUIRED_MISSING', field: 'lastname', side: 'crm' });
  });
});

describe('MapError', () => {
  it('crosses boundaries as plain data', async () => {
    const error = await failure('customers-accounts', 'erp', { ...ERP.us001, OnHoldStatus: 'Sometimes' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'MAP_NO_VALUE_MAP_ENTRY',
      message: "customers-accounts: OnHoldStatus has no value-map entry for 'Sometimes' (ERP → CRM)",
      details: { mapId: 'customers-accounts', field: 'OnHoldStatus', side: 'erp' },
    });
  });

  it('an invalid filter is MAP_FILTER naming the side', () => {
    const map: TableMap = { ...mapById('customers-accounts'), id: 'broken', erp: { set: 'CustomersV3', filter: 'PartyType eq' } };
    expect(() => matchesSide(map, 'erp', ERP.us001)).toThrow(MapError);
    expect(() => matchesSide(map, 'erp', ERP.us001)).toThrow(/^broken: ERP filter "PartyType eq" is invalid/);
    try {
      matchesSide(map, 'erp', ERP.us001);
    } catch (error) {
      expect(error).toMatchObject({ code: 'MAP_FILTER', mapId: 'broken', side: 'erp' });
    }
  });
});

describe('malformed maps', () => {
  it('a key that looks up through its own map fails instead of recursing forever', async () => {
    const map: TableMap = {
      ...mapById('customer-groups'),
      id: 'loop',
      keys: [{ erp: 'dataAreaId', crm: 'msdyn_company', lookup: 'loop' }, { erp: 'CustomerGroupId', crm: 'msdyn_groupid' }],
    };
    await expect(mirrorRow(map, 'erp', ERP.group10, replica())).rejects.toMatchObject({ code: 'MAP_INVALID', mapId: 'loop' });
    // CRM → ERP stops sooner: the company GUID names no row of the looping map's own set
    await expect(mirrorRow(map, 'crm', CRM.group10, replica())).rejects.toBeInstanceOf(MapError);
  });
});
