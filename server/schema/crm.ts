/**
 * The CRM (Dataverse-like) store: lowercase entity sets, GUID primary keys, alternate keys
 * for integration, company striping through a lookup to cdm_companies (`msdyn_company`).
 * Lookups are GUID-valued properties named like the navigation (`msdyn_company`), a
 * simplification of Dataverse's `_x_value` / `@odata.bind` pair (docs/server.md).
 */
import type { FieldDef } from '../../src/core/schema/types.ts';
import { author, bool, date, dateTime, dec, enumOf, guid, int, lookup, optionSet, stamp, str } from './fields.ts';
import type { SetSpec, StoreSpec } from './spec.ts';

const STAMPS = { createdAt: 'createdon', modifiedAt: 'modifiedon', modifiedBy: 'modifiedby' } as const;
const stampFields: FieldDef[] = [stamp('createdon'), stamp('modifiedon'), author('modifiedby')];

const company = lookup('msdyn_company', 'cdm_companies', { required: true, description: 'Company (cdm_company) the row belongs to' });
export const STATECODE = [0, 1] as const;
export const ONHOLD_OPTIONS = [806380000, 806380001, 806380002, 806380003, 806380004, 806380005] as const;
/** Dataverse account/contact customertypecode values (3 = customer, 8 = prospect…). */
export const CUSTOMER_TYPES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
/** msdyn_paymentterms.msdyn_paymentmethodtype: Net, current month, quarter, year, COD. */
export const PAYMENT_TERM_BASE_OPTIONS = [192350000, 192350001, 192350002, 192350003, 192350004] as const;
/** msdyn_customerpaymentmethods.msdyn_paymenttype: other, check, electronic, credit card, direct debit, cash. */
export const PAYMENT_TYPE_OPTIONS = [192350000, 192350001, 192350002, 192350003, 192350004, 192350005] as const;
/** msdyn_customerpaymentmethods.msdyn_accounttype: ledger, bank. */
export const ACCOUNT_TYPE_OPTIONS = [192350000, 192350001] as const;
/** msdyn_unitofmeasureconversions.msdyn_rounding: nearest, up, down. */
export const ROUNDING_OPTIONS = [192350000, 192350001, 192350002] as const;
/** msdyn_workorders.msdyn_systemstatus: unscheduled, scheduled, in progress, completed, posted, canceled. */
export const WORK_ORDER_STATUS_OPTIONS = [690970000, 690970001, 690970002, 690970003, 690970004, 690970005] as const;
/** annotations.objecttypecode: the table objectid points into. */
export const NOTE_OBJECT_TYPES = ['account', 'contact', 'msdyn_customerasset', 'msdyn_workorder'] as const;
/** msdyn_loyaltycards.msdyn_tier: basic, silver, gold. */
export const LOYALTY_TIER_OPTIONS = [192350000, 192350001, 192350002] as const;
/** salesorders.msdyn_processingstatus: none, backorder, delivered, invoiced, canceled. */
export const SALES_ORDER_STATUS_OPTIONS = [192350000, 192350001, 192350002, 192350003, 192350004] as const;
/** salesorders.msdyn_ordertype: item-based (the only one dual-write writes). */
export const SALES_ORDER_TYPE_OPTIONS = [192350000, 192350001] as const;
/** quotes.msdyn_quotationstatus: created, sent, confirmed, lost, cancelled. */
export const QUOTE_STATUS_OPTIONS = [192350000, 192350001, 192350002, 192350003, 192350004] as const;
/** msdyn_partypostaladdresses / msdyn_partyelectronicaddresses.msdyn_purpose: business, delivery, invoice, home, other. */
export const ADDRESS_PURPOSE_OPTIONS = [192350000, 192350001, 192350002, 192350003, 192350004] as const;
/** msdyn_partyelectronicaddresses.msdyn_type: phone, e-mail, URL, telex, fax. */
export const ELECTRONIC_ADDRESS_TYPE_OPTIONS = [192350000, 192350001, 192350002, 192350003, 192350004] as const;
/** tasks / phonecalls / appointments.msdyn_activitystatus: not started, in progress, completed, cancelled. */
export const ACTIVITY_STATUS_OPTIONS = [192350000, 192350001, 192350002, 192350003] as const;
/** productpricelevels.msdyn_accountcode: customer (table), group, all. */
export const PRICE_ACCOUNT_CODE_OPTIONS = [192350000, 192350001, 192350002] as const;
/** The tables a party address's msdyn_customerid points into (msdyn_customertype). */
export const PARTY_CUSTOMER_TYPES = ['account', 'contact'] as const;

