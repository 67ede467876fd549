/**
 * The store tables the replica keeps, with their primary keys and the few indexes the
 * maps need to find a row's counterpart (alternate keys) — few on purpose: every index
 * is paid per record on every bulk write (see TOOLCHAIN.md, per-record cost).
 */
import type { Side } from '../../core/maps/index.ts';

export interface ReplicaTable {
  readonly side: Side;
  readonly set: string;
  /** Primary key fields, in order (ERP natural keys; the CRM GUID). */
  readonly key: readonly string[];
  /** Secondary indexes (each a list of fields; compound when several). */
  readonly indexes: readonly (readonly string[])[];
}

export const REPLICA_TABLES: readonly ReplicaTable[] = [
  { side: 'erp', set: 'LegalEntities', key: ['LegalEntityId'], indexes: [] },
  { side: 'erp', set: 'Currencies', key: ['CurrencyCode'], indexes: [] },
  { side: 'erp', set: 'CustomerGroups', key: ['dataAreaId', 'CustomerGroupId'], indexes: [] },
  { side: 'erp', set: 'CustomersV3', key: ['dataAreaId', 'CustomerAccount'], indexes: [] },
  { side: 'erp', set: 'ContactPersons', key: ['dataAreaId', 'ContactPersonId'], indexes: [] },
  { side: 'erp', set: 'Units', key: ['UnitSymbol'], indexes: [] },
  { side: 'erp', set: 'PaymentTerms', key: ['dataAreaId', 'Name'], indexes: [] },
  { side: 'erp', set: 'CustomerPaymentMethods', key: ['dataAreaId', 'Name'], indexes: [] },
  { side: 'erp', set: 'VendorGroups', key: ['dataAreaId', 'VendorGroupId'], indexes: [] },
  { side: 'erp', set: 'VendorsV2', key: ['dataAreaId', 'VendorAccountNumber'], indexes: [] },
  { side: 'erp', set: 'ExchangeRates', key: ['FromCurrency', 'ToCurrency', 'StartDate'], indexes: [] },
  { side: 'erp', set: 'UnitOfMeasureConversions', key: ['FromUnitSymbol', 'ToUnitSymbol'], indexes: [] },
  { side: 'erp', set: 'ReleasedProducts', key: ['dataAreaId', 'ItemNumber'], indexes: [] },
  { side: 'erp', set: 'CustomerAssets', key: ['dataAreaId', 'AssetId'], indexes: [] },
  { side: 'erp', set: 'ServiceOrders', key: ['dataAreaId', 'ServiceOrderId'], indexes: [] },
  { side: 'erp', set: 'Notes', key: ['dataAreaId', 'NoteId'], indexes: [] },
  { side: 'erp', set: 'InventoryOnHand', key: ['dataAreaId', 'ItemNumber', 'SiteId', 'WarehouseId'], indexes: [] },
  { side: 'erp', set: 'LoyaltyCards', key: ['dataAreaId', 'CardNumber'], indexes: [] },
  { side: 'erp', set: 'SalesOrderHeaders', key: ['dataAreaId', 'SalesOrderNumber'], indexes: [] },
  { side: 'erp', set: 'SalesOrderLines', key: ['dataAreaId', 'SalesOrderNumber', 'LineNumber'], indexes: [] },
  { side: 'erp', set: 'SalesQuotationHeadersV2', key: ['dataAreaId', 'SalesQuotationNumber'], indexes: [] },
  { side: 'erp', set: 'SalesQuotationLinesV2', key: ['dataAreaId', 'SalesQuotationNumber', 'LineNumber'], indexes: [] },
  { side: 'erp', set: 'SalesInvoiceHeadersV2', key: ['dataAreaId', 'InvoiceNumber'], indexes: [] },
  { side: 'erp', set: 'SalesInvoiceLines', key: ['dataAreaId', 'InvoiceNumber', 'LineNumber'], indexes: [] },
  { side: 'erp', set: 'CustomerPostalAddresses', key: ['dataAreaId', 'CustomerAccount', 'LocationId'], indexes: [] },
  { side: 'erp', set: 'CustomerElectronicAddresses', key: ['dataAreaId', 'CustomerAccount', 'LocationId'], indexes: [] },
  { side: 'erp', set: 'SalesPriceLists', key: ['dataAreaId', 'PriceListId'], indexes: [] },
  { side: 'erp', set: 'SalesPriceAgreements', key: ['dataAreaId', 'AgreementLineId'], indexes: [['dataAreaId', 'ItemNumber']] },
  { side: 'erp', set: 'Activities', key: ['dataAreaId', 'ActivityNumber'], indexes: [] },
  { side: 'crm', set: 'cdm_companies', key: ['cdm_companyid'], indexes: [['cdm_companycode']] },
  { side: 'crm', set: 'transactioncurrencies', key: ['transactioncurrencyid'], indexes: [['isocurrencycode']] },
  { side: 'crm', set: 'msdyn_customergroups', key: ['msdyn_customergroupid'], indexes: [['msdyn_groupid', 'msdyn_company']] },
  { side: 'crm', set: 'accounts', key: ['accountid'], indexes: [['accountnumber', 'msdyn_company']] },
  { side: 'crm', set: 'contacts', key: ['contactid'], indexes: [['msdyn_contactpersonid', 'msdyn_company'], ['parentcustomerid']] },
  { side: 'crm', set: 'uoms', key: ['uomid'], indexes: [['msdyn_symbol']] },
  { side: 'crm', set: 'msdyn_paymentterms', key: ['msdyn_paymenttermid'], indexes: [['msdyn_name', 'msdyn_company']] },
  { side: 'crm', set: 'msdyn_customerpaymentmethods', key: ['msdyn_customerpaymentmethodid'], indexes: [['msdyn_name', 'msdyn_company']] },
  { side: 'crm', set: 'msdyn_vendorgroups', key: ['msdyn_vendorgroupid'], indexes: [['msdyn_vendorgroup', 'msdyn_company']] },
  { side: 'crm', set: 'msdyn_vendors', key: ['msdyn_vendorid'], indexes: [['msdyn_vendoraccountnumber', 'msdyn_company']] },
  { side: 'crm', set: 'msdyn_currencyexchangerates', key: ['msdyn_currencyexchangerateid'], indexes: [['msdyn_fromcurrencyid', 'msdyn_tocurrencyid', 'msdyn_validfrom']] },
  { side: 'crm', set: 'msdyn_unitofmeasureconversions', key: ['msdyn_unitofmeasureconversionid'], indexes: [['msdyn_fromunit', 'msdyn_tounit']] },
  { side: 'crm', set: 'products', key: ['productid'], indexes: [['productnumber', 'msdyn_company']] },
  { side: 'crm', set: 'msdyn_customerassets', key: ['msdyn_customerassetid'], indexes: [['msdyn_assetid', 'msdyn_company']] },
  { side: 'crm', set: 'msdyn_workorders', key: ['msdyn_workorderid'], indexes: [['msdyn_name', 'msdyn_company']] },
  { side: 'crm', set: 'annotations', key: ['annotationid'], indexes: [['msdyn_noteid', 'msdyn_company'], ['objectid']] },
  { side: 'crm', set: 'msdyn_inventoryonhandentries', key: ['msdyn_inventoryonhandentryid'], indexes: [['msdyn_itemnumber', 'msdyn_site', 'msdyn_warehouse', 'msdyn_company']] },
  { side: 'crm', set: 'msdyn_loyaltycards', key: ['msdyn_loyaltycardid'], indexes: [['msdyn_cardnumber', 'msdyn_company']] },
  { side: 'crm', set: 'salesorders', key: ['salesorderid'], indexes: [['msdyn_salesordernumber', 'msdyn_company']] },
  { side: 'crm', set: 'salesorderdetails', key: ['salesorderdetailid'], indexes: [['msdyn_salesordernumber', 'msdyn_linenumber', 'msdyn_company'], ['salesorderid']] },
  { side: 'crm', set: 'quotes', key: ['quoteid'], indexes: [['quotenumber', 'msdyn_company']] },
  { side: 'crm', set: 'quotedetails', key: ['quotedetailid'], indexes: [['msdyn_quotenumber', 'msdyn_linenumber', 'msdyn_company'], ['quoteid']] },
  { side: 'crm', set: 'invoices', key: ['invoiceid'], indexes: [['invoicenumber', 'msdyn_company']] },
  { side: 'crm', set: 'invoicedetails', key: ['invoicedetailid'], indexes: [['msdyn_invoicenumber', 'msdyn_linenumber', 'msdyn_company'], ['invoiceid']] },
  { side: 'crm', set: 'msdyn_partypostaladdresses', key: ['msdyn_partypostaladdressid'], indexes: [['msdyn_customeraccount', 'msdyn_locationid', 'msdyn_company'], ['msdyn_customerid']] },
  { side: 'crm', set: 'msdyn_partyelectronicaddresses', key: ['msdyn_partyelectronicaddressid'], indexes: [['msdyn_customeraccount', 'msdyn_locationid', 'msdyn_company'], ['msdyn_customerid']] },
  { side: 'crm', set: 'pricelevels', key: ['pricelevelid'], indexes: [['name', 'msdyn_company']] },
  { side: 'crm', set: 'productpricelevels', key: ['productpricelevelid'], indexes: [['msdyn_agreementlineid', 'msdyn_company'], ['pricelevelid']] },
  { side: 'crm', set: 'tasks', key: ['activityid'], indexes: [['msdyn_activitynumber', 'msdyn_company'], ['regardingobjectid']] },
  { side: 'crm', set: 'phonecalls', key: ['activityid'], indexes: [['msdyn_activitynumber', 'msdyn_company'], ['regardingobjectid']] },
  { side: 'crm', set: 'appointments', key: ['activityid'], indexes: [['msdyn_activitynumber', 'msdyn_company'], ['regardingobjectid']] },
];

