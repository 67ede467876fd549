/**
 * Sync history (src/engine/sync-history.ts) through an agent's engine against the real
 * server, on an injected clock: after sync rounds with a paused map, the history reports
 * the agent's held write (pending) and the back-office changes held for the map (queued),
 * one sample per minute (the last round of a minute wins), survives a reload, drains to
 * zero after catch-up, and forgets samples older than 24 hours.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { ReplicaDb } from '../../src/engine/replica/db.ts';
import { pairedAccounts } from '../support/accounts.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

const MAP = 'customers-accounts';
const MINUTE = 60_000;

let server: TestServer;
/** The engine open now: one at a time, the next one opens on the same replica as after a reload. */
let current: Engine | null = null;
const pairedAccount = pairedAccounts(() => server);

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'tiny' });
});
afterAll(async () => {
  await current?.close();
  await server.stop();
});

/** An agent's engine over `dbName` whose clock the test moves (closing the one open before). */
async function engineAt(clock: { now: number }, dbName: string): Promise<Engine> {
  await current?.close();
  const db = new ReplicaDb(dbName, { indexedDB, IDBKeyRange });
  const engine = new Engine({ db, baseUrl: server.url, fetch, pollMs: 0, now: () => new Date(clock.now) });
  current = engine;
  await engine.open();
  if (!(await engine.session())) {
    const signedIn = await engine.signIn('agent.usmf', 'agent');
    if (!signedIn.ok) throw new Error(signedIn.error.message);
  }
  engine.setLeader(true);
  await engine.syncNow();
  return engine;
}

async function backOffice(path: string, body: Record<string, unknown>): Promise<void> {
  const reply = await server.request('PATCH', path, { as: 'backoffice', body });
  expect(reply.status, reply.text).toBeLessThan(300);
}

const counts = (samples: readonly { pending: number; queued: number; errors: number }[]) => samples.map(({ pending, queued, errors }) => ({ pending, queued, errors }));

describe('sync history', () => {
  it('reports held writes and held changes per minute, keeps them across a reload, and drains after catch-up', async () => {
    const start = Math.floor(Date.now() / MINUTE) * MINUTE;
    const clock = { now: start + 5_000 };
    const dbName = `tandem-history-${Date.now()}`;
    let engine = await engineAt(clock, dbName);
    const since = new Date(start).toISOString();
    expect(counts(await engine.syncHistory(since))).toEqual([{ pending: 0, queued: 0, errors: 0 }]);

    const { accountid, accountnumber } = await pairedAccount();
    const customer = `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${accountnumber}')`;
    await engine.pauseMaps([MAP]);
    expect((await engine.updateAccount(accountid, { telephone1: '+1 555 0101' })).ok).toBe(true);
    await backOffice(customer, { CreditLimit: '1234' });
    clock.now = start + MINUTE + 1_000;
    await engine.syncNow();
    await backOffice(`${CRM}/accounts(${accountid})`, { emailaddress1: 'history@example.com' });
    clock.now = start + MINUTE + 40_000; // the same minute: this round's sample replaces the last
    await engine.syncNow();

    // A reload (its first round samples the next minute): the history is in the replica.
    clock.now = start + 2 * MINUTE + 1_000;
    engine = await engineAt(clock, dbName);
    const held = await engine.syncHistory(since);
    expect(counts(held)).toEqual([
      { pending: 0, queued: 0, errors: 0 },
      { pending: 1, queued: 2, errors: 0 },
      { pending: 1, queued: 2, errors: 0 },
    ]);
    expect(held.map((s) => s.at)).toEqual([new Date(start + 5_000).toISOString(), new Date(start + MINUTE + 40_000).toISOString(), new Date(start + 2 * MINUTE + 1_000).toISOString()]);

    await engine.resumeMaps([MAP], 'catch-up');
    clock.now = start + 3 * MINUTE;
    await engine.syncNow();
    await engine.syncNow();
    expect(counts(await engine.syncHistory(since)).at(-1)).toEqual({ pending: 0, queued: 0, errors: 0 });
    expect(await engine.syncHistory(new Date(start + 3 * MINUTE).toISOString())).toHaveLength(1);

    // A day later the old samples are gone: from `since` and from the stored array.
    clock.now = start + 3 * MINUTE + 24 * 60 * MINUTE;
    expect(await engine.syncHistory(since)).toEqual([]);
    await engine.syncNow();
    expect(counts(await engine.syncHistory(since))).toEqual([{ pending: 0, queued: 0, errors: 0 }]);
    expect(((await engine.ctx.db.meta.get('syncHistory'))?.value as unknown[]).length).toBe(1);
  });
});
