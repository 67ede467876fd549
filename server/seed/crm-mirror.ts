/**
 * The CRM rows dual-write makes of an ERP customer, field by field as the Customers V3 ↔
 * accounts / contacts maps of the dual-write reference (§4.1) define them (ERP Yes/No ↔ booleans,
 * OnHoldStatus ↔ 806380000…, natural-key lookups ↔ the GUIDs of the matching CRM rows).
 */
import { ONHOLD_STATUS } from '../schema/erp.ts';
import { CURRENCIES, CUSTOMER_GROUPS } from './catalog.ts';
import type { Ids } from './ids.ts';
import type { SeedRow } from './sink.ts';

/** Which customer the rows mirror: company and customer index, and the GUID source. */
export interface Mirror {
  readonly ids: Ids;
  readonly c: number;
  readonly index: number;
}

/** The account's links to other rows, decided with the ERP customer. */
export interface AccountLinks {
  /** Index of the customer it is invoiced through, if any. */
  readonly invoiceHub: number | null;
  /** Whether its first contact person is its primary contact. */
  readonly hasPrimaryContact: boolean;
}

const ONHOLD_OPTION_BASE = 806380000;

/** The account of an organisation customer (Customers V3 → accounts). */
export function crmAccount(m: Mirror, r: SeedRow, links: AccountLinks): SeedRow {
  const { ids } = m;
  return {
    accountid: ids.account(m.c, m.index),
    accountnumber: r['CustomerAccount'],
    name: r['OrganizationName'],
    msdyn_company: ids.company(m.c),
    customertypecode: 3,
    creditlimit: r['CreditLimit'],
    transactioncurrencyid: ids.currency(CURRENCIES.findIndex((x) => x.code === r['SalesCurrencyCode'])),
    msdyn_customergroupid: ids.customerGroup(m.c, CUSTOMER_GROUPS.findIndex((g) => g.id === r['CustomerGroupId'])),
    description: r['SalesMemo'],
    msdyn_creditlimitismandatory: r['CreditLimitIsMandatory'] === 'Yes',
    msdyn_creditrating: r['CreditRating'],
    msdyn_onholdstatus: ONHOLD_OPTION_BASE + ONHOLD_STATUS.indexOf(r['OnHoldStatus'] as (typeof ONHOLD_STATUS)[number]),
    msdyn_onetimecustomer: r['IsOneTimeCustomer'] === 'Yes',
    msdyn_billingaccount: links.invoiceHub === null ? null : ids.account(m.c, links.invoiceHub),
    primarycontactid: links.hasPrimaryContact ? ids.contact(m.c, m.index, 1) : null,
    msdyn_taxexemptnumber: r['TaxExemptNumber'],
    emailaddress1: r['PrimaryContactEmail'],
    telephone1: r['PrimaryContactPhone'],
    ...crmAddress(1, r, 'Delivery'),
    address1_addresstypecode: 2,
    address1_latitude: r['DeliveryAddressLatitude'],
    address1_longitude: r['DeliveryAddressLongitude'],
    ...crmAddress(2, r, 'Invoice'),
    statecode: 0,
  };
}

function crmAddress(n: 1 | 2, r: SeedRow, prefix: 'Delivery' | 'Invoice'): SeedRow {
  return {
    [`address${n}_line1`]: r[`${prefix}AddressStreet`],
    [`address${n}_city`]: r[`${prefix}AddressCity`],
    [`address${n}_postalcode`]: r[`${prefix}AddressZipCode`],
    [`address${n}_stateorprovince`]: r[`${prefix}AddressState`],
    [`address${n}_country`]: r[`${prefix}AddressCountryRegionId`],
  };
}

/** The sellable contact of a person customer (the customers-contacts map: name, e-mail, phone, delivery address, credit). */
export function crmPersonContact(m: Mirror, r: SeedRow): SeedRow {
  return {
    contactid: m.ids.contact(m.c, m.index, 0),
    msdyn_contactpersonid: r['CustomerAccount'],
    firstname: r['PersonFirstName'],
    lastname: r['PersonLastName'],
    msdyn_company: m.ids.company(m.c),
    parentcustomerid: null,
    emailaddress1: r['PrimaryContactEmail'],
    telephone1: r['PrimaryContactPhone'],
    msdyn_sellable: true,
    customertypecode: 3,
    ...crmAddress(1, r, 'Delivery'),
    statecode: 0,
    creditlimit: r['CreditLimit'],
    transactioncurrencyid: m.ids.currency(CURRENCIES.findIndex((x) => x.code === r['SalesCurrencyCode'])),
    msdyn_customergroupid: m.ids.customerGroup(m.c, CUSTOMER_GROUPS.findIndex((g) => g.id === r['CustomerGroupId'])),
  };
}

/** The contact of contact person `k` of an organisation, under its account. */
export function crmContactPerson(m: Mirror, k: number, cp: SeedRow): SeedRow {
  return {
    contactid: m.ids.contact(m.c, m.index, k),
    msdyn_contactpersonid: cp['ContactPersonId'],
    firstname: cp['FirstName'],
    lastname: cp['LastName'],
    msdyn_company: m.ids.company(m.c),
    parentcustomerid: m.ids.account(m.c, m.index),
    jobtitle: cp['JobTitle'],
    emailaddress1: cp['PrimaryEmail'],
    telephone1: cp['PrimaryPhone'],
    msdyn_sellable: false,
    statecode: 0,
  };
}
