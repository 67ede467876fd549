/**
 * The accounts list's search and filters, answered from a replica pulled from the real
 * server: a contact's name finds its account (and says so), the company filter keeps one
 * company, "waiting to sync" keeps exactly the accounts with queued changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from '../support/engine.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, startTestServer } from '../support/server.ts';

let server: TestServer;
let admin: TestEngine;

beforeAll(async () => {
  server = await startTestServer();
  admin = await startEngine(server, 'admin', 'admin');
});
afterAll(async () => {
  await admin?.close();
  await server?.stop();
});

describe('accounts search and filters', () => {
  it("finds an account by one of its contacts' names and says which contact matched", async () => {
    const reply = await server.request('GET', `${CRM}/contacts?$select=firstname,lastname,parentcustomerid&$filter=parentcustomerid ne null&$top=1`);
    const contact = reply.body.value[0] as { firstname: string | null; lastname: string; parentcustomerid: string };
    const page = await admin.engine.listAccounts({ search: contact.lastname, offset: 0, limit: 50 });
    const row = page.rows.find((r) => r.accountid === contact.parentcustomerid);
    expect(row).toBeDefined();
    if (!row?.name.toLowerCase().includes(contact.lastname.toLowerCase())) expect(row?.viaContact).toContain(contact.lastname);
    // A search that is the account's own name does not name a contact.
    const own = await admin.engine.listAccounts({ search: row?.name ?? '', offset: 0, limit: 50 });
    expect(own.rows.find((r) => r.accountid === row?.accountid)?.viaContact).toBeNull();
  });

  it('keeps one company, and lists the companies there are', async () => {
    const all = await admin.engine.listAccounts({ search: '', offset: 0, limit: 500 });
    expect(all.companies.length).toBeGreaterThan(1);
    const code = all.companies[1] as string;
    const one = await admin.engine.listAccounts({ search: '', company: code, offset: 0, limit: 500 });
    expect(one.total).toBe(all.rows.filter((r) => r.company === code).length);
    expect(one.total).toBeGreaterThan(0);
    expect(one.rows.every((r) => r.company === code)).toBe(true);
  });

  it('"waiting to sync" keeps exactly the accounts with queued changes', async () => {
    const before = await admin.engine.listAccounts({ search: '', pendingOnly: true, offset: 0, limit: 500 });
    expect(before.total).toBe(0);
    const [first] = (await admin.engine.listAccounts({ search: '', offset: 0, limit: 1 })).rows;
    admin.network.online = false;
    try {
      const edited = await admin.engine.updateAccount(first?.accountid ?? '', { telephone1: '+1 425 555 0199' });
      expect(edited.ok).toBe(true);
      const waiting = await admin.engine.listAccounts({ search: '', pendingOnly: true, offset: 0, limit: 500 });
      expect(waiting.rows.map((r) => r.accountid)).toEqual([first?.accountid]);
      expect(waiting.rows[0]?.pending).toBe(true);
    } finally {
      admin.network.online = true;
    }
    await admin.engine.syncNow();
    expect((await admin.engine.listAccounts({ search: '', pendingOnly: true, offset: 0, limit: 500 })).total).toBe(0);
  });
});
