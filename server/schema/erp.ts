/**
 * The ERP (finance & operations) store: PascalCase entity sets, natural keys, company
 * (legal entity) striping by `dataAreaId`. Field sets follow the F&O data entities that
 * the standard dual-write maps use (see ../shared/reference/dual-write.md §4.1).
 * Units and Currencies are global in F&O, and so they are here.
 */
import type { FieldDef } from '../../src/core/schema/types.ts';
import { author, dec, enumOf, int, NO_YES, ref, stamp, str } from './fields.ts';
import type { SetSpec, StoreSpec } from './spec.ts';

const STAMPS = { createdAt: 'CreatedDateTime', modifiedAt: 'ModifiedDateTime', modifiedBy: 'ModifiedBy' } as const;
const stampFields: FieldDef[] = [stamp('CreatedDateTime'), stamp('ModifiedDateTime'), author('ModifiedBy')];

const dataAreaId = str('dataAreaId', 4, { required: true, references: ref('LegalEntities'), description: 'Company (legal entity) code' });
const inCompany = (set: string) => ref(set, undefined, ['dataAreaId']);

function erpSet(name: string, entityType: string, key: string[], fields: FieldDef[], description: string, companyScoped = true): SetSpec {
  return {
    store: 'erp',
    name,
    entityType,
    key,
    table: `erp_${name}`,
    stamps: STAMPS,
    ...(companyScoped ? { company: { kind: 'code', field: 'dataAreaId' } as const } : {}),
    fields: [...fields, ...stampFields],
    description,
  };
}

const address = (prefix: string): FieldDef[] => [
  str(`${prefix}AddressStreet`, 250),
  str(`${prefix}AddressCity`, 60),
  str(`${prefix}AddressZipCode`, 10),
  str(`${prefix}AddressState`, 10),
  str(`${prefix}AddressCountryRegionId`, 10),
];

export const ONHOLD_STATUS = ['No', 'Invoice', 'All', 'Payment', 'Requisition', 'Never'] as const;

const sets: SetSpec[] = [
  {
    ...erpSet(
      'LegalEntities',
      'LegalEntity',
      ['LegalEntityId'],
      [
        str('LegalEntityId', 4, { required: true }),
        str('Name', 60, { required: true }),
        str('AccountingCurrencyCode', 3, { references: ref('Currencies') }),
        str('AddressCountryRegionId', 10),
      ],
      'Companies (legal entities); the company is the ERP security boundary.',
      false,
    ),
    company: { kind: 'code', field: 'LegalEntityId' },
  },
  erpSet(
    'Currencies',
    'Currency',
    ['CurrencyCode'],
    [
      str('CurrencyCode', 3, { required: true }),
      str('Name', 60, { required: true }),
      str('Symbol', 5),
      dec('RoundingPrecision', 32, 10, { defaultValue: '0.01' }),
    ],
    'Currencies (global).',
    false,
  ),
  erpSet(
    'Units',
    'Unit',
    ['UnitSymbol'],
    [
      str('UnitSymbol', 10, { required: true }),
      str('Description', 60),
      enumOf('UnitClass', ['None', 'Quantity', 'Mass', 'Length', 'Volume', 'Area', 'Time'], { defaultValue: 'Quantity' }),
      int('DecimalPrecision', { defaultValue: 0 }),
      enumOf('IsBaseUnit', NO_YES, { defaultValue: 'No' }),
      enumOf('SystemOfUnits', ['None', 'Metric', 'UnitedStates'], { defaultValue: 'None' }),
    ],
    'Units of measure (global).',
    false,
  ),
  erpSet(
    'CustomerGroups',
    'CustomerGroup',
    ['dataAreaId', 'CustomerGroupId'],
    [
      dataAreaId,
      str('CustomerGroupId', 10, { required: true }),
      str('Description', 60),
      str('PaymentTermId', 10),
      enumOf('IsSalesTaxIncludedInPrice', NO_YES, { defaultValue: 'No' }),
    ],
    'Customer groups per company.',
  ),
  erpSet(
    'CustomersV3',
    'CustomerV3',
    ['dataAreaId', 'CustomerAccount'],
    [
      dataAreaId,
      str('CustomerAccount', 20, { required: true }),
      enumOf('PartyType', ['Organization', 'Person'], { required: true }),
      str('PartyNumber', 20),
      str('OrganizationName', 100),
      str('PersonFirstName', 25),
      str('PersonLastName', 25),
      str('NameAlias', 20),
      str('CustomerGroupId', 10, { required: true, references: inCompany('CustomerGroups') }),
      str('SalesCurrencyCode', 3, { required: true, references: ref('Currencies') }),
      dec('CreditLimit', 32, 6, { defaultValue: '0' }),
      enumOf('CreditLimitIsMandatory', NO_YES, { defaultValue: 'No' }),
      str('CreditRating', 10),
      enumOf('OnHoldStatus', ONHOLD_STATUS, { defaultValue: 'No' }),
      enumOf('IsOneTimeCustomer', NO_YES, { defaultValue: 'No' }),
      str('InvoiceAccount', 20, { references: inCompany('CustomersV3'), description: 'Self-reference: the customer invoiced for this one' }),
      str('ContactPersonId', 20, { references: inCompany('ContactPersons'), description: 'Primary contact (circular with ContactPersons)' }),
      str('PaymentTerms', 10),
      str('PaymentMethod', 10),
      str('SalesMemo', 1000),
      str('TaxExemptNumber', 25),
      str('SalesTaxGroup', 10),
      str('PrimaryContactEmail', 255),
      str('PrimaryContactPhone', 30),
      ...address('Delivery'),
      dec('DeliveryAddressLatitude', 9, 6),
      dec('DeliveryAddressLongitude', 9, 6),
      ...address('Invoice'),
      str('LanguageId', 7, { defaultValue: 'en-us' }),
    ],
    'Customers (organisations and persons) per company.',
  ),
  erpSet(
    'ContactPersons',
    'ContactPerson',
    ['dataAreaId', 'ContactPersonId'],
    [
      dataAreaId,
      str('ContactPersonId', 20, { required: true }),
      str('FirstName', 25),
      str('LastName', 25, { required: true }),
      str('CustomerAccount', 20, { references: inCompany('CustomersV3') }),
      str('JobTitle', 60),
      str('PrimaryEmail', 255),
      str('PrimaryPhone', 30),
    ],
    'Contact persons of customers per company.',
  ),
  erpSet(
    'ReleasedProducts',
    'ReleasedProduct',
    ['dataAreaId', 'ItemNumber'],
    [
      dataAreaId,
      str('ItemNumber', 20, { required: true }),
      str('ProductName', 60, { required: true }),
      str('SearchName', 20),
      enumOf('ProductType', ['Item', 'Service'], { defaultValue: 'Item' }),
      str('SalesUnitSymbol', 10, { required: true, references: ref('Units') }),
      str('InventoryUnitSymbol', 10, { references: ref('Units') }),
      dec('SalesPrice', 32, 10, { defaultValue: '0' }),
      dec('NetWeight', 32, 6),
      str('ProductDescription', 1000),
    ],
    'Released products per company; prices keep up to 10 decimal places.',
  ),
];

export const erp: StoreSpec = { name: 'erp', namespace: 'Tandem.ERP', root: '/erp/data', sets };
