/**
 * The ERP (finance & operations) store: PascalCase entity sets, natural keys, company
 * (legal entity) striping by `dataAreaId`. Field sets follow the F&O data entities that
 * the standard dual-write maps use (see ../shared/reference/dual-write.md §4.1).
 * Units, unit conversions, currencies and exchange rates are global in F&O, and so they
 * are here; terms of payment, payment methods, vendor groups and vendors are per company.
 * Customer assets, service orders and notes (the field-service slice) are per company too,
 * and so are on-hand inventory, loyalty cards, sales quotations and orders with their
 * lines, posted sales invoices with theirs, and the postal and electronic addresses of
 * customers (the party's addresses: Tandem has no party table, the customer stands for it),
 * sales price lists with their agreement lines (trade agreements), and activities.
 */
import type { FieldDef } from '../../src/core/schema/types.ts';
import { author, date, dateTime, dec, enumOf, int, NO_YES, ref, stamp, str } from './fields.ts';
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

const PARTY_ADDRESS_KEY = ['dataAreaId', 'CustomerAccount', 'LocationId'];

/** A customer's (party's) address, postal or electronic: its key, name, purpose and primary flag, then the kind's own fields. */
const partyAddress = (own: FieldDef[]): FieldDef[] => [
  dataAreaId,
  str('CustomerAccount', 20, { required: true, references: inCompany('CustomersV3') }),
  str('LocationId', 20, { required: true }),
  str('Description', 60),
  enumOf('Purpose', ADDRESS_PURPOSES, { defaultValue: 'Business' }),
  enumOf('IsPrimary', NO_YES, { defaultValue: 'No' }),
  ...own,
];

