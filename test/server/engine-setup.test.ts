/**
 * First-run setup through the engine against real servers over HTTP: the server address
 * is checked and kept across restarts, a device moves to another server only while it
 * holds nothing of the first, the companies offered are the user's, and finishing setup
 * runs the chosen maps with their dependencies and stops the rest. Plus the CORS answer
 * that lets an app served from one origin sync with a server on another.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { ReplicaDb } from '../../src/engine/replica/db.ts';
import { normaliseServerUrl } from '../../src/engine/setup.ts';
import { STANDARD_MAPS, withDependencies } from '../../src/core/maps/index.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let home: TestServer;
let other: TestServer;
let counter = 0;
const open: Engine[] = [];

beforeAll(async () => {
  [home, other] = await Promise.all([startTestServer(), startTestServer()]);
});
afterAll(async () => {
  for (const engine of open) await engine.close().catch(() => undefined);
  await Promise.all([home?.stop(), other?.stop()]);
});

/** A fresh device whose app was served by `home`: nobody signed in, nothing loaded. */
async function device(dbName = `tandem-setup-${++counter}-${Date.now()}`): Promise<{ engine: Engine; dbName: string }> {
  const engine = new Engine({ db: new ReplicaDb(dbName, { indexedDB, IDBKeyRange }), baseUrl: home.url, fetch: (input, init) => fetch(input, init), pollMs: 0, pageSize: 500 });
  await engine.open();
  open.push(engine);
  return { engine, dbName };
}

describe('server address', () => {
  it('normalises what a person types and refuses what is not a plain http(s) address', () => {
    expect(normaliseServerUrl(' https://tandem.example.com:8443/ ')).toBe('https://tandem.example.com:8443');
    expect(normaliseServerUrl('http://host/prefix//')).toBe('http://host/prefix');
    for (const bad of ['tandem.example.com', 'ftp://host', 'https://u:p@host', 'https://host/?x=1', 'https://host/#a', 'javascript:alert(1)', '']) {
      expect(normaliseServerUrl(bad), bad).toBeNull();
    }
  });

  it('names what is wrong with an address that is not a Tandem server', async () => {
    const { engine } = await device();
    expect(await engine.setup()).toEqual({ server: home.url, completedAt: null, skipped: false, companies: null, maps: null });
    const invalid = await engine.setServer('tandem.example.com');
    expect(invalid.ok || invalid.error).toMatchObject({ code: 'INVALID_SERVER_URL', details: { field: 'server' } });
    const unreachable = await engine.setServer('http://127.0.0.1:9');
    expect(unreachable.ok || unreachable.error).toMatchObject({ code: 'SERVER_UNREACHABLE' });
    const notTandem = await engine.setServer(`${home.url}${ERP}`);
    expect(notTandem.ok || notTandem.error).toMatchObject({ code: 'NOT_A_TANDEM_SERVER' });
    expect((await engine.setup()).server).toBe(home.url);
  });

  it('moves a fresh device to another server, keeps it across a restart, and syncs from there', async () => {
    // Something only the other server has.
    const first = await other.request('GET', `${CRM}/accounts?$select=accountid&$top=1`, { as: 'backoffice' });
    const accountid = (first.body.value as { accountid: string }[])[0]?.accountid;
    const renamed = await other.request('PATCH', `${CRM}/accounts(${accountid})`, { as: 'backoffice', body: { name: 'Only On The Other Server' } });
    expect(renamed.status).toBeLessThan(300);

    const { engine, dbName } = await device();
    const moved = await engine.setServer(`${other.url}/`);
    expect(moved.ok && moved.value).toMatchObject({ url: other.url, stores: { erp: { root: ERP }, crm: { root: CRM } } });
    await engine.close();

    const again = new Engine({ db: new ReplicaDb(dbName, { indexedDB, IDBKeyRange }), baseUrl: home.url, fetch: (input, init) => fetch(input, init), pollMs: 0, pageSize: 500 });
    await again.open();
    open.push(again);
    expect((await again.setup()).server).toBe(other.url);
    const signedIn = await again.signIn('admin', 'admin');
    expect(signedIn.ok).toBe(true);
    again.setLeader(true);
    await again.syncNow();
    const found = await again.listAccounts({ search: 'Only On The Other', offset: 0, limit: 10 });
    expect(found.rows.map((r) => r.name)).toEqual(['Only On The Other Server']);

    // Now it holds the other server's data: it may not move back.
    const back = await again.setServer(home.url);
    expect(back.ok || back.error).toMatchObject({ code: 'SERVER_IN_USE', details: { field: 'server' } });
    expect((await again.setup()).server).toBe(other.url);
    // The same address again is fine (nothing changes).
    expect((await again.setServer(other.url)).ok).toBe(true);
  }, 60_000);
});

