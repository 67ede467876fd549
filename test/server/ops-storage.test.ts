/**
 * A full device, against the real server (Node + fake-indexeddb): a Dexie middleware
 * makes every add/put fail with QuotaExceededError while `quota.full` is set, and the
 * storage estimate is injected. New writes are refused with STORAGE_FULL, every entry
 * queued before stays, pulled pages that do not fit are not checkpointed (pulled again
 * later), the queue is still sent, and once space is back everything works again.
 */
import type { DBCore, Middleware } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { ReplicaDb } from '../../src/engine/replica/db.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, readAll, startTestServer } from '../support/server.ts';

let server: TestServer;
let usmf: string;
const open: Engine[] = [];

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'tiny' });
  usmf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`)).body.value[0].cdm_companyid;
});
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});
afterAll(() => server.stop());

interface Device {
  /** Every add / put fails with QuotaExceededError while set (deletes still work, as they free space). */
  full: boolean;
  /** Writes the middleware saw attempted. */
  attempts: number;
  usage: number;
  readonly quota: number;
  online: boolean;
}

/** Fails puts like a browser whose origin is out of quota. */
function quotaMiddleware(device: Device): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'test-quota',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            if (req.type === 'delete' || req.type === 'deleteRange') return table.mutate(req);
            device.attempts++;
            return device.full ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) : table.mutate(req);
          },
        };
      },
    }),
  };
}

let counter = 0;
async function startDevice(): Promise<{ engine: Engine; device: Device; db: ReplicaDb }> {
  const device: Device = { full: false, attempts: 0, usage: 10_000_000, quota: 100_000_000, online: true };
  const db = new ReplicaDb(`tandem-storage-${++counter}-${Date.now()}`, { indexedDB, IDBKeyRange });
  db.use(quotaMiddleware(device));
  const fetchThrough: typeof fetch = async (input, init) => {
    if (!device.online) throw new TypeError('fetch failed (test network is offline)');
    return fetch(input, init);
  };
  const engine = new Engine({
    db,
    baseUrl: server.url,
    fetch: fetchThrough,
    pollMs: 0,
    pageSize: 500,
    storageFullPercent: 90,
    storage: { estimate: async () => ({ usage: device.usage, quota: device.quota }), persisted: async () => true },
  });
  open.push(engine);
  await engine.open();
  const signedIn = await engine.signIn('agent.usmf', 'agent');
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  engine.setLeader(true);
  await engine.syncNow();
  return { engine, device, db };
}

async function accounts(count: number): Promise<string[]> {
  const { rows } = await readAll(server, `${CRM}/accounts?$filter=msdyn_company eq ${usmf} and customertypecode eq 3 and accountnumber ne null&$orderby=accountnumber`);
  return rows.slice(0, count).map((r) => r['accountid'] as string);
}

const outboxIds = async (db: ReplicaDb) => (await db.outbox.toCollection().primaryKeys()).map(Number);

describe('storage', () => {
  it('reports usage, quota, percent and persistence', async () => {
    const { engine } = await startDevice();
    expect(await engine.storage()).toEqual({ usage: 10_000_000, quota: 100_000_000, percent: 10, persisted: true, full: false, fullPercent: 90 });
    expect((await engine.status()).storageFull).toBe(false);
  });

  it('refuses new writes while a write hits the quota, keeps every queued entry, and accepts writes again once space is freed', async () => {
    const { engine, device, db } = await startDevice();
    const [a, b, c] = await accounts(3);
    device.online = false;
    expect((await engine.updateAccount(a as string, { description: 'queued 1' })).ok).toBe(true);
    expect((await engine.updateAccount(b as string, { description: 'queued 2' })).ok).toBe(true);
    const queued = await outboxIds(db);
    const before = await db.outbox.toArray();
    expect(queued.length).toBeGreaterThanOrEqual(2);

    device.full = true;
    const refused = await engine.updateAccount(c as string, { description: 'does not fit' });
    expect(refused).toEqual({ ok: false, error: { code: 'STORAGE_FULL', message: expect.stringMatching(/storage is full.*not saved.*Nothing queued before was lost/) } });
    expect((await engine.status()).storageFull).toBe(true);
    expect((await engine.storage()).full).toBe(true);
    expect((await engine.updateAccount(c as string, { description: 'still does not fit' })).ok).toBe(false);

    device.full = false; // reading works throughout: the queue is intact
    expect(await db.outbox.toArray()).toEqual(before);
    expect((await engine.getAccount(c as string))?.account['description']).not.toBe('does not fit');

    expect((await engine.updateAccount(c as string, { description: 'fits again' })).ok).toBe(true);
    expect((await engine.status()).storageFull).toBe(false);
    expect((await outboxIds(db)).slice(0, queued.length)).toEqual(queued);

    device.online = true;
    await engine.syncNow();
    expect((await engine.status()).pending).toBe(0);
    const server3 = await Promise.all([a, b, c].map(async (id) => (await server.request('GET', `${CRM}/accounts(${id})`)).body.description));
    expect(server3).toEqual(['queued 1', 'queued 2', 'fits again']);
  });

  it('refuses writes without trying while usage is over the limit', async () => {
    const { engine, device } = await startDevice();
    const [a] = await accounts(1);
    device.usage = 95_000_000;
    expect((await engine.storage()).full).toBe(true);
    const attempts = device.attempts;
    const refused = await engine.updateAccount(a as string, { description: 'over the limit' });
    expect(!refused.ok && refused.error.code).toBe('STORAGE_FULL');
    expect(device.attempts).toBe(attempts); // nothing was written, not even tried
    device.usage = 50_000_000;
    expect((await engine.updateAccount(a as string, { description: 'under the limit' })).ok).toBe(true);
    expect((await engine.status()).storageFull).toBe(false);
  });

  it('does not checkpoint pulled pages that do not fit, still sends the queue, and pulls them once space is back', async () => {
    const { engine, device, db } = await startDevice();
    const [mine, theirs] = await accounts(2);
    device.online = false;
    expect((await engine.updateAccount(mine as string, { description: 'sent while full' })).ok).toBe(true);
    await server.request('PATCH', `${CRM}/accounts(${theirs})`, { as: 'backoffice', body: { description: 'from the back office' } });
    const checkpoint = await db.checkpoints.get('crm_accounts');

    device.full = true;
    device.online = true;
    await engine.syncNow();
    const status = await engine.status();
    expect(status).toMatchObject({ storageFull: true, phase: 'backoff', lastError: { code: 'STORAGE_FULL' } });
    device.full = false;
    expect(await db.checkpoints.get('crm_accounts')).toEqual(checkpoint);
    expect((await engine.getAccount(theirs as string))?.account['description']).not.toBe('from the back office');
    // The queued write went out although its local bookkeeping could not be saved.
    expect((await server.request('GET', `${CRM}/accounts(${mine})`)).body.description).toBe('sent while full');

    await engine.syncNow();
    expect(await engine.status()).toMatchObject({ storageFull: false, pending: 0, lastError: null });
    expect((await engine.getAccount(theirs as string))?.account['description']).toBe('from the back office');
    expect((await engine.getAccount(mine as string))?.account['description']).toBe('sent while full');
    const sent = await readAll(server, `${CRM}/accounts?$filter=${encodeURIComponent("description eq 'sent while full'")}`);
    expect(sent.rows).toHaveLength(1);
  });
});
