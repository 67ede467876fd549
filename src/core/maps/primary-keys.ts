/**
 * CRM rows are addressed by a GUID primary key whose name the map does not otherwise carry
 * (a lookup holds that GUID). The standard sets are listed here; a map over another set
 * names it in `crm.primaryKey`.
 */
import { MapError } from './errors.ts';
import type { TableMap } from './types.ts';

export const CRM_PRIMARY_KEYS: Readonly<Record<string, string>> = Object.freeze({
  cdm_companies: 'cdm_companyid',
  transactioncurrencies: 'transactioncurrencyid',
  uoms: 'uomid',
  msdyn_customergroups: 'msdyn_customergroupid',
  accounts: 'accountid',
  contacts: 'contactid',
  products: 'productid',
  msdyn_paymentterms: 'msdyn_paymenttermid',
  msdyn_customerpaymentmethods: 'msdyn_customerpaymentmethodid',
  msdyn_vendorgroups: 'msdyn_vendorgroupid',
  msdyn_vendors: 'msdyn_vendorid',
  msdyn_currencyexchangerates: 'msdyn_currencyexchangerateid',
  msdyn_unitofmeasureconversions: 'msdyn_unitofmeasureconversionid',
  msdyn_customerassets: 'msdyn_customerassetid',
  msdyn_workorders: 'msdyn_workorderid',
  annotations: 'annotationid',
  msdyn_inventoryonhandentries: 'msdyn_inventoryonhandentryid',
  msdyn_loyaltycards: 'msdyn_loyaltycardid',
  salesorders: 'salesorderid',
  salesorderdetails: 'salesorderdetailid',
  quotes: 'quoteid',
  quotedetails: 'quotedetailid',
  invoices: 'invoiceid',
  invoicedetails: 'invoicedetailid',
  msdyn_partypostaladdresses: 'msdyn_partypostaladdressid',
  msdyn_partyelectronicaddresses: 'msdyn_partyelectronicaddressid',
  pricelevels: 'pricelevelid',
  productpricelevels: 'productpricelevelid',
  tasks: 'activityid',
  phonecalls: 'activityid',
  appointments: 'activityid',
});

export function crmPrimaryKey(map: TableMap): string {
  if (map.crm.primaryKey !== undefined) return map.crm.primaryKey;
  const set = map.crm.set;
  const key = Object.hasOwn(CRM_PRIMARY_KEYS, set) ? CRM_PRIMARY_KEYS[set] : undefined;
  if (key === undefined) {
    const message = `the GUID key of CRM set '${set}' is unknown; give the map crm.primaryKey`;
    throw new MapError('MAP_UNKNOWN_SET', { mapId: map.id, side: 'crm' }, message);
  }
  return key;
}
