/**
 * The sync engine in a dedicated module worker, exposed to its tab with comlink.
 * Every tab runs one; all of them read and write the same IndexedDB replica, but only
 * the one holding the Web Lock "tandem-sync" runs the sync loop. When that tab closes,
 * freezes or crashes, the browser releases the lock and the next waiting tab's worker
 * takes over.
 */
import * as Comlink from 'comlink';
import type { EngineApi } from '../src/engine/api.ts';
import { Engine } from '../src/engine/engine.ts';
import { ReplicaDb } from '../src/engine/replica/db.ts';

declare const self: DedicatedWorkerGlobalScope;

const engine = new Engine({
  db: new ReplicaDb('tandem'),
  baseUrl: self.location.origin,
  fetch: (input, init) => fetch(input, init),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});
const ready = engine.open().then(() => engine.setOnline(navigator.onLine));

self.addEventListener('online', () => engine.setOnline(true));
self.addEventListener('offline', () => engine.setOnline(false));

void navigator.locks.request('tandem-sync', async () => {
  await ready;
  engine.setLeader(true);
  await new Promise<never>(() => undefined); // hold the lock for the life of this worker
});

const after = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
  await ready;
  return fn(...args);
};

const api: EngineApi = {
  signIn: after((u: string, p: string) => engine.signIn(u, p)),
  signOut: after(() => engine.signOut()),
  session: after(() => engine.session()),
  status: after(() => engine.status()),
  onStatus: after(async (listener) => Comlink.proxy(await engine.onStatus(listener))),
  onData: after(async (listener) => Comlink.proxy(await engine.onData(listener))),
  syncNow: after(() => engine.syncNow()),
  setMapPaused: after((id: string, paused: boolean) => engine.setMapPaused(id, paused)),
  listAccounts: after((q) => engine.listAccounts(q)),
  getAccount: after((id: string) => engine.getAccount(id)),
  updateAccount: after((id, patch) => engine.updateAccount(id, patch)),
  createCustomer: after((input) => engine.createCustomer(input)),
  choices: after(() => engine.choices()),
  errors: after(() => engine.errors()),
  dismissError: after((id: number) => engine.dismissError(id)),
  activity: after((limit: number) => engine.activity(limit)),
};

Comlink.expose(api);
