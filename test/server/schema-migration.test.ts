import { describe, expect, it } from 'vitest';
import { STORES } from '../../server/schema/index.ts';
import type { StoreSpec } from '../../server/schema/spec.ts';
import { bootstrapSchema } from '../../server/storage/bootstrap.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';

/** The same stores as an older server knew them: accounts without two fields and without contacts. */
function olderStores(): StoreSpec[] {
  return STORES.map((store) => ({
    ...store,
    sets: store.sets
      .filter((s) => s.name !== 'contacts')
      .map((s) => (s.name === 'accounts' ? { ...s, fields: s.fields.filter((f) => f.name !== 'telephone1' && f.name !== 'msdyn_customergroupid') } : s)),
  }));
}

describe('additive schema migration', () => {
  it('adds the tables and columns a newer schema has, keeping existing rows', async () => {
    const db = openSqlite(':memory:');
    await bootstrapSchema(db, olderStores());
    expect(await db.columns('crm_accounts')).not.toContain('telephone1');
    expect(await db.columns('crm_contacts')).toEqual([]);
    await db.run('INSERT INTO crm_accounts (accountid, name, "_seq") VALUES (?, ?, ?)', ['0f8fad5b-d9cb-469f-a165-70867728950e', 'Kept Ltd', 1]);

    await bootstrapSchema(db, STORES);
    expect(await db.columns('crm_accounts')).toEqual(expect.arrayContaining(['telephone1', 'msdyn_customergroupid', 'name']));
    expect((await db.columns('crm_contacts')).length).toBeGreaterThan(5);
    expect(await db.get('SELECT name, telephone1 FROM crm_accounts')).toEqual({ name: 'Kept Ltd', telephone1: null });
    // The index on the new lookup column exists too (created after the column was added).
    const indexes = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'crm_accounts'");
    expect(indexes.map((i) => i.name)).toContain('crm_accounts__ref_msdyn_customergroupid');
    await db.close();
  });
});
