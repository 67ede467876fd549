/** Replica format 1 → 5, 2 → 5, 3 → 5 and 4 → 5: Dexie adds the new tables; the outbox and the rows already kept survive. */
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { REPLICA_FORMAT_VERSION, ReplicaDb } from '../../src/engine/replica/db.ts';
import { REPLICA_TABLES, tableName } from '../../src/engine/replica/tables.ts';

/** The tables format 3 added (the field-service slice). */
const ADDED_IN_3 = new Set(['erp_CustomerAssets', 'erp_ServiceOrders', 'erp_Notes', 'crm_msdyn_customerassets', 'crm_msdyn_workorders', 'crm_annotations']);
/** The tables format 4 added (on-hand inventory, loyalty cards). */
const ADDED_IN_4 = new Set(['erp_InventoryOnHand', 'erp_LoyaltyCards', 'crm_msdyn_inventoryonhandentries', 'crm_msdyn_loyaltycards']);
/** The tables format 5 added (sales order headers and lines). */
const ADDED_IN_5 = new Set(['erp_SalesOrderHeaders', 'erp_SalesOrderLines', 'crm_salesorders', 'crm_salesorderdetails']);

/** The stores of format `version` (every table but those added after it). */
function storesOf(version: number): Record<string, string> {
  const stores: Record<string, string> = { outbox: '++id, *rows', shadows: 'id', checkpoints: 'table', activity: '++id', errors: '++id', meta: 'name' };
  for (const t of REPLICA_TABLES) {
    const name = tableName(t.side, t.set);
    if ((version < 3 && ADDED_IN_3.has(name)) || (version < 4 && ADDED_IN_4.has(name)) || (version < 5 && ADDED_IN_5.has(name))) continue;
    const pk = t.key.length === 1 ? t.key[0] : `[${t.key.join('+')}]`;
    stores[name] = [pk, ...t.indexes.map((f) => (f.length === 1 ? f[0] : `[${f.join('+')}]`))].join(', ');
  }
  return stores;
}

