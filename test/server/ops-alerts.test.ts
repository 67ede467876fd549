/**
 * Alert rules on an engine against the real server: a server refusal fires an 'errors'
 * rule once (every engine over the replica hears it), a queue grown offline fires
 * 'queue-length', action 'pause' pauses the watched map, open conflicts are counted,
 * bad rules are refused with their paths, and rules travel in a map package.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_MAPS } from '../../src/core/maps/index.ts';
import { exportPackage, importPackage } from '../../src/core/maps/package.ts';
import type { AlertRecord, AlertRule } from '../../src/engine/api.ts';
import type { TestEngine } from '../support/engine.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, readAll, startTestServer } from '../support/server.ts';

let server: TestServer;
let usmf: string;
const engines: TestEngine[] = [];

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'demo' });
  usmf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`)).body.value[0].cdm_companyid;
});
afterEach(async () => {
  while (engines.length) await engines.pop()?.close();
});
afterAll(() => server.stop());

async function engineFor(dbName?: string): Promise<TestEngine> {
  const e = await startEngine(server, 'agent.usmf', 'agent', dbName);
  engines.push(e);
  return e;
}

/** A paired account/customer of usmf that no other test of this file uses. */
let pick = 0;
async function pairedAccount(): Promise<string> {
  const { rows } = await readAll(server, `${CRM}/accounts?$filter=msdyn_company eq ${usmf} and customertypecode eq 3&$orderby=accountnumber`);
  for (const row of rows.slice(pick)) {
    pick++;
    const number = row['accountnumber'] as string | null;
    if (!number) continue;
    const erp = await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${number}')`);
    if (erp.status === 200 && erp.body.PartyType === 'Organization') return row['accountid'] as string;
  }
  throw new Error('no paired account left in the seed');
}

/** A customer group in both stores; the ERP's is deleted after the engine has it, so the ERP refuses a customer moved into it. */
async function vanishingGroup(id: string): Promise<{ guid: string; vanish: () => Promise<void> }> {
  await server.request('POST', `${ERP}/CustomerGroups`, { as: 'backoffice', body: { dataAreaId: 'usmf', CustomerGroupId: id, Description: `Group ${id}` } });
  const crm = await server.request('POST', `${CRM}/msdyn_customergroups`, { as: 'backoffice', body: { msdyn_groupid: id, msdyn_description: `Group ${id}`, msdyn_company: usmf } });
  return { guid: crm.body.msdyn_customergroupid, vanish: async () => void (await server.request('DELETE', `${ERP}/CustomerGroups(dataAreaId='usmf',CustomerGroupId='${id}')`, { as: 'backoffice' })) };
}

const refusals: AlertRule = { id: 'refusals', name: 'ERP refusals', metric: 'errors', errorCode: 'ReferenceNotFound', windowMinutes: 10, threshold: 1, mapId: 'customers-accounts', action: 'notify', enabled: true };

