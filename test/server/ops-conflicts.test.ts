/**
 * Conflicts against the real server: last-writer-wins both ways by the stores'
 * modification stamps, the manual rule's inbox (base, local and server kept; nothing of the
 * field pushed), resolving it field by field through both stores, and rule-decided
 * conflicts in the conflict log. Back-office edits are made while the engine is offline,
 * then the engine syncs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictSetting, TableMap } from '../../src/core/maps/index.ts';
import { STANDARD_MAPS } from '../../src/core/maps/index.ts';
import type { ConflictEntry } from '../../src/engine/api.ts';
import type { TestEngine } from '../support/engine.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
let group: string;
/** The server's clock runs this far from ours: back-office edits made "before" or "after" the agent's. */
let serverSkewMs = 0;
const engines: TestEngine[] = [];

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'tiny', now: () => new Date(Date.now() + serverSkewMs) });
  group = (await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'usmf'&$top=1`)).body.value[0].CustomerGroupId;
});
afterEach(async () => {
  serverSkewMs = 0;
  while (engines.length) await engines.pop()?.close();
});
afterAll(() => server.stop());

/** The standard catalog with per-field rules on customers ↔ accounts. */
function withFieldRules(rules: Record<string, ConflictSetting>): TableMap[] {
  return STANDARD_MAPS.map((m) => (m.id === 'customers-accounts' ? { ...m, fieldConflicts: rules } : m));
}

async function engineFor(maps: readonly TableMap[]): Promise<TestEngine> {
  const e = await startEngine(server, 'agent.usmf', 'agent', undefined, undefined, 500, maps);
  engines.push(e);
  return e;
}

/** A new customer ↔ account pair made in the back office and synced into the engine. */
async function pair(e: TestEngine, number: string): Promise<string> {
  const reply = await server.request('POST', `${ERP}/CustomersV3`, {
    as: 'backoffice',
    body: { dataAreaId: 'usmf', CustomerAccount: number, PartyType: 'Organization', OrganizationName: `Customer ${number}`, CustomerGroupId: group, SalesCurrencyCode: 'USD', PrimaryContactPhone: 'base-phone' },
  });
  expect(reply.status, reply.text).toBe(201);
  await e.engine.syncNow();
  await e.engine.syncNow();
  return (await account(number))['accountid'] as string;
}

async function account(number: string): Promise<Record<string, unknown>> {
  const row = (await server.request('GET', `${CRM}/accounts?$filter=accountnumber eq '${number}'`)).body.value[0] as Record<string, unknown> | undefined;
  if (!row) throw new Error(`no CRM account ${number}`);
  return row;
}

const customer = async (number: string) => (await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${number}')`)).body as Record<string, unknown>;

async function officeEdit(accountid: string, body: Record<string, unknown>): Promise<void> {
  const reply = await server.request('PATCH', `${CRM}/accounts(${accountid})`, { as: 'backoffice', body });
  expect(reply.status, reply.text).toBeLessThan(300);
}

/** Agent edits offline, the back office edits the same account, then the engine syncs. */
async function collide(e: TestEngine, accountid: string, agent: Record<string, unknown>, office: Record<string, unknown>): Promise<void> {
  e.network.online = false;
  const written = await e.engine.updateAccount(accountid, agent);
  expect(written.ok).toBe(true);
  await officeEdit(accountid, office);
  e.network.online = true;
  await e.engine.syncNow();
  await e.engine.syncNow();
}

async function conflictsOn(e: TestEngine, accountid: string): Promise<readonly ConflictEntry[]> {
  const page = await e.engine.conflicts({ key: `crm_accounts|${accountid}` });
  if (!page.ok) throw new Error(page.error.message);
  return page.value.rows;
}