const PARTY_ADDRESS_KEY = ['msdyn_customeraccount', 'msdyn_locationid', 'msdyn_company'];
const ACTIVITY_KEY = ['msdyn_activitynumber', 'msdyn_company'];

/** What every kind of activity has (Dataverse's activitypointer columns), then the kind's own fields. */
const activity = (own: FieldDef[]): FieldDef[] => [
  str('msdyn_activitynumber', 20, { required: true }),
  company,
  str('subject', 200, { required: true }),
  str('description', 2000),
  optionSet('msdyn_activitystatus', ACTIVITY_STATUS_OPTIONS, { defaultValue: 192350000 }),
  dateTime('scheduledstart'),
  dateTime('scheduledend', { description: 'Due (tasks, calls) or end (appointments)' }),
  guid('regardingobjectid', { description: 'Polymorphic: the account, contact, customer asset or work order the activity is regarding' }),
  enumOf('regardingobjecttypecode', NOTE_OBJECT_TYPES),
  ...own,
];

/**
 * A party address (postal or electronic) names its customer twice: by account number (the
 * key, which never changes) and by GUID (msdyn_customerid, an account or a person's
 * contact). Then its name, purpose and primary flag, then the kind's own fields.
 */
const partyAddress = (own: FieldDef[]): FieldDef[] => [
  str('msdyn_customeraccount', 20, { required: true }),
  str('msdyn_locationid', 20, { required: true }),
  company,
  guid('msdyn_customerid', { description: 'Polymorphic: the account or (for a person) contact the address belongs to' }),
  enumOf('msdyn_customertype', PARTY_CUSTOMER_TYPES),
  str('msdyn_name', 60),
  optionSet('msdyn_purpose', ADDRESS_PURPOSE_OPTIONS, { defaultValue: 192350000 }),
  bool('msdyn_isprimary', { defaultValue: false }),
  ...own,
];

function crmSet(
  name: string,
  entityType: string,
  keyField: string,
  alternateKey: string[],
  fields: FieldDef[],
  description: string,
  companyScoped = true,
): SetSpec {
  return {
    store: 'crm',
    name,
    entityType,
    key: [keyField],
    alternateKeys: [alternateKey],
    generatedKey: keyField,
    table: `crm_${name}`,
    stamps: STAMPS,
    ...(companyScoped ? { company: { kind: 'lookup', field: 'msdyn_company' } as const } : {}),
    fields: [guid(keyField, { required: true }), ...fields, ...stampFields],
    description,
  };
}

const address = (n: 1 | 2): FieldDef[] => [
  str(`address${n}_line1`, 250),
  str(`address${n}_city`, 80),
  str(`address${n}_postalcode`, 20),
  str(`address${n}_stateorprovince`, 50),
  str(`address${n}_country`, 80),
];