/** Calls resolve when `check` holds, or fails after `ms`. */
async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('alerts', () => {
  it('fires an errors rule once on a server refusal, tells every engine over the replica, and clears when the errors go', async () => {
    const group = await vanishingGroup('T-AL1');
    const e = await engineFor();
    const other = await engineFor(e.dbName); // another tab: same replica, not syncing
    other.engine.setLeader(false);
    const heard: AlertRecord[] = [];
    const heardElsewhere: AlertRecord[] = [];
    await e.engine.onAlert((a) => heard.push(a));
    await other.engine.onAlert((a) => heardElsewhere.push(a));
    expect((await e.engine.saveAlertRules([refusals])).ok).toBe(true);
    expect(await e.engine.checkAlerts()).toEqual([]);

    const accountid = await pairedAccount();
    e.network.online = false;
    expect((await e.engine.updateAccount(accountid, { msdyn_customergroupid: group.guid })).ok).toBe(true);
    await group.vanish();
    e.network.online = true;
    await e.engine.syncNow();
    await e.engine.syncNow();

    expect((await e.engine.errors()).filter((x) => x.code === 'ReferenceNotFound')).toHaveLength(1);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ ruleId: 'refusals', metric: 'errors', value: 1, threshold: 1, mapId: 'customers-accounts', action: 'notify', clearedAt: null, acknowledgedAt: null });
    expect(heard[0]?.message).toBe('customers-accounts: 1 error ReferenceNotFound in 10 min (threshold 1)');
    await until(() => heardElsewhere.length === 1);
    expect(heardElsewhere[0]?.id).toBe(heard[0]?.id);

    // Still above: no second firing, however often it is evaluated.
    expect(await e.engine.checkAlerts()).toEqual([]);
    await e.engine.syncNow();
    expect((await e.engine.alerts({ offset: 0, limit: 10 })).total).toBe(1);

    // The error dismissed: the alert clears; acknowledging is separate.
    for (const x of await e.engine.errors()) await e.engine.dismissError(x.id);
    await e.engine.checkAlerts();
    const [stored] = (await e.engine.alerts({ offset: 0, limit: 10 })).rows;
    expect(stored?.clearedAt).not.toBeNull();
    const ack = await e.engine.acknowledgeAlert(stored?.id ?? -1);
    expect(ack.ok && ack.value.acknowledgedAt).toBeTruthy();
    expect((await e.engine.acknowledgeAlert(9999)).ok).toBe(false);
    expect(heard).toHaveLength(1);
    expect(heardElsewhere).toHaveLength(1);
  });

  it('fires queue-length while offline, and clears once the queue drains', async () => {
    const e = await engineFor();
    await e.engine.saveAlertRules([{ id: 'queue', name: 'Queue building up', metric: 'queue-length', threshold: 3, action: 'notify', enabled: true }]);
    e.network.online = false;
    for (const [i, accountid] of [await pairedAccount(), await pairedAccount()].entries()) {
      expect((await e.engine.updateAccount(accountid, { description: `offline ${i}` })).ok).toBe(true);
    }
    await e.engine.syncNow(); // fails: offline
    expect((await e.engine.status()).phase).toBe('offline');
    expect(await e.engine.checkAlerts()).toEqual([]);
    expect((await e.engine.updateAccount(await pairedAccount(), { description: 'offline 3' })).ok).toBe(true);
    const fired = await e.engine.checkAlerts();
    expect(fired.map((a) => [a.ruleId, a.value])).toEqual([['queue', 3]]);

    e.network.online = true;
    // A round that started offline may still be failing, and swallows one request: ask until sent.
    await until(async () => {
      await e.engine.syncNow();
      return (await e.engine.status()).pending === 0;
    });
    const [alert] = (await e.engine.alerts({ offset: 0, limit: 1 })).rows;
    expect(alert?.clearedAt).not.toBeNull();
  });

  it("pauses the watched map when a rule with action 'pause' fires", async () => {
    const e = await engineFor();
    await e.engine.saveAlertRules([{ id: 'hold', name: 'Hold customers', metric: 'queue-length', threshold: 1, mapId: 'customers-accounts', action: 'pause', enabled: true }]);
    e.network.online = false;
    expect((await e.engine.updateAccount(await pairedAccount(), { description: 'held' })).ok).toBe(true);
    expect((await e.engine.status()).pausedMaps).not.toContain('customers-accounts');
    await e.engine.checkAlerts();
    expect((await e.engine.status()).pausedMaps).toContain('customers-accounts');
    expect((await e.engine.activity(20)).some((a) => a.kind === 'alert' && a.message.includes('customers-accounts paused'))).toBe(true);
  });

  it('counts conflicts waiting for a person', async () => {
    const e = await engineFor();
    await e.engine.saveAlertRules([{ id: 'inbox', name: 'Conflicts waiting', metric: 'conflicts', threshold: 2, action: 'notify', enabled: true }]);
    const conflicts = e.engine.ctx.db.table('conflicts');
    await conflicts.bulkAdd([{ status: 'open', mapId: 'contacts' }, { status: 'resolved', mapId: 'contacts' }]);
    expect(await e.engine.checkAlerts()).toEqual([]);
    await conflicts.add({ status: 'open', mapId: 'customers-accounts' });
    expect((await e.engine.checkAlerts()).map((a) => a.value)).toEqual([2]);
  });

  it('refuses bad rules with a code and the path of each problem, and keeps the old ones', async () => {
    const e = await engineFor();
    await e.engine.saveAlertRules([refusals]);
    const bad = await e.engine.saveAlertRules([refusals, { ...refusals, id: 'x', threshold: -1 }, { ...refusals, mapId: 'no-such-map' }]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('ALERT_RULES_INVALID');
    expect(bad.error.message).toContain('$.rules[1].threshold');
    const again = await e.engine.saveAlertRules([refusals, { ...refusals, mapId: 'no-such-map' }]);
    expect(!again.ok && again.error.details?.['problems']).toEqual([
      { code: 'ALERT_RULE_DUPLICATE_ID', message: expect.stringContaining('refusals'), path: '$.rules[1].id' },
      { code: 'ALERT_RULE_UNKNOWN_MAP', message: expect.stringContaining('no-such-map'), path: '$.rules[1].mapId' },
    ]);
    expect(await e.engine.alertRules()).toEqual([refusals]);
  });

  it('round-trips rules through a map package export and import', async () => {
    const source = await engineFor();
    const rules: AlertRule[] = [refusals, { id: 'lag', name: 'Not synced for an hour', metric: 'sync-lag', threshold: 60, action: 'notify', enabled: true }, { id: 'disk', name: 'Disk', metric: 'storage', threshold: 90, mapId: 'contacts', action: 'stop', enabled: false }];
    expect((await source.engine.saveAlertRules(rules)).ok).toBe(true);
    const text = JSON.stringify(exportPackage({ publisher: 'Contoso', version: '1.0.0.0', maps: [], alertRules: await source.engine.alertRules() }));

    const imported = importPackage(text, STANDARD_MAPS);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const target = await engineFor();
    expect((await target.engine.saveAlertRules(imported.plan.alertRules)).ok).toBe(true);
    expect(await target.engine.alertRules()).toEqual(rules);

    const broken = JSON.parse(text) as { alertRules: Record<string, unknown>[] };
    broken.alertRules[1] = { ...broken.alertRules[1], threshold: 'an hour' };
    const refused = importPackage(broken, STANDARD_MAPS);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.map((x) => x.path)).toEqual(['$.alertRules[1].threshold']);
  });
});
