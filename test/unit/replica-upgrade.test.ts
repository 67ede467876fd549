/** Replica format 1 → 8 … 7 → 8: Dexie adds the new tables; the outbox and the rows already kept survive. */
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { OPS_STORES, REPLICA_FORMAT_VERSION, ReplicaDb } from '../../src/engine/replica/db.ts';
import { REPLICA_TABLES, tableName } from '../../src/engine/replica/tables.ts';

/** The tables format 3 added (the field-service slice). */
const ADDED_IN_3 = new Set(['erp_CustomerAssets', 'erp_ServiceOrders', 'erp_Notes', 'crm_msdyn_customerassets', 'crm_msdyn_workorders', 'crm_annotations']);
/** The tables format 4 added (on-hand inventory, loyalty cards). */
const ADDED_IN_4 = new Set(['erp_InventoryOnHand', 'erp_LoyaltyCards', 'crm_msdyn_inventoryonhandentries', 'crm_msdyn_loyaltycards']);
/** The tables format 5 added (sales order headers and lines). */
const ADDED_IN_5 = new Set(['erp_SalesOrderHeaders', 'erp_SalesOrderLines', 'crm_salesorders', 'crm_salesorderdetails']);
/** The tables format 6 added (sales quotation headers and lines, invoices and lines). */
const ADDED_IN_6 = new Set([
  'erp_SalesQuotationHeadersV2',
  'erp_SalesQuotationLinesV2',
  'crm_quotes',
  'crm_quotedetails',
  'erp_SalesInvoiceHeadersV2',
  'erp_SalesInvoiceLines',
  'crm_invoices',
  'crm_invoicedetails',
]);
/** The tables format 8 added (party postal and electronic addresses, price lists and agreement lines, activities). */
const ADDED_IN_8 = new Set([
  'erp_CustomerPostalAddresses',
  'erp_CustomerElectronicAddresses',
  'crm_msdyn_partypostaladdresses',
  'crm_msdyn_partyelectronicaddresses',
  'erp_SalesPriceLists',
  'erp_SalesPriceAgreements',
  'crm_pricelevels',
  'crm_productpricelevels',
  'erp_Activities',
  'crm_tasks',
  'crm_phonecalls',
  'crm_appointments',
]);
/** The tables each format added, by format. */
const ADDED: Readonly<Record<number, ReadonlySet<string>>> = { 3: ADDED_IN_3, 4: ADDED_IN_4, 5: ADDED_IN_5, 6: ADDED_IN_6, 8: ADDED_IN_8 };

/** The stores of format `version` (every table but those added after it). */
function storesOf(version: number): Record<string, string> {
  const stores: Record<string, string> = { outbox: '++id, *rows', shadows: 'id', checkpoints: 'table', activity: '++id', errors: '++id', meta: 'name' };
  if (version >= 7) Object.assign(stores, { activity: '++id, mapId, key', errors: '++id, mapId, key' }, OPS_STORES);
  for (const t of REPLICA_TABLES) {
    const name = tableName(t.side, t.set);
    if (Object.entries(ADDED).some(([added, tables]) => version < Number(added) && tables.has(name))) continue;
    const pk = t.key.length === 1 ? t.key[0] : `[${t.key.join('+')}]`;
    stores[name] = [pk, ...t.indexes.map((f) => (f.length === 1 ? f[0] : `[${f.join('+')}]`))].join(', ');
  }
  return stores;
}

/**
 * A format-`version` replica with one pending outbox entry over `row` of `table`, and that
 * table's checkpoint, opened as the current format: checks the outbox, the checkpoint and
 * the row survive and the tables of the next format are there, empty.
 */