describe('companies and maps', () => {
  it('offers an agent their own companies and an admin every company, named', async () => {
    const agent = (await device()).engine;
    expect((await agent.setupCompanies()).ok).toBe(false);
    expect((await agent.signIn('agent.usmf', 'agent')).ok).toBe(true);
    const mine = await agent.setupCompanies();
    expect(mine.ok && mine.value.map((c) => c.value)).toEqual(['usmf']);

    const admin = (await device()).engine;
    expect((await admin.signIn('admin', 'admin')).ok).toBe(true);
    const all = await admin.setupCompanies();
    const entities = await home.request('GET', `${ERP}/LegalEntities?$select=LegalEntityId,Name&$orderby=LegalEntityId`);
    expect(all.ok && all.value).toEqual((entities.body.value as { LegalEntityId: string; Name: string }[]).map((e) => ({ value: e.LegalEntityId, label: e.Name })));
    expect(all.ok && all.value.length).toBeGreaterThan(1);
  });

  it('finishing setup runs the chosen maps and their dependencies and stops every other map', async () => {
    const { engine } = await device();
    expect((await engine.signIn('admin', 'admin')).ok).toBe(true);
    const chosen = ['customers-accounts'];
    const expected = [...withDependencies(chosen, STANDARD_MAPS)];
    expect(expected).toContain('customers-accounts');
    expect(expected.length).toBeGreaterThan(1);

    const unknownMap = await engine.completeSetup({ companies: ['usmf'], maps: ['no-such-map'] });
    expect(unknownMap.ok || unknownMap.error).toMatchObject({ code: 'UNKNOWN_MAP', details: { field: 'maps' } });
    const noCompany = await engine.completeSetup({ companies: [], maps: chosen });
    expect(noCompany.ok || noCompany.error).toMatchObject({ code: 'INVALID_VALUE', details: { field: 'companies' } });
    expect((await engine.setup()).completedAt).toBeNull();

    const done = await engine.completeSetup({ companies: ['usmf'], maps: chosen });
    expect(done.ok && done.value).toMatchObject({ companies: ['usmf'], maps: chosen, skipped: false });
    expect(done.ok && done.value.completedAt).toBeTruthy();
    const states = Object.fromEntries((await engine.mapStatuses()).map((m) => [m.id, m.state]));
    for (const [id, state] of Object.entries(states)) expect(state, id).toBe(expected.includes(id) ? 'running' : 'stopped');

    // Choosing again later starts what was stopped.
    const more = await engine.completeSetup({ companies: ['usmf'], maps: ['contacts-contacts'].filter((id) => STANDARD_MAPS.some((m) => m.id === id)).concat(chosen) });
    expect(more.ok).toBe(true);
  });

  it('refuses a company the user does not have', async () => {
    const { engine } = await device();
    expect((await engine.signIn('agent.usmf', 'agent')).ok).toBe(true);
    const result = await engine.completeSetup({ companies: ['demf'], maps: ['customers-accounts'] });
    expect(result.ok || result.error).toMatchObject({ code: 'UNKNOWN_COMPANY', details: { field: 'companies', companies: ['demf'] } });
  });

  it('setting up later is remembered as skipped', async () => {
    const { engine } = await device();
    const skipped = await engine.completeSetup(null);
    expect(skipped.ok && skipped.value).toMatchObject({ skipped: true, companies: null, maps: null });
    expect((await engine.setup()).completedAt).not.toBeNull();
  });
});

describe('cross-origin calls', () => {
  it('answers a preflight from another origin for the headers the engine sends', async () => {
    const response = await fetch(`${home.url}${ERP}/$batch`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://tablet-app.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,if-match,prefer' },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-match');
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
    const get = await fetch(`${home.url}/health`, { headers: { Origin: 'https://tablet-app.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(get.headers.get('access-control-expose-headers')).toContain('ETag');
  });
});
