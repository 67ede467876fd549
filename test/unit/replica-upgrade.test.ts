/** Replica format 1 → 2: Dexie adds the new tables; the outbox and the rows already kept survive. */
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { REPLICA_FORMAT_VERSION, ReplicaDb } from '../../src/engine/replica/db.ts';

describe('replica format upgrade', () => {
  it('opens a format-1 replica as format 2 without touching the outbox', async () => {
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

    expect(REPLICA_FORMAT_VERSION).toBe(2);
    const v2 = new ReplicaDb(name, { indexedDB, IDBKeyRange });
    await v2.open();
    expect(await v2.outbox.toArray()).toMatchObject([{ txId: 't1', rows: ['crm_accounts|a'] }]);
    expect(await v2.rows('crm_accounts').get('a')).toMatchObject({ name: 'Kept' });
    expect(await v2.rows('crm_msdyn_vendors').count()).toBe(0);
    await v2.rows('crm_msdyn_currencyexchangerates').put({ msdyn_currencyexchangerateid: 'r', msdyn_fromcurrencyid: 'u', msdyn_tocurrencyid: 'e', msdyn_validfrom: '2026-01-01', _etag: '' });
    expect(await v2.rows('crm_msdyn_currencyexchangerates').where('[msdyn_fromcurrencyid+msdyn_tocurrencyid+msdyn_validfrom]').equals(['u', 'e', '2026-01-01']).count()).toBe(1);
    v2.close();
  });
});
