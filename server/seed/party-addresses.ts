/**
 * The postal and electronic addresses of the head-office customers (the first hubCount(n)
 * of a company: organisations mirrored in the CRM), and the CRM rows the
 * party-postal-addresses / party-electronic-addresses maps make of them, as if dual-write
 * had been running.
 *
 * Each head office has ADDRESSES_PER_CUSTOMER of each kind, address `index` belonging to
 * hub `floor(index / 3)`:
 *   postal      0 the primary delivery address (valid since go-live, open-ended)
 *               1 the invoice address (open-ended)
 *               2 a former delivery address (valid for a year, ended a year ago: history)
 *   electronic  0 the primary phone (with an extension now and then), 1 the primary
 *               e-mail address, 2 the web site
 * Location ids are per company (`US-L000001`). Every address is on both sides.
 */
import { ADDRESS_PURPOSES, ELECTRONIC_ADDRESS_TYPES, NEVER } from '../schema/erp.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import { accountNumber } from './customers.ts';
import type { Pair } from './field-service.ts';
import { rowNumber, rowRng } from './random.ts';
import type { Rng } from './random.ts';
import { companyAt, DAY } from './sales-documents.ts';
import type { SeedRow } from './sink.ts';
import { isoAt, pad } from './text.ts';
import { mirroredTimes, rowTimes } from './times.ts';

export const ADDRESSES_PER_CUSTOMER = 3;
const PURPOSE_BASE = 192350000;
const TYPE_BASE = 192350000;
const option = (values: readonly string[], value: string, base: number): number => base + values.indexOf(value);

/** The customer, key and CRM customer fields both kinds of address share. */
function owner(ctx: SeedContext, c: number, index: number, prefix: string) {
  const company = companyAt(c);
  const hub = Math.floor(index / ADDRESSES_PER_CUSTOMER);
  const erp: SeedRow = { dataAreaId: company.id, CustomerAccount: accountNumber(company, hub), LocationId: `${company.prefix}-${prefix}${pad(index + 1, 6)}` };
  const crm: SeedRow = {
    msdyn_customeraccount: erp['CustomerAccount'],
    msdyn_locationid: erp['LocationId'],
    msdyn_company: ctx.ids.company(c),
    msdyn_customerid: ctx.ids.account(c, hub),
    msdyn_customertype: 'account',
  };
  return { company, erp, crm };
}

const pair = (rng: Rng, now: number, erp: SeedRow, crm: SeedRow): Pair => {
  const times = rowTimes(rng, now);
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
};

export function generatePostalAddress(ctx: SeedContext, c: number, index: number): Pair {
  const { company, erp, crm } = owner(ctx, c, index, 'L');
  const rng = rowRng(ctx.seed, STREAM.postalAddress, rowNumber(c, index));
  const role = index % ADDRESSES_PER_CUSTOMER;
  const pools = ctx.pools[company.locale];
  const locality = rng.pick(pools.localities);
  const purpose = role === 1 ? 'Invoice' : 'Delivery';
  const from = role === 2 ? ctx.now - 2 * 365 * DAY : ctx.now - 3 * 365 * DAY;
  const to = role === 2 ? isoAt(ctx.now - 365 * DAY).slice(0, 10) : NEVER;
  Object.assign(erp, {
    Description: role === 2 ? 'Former warehouse' : purpose === 'Invoice' ? 'Accounts payable' : 'Main warehouse',
    Purpose: purpose,
    IsPrimary: role === 0 ? 'Yes' : 'No',
    AddressStreet: rng.pick(pools.streets),
    AddressCity: locality.city,
    AddressZipCode: locality.zip,
    AddressState: locality.state,
    AddressCountryRegionId: company.country,
    ValidFrom: isoAt(from).slice(0, 10),
    ValidTo: to,
  });
  Object.assign(crm, {
    msdyn_partypostaladdressid: ctx.ids.postalAddress(c, index),
    msdyn_name: erp['Description'],
    msdyn_purpose: option(ADDRESS_PURPOSES, purpose, PURPOSE_BASE),
    msdyn_isprimary: role === 0,
    msdyn_street: erp['AddressStreet'],
    msdyn_city: erp['AddressCity'],
    msdyn_zippostalcode: erp['AddressZipCode'],
    msdyn_stateorprovince: erp['AddressState'],
    msdyn_countryregion: erp['AddressCountryRegionId'],
    msdyn_validfrom: erp['ValidFrom'],
    msdyn_validto: to === NEVER ? null : to,
  });
  return pair(rng, ctx.now, erp, crm);
}

export function generateElectronicAddress(ctx: SeedContext, c: number, index: number): Pair {
  const { company, erp, crm } = owner(ctx, c, index, 'E');
  const rng = rowRng(ctx.seed, STREAM.electronicAddress, rowNumber(c, index));
  const type = (['Phone', 'Email', 'URL'] as const)[index % ADDRESSES_PER_CUSTOMER] ?? 'Phone';
  const site = `contoso-${String(erp['CustomerAccount']).toLowerCase()}.${company.tld}`;
  const locator = type === 'Phone' ? company.phone(rng) : type === 'Email' ? `orders@${site}` : `https://www.${site}`;
  const extension = type === 'Phone' && rng.chance(0.3) ? rng.digits(3) : null;
  Object.assign(erp, { Description: type === 'URL' ? 'Web site' : 'Head office', Type: type, Locator: locator, LocatorExtension: extension, Purpose: 'Business', IsPrimary: type === 'URL' ? 'No' : 'Yes' });
  Object.assign(crm, {
    msdyn_partyelectronicaddressid: ctx.ids.electronicAddress(c, index),
    msdyn_name: erp['Description'],
    msdyn_type: option(ELECTRONIC_ADDRESS_TYPES, type, TYPE_BASE),
    msdyn_electronicaddress: locator,
    msdyn_extension: extension,
    msdyn_purpose: PURPOSE_BASE,
    msdyn_isprimary: type !== 'URL',
  });
  return pair(rng, ctx.now, erp, crm);
}