export const ONHOLD_STATUS = ['No', 'Invoice', 'All', 'Payment', 'Requisition', 'Never'] as const;
/** Terms of payment: what the due date counts from (F&O PaymentMethod of a term, NetDays base). */
export const PAYMENT_TERM_BASES = ['Net', 'CurrentMonth', 'CurrentQuarter', 'CurrentYear', 'COD'] as const;
export const PAYMENT_TYPES = ['Other', 'Check', 'Electronic', 'CreditCard', 'DirectDebit', 'Cash'] as const;
export const PAYMENT_ACCOUNT_TYPES = ['Ledger', 'Bank'] as const;
export const UNIT_ROUNDING = ['Nearest', 'Up', 'Down'] as const;
export const ASSET_STATUS = ['Active', 'Inactive'] as const;
/** Service order status, in the order of the CRM work order system status 690970000…690970005. */
export const SERVICE_ORDER_STATUS = ['Unscheduled', 'Scheduled', 'InProcess', 'Completed', 'Posted', 'Cancelled'] as const;
/** What a note is attached to (DocuRef's RefTableId, as an enum). */
export const NOTE_REF_TABLES = ['Customer', 'Asset', 'ServiceOrder'] as const;
/** Loyalty card tier, in the order of the CRM msdyn_tier option set 192350000…192350002. */
export const LOYALTY_TIERS = ['Basic', 'Silver', 'Gold'] as const;
/** Sales order processing status, in the order of the CRM msdyn_processingstatus option set 192350000…192350004. */
export const SALES_ORDER_STATUS = ['None', 'Backorder', 'Delivered', 'Invoiced', 'Canceled'] as const;
/** Sales quotation status, in the order of the CRM msdyn_quotationstatus option set 192350000…192350004. */
export const SALES_QUOTATION_STATUS = ['Created', 'Sent', 'Confirmed', 'Lost', 'Cancelled'] as const;
/** A party address's purpose (role), in the order of the CRM msdyn_purpose option set 192350000…192350004. */
export const ADDRESS_PURPOSES = ['Business', 'Delivery', 'Invoice', 'Home', 'Other'] as const;
/** An electronic address's type, in the order of the CRM msdyn_type option set 192350000…192350004. */
export const ELECTRONIC_ADDRESS_TYPES = ['Phone', 'Email', 'URL', 'Telex', 'Fax'] as const;
/** Whom a sales price agreement line is for: one customer (Table), a customer group (Group), everyone (All). */
export const PRICE_ACCOUNT_CODES = ['Table', 'Group', 'All'] as const;
/** An activity's kind; each goes to its own CRM table (tasks, phonecalls, appointments). */
export const ACTIVITY_TYPES = ['Task', 'PhoneCall', 'Appointment'] as const;
/** An activity's status, in the order of the CRM msdyn_activitystatus option set 192350000…192350003. */
export const ACTIVITY_STATUS = ['NotStarted', 'InProgress', 'Completed', 'Cancelled'] as const;
/** The ERP's "never" for an open valid-to date (F&O's date-effective maximum). */
export const NEVER = '2154-12-31';

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
  erpSet(
    'PaymentTerms',
    'PaymentTerm',
    ['dataAreaId', 'Name'],
    [
      dataAreaId,
      str('Name', 10, { required: true }),
      str('Description', 60),
      enumOf('PaymentMethodType', PAYMENT_TERM_BASES, { defaultValue: 'Net' }),
      int('NumberOfDays', { defaultValue: 0 }),
      int('NumberOfMonths', { defaultValue: 0 }),
      enumOf('IsCashPayment', NO_YES, { defaultValue: 'No' }),
    ],
    'Terms of payment per company (shared by customers and vendors).',
  ),
  erpSet(
    'CustomerPaymentMethods',
    'CustomerPaymentMethod',
    ['dataAreaId', 'Name'],
    [
      dataAreaId,
      str('Name', 10, { required: true }),
      str('Description', 60),
      enumOf('PaymentType', PAYMENT_TYPES, { defaultValue: 'Other' }),
      enumOf('AccountType', PAYMENT_ACCOUNT_TYPES, { defaultValue: 'Bank' }),
    ],
    'Customer methods of payment per company.',
  ),
  erpSet(
    'VendorGroups',
    'VendorGroup',
    ['dataAreaId', 'VendorGroupId'],
    [
      dataAreaId,
      str('VendorGroupId', 10, { required: true }),
      str('Description', 60),
      str('DefaultPaymentTermName', 10, { references: inCompany('PaymentTerms') }),
    ],
    'Vendor groups per company.',
  ),
  erpSet(
    'VendorsV2',
    'VendorV2',
    ['dataAreaId', 'VendorAccountNumber'],
    [
      dataAreaId,
      str('VendorAccountNumber', 20, { required: true }),
      str('VendorOrganizationName', 100, { required: true }),
      str('VendorSearchName', 20),
      str('VendorGroupId', 10, { required: true, references: inCompany('VendorGroups') }),
      str('CurrencyCode', 3, { required: true, references: ref('Currencies') }),
      str('PaymentTermsName', 10, { references: inCompany('PaymentTerms') }),
      enumOf('OnHoldStatus', ONHOLD_STATUS, { defaultValue: 'No' }),
      str('PrimaryEmailAddress', 255),
      str('PrimaryPhoneNumber', 30),
      str('AddressStreet', 250),
      str('AddressCity', 60),
      str('AddressZipCode', 10),
      str('AddressCountryRegionId', 10),
      str('TaxExemptNumber', 25),
    ],
    'Vendors (organisations) per company.',
  ),
  erpSet(
    'ExchangeRates',
    'ExchangeRate',
    ['FromCurrency', 'ToCurrency', 'StartDate'],
    [
      str('FromCurrency', 3, { required: true, references: ref('Currencies') }),
      str('ToCurrency', 3, { required: true, references: ref('Currencies') }),
      date('StartDate', { required: true, description: 'First day the rate applies' }),
      date('EndDate', { description: "Day after the last day the rate applies; 2154-12-31 (F&O's 'never') when open" }),
      dec('Rate', 32, 12, { required: true, description: 'Units of ToCurrency per unit of FromCurrency, up to 12 decimal places' }),
    ],
    'Exchange rates (global, date-effective): one row per currency pair and start date.',
    false,
  ),
  erpSet(
    'UnitOfMeasureConversions',
    'UnitOfMeasureConversion',
    ['FromUnitSymbol', 'ToUnitSymbol'],
    [
      str('FromUnitSymbol', 10, { required: true, references: ref('Units') }),
      str('ToUnitSymbol', 10, { required: true, references: ref('Units') }),
      dec('Factor', 32, 10, { required: true }),
      int('Numerator', { defaultValue: 1 }),
      int('Denominator', { defaultValue: 1 }),
      dec('InnerOffset', 32, 10, { defaultValue: '0' }),
      dec('OuterOffset', 32, 10, { defaultValue: '0' }),
      enumOf('Rounding', UNIT_ROUNDING, { defaultValue: 'Nearest' }),
    ],
    'Unit conversions (global): to = ((from + InnerOffset) × Factor × Numerator / Denominator) + OuterOffset.',
    false,
  ),
  erpSet(
    'CustomerAssets',
    'CustomerAsset',
    ['dataAreaId', 'AssetId'],
    [
      dataAreaId,
      str('AssetId', 20, { required: true }),
      str('Name', 60, { required: true }),
      str('CustomerAccount', 20, { required: true, references: inCompany('CustomersV3') }),
      str('ItemNumber', 20, { references: inCompany('ReleasedProducts') }),
      str('SerialNumber', 30),
      date('InstallDate'),
      enumOf('Status', ASSET_STATUS, { defaultValue: 'Active' }),
    ],
    'Customer assets (installed equipment) per company.',
  ),
  erpSet(
    'ServiceOrders',
    'ServiceOrder',
    ['dataAreaId', 'ServiceOrderId'],
    [
      dataAreaId,
      str('ServiceOrderId', 20, { required: true }),
      str('CustomerAccount', 20, { required: true, references: inCompany('CustomersV3') }),
      str('AssetId', 20, { references: inCompany('CustomerAssets') }),
      str('Description', 1000),
      enumOf('Status', SERVICE_ORDER_STATUS, { defaultValue: 'Unscheduled' }),
      str('Stage', 10),
      dateTime('PlannedStart'),
    ],
    'Service orders (work orders) per company, with their status.',
  ),
  erpSet(
    'Notes',
    'Note',
    ['dataAreaId', 'NoteId'],
    [
      dataAreaId,
      str('NoteId', 20, { required: true }),
      enumOf('RefTable', NOTE_REF_TABLES, { required: true }),
      str('RefKey', 20, { required: true, description: 'Key of the row the note is attached to, in the table RefTable names' }),
      str('Title', 100),
      str('Body', 10000),
      str('CreatedBy', 60, { description: 'Who wrote the note (free text; not mirrored)' }),
    ],
    'Notes attached to customers, customer assets or service orders, per company (DocuRef-like).',
  ),
  erpSet(
    'InventoryOnHand',
    'InventoryOnHandEntry',
    ['dataAreaId', 'ItemNumber', 'SiteId', 'WarehouseId'],
    [
      dataAreaId,
      str('ItemNumber', 20, { required: true, references: inCompany('ReleasedProducts') }),
      str('SiteId', 10, { required: true }),
      str('WarehouseId', 10, { required: true }),
      dec('AvailableQuantity', 32, 6, { defaultValue: '0' }),
      dec('OnHandQuantity', 32, 6, { defaultValue: '0' }),
    ],
    'On-hand inventory per company, item, site and warehouse; quantities keep 6 decimal places.',
  ),
  erpSet(
    'LoyaltyCards',
    'LoyaltyCard',
    ['dataAreaId', 'CardNumber'],
    [
      dataAreaId,
      str('CardNumber', 20, { required: true }),
      str('CustomerAccount', 20, { required: true, references: inCompany('CustomersV3') }),
      str('LoyaltyProgramId', 20),
      enumOf('Tier', LOYALTY_TIERS, { defaultValue: 'Basic' }),
      date('IssueDate'),
      int('Points', { defaultValue: 0, description: 'Earned in the ERP' }),
    ],
    'Loyalty cards per company, with their tier and points.',
  ),
  erpSet(
    'SalesOrderHeaders',
    'SalesOrderHeader',
    ['dataAreaId', 'SalesOrderNumber'],
    [
      dataAreaId,
      str('SalesOrderNumber', 20, { required: true }),
      str('OrderingCustomerAccountNumber', 20, { required: true, references: inCompany('CustomersV3') }),
      str('CurrencyCode', 3, { required: true, references: ref('Currencies') }),
      date('RequestedShippingDate'),
      str('DeliveryAddressStreet', 250),
      str('DeliveryAddressCity', 60),
      str('DeliveryAddressZipCode', 10),
      enumOf('SalesOrderProcessingStatus', SALES_ORDER_STATUS, { defaultValue: 'None' }),
      dec('OrderTotalAmount', 32, 6, { defaultValue: '0', description: 'Computed in the ERP' }),
      dec('TotalDiscountAmount', 32, 6, { defaultValue: '0', description: 'Computed in the ERP' }),
      dec('OrderTotalTaxAmount', 32, 6, { defaultValue: '0', description: 'Computed in the ERP' }),
    ],
    'Sales order headers per company, with their processing status and totals.',
  ),
  erpSet(
    'SalesOrderLines',
    'SalesOrderLine',
    ['dataAreaId', 'SalesOrderNumber', 'LineNumber'],
    [
      dataAreaId,
      str('SalesOrderNumber', 20, { required: true, references: inCompany('SalesOrderHeaders') }),
      int('LineNumber', { required: true }),
      str('ItemNumber', 20, { required: true, references: inCompany('ReleasedProducts') }),
      dec('OrderedSalesQuantity', 32, 6, { defaultValue: '0' }),
      str('SalesUnitSymbol', 10, { references: ref('Units') }),
      dec('SalesPrice', 32, 10, { defaultValue: '0' }),
      dec('LineAmount', 32, 6, { defaultValue: '0', description: 'Computed in the ERP' }),
    ],
    'Sales order lines per company and order; quantities keep 6 decimal places, prices 10.',
  ),
  erpSet(
    'SalesQuotationHeadersV2',
    'SalesQuotationHeaderV2',
    ['dataAreaId', 'SalesQuotationNumber'],
    [
      dataAreaId,
      str('SalesQuotationNumber', 20, { required: true }),
      str('RequestingCustomerAccountNumber', 20, { required: true, references: inCompany('CustomersV3') }),
      str('CurrencyCode', 3, { required: true, references: ref('Currencies') }),
      str('SalesQuotationName', 60),
      date('RequestedShippingDate'),
      date('SalesQuotationExpiryDate'),
      enumOf('SalesQuotationStatus', SALES_QUOTATION_STATUS, { defaultValue: 'Created' }),
      dec('QuotationTotalAmount', 32, 6, { defaultValue: '0', description: 'Computed in the ERP' }),
      dec('TotalDiscountAmount', 32, 6, { defaultValue: '0', description: 'Computed in the ERP' }),
      dec('TotalTaxAmount', 32, 6, { defaultValue: '0', description: 'Computed in the ERP' }),
    ],
    'Sales quotation headers per company, with their status and totals.',
  ),
  erpSet(
    'SalesQuotationLinesV2',
    'SalesQuotationLineV2',
    ['dataAreaId', 'SalesQuotationNumber', 'LineNumber'],
    [
      dataAreaId,
      str('SalesQuotationNumber', 20, { required: true, references: inCompany('SalesQuotationHeadersV2') }),
      int('LineNumber', { required: true }),
      str('ItemNumber', 20, { required: true, references: inCompany('ReleasedProducts') }),
      str('LineDescription', 1000),
      dec('RequestedSalesQuantity', 32, 6, { defaultValue: '0' }),
      str('SalesUnitSymbol', 10, { references: ref('Units') }),
      dec('SalesPrice', 32, 10, { defaultValue: '0' }),
      dec('LineAmount', 32, 6, { defaultValue: '0', description: 'Computed in the ERP' }),
    ],
    'Sales quotation lines per company and quotation; quantities keep 6 decimal places, prices 10.',
  ),
  erpSet(
    'SalesInvoiceHeadersV2',
    'SalesInvoiceHeaderV2',
    ['dataAreaId', 'InvoiceNumber'],
    [
      dataAreaId,
      str('InvoiceNumber', 20, { required: true }),
      str('InvoiceCustomerAccountNumber', 20, { required: true, references: inCompany('CustomersV3') }),
      str('SalesOrderNumber', 20, { references: inCompany('SalesOrderHeaders'), description: 'The order invoiced; empty for a free-text invoice' }),
      date('InvoiceDate', { required: true }),
      date('DueDate'),
      str('CurrencyCode', 3, { required: true, references: ref('Currencies') }),
      dec('TotalInvoiceAmount', 32, 6, { defaultValue: '0' }),
      dec('TotalDiscountAmount', 32, 6, { defaultValue: '0' }),
      dec('TotalTaxAmount', 32, 6, { defaultValue: '0' }),
    ],
    'Posted sales invoice headers per company, with their totals.',
  ),
  erpSet(
    'SalesInvoiceLines',
    'SalesInvoiceLine',
    ['dataAreaId', 'InvoiceNumber', 'LineNumber'],
    [
      dataAreaId,
      str('InvoiceNumber', 20, { required: true, references: inCompany('SalesInvoiceHeadersV2') }),
      int('LineNumber', { required: true }),
      str('ItemNumber', 20, { required: true, references: inCompany('ReleasedProducts') }),
      dec('InvoicedQuantity', 32, 6, { defaultValue: '0' }),
      str('SalesUnitSymbol', 10, { references: ref('Units') }),
      dec('SalesPrice', 32, 10, { defaultValue: '0' }),
      dec('LineAmount', 32, 6, { defaultValue: '0' }),
    ],
    'Posted sales invoice lines per company and invoice; quantities keep 6 decimal places, prices 10.',
  ),
  erpSet(
    'CustomerPostalAddresses',
    'CustomerPostalAddress',
    PARTY_ADDRESS_KEY,
    partyAddress([
      ...address(''),
      date('ValidFrom', { required: true }),
      date('ValidTo', { defaultValue: NEVER, description: `Exclusive end; ${NEVER} means never` }),
    ]),
    'Postal addresses of customers per company (party postal address locations): several per customer, by purpose, one primary, date-effective.',
  ),
  erpSet(
    'CustomerElectronicAddresses',
    'CustomerElectronicAddress',
    PARTY_ADDRESS_KEY,
    partyAddress([
      enumOf('Type', ELECTRONIC_ADDRESS_TYPES, { required: true }),
      str('Locator', 255, { required: true, description: 'The phone number, e-mail address or URL' }),
      str('LocatorExtension', 10),
    ]),
    'Electronic addresses (contact information) of customers per company (party contacts): phones, e-mail addresses and URLs by purpose, one primary per type.',
  ),
  erpSet(
    'SalesPriceLists',
    'SalesPriceList',
    ['dataAreaId', 'PriceListId'],
    [
      dataAreaId,
      str('PriceListId', 20, { required: true }),
      str('Description', 60),
      str('CurrencyCode', 3, { required: true, references: ref('Currencies') }),
      date('ValidFrom', { required: true }),
      date('ValidTo', { defaultValue: NEVER, description: `Exclusive end; ${NEVER} means never` }),
    ],
    'Sales price lists (trade agreement journals) per company, one currency each, date-effective.',
  ),
  erpSet(
    'SalesPriceAgreements',
    'SalesPriceAgreement',
    ['dataAreaId', 'AgreementLineId'],
    [
      dataAreaId,
      str('AgreementLineId', 20, { required: true }),
      str('PriceListId', 20, { required: true, references: inCompany('SalesPriceLists') }),
      enumOf('AccountCode', PRICE_ACCOUNT_CODES, { defaultValue: 'All' }),
      str('AccountRelation', 20, { description: 'The customer account (Table) or customer group (Group); empty for All' }),
      str('ItemNumber', 20, { required: true, references: inCompany('ReleasedProducts') }),
      str('CurrencyCode', 3, { required: true, references: ref('Currencies') }),
      str('UnitSymbol', 10, { references: ref('Units'), description: 'Empty: any unit' }),
      dec('QuantityFrom', 32, 6, { defaultValue: '0' }),
      dec('QuantityTo', 32, 6, { defaultValue: '0', description: 'Exclusive; 0 means no upper bound' }),
      dec('Price', 32, 10, { defaultValue: '0' }),
      date('ValidFrom', { required: true }),
      date('ValidTo', { defaultValue: NEVER, description: `Exclusive end; ${NEVER} means never` }),
    ],
    'Sales price agreement lines (trade agreements) per company: an item’s price for a customer, a customer group or all, by currency, unit and quantity break, date-effective; prices keep 10 decimal places.',
  ),
  erpSet(
    'Activities',
    'Activity',
    ['dataAreaId', 'ActivityNumber'],
    [
      dataAreaId,
      str('ActivityNumber', 20, { required: true }),
      enumOf('ActivityType', ACTIVITY_TYPES, { required: true }),
      str('Purpose', 200, { required: true, description: 'What the activity is about (its subject)' }),
      str('Notes', 2000),
      enumOf('Status', ACTIVITY_STATUS, { defaultValue: 'NotStarted' }),
      dateTime('StartDateTime'),
      dateTime('EndDateTime', { description: 'When it is due (tasks, calls) or ends (appointments)' }),
      str('PhoneNumber', 30),
      str('Location', 100),
      enumOf('RefTable', NOTE_REF_TABLES, { description: 'What the activity is regarding: the table…' }),
      str('RefKey', 20, { description: '…and the key of the row there (empty: regarding nothing)' }),
    ],
    'Activities per company (tasks, phone calls, appointments), with their status, dates and what they are regarding.',
  ),
];

export const erp: StoreSpec = { name: 'erp', namespace: 'Tandem.ERP', root: '/erp/data', sets };