describe('last writer wins, by the stores’ modification time', () => {
  it('the agent’s later edit wins over an earlier back-office edit, in both stores', async () => {
    const e = await engineFor(withFieldRules({ name: { rule: 'last-writer-wins' } }));
    const accountid = await pair(e, 'T-LWW-A');
    serverSkewMs = -10 * 60_000; // the back office's edit is stamped ten minutes before the agent's
    await collide(e, accountid, { name: 'Agent Later' }, { name: 'Office Earlier' });
    expect((await account('T-LWW-A'))['name']).toBe('Agent Later');
    expect((await customer('T-LWW-A'))['OrganizationName']).toBe('Agent Later');
    const [logged] = await conflictsOn(e, accountid);
    expect(logged).toMatchObject({ status: 'resolved-by-rule', fields: ['name'], rules: { name: 'last-writer-wins' }, winners: { name: 'local' }, local: { name: 'Agent Later' }, server: { name: 'Office Earlier' }, serverBy: 'backoffice' });
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('a later back-office edit wins over the agent’s earlier one, in both stores', async () => {
    const e = await engineFor(withFieldRules({ name: { rule: 'last-writer-wins' } }));
    const accountid = await pair(e, 'T-LWW-B');
    serverSkewMs = 10 * 60_000;
    await collide(e, accountid, { name: 'Agent Earlier' }, { name: 'Office Later' });
    expect((await account('T-LWW-B'))['name']).toBe('Office Later');
    expect((await customer('T-LWW-B'))['OrganizationName']).toBe('Office Later');
    expect((await e.engine.getAccount(accountid))?.account['name']).toBe('Office Later');
    const [logged] = await conflictsOn(e, accountid);
    expect(logged).toMatchObject({ status: 'resolved-by-rule', rules: { name: 'last-writer-wins' }, winners: { name: 'server' } });
  });
});

describe('the manual rule and the conflict inbox', () => {
  it('parks the conflicting fields with base, local and server; sends the rest; resolving writes the picks through both stores', async () => {
    const e = await engineFor(withFieldRules({ name: { rule: 'manual' }, telephone1: { rule: 'manual' } }));
    const accountid = await pair(e, 'T-MAN-1');
    await collide(e, accountid, { name: 'Agent Name', telephone1: 'agent-phone', creditlimit: '777' }, { name: 'Office Name', telephone1: 'office-phone' });

    // Nothing of the parked fields was sent: both stores hold the back office's values; the rest went through.
    expect(await account('T-MAN-1')).toMatchObject({ name: 'Office Name', telephone1: 'office-phone', creditlimit: '777' });
    expect(await customer('T-MAN-1')).toMatchObject({ OrganizationName: 'Office Name', PrimaryContactPhone: 'office-phone', CreditLimit: '777' });
    const inbox = await e.engine.conflicts({ status: 'open' });
    if (!inbox.ok) throw new Error(inbox.error.message);
    const open = inbox.value.rows.find((c) => c.rowId === `crm_accounts|${accountid}`);
    expect(open).toMatchObject({
      status: 'open',
      mapId: 'customers-accounts',
      side: 'crm',
      set: 'accounts',
      key: { accountid },
      fields: ['name', 'telephone1'],
      base: { name: 'Customer T-MAN-1', telephone1: 'base-phone' },
      local: { name: 'Agent Name', telephone1: 'agent-phone' },
      server: { name: 'Office Name', telephone1: 'office-phone' },
      rules: { name: 'manual', telephone1: 'manual' },
      serverBy: 'backoffice',
    });
    expect(open?.rows).toContain(`erp_CustomersV3|usmf|T-MAN-1`);
    expect((await e.engine.status()).pending).toBe(0);

    const id = open?.id as number;
    const resolved = await e.engine.resolveConflict(id, { pick: { name: 'local', telephone1: 'server' } });
    expect(resolved.ok).toBe(true);
    expect(resolved.ok && resolved.value).toMatchObject({ status: 'resolved', resolvedBy: 'agent.usmf', winners: { name: 'local', telephone1: 'server' }, written: { name: 'Agent Name' } });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await account('T-MAN-1')).toMatchObject({ name: 'Agent Name', telephone1: 'office-phone' });
    expect(await customer('T-MAN-1')).toMatchObject({ OrganizationName: 'Agent Name', PrimaryContactPhone: 'office-phone' });
    expect((await e.engine.status()).pending).toBe(0);

    // Resolved once: a second decision is refused and writes nothing.
    const again = await e.engine.resolveConflict(id, { pick: { name: 'server', telephone1: 'server' } });
    expect(again.ok || again.error.code).toBe('CONFLICT_ALREADY_RESOLVED');
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('an edit replaces both values; bad resolutions are refused with clear codes and write nothing', async () => {
    const e = await engineFor(withFieldRules({ name: { rule: 'manual' } }));
    const accountid = await pair(e, 'T-MAN-2');
    await collide(e, accountid, { name: 'Agent Two' }, { name: 'Office Two' });
    const [open] = await conflictsOn(e, accountid);
    expect(open?.status).toBe('open');
    const id = open?.id as number;
    const code = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => ((r) => (r.ok ? 'ok' : r.error?.code))(await p);
    expect(await code(e.engine.resolveConflict(999_999, { pick: { name: 'local' } }))).toBe('CONFLICT_NOT_FOUND');
    expect(await code(e.engine.resolveConflict(id, { pick: { name: 'local', telephone1: 'local' } }))).toBe('CONFLICT_UNKNOWN_FIELD');
    expect(await code(e.engine.resolveConflict(id, { pick: {} }))).toBe('CONFLICT_FIELD_UNDECIDED');
    expect(await code(e.engine.resolveConflict(id, { pick: { name: 'mine' as 'local' } }))).toBe('INVALID_RESOLUTION');
    expect(await code(e.engine.resolveConflict(id, { pick: {}, edits: { nonsense: 1 } }))).toBe('CONFLICT_UNKNOWN_FIELD');
    expect((await e.engine.status()).pending).toBe(0);

    expect(await code(e.engine.resolveConflict(id, { pick: {}, edits: { name: 'Agreed Name' } }))).toBe('ok');
    await e.engine.syncNow();
    expect((await account('T-MAN-2'))['name']).toBe('Agreed Name');
    expect((await customer('T-MAN-2'))['OrganizationName']).toBe('Agreed Name');
    const [done] = await conflictsOn(e, accountid);
    expect(done).toMatchObject({ status: 'resolved', winners: { name: 'edited' }, written: { name: 'Agreed Name' } });
  });
});

describe('the conflict log', () => {
  it('records conflicts a rule decided (server-wins by default, client-wins per field) with the rule and the winner', async () => {
    const e = await engineFor(withFieldRules({ telephone1: { rule: 'client-wins' } }));
    const accountid = await pair(e, 'T-LOG-1');
    await collide(e, accountid, { name: 'Agent Log', telephone1: 'agent-log-phone' }, { name: 'Office Log', telephone1: 'office-log-phone' });
    expect(await account('T-LOG-1')).toMatchObject({ name: 'Office Log', telephone1: 'agent-log-phone' });
    expect(await customer('T-LOG-1')).toMatchObject({ OrganizationName: 'Office Log', PrimaryContactPhone: 'agent-log-phone' });
    const log = await e.engine.conflictLog({ key: `crm_accounts|${accountid}`, status: 'resolved-by-rule' });
    if (!log.ok) throw new Error(log.error.message);
    expect(log.value.total).toBe(1);
    expect(log.value.rows[0]).toMatchObject({ fields: ['name', 'telephone1'], rules: { name: 'server-wins', telephone1: 'client-wins' }, winners: { name: 'server', telephone1: 'local' } });
    const open = await e.engine.conflicts({ status: 'open', key: `crm_accounts|${accountid}` });
    expect(open.ok && open.value.total).toBe(0);
    const activity = await e.engine.activityLog({ kind: 'conflict', key: `crm_accounts|${accountid}` });
    expect(activity.ok && activity.value.rows[0]?.message).toContain('kept the server name (server-wins), local telephone1 (client-wins)');
  });
});
