/**
 * Vendors per company and the CRM vendors the Vendors V2 ↔ msdyn_vendors map makes of them
 * (§4): same account number, name, group, currency, terms, hold status and address. Every
 * eighth vendor exists in the ERP only; each company has one vendor entered in the CRM only.
 */
import { ONHOLD_STATUS } from '../schema/erp.ts';
import type { Company } from './catalog.ts';
import { COMPANIES, CURRENCIES, PAYMENT_TERMS, VENDOR_GROUPS } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import { rowNumber, rowRng } from './random.ts';
import { paymentTermGuid } from './reference.ts';
import type { Written } from './sink.ts';
import { pad, searchName } from './text.ts';
import { mirroredTimes, rowTimes } from './times.ts';

export interface GeneratedVendor {
  readonly erp: Written;
  /** Absent for an ERP-only vendor. */
  readonly crm: Written | null;
}

const ONHOLD_OPTION_BASE = 806380000;

/** Is vendor `index` mirrored in the CRM? */
export const vendorMirrored = (index: number): boolean => index % 8 !== 7;
export const mirroredVendorCount = (n: number): number => n - Math.floor((n + 1) / 8);
export const CRM_ONLY_VENDORS = 1;

export const vendorAccount = (company: Company, index: number): string => `${company.prefix}-V${pad(index + 1, 5)}`;

export function generateVendor(ctx: SeedContext, c: number, index: number): GeneratedVendor {
  const company = COMPANIES[c] as Company;
  const pools = ctx.pools[company.locale];
  const rng = rowRng(ctx.seed, STREAM.vendor, rowNumber(c, index));
  const org = rng.pick(pools.companies);
  const locality = rng.pick(pools.localities);
  const g = VENDOR_GROUPS.indexOf(rng.weighted(VENDOR_GROUPS.map((v) => [v, v.weight] as const)));
  const group = VENDOR_GROUPS[g] as (typeof VENDOR_GROUPS)[number];
  const currency = rng.chance(0.85) ? company.currency : rng.pick(CURRENCIES.filter((x) => x.code !== 'JPY')).code;
  const terms = rng.chance(0.7) ? group.paymentTerms : rng.chance(0.8) ? rng.pick(PAYMENT_TERMS) : null;
  const hold = rng.weighted<(typeof ONHOLD_STATUS)[number]>([
    ['No', 90],
    ['Invoice', 4],
    ['Payment', 4],
    ['All', 2],
  ]);
  const email = rng.chance(0.8) ? `accounts@${org.slug.slice(0, 40) || 'vendor'}.${company.tld}` : null;
  const erp = {
    dataAreaId: company.id,
    VendorAccountNumber: vendorAccount(company, index),
    VendorOrganizationName: org.text,
    VendorSearchName: searchName(org.text),
    VendorGroupId: group.id,
    CurrencyCode: currency,
    PaymentTermsName: terms,
    OnHoldStatus: hold,
    PrimaryEmailAddress: email,
    PrimaryPhoneNumber: company.phone(rng),
    AddressStreet: rng.pick(pools.streets),
    AddressCity: locality.city,
    AddressZipCode: locality.zip,
    AddressCountryRegionId: company.country,
    TaxExemptNumber: rng.chance(0.3) ? company.taxExempt(rng) : null,
  };
  const times = rowTimes(rng, ctx.now);
  if (!vendorMirrored(index)) return { erp: { row: erp, times }, crm: null };
  const crm = {
    msdyn_vendorid: ctx.ids.vendor(c, index),
    msdyn_vendoraccountnumber: erp.VendorAccountNumber,
    msdyn_vendorname: erp.VendorOrganizationName,
    msdyn_company: ctx.ids.company(c),
    msdyn_vendorgroupid: ctx.ids.vendorGroup(c, g),
    transactioncurrencyid: ctx.ids.currency(CURRENCIES.findIndex((x) => x.code === currency)),
    msdyn_paymenttermid: paymentTermGuid(ctx.ids, c, terms),
    msdyn_vendorhold: ONHOLD_OPTION_BASE + ONHOLD_STATUS.indexOf(hold),
    msdyn_primaryemailaddress: email,
    msdyn_primaryphonenumber: erp.PrimaryPhoneNumber,
    msdyn_addressline1: erp.AddressStreet,
    msdyn_addresscity: erp.AddressCity,
    msdyn_addresspostalcode: erp.AddressZipCode,
    msdyn_addresscountryregionid: erp.AddressCountryRegionId,
    msdyn_taxexemptnumber: erp.TaxExemptNumber,
    statecode: 0,
  };
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
}

/** A vendor entered in the CRM while the map was stopped; its number (`US-VC0001`) is never an ERP one. */
export function generateCrmOnlyVendor(ctx: SeedContext, c: number, index: number): Written {
  const company = COMPANIES[c] as Company;
  const pools = ctx.pools[company.locale];
  const rng = rowRng(ctx.seed, STREAM.crmOnlyVendor, rowNumber(c, index));
  const org = rng.pick(pools.companies);
  const row = {
    msdyn_vendorid: ctx.ids.crmOnlyVendor(c, index),
    msdyn_vendoraccountnumber: `${company.prefix}-VC${pad(index + 1, 4)}`,
    msdyn_vendorname: org.text,
    msdyn_company: ctx.ids.company(c),
    msdyn_vendorgroupid: ctx.ids.vendorGroup(c, 0),
    transactioncurrencyid: ctx.ids.currency(CURRENCIES.findIndex((x) => x.code === company.currency)),
    msdyn_paymenttermid: null,
    msdyn_vendorhold: ONHOLD_OPTION_BASE,
    msdyn_primaryphonenumber: company.phone(rng),
    msdyn_addresscountryregionid: company.country,
    statecode: 0,
  };
  return { row, times: rowTimes(rng, ctx.now) };
}