describe('replica format upgrade', () => {
  it('opens a format-1 replica as format 5 without touching the outbox', async () => {
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

    expect(REPLICA_FORMAT_VERSION).toBe(5);
    const v3 = new ReplicaDb(name, { indexedDB, IDBKeyRange });
    await v3.open();
    expect(await v3.outbox.toArray()).toMatchObject([{ txId: 't1', rows: ['crm_accounts|a'] }]);
    expect(await v3.rows('crm_accounts').get('a')).toMatchObject({ name: 'Kept' });
    expect(await v3.rows('crm_msdyn_vendors').count()).toBe(0);
    await v3.rows('crm_msdyn_currencyexchangerates').put({ msdyn_currencyexchangerateid: 'r', msdyn_fromcurrencyid: 'u', msdyn_tocurrencyid: 'e', msdyn_validfrom: '2026-01-01', _etag: '' });
    expect(await v3.rows('crm_msdyn_currencyexchangerates').where('[msdyn_fromcurrencyid+msdyn_tocurrencyid+msdyn_validfrom]').equals(['u', 'e', '2026-01-01']).count()).toBe(1);
    v3.close();
  });

  it('opens a format-2 replica as format 5: the field-service tables appear with their indexes, nothing else changes', async () => {
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
    expect(v3.verno).toBe(5);
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

  it('opens a format-3 replica as format 5: the on-hand and loyalty tables appear with their indexes, nothing else changes', async () => {
    const name = `upgrade-3-${Date.now()}`;
    const v3 = new Dexie(name, { indexedDB, IDBKeyRange });
    v3.version(3).stores(storesOf(3));
    await v3.open();
    await v3.table('outbox').add({ txId: 't3', ops: [], rows: ['crm_annotations|n'] });
    await v3.table('crm_annotations').put({ annotationid: 'n', msdyn_noteid: 'N-1', msdyn_company: 'x', objectid: 'a', _etag: 'W/"3"' });
    await v3.table('checkpoints').put({ table: 'crm_annotations', link: 'delta-3', loaded: true });
    v3.close();

    const v4 = new ReplicaDb(name, { indexedDB, IDBKeyRange });
    await v4.open();
    expect(v4.verno).toBe(5);
    expect(await v4.outbox.toArray()).toMatchObject([{ txId: 't3', rows: ['crm_annotations|n'] }]);
    expect(await v4.checkpoints.get('crm_annotations')).toMatchObject({ link: 'delta-3', loaded: true });
    expect(await v4.rows('crm_annotations').where('objectid').equals('a').count()).toBe(1);
    for (const table of ADDED_IN_4) expect(await v4.rows(table).count(), table).toBe(0);
    await v4.rows('erp_InventoryOnHand').put({ dataAreaId: 'usmf', ItemNumber: 'P-1', SiteId: '1', WarehouseId: '11', OnHandQuantity: '1.5', _etag: '' });
    await v4.rows('crm_msdyn_inventoryonhandentries').put({ msdyn_inventoryonhandentryid: 'i', msdyn_itemnumber: 'P-1', msdyn_site: '1', msdyn_warehouse: '11', msdyn_company: 'x', _etag: '' });
    await v4.rows('crm_msdyn_loyaltycards').put({ msdyn_loyaltycardid: 'l', msdyn_cardnumber: 'LC-1', msdyn_company: 'x', _etag: '' });
    expect(await v4.rows('erp_InventoryOnHand').get(['usmf', 'P-1', '1', '11'])).toMatchObject({ OnHandQuantity: '1.5' });
    expect(await v4.rows('crm_msdyn_inventoryonhandentries').where('[msdyn_itemnumber+msdyn_site+msdyn_warehouse+msdyn_company]').equals(['P-1', '1', '11', 'x']).count()).toBe(1);
    expect(await v4.rows('crm_msdyn_loyaltycards').where('[msdyn_cardnumber+msdyn_company]').equals(['LC-1', 'x']).count()).toBe(1);
    v4.close();
  });

  it('opens a format-4 replica as format 5: the sales order tables appear with their indexes, nothing else changes', async () => {
    const name = `upgrade-4-${Date.now()}`;
    const v4 = new Dexie(name, { indexedDB, IDBKeyRange });
    v4.version(4).stores(storesOf(4));
    await v4.open();
    await v4.table('outbox').add({ txId: 't4', ops: [], rows: ['crm_msdyn_loyaltycards|l'] });
    await v4.table('crm_msdyn_loyaltycards').put({ msdyn_loyaltycardid: 'l', msdyn_cardnumber: 'LC-1', msdyn_company: 'x', _etag: 'W/"4"' });
    await v4.table('checkpoints').put({ table: 'crm_msdyn_loyaltycards', link: 'delta-4', loaded: true });
    v4.close();

    const v5 = new ReplicaDb(name, { indexedDB, IDBKeyRange });
    await v5.open();
    expect(v5.verno).toBe(5);
    expect(await v5.outbox.toArray()).toMatchObject([{ txId: 't4', rows: ['crm_msdyn_loyaltycards|l'] }]);
    expect(await v5.checkpoints.get('crm_msdyn_loyaltycards')).toMatchObject({ link: 'delta-4', loaded: true });
    expect(await v5.rows('crm_msdyn_loyaltycards').where('[msdyn_cardnumber+msdyn_company]').equals(['LC-1', 'x']).count()).toBe(1);
    for (const table of ADDED_IN_5) expect(await v5.rows(table).count(), table).toBe(0);
    await v5.rows('erp_SalesOrderLines').put({ dataAreaId: 'usmf', SalesOrderNumber: 'SO-1', LineNumber: 1, OrderedSalesQuantity: '2.5', _etag: '' });
    await v5.rows('crm_salesorders').put({ salesorderid: 's', msdyn_salesordernumber: 'SO-1', msdyn_company: 'x', _etag: '' });
    await v5.rows('crm_salesorderdetails').put({ salesorderdetailid: 'd', msdyn_salesordernumber: 'SO-1', msdyn_linenumber: 1, msdyn_company: 'x', salesorderid: 's', _etag: '' });
    expect(await v5.rows('erp_SalesOrderLines').get(['usmf', 'SO-1', 1])).toMatchObject({ OrderedSalesQuantity: '2.5' });
    expect(await v5.rows('crm_salesorders').where('[msdyn_salesordernumber+msdyn_company]').equals(['SO-1', 'x']).count()).toBe(1);
    expect(await v5.rows('crm_salesorderdetails').where('[msdyn_salesordernumber+msdyn_linenumber+msdyn_company]').equals(['SO-1', 1, 'x']).count()).toBe(1);
    expect(await v5.rows('crm_salesorderdetails').where('salesorderid').equals('s').count()).toBe(1);
    v5.close();
  });
});
