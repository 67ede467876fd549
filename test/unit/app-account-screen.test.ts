import { describe, expect, it } from 'vitest';
import type { AccountDetail, Row } from '../../src/engine/api.ts';
import { AccountScreen } from '../../src/app/account/account-screen.svelte.ts';

const account = { accountid: 'a-1', name: 'Barrows Inc', telephone1: '+1 555 0100', creditlimit: '5000' };

function source(answer: (patch: Row) => { ok: true; value: { pending: number } } | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }) {
  let row: Row = account;
  const patches: Row[] = [];
  return {
    patches,
    getAccount: async (): Promise<AccountDetail> => ({ account: row, customer: null, contacts: [], pending: patches.length, companyCode: 'usmf' }),
    updateAccount: async (_id: string, patch: Row) => {
      const result = answer(patch);
      if (result.ok) {
        patches.push(patch);
        row = { ...row, ...patch };
      }
      return result;
    },
  };
}

describe('account screen', () => {
  it('loads, saves only the changed fields, and reloads what the replica now has', async () => {
    const src = source(() => ({ ok: true, value: { pending: 1 } }));
    const screen = new AccountScreen(src, 'a-1');
    await screen.load();
    expect(screen.form.values.name).toBe('Barrows Inc');
    screen.edit('name', 'Barrows & Sons');
    await screen.save(false);
    expect(src.patches).toEqual([{ name: 'Barrows & Sons' }]);
    expect(screen.outcome).toMatchObject({ ok: true, message: expect.stringContaining('as soon as you are back online') });
    expect(screen.detail?.pending).toBe(1);
    expect(screen.form.dirty).toEqual([]);
    screen.edit('telephone1', '+1 555 0199');
    expect(screen.outcome).toBeNull(); // the message no longer describes the form
  });

  it('shows a rejection on the field it names, an ERP field on the CRM field it mirrors', async () => {
    const src = source(() => ({ ok: false, error: { code: 'MAP_TRANSFORM', message: 'customers-accounts: PrimaryContactPhone is longer than 30 characters', details: { mapId: 'customers-accounts', field: 'PrimaryContactPhone' } } }));
    const screen = new AccountScreen(src, 'a-1');
    await screen.load();
    screen.edit('telephone1', '+1 555 0199');
    await screen.save(true);
    expect(screen.outcome).toMatchObject({ ok: false, error: { code: 'MAP_TRANSFORM' } });
    expect(screen.form.dirty).toEqual(['telephone1']); // nothing lost: the edit is still there to fix
    expect(screen.form.errors.telephone1).toContain('longer than 30 characters');
  });
});
