/** Replica format 1 → 3 and 2 → 3: Dexie adds the new tables; the outbox and the rows already kept survive. */
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { REPLICA_FORMAT_VERSION, ReplicaDb } from '../../src/engine/replica/db.ts';
import { REPLICA_TABLES, tableName } from '../../src/engine/replica/tables.ts';

/** The tables format 3 added (the field-service slice). */
const ADDED_IN_3 = new Set(['erp_CustomerAssets', 'erp_ServiceOrders', 'erp_Notes', 'crm_msdyn_customerassets', 'crm_msdyn_workorders', 'crm_annotations']);

describe('replica format upgrade', () => {
  it('opens a format-1 replica as format 3 without touching the outbox', async () => {
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

    expect(REPLICA_FORMAT_VERSION).toBe(3);
    const v3 = new ReplicaDb(name, { indexedDB, IDBKeyRange });
    await v3.open();
    expect(await v3.outbox.toArray()).toMatchObject([{ txId: 't1', rows: ['crm_accounts|a'] }]);
    expect(await v3.rows('crm_accounts').get('a')).toMatchObject({ name: 'Kept' });
    expect(await v3.rows('crm_msdyn_vendors').count()).toBe(0);
    await v3.rows('crm_msdyn_currencyexchangerates').put({ msdyn_currencyexchangerateid: 'r', msdyn_fromcurrencyid: 'u', msdyn_tocurrencyid: 'e', msdyn_validfrom: '2026-01-01', _etag: '' });
    expect(await v3.rows('crm_msdyn_currencyexchangerates').where('[msdyn_fromcurrencyid+msdyn_tocurrencyid+msdyn_validfrom]').equals(['u', 'e', '2026-01-01']).count()).toBe(1);
    v3.close();
  });

  it('opens a format-2 replica as format 3: the field-service tables appear with their indexes, nothing else changes', async () => {
    const name = `upgrade-2-${Date.now()}`;
    const stores: Record<string, string> = { outbox: '++id, *rows', shadows: 'id', checkpoints: 'table', activity: '++id', errors: '++id', meta: 'name' };
    for (const t of REPLICA_TABLES) {
      if (ADDED_IN_3.has(tableName(t.side, t.set))) continue;
      const pk = t.key.length === 1 ? t.key[0] : `[${t.key.join('+')}]`;
      stores[tableName(t.side, t.set)] = [pk, ...t.indexes.map((f) => (f.length === 1 ? f[0] : `[${f.join('+')}]`))].join(', ');
    }
    const v2 = new Dexie(name, { indexedDB, IDBKeyRange });
    v2.version(2).stores(stores);
    await v2.open();
    await v2.table('outbox').add({ txId: 't2', ops: [], rows: ['crm_contacts|c'] });
    await v2.table('crm_contacts').put({ contactid: 'c', msdyn_contactpersonid: 'US-000007', msdyn_company: 'x', msdyn_sellable: true, _etag: 'W/"2"' });
    await v2.table('checkpoints').put({ table: 'crm_contacts', link: 'delta-2', loaded: true });
    v2.close();

    const v3 = new ReplicaDb(name, { indexedDB, IDBKeyRange });
    await v3.open();
    expect(v3.verno).toBe(3);
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
});