export const tableName = (side: Side, set: string): string => `${side}_${set}`;

export function replicaTable(side: Side, set: string): ReplicaTable {
  const table = REPLICA_TABLES.find((t) => t.side === side && t.set === set);
  if (!table) throw new Error(`The replica keeps no ${side.toUpperCase()} table ${set}`);
  return table;
}

/**
 * Dexie's key for a row: a scalar for one-field keys, an array for compound keys. Key
 * fields are text, or integers in compound keys (a sales order line's LineNumber).
 */
export function dexieKey(table: ReplicaTable, values: Readonly<Record<string, unknown>>): string | (string | number)[] {
  const parts = table.key.map((k): string | number => {
    const v = values[k];
    if (typeof v === 'number' && Number.isSafeInteger(v) && table.key.length > 1) return v;
    if (typeof v !== 'string' || v === '') throw new Error(`${table.set}: key field ${k} is missing`);
    return v;
  });
  return parts.length === 1 ? (parts[0] as string) : parts;
}

/** A stable text id of a row across tables: "crm_accounts|<guid>", "erp_CustomersV3|usmf|C-1". */
export function rowId(table: ReplicaTable, values: Readonly<Record<string, unknown>>): string {
  const key = dexieKey(table, values);
  return [tableName(table.side, table.set), ...(Array.isArray(key) ? key : [key])].join('|');
}

export function keyOf(table: ReplicaTable, row: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(table.key.map((k) => [k, row[k] as string]));
}