async function upgradeFrom(version: number, table: string, id: string, row: Record<string, unknown>): Promise<ReplicaDb> {
  const name = `upgrade-${version}-${Date.now()}`;
  const old = new Dexie(name, { indexedDB, IDBKeyRange });
  old.version(version).stores(storesOf(version));
  await old.open();
  await old.table('outbox').add({ txId: `t${version}`, ops: [], rows: [`${table}|${id}`] });
  await old.table(table).put({ ...row, _etag: `W/"${version}"` });
  await old.table('checkpoints').put({ table, link: `delta-${version}`, loaded: true });
  old.close();

  const db = new ReplicaDb(name, { indexedDB, IDBKeyRange });
  await db.open();
  expect(db.verno).toBe(REPLICA_FORMAT_VERSION);
  expect(await db.outbox.toArray()).toMatchObject([{ txId: `t${version}`, rows: [`${table}|${id}`] }]);
  expect(await db.checkpoints.get(table)).toMatchObject({ link: `delta-${version}`, loaded: true });
  expect(await db.rows(table).count()).toBe(1);
  for (const added of ADDED[version + 1] ?? []) expect(await db.rows(added).count(), added).toBe(0);
  return db;
}

describe('replica format upgrade', () => {
  it('opens a format-1 replica as format 8 without touching the outbox', async () => {
    const name = `upgrade-${Date.now()}`;
    const v1 = new Dexie(name, { indexedDB, IDBKeyRange });
    v1.version(1).stores({
      outbox: '++id, *rows',
      shadows: 'id',
      checkpoints: 'table',
      activity: '++id',
      errors: '++id',
      meta: 'name',
      erp_LegalEntities: 'LegalEntityId',
      erp_Currencies: 'CurrencyCode',
      erp_CustomerGroups: '[dataAreaId+CustomerGroupId]',
      erp_CustomersV3: '[dataAreaId+CustomerAccount]',
      erp_ContactPersons: '[dataAreaId+ContactPersonId]',
      crm_cdm_companies: 'cdm_companyid, cdm_companycode',
      crm_transactioncurrencies: 'transactioncurrencyid, isocurrencycode',
      crm_msdyn_customergroups: 'msdyn_customergroupid, [msdyn_groupid+msdyn_company]',
      crm_accounts: 'accountid, [accountnumber+msdyn_company]',
      crm_contacts: 'contactid, [msdyn_contactpersonid+msdyn_company], parentcustomerid',
    });
    await v1.open();
    await v1.table('outbox').add({ txId: 't1', ops: [], rows: ['crm_accounts|a'] });
    await v1.table('crm_accounts').put({ accountid: 'a', name: 'Kept', _etag: 'W/"1"' });
    v1.close();

    expect(REPLICA_FORMAT_VERSION).toBe(8);
    const v3 = new ReplicaDb(name, { indexedDB, IDBKeyRange });
    await v3.open();
    expect(await v3.outbox.toArray()).toMatchObject([{ txId: 't1', rows: ['crm_accounts|a'] }]);
    expect(await v3.rows('crm_accounts').get('a')).toMatchObject({ name: 'Kept' });
    expect(await v3.rows('crm_msdyn_vendors').count()).toBe(0);
    await v3.rows('crm_msdyn_currencyexchangerates').put({ msdyn_currencyexchangerateid: 'r', msdyn_fromcurrencyid: 'u', msdyn_tocurrencyid: 'e', msdyn_validfrom: '2026-01-01', _etag: '' });
    expect(await v3.rows('crm_msdyn_currencyexchangerates').where('[msdyn_fromcurrencyid+msdyn_tocurrencyid+msdyn_validfrom]').equals(['u', 'e', '2026-01-01']).count()).toBe(1);
    v3.close();
  });

  it('opens a format-2 replica as format 8: the field-service tables appear with their indexes, nothing else changes', async () => {
    const name = `upgrade-2-${Date.now()}`;
    const stores = storesOf(2);
    const v2 = new Dexie(name, { indexedDB, IDBKeyRange });
    v2.version(2).stores(stores);
    await v2.open();
    await v2.table('outbox').add({ txId: 't2', ops: [], rows: ['crm_contacts|c'] });
    await v2.table('crm_contacts').put({ contactid: 'c', msdyn_contactpersonid: 'US-000007', msdyn_company: 'x', msdyn_sellable: true, _etag: 'W/"2"' });
    await v2.table('checkpoints').put({ table: 'crm_contacts', link: 'delta-2', loaded: true });
    v2.close();

    const v3 = new ReplicaDb(name, { indexedDB, IDBKeyRange });
    await v3.open();
    expect(v3.verno).toBe(REPLICA_FORMAT_VERSION);
    expect(await v3.outbox.toArray()).toMatchObject([{ txId: 't2', rows: ['crm_contacts|c'] }]);
    expect(await v3.checkpoints.get('crm_contacts')).toMatchObject({ link: 'delta-2', loaded: true });
    expect(await v3.rows('crm_contacts').where('[msdyn_contactpersonid+msdyn_company]').equals(['US-000007', 'x']).count()).toBe(1);
    for (const table of ADDED_IN_3) expect(await v3.rows(table).count(), table).toBe(0);
    await v3.rows('crm_msdyn_customerassets').put({ msdyn_customerassetid: 'a', msdyn_assetid: 'AS-1', msdyn_company: 'x', _etag: '' });
    await v3.rows('crm_msdyn_workorders').put({ msdyn_workorderid: 'w', msdyn_name: 'SO-1', msdyn_company: 'x', _etag: '' });
    await v3.rows('crm_annotations').put({ annotationid: 'n', msdyn_noteid: 'N-1', msdyn_company: 'x', objectid: 'a', _etag: '' });
    expect(await v3.rows('crm_msdyn_customerassets').where('[msdyn_assetid+msdyn_company]').equals(['AS-1', 'x']).count()).toBe(1);
    expect(await v3.rows('crm_msdyn_workorders').where('[msdyn_name+msdyn_company]').equals(['SO-1', 'x']).count()).toBe(1);
    expect(await v3.rows('crm_annotations').where('objectid').equals('a').count()).toBe(1);
    v3.close();
  });

  it('opens a format-3 replica as format 8: the on-hand and loyalty tables appear with their indexes, nothing else changes', async () => {
    const v4 = await upgradeFrom(3, 'crm_annotations', 'n', { annotationid: 'n', msdyn_noteid: 'N-1', msdyn_company: 'x', objectid: 'a' });
    expect(await v4.rows('crm_annotations').where('objectid').equals('a').count()).toBe(1);
    await v4.rows('erp_InventoryOnHand').put({ dataAreaId: 'usmf', ItemNumber: 'P-1', SiteId: '1', WarehouseId: '11', OnHandQuantity: '1.5', _etag: '' });
    await v4.rows('crm_msdyn_inventoryonhandentries').put({ msdyn_inventoryonhandentryid: 'i', msdyn_itemnumber: 'P-1', msdyn_site: '1', msdyn_warehouse: '11', msdyn_company: 'x', _etag: '' });
    await v4.rows('crm_msdyn_loyaltycards').put({ msdyn_loyaltycardid: 'l', msdyn_cardnumber: 'LC-1', msdyn_company: 'x', _etag: '' });
    expect(await v4.rows('erp_InventoryOnHand').get(['usmf', 'P-1', '1', '11'])).toMatchObject({ OnHandQuantity: '1.5' });
    expect(await v4.rows('crm_msdyn_inventoryonhandentries').where('[msdyn_itemnumber+msdyn_site+msdyn_warehouse+msdyn_company]').equals(['P-1', '1', '11', 'x']).count()).toBe(1);
    expect(await v4.rows('crm_msdyn_loyaltycards').where('[msdyn_cardnumber+msdyn_company]').equals(['LC-1', 'x']).count()).toBe(1);
    v4.close();
  });

  it('opens a format-4 replica as format 8: the sales order tables appear with their indexes, nothing else changes', async () => {
    const v5 = await upgradeFrom(4, 'crm_msdyn_loyaltycards', 'l', { msdyn_loyaltycardid: 'l', msdyn_cardnumber: 'LC-1', msdyn_company: 'x' });
    expect(await v5.rows('crm_msdyn_loyaltycards').where('[msdyn_cardnumber+msdyn_company]').equals(['LC-1', 'x']).count()).toBe(1);
    await v5.rows('erp_SalesOrderLines').put({ dataAreaId: 'usmf', SalesOrderNumber: 'SO-1', LineNumber: 1, OrderedSalesQuantity: '2.5', _etag: '' });
    await v5.rows('crm_salesorders').put({ salesorderid: 's', msdyn_salesordernumber: 'SO-1', msdyn_company: 'x', _etag: '' });
    await v5.rows('crm_salesorderdetails').put({ salesorderdetailid: 'd', msdyn_salesordernumber: 'SO-1', msdyn_linenumber: 1, msdyn_company: 'x', salesorderid: 's', _etag: '' });
    expect(await v5.rows('erp_SalesOrderLines').get(['usmf', 'SO-1', 1])).toMatchObject({ OrderedSalesQuantity: '2.5' });
    expect(await v5.rows('crm_salesorders').where('[msdyn_salesordernumber+msdyn_company]').equals(['SO-1', 'x']).count()).toBe(1);
    expect(await v5.rows('crm_salesorderdetails').where('[msdyn_salesordernumber+msdyn_linenumber+msdyn_company]').equals(['SO-1', 1, 'x']).count()).toBe(1);
    expect(await v5.rows('crm_salesorderdetails').where('salesorderid').equals('s').count()).toBe(1);
    v5.close();
  });

  it('opens a format-5 replica as format 8: the quotation and invoice tables appear with their indexes, nothing else changes', async () => {
    const v6 = await upgradeFrom(5, 'crm_salesorders', 's', { salesorderid: 's', msdyn_salesordernumber: 'SO-1', msdyn_company: 'x' });
    expect(await v6.rows('crm_salesorders').where('[msdyn_salesordernumber+msdyn_company]').equals(['SO-1', 'x']).count()).toBe(1);
    await v6.rows('erp_SalesQuotationLinesV2').put({ dataAreaId: 'usmf', SalesQuotationNumber: 'SQ-1', LineNumber: 1, RequestedSalesQuantity: '2.5', _etag: '' });
    await v6.rows('crm_quotes').put({ quoteid: 'q', quotenumber: 'SQ-1', msdyn_company: 'x', _etag: '' });
    await v6.rows('crm_quotedetails').put({ quotedetailid: 'd', msdyn_quotenumber: 'SQ-1', msdyn_linenumber: 1, msdyn_company: 'x', quoteid: 'q', _etag: '' });
    expect(await v6.rows('erp_SalesQuotationLinesV2').get(['usmf', 'SQ-1', 1])).toMatchObject({ RequestedSalesQuantity: '2.5' });
    expect(await v6.rows('crm_quotes').where('[quotenumber+msdyn_company]').equals(['SQ-1', 'x']).count()).toBe(1);
    expect(await v6.rows('crm_quotedetails').where('[msdyn_quotenumber+msdyn_linenumber+msdyn_company]').equals(['SQ-1', 1, 'x']).count()).toBe(1);
    expect(await v6.rows('crm_quotedetails').where('quoteid').equals('q').count()).toBe(1);
    await v6.rows('erp_SalesInvoiceLines').put({ dataAreaId: 'usmf', InvoiceNumber: 'INV-1', LineNumber: 1, LineAmount: '0.0001', _etag: '' });
    await v6.rows('crm_invoices').put({ invoiceid: 'i', invoicenumber: 'INV-1', msdyn_company: 'x', _etag: '' });
    await v6.rows('crm_invoicedetails').put({ invoicedetailid: 'l', msdyn_invoicenumber: 'INV-1', msdyn_linenumber: 1, msdyn_company: 'x', invoiceid: 'i', _etag: '' });
    expect(await v6.rows('erp_SalesInvoiceLines').get(['usmf', 'INV-1', 1])).toMatchObject({ LineAmount: '0.0001' });
    expect(await v6.rows('crm_invoices').where('[invoicenumber+msdyn_company]').equals(['INV-1', 'x']).count()).toBe(1);
    expect(await v6.rows('crm_invoicedetails').where('[msdyn_invoicenumber+msdyn_linenumber+msdyn_company]').equals(['INV-1', 1, 'x']).count()).toBe(1);
    expect(await v6.rows('crm_invoicedetails').where('invoiceid').equals('i').count()).toBe(1);
    v6.close();
  });

  it('opens a format-6 replica as format 8: the operations stores appear, the logs gain their per-map and per-record indexes', async () => {
    const v7 = await upgradeFrom(6, 'crm_quotes', 'q', { quoteid: 'q', quotenumber: 'SQ-1', msdyn_company: 'x' });
    for (const store of Object.keys(OPS_STORES)) expect(await v7.table(store).count(), store).toBe(0);
    await v7.activity.add({ at: 'now', kind: 'pushed', message: 'm', mapId: 'customers-accounts', key: 'crm_accounts|a' });
    expect(await v7.activity.where('key').equals('crm_accounts|a').count()).toBe(1);
    expect(await v7.errors.where('mapId').equals('customers-accounts').count()).toBe(0);
    await v7.table('queue').add({ mapId: 'customers-accounts', rowId: 'crm_accounts|a' });
    expect(await v7.table('queue').where('mapId').equals('customers-accounts').count()).toBe(1);
    v7.close();
  });

  it('opens a format-7 replica as format 8: the party address, price and activity tables appear with their indexes, the operations stores keep their rows', async () => {
    const name = `upgrade-7-ops-${Date.now()}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(7).stores(storesOf(7));
    await old.open();
    await old.table('queue').add({ mapId: 'customers-accounts', rowId: 'crm_accounts|a' });
    old.close();
    const kept = new ReplicaDb(name, { indexedDB, IDBKeyRange });
    await kept.open();
    expect(await kept.table('queue').where('mapId').equals('customers-accounts').count()).toBe(1);
    kept.close();

    const v8 = await upgradeFrom(7, 'crm_invoices', 'i', { invoiceid: 'i', invoicenumber: 'INV-1', msdyn_company: 'x' });
    expect(await v8.rows('crm_invoices').where('[invoicenumber+msdyn_company]').equals(['INV-1', 'x']).count()).toBe(1);
    await v8.rows('erp_CustomerPostalAddresses').put({ dataAreaId: 'usmf', CustomerAccount: 'US-1', LocationId: 'L-1', ValidTo: '2154-12-31', _etag: '' });
    await v8.rows('crm_msdyn_partypostaladdresses').put({ msdyn_partypostaladdressid: 'p', msdyn_customeraccount: 'US-1', msdyn_locationid: 'L-1', msdyn_company: 'x', msdyn_customerid: 'a', _etag: '' });
    await v8.rows('crm_msdyn_partyelectronicaddresses').put({ msdyn_partyelectronicaddressid: 'e', msdyn_customeraccount: 'US-1', msdyn_locationid: 'E-1', msdyn_company: 'x', msdyn_customerid: 'a', _etag: '' });
    expect(await v8.rows('erp_CustomerPostalAddresses').get(['usmf', 'US-1', 'L-1'])).toMatchObject({ ValidTo: '2154-12-31' });
    expect(await v8.rows('crm_msdyn_partypostaladdresses').where('[msdyn_customeraccount+msdyn_locationid+msdyn_company]').equals(['US-1', 'L-1', 'x']).count()).toBe(1);
    expect(await v8.rows('crm_msdyn_partyelectronicaddresses').where('msdyn_customerid').equals('a').count()).toBe(1);
    await v8.rows('erp_SalesPriceAgreements').put({ dataAreaId: 'usmf', AgreementLineId: 'PA-1', ItemNumber: 'P-1', Price: '0.0000000001', _etag: '' });
    await v8.rows('crm_productpricelevels').put({ productpricelevelid: 'pp', msdyn_agreementlineid: 'PA-1', msdyn_company: 'x', pricelevelid: 'pl', _etag: '' });
    expect(await v8.rows('erp_SalesPriceAgreements').where('[dataAreaId+ItemNumber]').equals(['usmf', 'P-1']).first()).toMatchObject({ Price: '0.0000000001' });
    expect(await v8.rows('crm_productpricelevels').where('pricelevelid').equals('pl').count()).toBe(1);
    expect(await v8.rows('crm_pricelevels').count()).toBe(0);
    await v8.rows('crm_phonecalls').put({ activityid: 'c', msdyn_activitynumber: 'ACT-1', msdyn_company: 'x', regardingobjectid: 'a', _etag: '' });
    expect(await v8.rows('crm_phonecalls').where('[msdyn_activitynumber+msdyn_company]').equals(['ACT-1', 'x']).count()).toBe(1);
    expect(await v8.rows('crm_tasks').where('regardingobjectid').equals('a').count()).toBe(0);
    v8.close();
  });
});