const sets: SetSpec[] = [
  {
    ...crmSet(
      'cdm_companies',
      'cdm_company',
      'cdm_companyid',
      ['cdm_companycode'],
      [str('cdm_companycode', 4, { required: true }), str('cdm_name', 100, { required: true })],
      'Companies, mirrored one way from the ERP legal entities.',
      false,
    ),
    company: { kind: 'code', field: 'cdm_companycode' },
  },
  crmSet(
    'transactioncurrencies',
    'transactioncurrency',
    'transactioncurrencyid',
    ['isocurrencycode'],
    [
      str('isocurrencycode', 5, { required: true }),
      str('currencyname', 100, { required: true }),
      str('currencysymbol', 10, { required: true }),
      dec('exchangerate', 28, 12, { required: true, defaultValue: '1' }),
      int('currencyprecision', { defaultValue: 2 }),
    ],
    'Transaction currencies (global); exchange rates keep 12 decimal places.',
    false,
  ),
  crmSet(
    'uoms',
    'uom',
    'uomid',
    ['msdyn_symbol'],
    [
      str('name', 100, { required: true }),
      str('msdyn_symbol', 10, { required: true }),
      str('msdyn_externalunitclassname', 100),
      int('msdyn_decimalprecision', { defaultValue: 0 }),
      bool('msdyn_isbaseunit', { defaultValue: false }),
      optionSet('msdyn_systemofunits', [192350000, 192350001, 192350002], { defaultValue: 192350000 }),
    ],
    'Units of measure (global).',
    false,
  ),
  crmSet(
    'msdyn_customergroups',
    'msdyn_customergroup',
    'msdyn_customergroupid',
    ['msdyn_groupid', 'msdyn_company'],
    [str('msdyn_groupid', 10, { required: true }), str('msdyn_description', 100), company],
    'Customer groups per company.',
  ),
  crmSet(
    'accounts',
    'account',
    'accountid',
    ['accountnumber', 'msdyn_company'],
    [
      str('accountnumber', 20),
      str('name', 160, { required: true }),
      company,
      optionSet('customertypecode', CUSTOMER_TYPES, { defaultValue: 3 }),
      dec('creditlimit', 32, 4),
      lookup('transactioncurrencyid', 'transactioncurrencies'),
      lookup('msdyn_customergroupid', 'msdyn_customergroups'),
      str('description', 2000),
      bool('msdyn_creditlimitismandatory', { defaultValue: false }),
      str('msdyn_creditrating', 10),
      optionSet('msdyn_onholdstatus', ONHOLD_OPTIONS, { defaultValue: 806380000 }),
      bool('msdyn_onetimecustomer', { defaultValue: false }),
      lookup('msdyn_billingaccount', 'accounts', { description: 'Self-reference: the account invoiced for this one' }),
      lookup('primarycontactid', 'contacts', { description: 'Primary contact (circular with contacts)' }),
      str('msdyn_taxexemptnumber', 25),
      str('emailaddress1', 100),
      str('telephone1', 50),
      ...address(1),
      optionSet('address1_addresstypecode', [1, 2, 3, 4], { defaultValue: 2 }),
      dec('address1_latitude', 9, 6),
      dec('address1_longitude', 9, 6),
      ...address(2),
      optionSet('statecode', STATECODE, { defaultValue: 0 }),
    ],
    'Accounts (organisations) per company.',
  ),
  crmSet(
    'contacts',
    'contact',
    'contactid',
    ['msdyn_contactpersonid', 'msdyn_company'],
    [
      str('msdyn_contactpersonid', 20),
      str('firstname', 50),
      str('lastname', 50, { required: true }),
      company,
      lookup('parentcustomerid', 'accounts'),
      str('jobtitle', 100),
      str('emailaddress1', 100),
      str('telephone1', 50),
      bool('msdyn_sellable', { defaultValue: false }),
      optionSet('customertypecode', CUSTOMER_TYPES),
      ...address(1),
      optionSet('statecode', STATECODE, { defaultValue: 0 }),
      dec('creditlimit', 32, 4, { description: 'Sellable contacts (person customers) only' }),
      lookup('transactioncurrencyid', 'transactioncurrencies'),
      lookup('msdyn_customergroupid', 'msdyn_customergroups'),
    ],
    'Contacts: customer persons (msdyn_sellable) and contact persons of accounts, per company.',
  ),
  crmSet(
    'products',
    'product',
    'productid',
    ['productnumber', 'msdyn_company'],
    [
      str('productnumber', 100, { required: true }),
      str('name', 100, { required: true }),
      company,
      lookup('defaultuomid', 'uoms'),
      dec('price', 32, 10),
      str('description', 2000),
      optionSet('producttypecode', [1, 2, 3, 4], { defaultValue: 1 }),
      optionSet('statecode', [0, 1, 2, 3], { defaultValue: 2 }),
    ],
    'Products per company (arrive as Draft, statecode 2, like the real product).',
  ),
  crmSet(
    'msdyn_paymentterms',
    'msdyn_paymentterm',
    'msdyn_paymenttermid',
    ['msdyn_name', 'msdyn_company'],
    [
      str('msdyn_name', 10, { required: true }),
      str('msdyn_description', 100),
      company,
      optionSet('msdyn_paymentmethodtype', PAYMENT_TERM_BASE_OPTIONS, { defaultValue: 192350000 }),
      int('msdyn_numberofdays', { defaultValue: 0 }),
      int('msdyn_numberofmonths', { defaultValue: 0 }),
      bool('msdyn_iscashpayment', { defaultValue: false }),
    ],
    'Terms of payment per company.',
  ),
  crmSet(
    'msdyn_customerpaymentmethods',
    'msdyn_customerpaymentmethod',
    'msdyn_customerpaymentmethodid',
    ['msdyn_name', 'msdyn_company'],
    [
      str('msdyn_name', 10, { required: true }),
      str('msdyn_description', 100),
      company,
      optionSet('msdyn_paymenttype', PAYMENT_TYPE_OPTIONS, { defaultValue: 192350000 }),
      optionSet('msdyn_accounttype', ACCOUNT_TYPE_OPTIONS, { defaultValue: 192350001 }),
    ],
    'Customer payment methods per company.',
  ),
  crmSet(
    'msdyn_vendorgroups',
    'msdyn_vendorgroup',
    'msdyn_vendorgroupid',
    ['msdyn_vendorgroup', 'msdyn_company'],
    [
      str('msdyn_vendorgroup', 10, { required: true }),
      str('msdyn_description', 100),
      company,
      lookup('msdyn_paymenttermid', 'msdyn_paymentterms'),
    ],
    'Vendor groups per company.',
  ),
  crmSet(
    'msdyn_vendors',
    'msdyn_vendor',
    'msdyn_vendorid',
    ['msdyn_vendoraccountnumber', 'msdyn_company'],
    [
      str('msdyn_vendoraccountnumber', 20, { required: true }),
      str('msdyn_vendorname', 160, { required: true }),
      company,
      lookup('msdyn_vendorgroupid', 'msdyn_vendorgroups'),
      lookup('transactioncurrencyid', 'transactioncurrencies'),
      lookup('msdyn_paymenttermid', 'msdyn_paymentterms'),
      optionSet('msdyn_vendorhold', ONHOLD_OPTIONS, { defaultValue: 806380000 }),
      str('msdyn_primaryemailaddress', 100),
      str('msdyn_primaryphonenumber', 50),
      str('msdyn_addressline1', 250),
      str('msdyn_addresscity', 80),
      str('msdyn_addresspostalcode', 20),
      str('msdyn_addresscountryregionid', 80),
      str('msdyn_taxexemptnumber', 25),
      optionSet('statecode', STATECODE, { defaultValue: 0 }),
    ],
    'Vendors per company.',
  ),
  crmSet(
    'msdyn_currencyexchangerates',
    'msdyn_currencyexchangerate',
    'msdyn_currencyexchangerateid',
    ['msdyn_fromcurrencyid', 'msdyn_tocurrencyid', 'msdyn_validfrom'],
    [
      lookup('msdyn_fromcurrencyid', 'transactioncurrencies', { required: true }),
      lookup('msdyn_tocurrencyid', 'transactioncurrencies', { required: true }),
      date('msdyn_validfrom', { required: true }),
      date('msdyn_validto', { description: 'Exclusive; empty when open' }),
      dec('msdyn_rate', 28, 12, { required: true }),
    ],
    'Currency exchange rates (global, date-effective), mirrored one way from the ERP; 12 decimal places.',
    false,
  ),
  crmSet(
    'msdyn_unitofmeasureconversions',
    'msdyn_unitofmeasureconversion',
    'msdyn_unitofmeasureconversionid',
    ['msdyn_fromunit', 'msdyn_tounit'],
    [
      lookup('msdyn_fromunit', 'uoms', { required: true }),
      lookup('msdyn_tounit', 'uoms', { required: true }),
      dec('msdyn_factor', 32, 10, { required: true }),
      int('msdyn_numerator', { defaultValue: 1 }),
      int('msdyn_denominator', { defaultValue: 1 }),
      dec('msdyn_inneroffset', 32, 10, { defaultValue: '0' }),
      dec('msdyn_outeroffset', 32, 10, { defaultValue: '0' }),
      optionSet('msdyn_rounding', ROUNDING_OPTIONS, { defaultValue: 192350000 }),
    ],
    'Unit of measure conversions (global).',
    false,
  ),
  crmSet(
    'msdyn_customerassets',
    'msdyn_customerasset',
    'msdyn_customerassetid',
    ['msdyn_assetid', 'msdyn_company'],
    [
      str('msdyn_assetid', 20, { required: true }),
      str('msdyn_name', 100, { required: true }),
      company,
      lookup('msdyn_account', 'accounts'),
      lookup('msdyn_product', 'products'),
      str('msdyn_serialnumber', 100),
      date('msdyn_installdate'),
      optionSet('statecode', STATECODE, { defaultValue: 0 }),
    ],
    'Customer assets per company.',
  ),
  crmSet(
    'msdyn_workorders',
    'msdyn_workorder',
    'msdyn_workorderid',
    ['msdyn_name', 'msdyn_company'],
    [
      str('msdyn_name', 100, { required: true }),
      company,
      lookup('msdyn_serviceaccount', 'accounts'),
      lookup('msdyn_customerasset', 'msdyn_customerassets'),
      str('msdyn_instructions', 2000),
      optionSet('msdyn_systemstatus', WORK_ORDER_STATUS_OPTIONS, { defaultValue: 690970000 }),
      str('msdyn_substatusname', 100),
      dateTime('msdyn_timefrompromised'),
    ],
    'Work orders per company, with their system status.',
  ),
  crmSet(
    'annotations',
    'annotation',
    'annotationid',
    ['msdyn_noteid', 'msdyn_company'],
    [
      str('msdyn_noteid', 20, { required: true }),
      company,
      str('subject', 500),
      str('notetext', 100000),
      guid('objectid', { required: true, description: 'Polymorphic: the account, contact, customer asset or work order the note is attached to' }),
      enumOf('objecttypecode', NOTE_OBJECT_TYPES, { required: true }),
    ],
    'Notes attached to accounts, contacts, customer assets or work orders (objectid, typed by objecttypecode), per company.',
  ),
  crmSet(
    'msdyn_inventoryonhandentries',
    'msdyn_inventoryonhandentry',
    'msdyn_inventoryonhandentryid',
    ['msdyn_itemnumber', 'msdyn_site', 'msdyn_warehouse', 'msdyn_company'],
    [
      str('msdyn_itemnumber', 20, { required: true }),
      str('msdyn_site', 10, { required: true }),
      str('msdyn_warehouse', 10, { required: true }),
      company,
      lookup('msdyn_product', 'products'),
      dec('msdyn_availablequantity', 32, 6),
      dec('msdyn_onhandquantity', 32, 6),
    ],
    'On-hand inventory per company, item, site and warehouse, mirrored one way from the ERP; 6 decimal places.',
  ),
  crmSet(
    'msdyn_loyaltycards',
    'msdyn_loyaltycard',
    'msdyn_loyaltycardid',
    ['msdyn_cardnumber', 'msdyn_company'],
    [
      str('msdyn_cardnumber', 20, { required: true }),
      company,
      lookup('msdyn_account', 'accounts'),
      optionSet('msdyn_tier', LOYALTY_TIER_OPTIONS, { defaultValue: 192350000 }),
      date('msdyn_issuedate'),
      int('msdyn_points', { description: 'Earned in the ERP; mirrored one way' }),
    ],
    'Loyalty cards per company, with their tier and points.',
  ),
  crmSet(
    'salesorders',
    'salesorder',
    'salesorderid',
    ['msdyn_salesordernumber', 'msdyn_company'],
    [
      str('msdyn_salesordernumber', 20, { required: true }),
      company,
      lookup('customerid', 'accounts'),
      lookup('transactioncurrencyid', 'transactioncurrencies'),
      date('requestdeliveryby'),
      str('shipto_line1', 250),
      str('shipto_city', 80),
      str('shipto_postalcode', 20),
      optionSet('msdyn_processingstatus', SALES_ORDER_STATUS_OPTIONS, { defaultValue: 192350000 }),
      optionSet('msdyn_ordertype', SALES_ORDER_TYPE_OPTIONS),
      dec('totalamount', 32, 4, { description: 'Computed in the ERP; mirrored one way' }),
      dec('discountamount', 32, 4, { description: 'Computed in the ERP; mirrored one way' }),
      dec('totaltax', 32, 4, { description: 'Computed in the ERP; mirrored one way' }),
    ],
    'Sales orders per company, with their processing status and totals.',
  ),
  crmSet(
    'salesorderdetails',
    'salesorderdetail',
    'salesorderdetailid',
    ['msdyn_salesordernumber', 'msdyn_linenumber', 'msdyn_company'],
    [
      str('msdyn_salesordernumber', 20, { required: true }),
      int('msdyn_linenumber', { required: true }),
      company,
      lookup('salesorderid', 'salesorders'),
      lookup('productid', 'products'),
      dec('quantity', 32, 6),
      lookup('uomid', 'uoms'),
      dec('priceperunit', 32, 10),
      dec('extendedamount', 32, 4, { description: 'Computed in the ERP; mirrored one way' }),
    ],
    'Sales order lines per company and order; quantities keep 6 decimal places, prices 10.',
  ),
  crmSet(
    'quotes',
    'quote',
    'quoteid',
    ['quotenumber', 'msdyn_company'],
    [
      str('quotenumber', 20, { required: true }),
      company,
      lookup('customerid', 'accounts'),
      lookup('transactioncurrencyid', 'transactioncurrencies'),
      str('name', 300),
      date('requestdeliveryby'),
      date('effectiveto'),
      optionSet('msdyn_quotationstatus', QUOTE_STATUS_OPTIONS, { defaultValue: 192350000 }),
      dec('totalamount', 32, 4, { description: 'Computed in the ERP; mirrored one way' }),
      dec('discountamount', 32, 4, { description: 'Computed in the ERP; mirrored one way' }),
      dec('totaltax', 32, 4, { description: 'Computed in the ERP; mirrored one way' }),
    ],
    'Sales quotations per company, with their status and totals.',
  ),
  crmSet(
    'quotedetails',
    'quotedetail',
    'quotedetailid',
    ['msdyn_quotenumber', 'msdyn_linenumber', 'msdyn_company'],
    [
      str('msdyn_quotenumber', 20, { required: true }),
      int('msdyn_linenumber', { required: true }),
      company,
      lookup('quoteid', 'quotes'),
      lookup('productid', 'products'),
      str('description', 2000),
      dec('quantity', 32, 6),
      lookup('uomid', 'uoms'),
      dec('priceperunit', 32, 10),
      dec('extendedamount', 32, 4, { description: 'Computed in the ERP; mirrored one way' }),
    ],
    'Sales quotation lines per company and quotation; quantities keep 6 decimal places, prices 10.',
  ),
  // Invoices are posted in the ERP and mirrored one way: the engine writes these sets, as
  // it writes msdyn_inventoryonhandentries; agents read them (the invoices map never
  // carries a CRM edit back).
  crmSet(
    'invoices',
    'invoice',
    'invoiceid',
    ['invoicenumber', 'msdyn_company'],
    [
      str('invoicenumber', 20, { required: true }),
      company,
      lookup('customerid', 'accounts'),
      lookup('salesorderid', 'salesorders'),
      date('msdyn_invoicedate'),
      date('duedate'),
      lookup('transactioncurrencyid', 'transactioncurrencies'),
      dec('totalamount', 32, 4),
      dec('discountamount', 32, 4),
      dec('totaltax', 32, 4),
    ],
    'Sales invoices per company, mirrored one way from the ERP; totals keep 4 decimal places.',
  ),
  crmSet(
    'invoicedetails',
    'invoicedetail',
    'invoicedetailid',
    ['msdyn_invoicenumber', 'msdyn_linenumber', 'msdyn_company'],
    [
      str('msdyn_invoicenumber', 20, { required: true }),
      int('msdyn_linenumber', { required: true }),
      company,
      lookup('invoiceid', 'invoices'),
      lookup('productid', 'products'),
      dec('quantity', 32, 6),
      lookup('uomid', 'uoms'),
      dec('priceperunit', 32, 10),
      dec('extendedamount', 32, 4),
    ],
    'Sales invoice lines per company and invoice, mirrored one way from the ERP; quantities keep 6 decimal places, prices 10.',
  ),
  crmSet(
    'msdyn_partypostaladdresses',
    'msdyn_partypostaladdress',
    'msdyn_partypostaladdressid',
    PARTY_ADDRESS_KEY,
    partyAddress([
      str('msdyn_street', 250),
      str('msdyn_city', 80),
      str('msdyn_zippostalcode', 20),
      str('msdyn_stateorprovince', 50),
      str('msdyn_countryregion', 80),
      date('msdyn_validfrom'),
      date('msdyn_validto', { description: 'Exclusive end; empty means never' }),
    ]),
    'Postal addresses of customers per company (the party’s): several per customer, by purpose, one primary, date-effective.',
  ),
  crmSet(
    'msdyn_partyelectronicaddresses',
    'msdyn_partyelectronicaddress',
    'msdyn_partyelectronicaddressid',
    PARTY_ADDRESS_KEY,
    partyAddress([optionSet('msdyn_type', ELECTRONIC_ADDRESS_TYPE_OPTIONS), str('msdyn_electronicaddress', 255), str('msdyn_extension', 10)]),
    'Electronic addresses of customers per company (the party’s): phones, e-mail addresses and URLs by purpose, one primary per type.',
  ),
  // Price lists are maintained in the ERP and mirrored one way (as the invoices are).
  crmSet(
    'pricelevels',
    'pricelevel',
    'pricelevelid',
    ['name', 'msdyn_company'],
    [
      str('name', 100, { required: true }),
      company,
      str('description', 2000),
      lookup('transactioncurrencyid', 'transactioncurrencies'),
      date('begindate'),
      date('enddate', { description: 'Exclusive end; empty means never' }),
    ],
    'Price lists per company, mirrored one way from the ERP, one currency each, date-effective.',
  ),
  crmSet(
    'productpricelevels',
    'productpricelevel',
    'productpricelevelid',
    ['msdyn_agreementlineid', 'msdyn_company'],
    [
      str('msdyn_agreementlineid', 20, { required: true }),
      company,
      lookup('pricelevelid', 'pricelevels'),
      lookup('productid', 'products'),
      lookup('uomid', 'uoms'),
      lookup('transactioncurrencyid', 'transactioncurrencies'),
      optionSet('msdyn_accountcode', PRICE_ACCOUNT_CODE_OPTIONS),
      str('msdyn_accountrelation', 20),
      dec('msdyn_quantityfrom', 32, 6),
      dec('msdyn_quantityto', 32, 6),
      dec('amount', 32, 10),
      date('msdyn_validfrom'),
      date('msdyn_validto', { description: 'Exclusive end; empty means never' }),
    ],
    'Price list items per company (one per ERP agreement line), mirrored one way from the ERP; prices keep 10 decimal places.',
  ),
  crmSet('tasks', 'task', 'activityid', ACTIVITY_KEY, activity([]), 'Tasks per company: what an agent has to do, by when, regarding an account, contact, asset or work order.'),
  crmSet('phonecalls', 'phonecall', 'activityid', ACTIVITY_KEY, activity([str('phonenumber', 200)]), 'Phone calls per company, with the number called, regarding an account, contact, asset or work order.'),
  crmSet('appointments', 'appointment', 'activityid', ACTIVITY_KEY, activity([str('location', 200)]), 'Appointments per company, with start, end and place, regarding an account, contact, asset or work order.'),
];

export const crm: StoreSpec = { name: 'crm', namespace: 'Tandem.CRM', root: '/crm/api/data/v9.2', sets };
