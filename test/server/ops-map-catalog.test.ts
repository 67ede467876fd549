/**
 * Installed maps and map packages through the engine, against the real server: edits only
 * while stopped (each save bumps the version, kept across a reload), export, an import's
 * preview, an import that pauses and resumes the running maps it touches while their queue
 * is kept, and hostile or invalid packages refused with nothing installed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TableMap } from '../../src/core/maps/index.ts';
import type { TestEngine } from '../support/engine.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';
import { pairedAccounts } from '../support/accounts.ts';

let server: TestServer;
const engines: TestEngine[] = [];
const pairedAccount = pairedAccounts(() => server);

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'tiny' });
});
afterEach(async () => {
  while (engines.length) await engines.pop()?.close();
});
afterAll(() => server.stop());

async function engineFor(username = 'admin', password = 'admin'): Promise<TestEngine> {
  const e = await startEngine(server, username, password);
  engines.push(e);
  return e;
}

const mapOf = async (e: TestEngine, id: string): Promise<TableMap> => {
  const map = (await e.engine.maps()).find((m) => m.id === id);
  if (!map) throw new Error(`no map ${id}`);
  return map;
};

describe('editing an installed map', () => {
  it('is refused while the map runs; once stopped a save bumps the version, and the engine keeps it across a reload', async () => {
    let e = await engineFor();
    const groups = await mapOf(e, 'customer-groups');
    const edited: TableMap = { ...groups, companies: ['usmf'] };
    const running = await e.engine.saveMap(edited);
    expect(running).toMatchObject({ ok: false, error: { code: 'MAP_RUNNING' } });
    expect((await mapOf(e, 'customer-groups')).version).toBe(groups.version);

    // customer-groups has dependents: stop them too.
    const stopped = await e.engine.stopMaps(['customer-groups', ...(await e.engine.maps()).filter((m) => m.dependsOn.includes('customer-groups')).map((m) => m.id)]);
    expect(stopped.ok, JSON.stringify(stopped)).toBe(true);
    const saved = await e.engine.saveMap(edited);
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    expect(saved.ok && saved.value.version).toBe('1.0.0.1');
    e = await e.restart();
    engines.push(e);
    expect(await mapOf(e, 'customer-groups')).toMatchObject({ version: '1.0.0.1', companies: ['usmf'] });
  });

  it('names the field and the path of a map the stores’ $metadata refuses, and changes nothing', async () => {
    const e = await engineFor();
    await e.engine.stopMaps(['payment-terms']);
    const terms = await mapOf(e, 'payment-terms');
    const broken: TableMap = { ...terms, fields: [...terms.fields, { kind: 'copy', erp: 'NoSuchField', crm: 'msdyn_name', direction: 'both' }] };
    const result = await e.engine.saveMap(broken);
    expect(result.ok).toBe(false);
    const problems = (result.ok ? [] : (result.error.details?.['problems'] as { code: string; path: string }[])) ?? [];
    expect(problems.map((p) => p.code)).toContain('MAP_UNKNOWN_FIELD');
    expect(problems.find((p) => p.code === 'MAP_UNKNOWN_FIELD')?.path).toMatch(/^\$\.fields\[\d+\]/);
    expect(await mapOf(e, 'payment-terms')).toEqual(terms);
  });
});

describe('map packages', () => {
  it('exports, previews and imports a newer map: the running maps it touches pause and resume, and a queued agent write still lands once', async () => {
    const e = await engineFor('agent.usmf', 'agent');
    const { accountid, accountnumber } = await pairedAccount();
    const exported = JSON.parse(await e.engine.exportMaps(['customers-accounts'], 'Contoso', '2.0.0.0'));
    expect(exported).toMatchObject({ format: 'tandem-map-package', publisher: 'Contoso', version: '2.0.0.0' });
    expect(exported.maps.map((m: TableMap) => m.id)).toEqual(['customers-accounts']);

    e.network.online = false;
    expect((await e.engine.updateAccount(accountid, { telephone1: 'queued-before-upgrade' })).ok).toBe(true);
    const upgraded = { ...exported, maps: [{ ...exported.maps[0], version: '1.1.0.0', conflict: 'client-wins' }] };
    const preview = await e.engine.previewMapPackage(JSON.stringify(upgraded));
    expect(preview.ok, JSON.stringify(preview)).toBe(true);
    if (!preview.ok) return;
    expect(preview.value.diff.changed.map((c) => c.id)).toEqual(['customers-accounts']);
    expect(preview.value.steps.map((s) => s.action)).toEqual(['pause', 'install', 'resume']);
    expect(preview.value.steps[0]?.maps).toContain('customers-accounts');
    expect((await mapOf(e, 'customers-accounts')).version).toBe('1.0.0.0'); // a preview changes nothing

    const imported = await e.engine.importMapPackage(JSON.stringify(upgraded));
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    expect(await mapOf(e, 'customers-accounts')).toMatchObject({ version: '1.1.0.0', conflict: 'client-wins' });
    expect((await e.engine.mapStatuses()).find((m) => m.id === 'customers-accounts')?.state).toMatch(/running|resuming/);
    e.network.online = true;
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect((await e.engine.status()).pending).toBe(0);
    expect((await server.request('GET', `${CRM}/accounts(${accountid})`)).body.telephone1).toBe('queued-before-upgrade');
    expect((await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${accountnumber}')`)).body.PrimaryContactPhone).toBe('queued-before-upgrade');
  });

  it('refuses a package that is not newer, a hostile one and garbage, naming the problem, and installs nothing', async () => {
    const e = await engineFor();
    const before = await e.engine.maps();
    const exported = JSON.parse(await e.engine.exportMaps(['currencies'], 'Contoso', '1.0.0.0'));
    const same = await e.engine.importMapPackage(JSON.stringify({ ...exported, maps: [{ ...exported.maps[0], name: 'Renamed' }] }));
    expect(same).toMatchObject({ ok: false, error: { code: 'MAP_VERSION_NOT_NEWER' } });
    const hostile = '{"format":"tandem-map-package","formatVersion":1,"publisher":"x","version":"1.0.0.0","maps":[{"__proto__":{"polluted":true}}]}';
    const refused = await e.engine.importMapPackage(hostile);
    expect(refused.ok).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const garbage = await e.engine.importMapPackage('not json');
    expect(garbage).toMatchObject({ ok: false, error: { code: 'MAP_PACKAGE' } });
    expect(await e.engine.maps()).toEqual(before);
  });
});
