import { describe, expect, it } from 'vitest';
import type { EngineApi, EngineStatus, Session } from '../../src/engine/api.ts';
import { EngineState } from '../../src/app/engine/engine-state.svelte.ts';

const idle: EngineStatus = {
  online: true,
  leader: true,
  phase: 'idle',
  pending: 0,
  lastSyncAt: null,
  errors: 0,
  needsSignIn: false,
  username: 'agent.usmf',
  bootstrap: null,
  lastError: null,
  pausedMaps: [],
  storageFull: false, role: null,
};

/** Just enough of the engine to watch subscriptions come and go. */
function fakeEngine(session: Session | null) {
  const statusListeners = new Set<(s: EngineStatus) => void>();
  const dataListeners = new Set<(t: readonly string[]) => void>();
  let current = session;
  const syncs: number[] = [];
  const lost: number[] = [];
  const engine = {
    status: async () => idle,
    session: async () => current,
    onStatus: async (l: (s: EngineStatus) => void) => (statusListeners.add(l), () => statusListeners.delete(l)),
    onData: async (l: (t: readonly string[]) => void) => (dataListeners.add(l), () => dataListeners.delete(l)),
    signIn: async (username: string, password: string) =>
      password === 'agent' ? { ok: true as const, value: (current = { username, expiresAt: '2030-01-01T00:00:00Z' }) } : { ok: false as const, error: { code: 'SIGN_IN_FAILED', message: 'Unknown user or wrong password.' } },
    signOut: async () => void (current = null),
    syncNow: async () => void syncs.push(Date.now()),
    networkLost: async () => void lost.push(Date.now()),
  } as unknown as EngineApi;
  return {
    engine,
    syncs,
    lost,
    statusListeners,
    dataListeners,
    setSession: (s: Session | null) => (current = s),
    emit: (s: EngineStatus) => statusListeners.forEach((l) => l(s)),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('engine state bridge', () => {
  it('takes status snapshots and the session, and tears its subscriptions down', async () => {
    const fake = fakeEngine({ username: 'agent.usmf', expiresAt: '2030-01-01T00:00:00Z' });
    const state = new EngineState(fake.engine);
    const stop = state.connect();
    await settle();
    expect(state.ready).toBe(true);
    expect(state.session?.username).toBe('agent.usmf');
    expect(state.status).toEqual(idle);
    expect(fake.statusListeners.size).toBe(1);
    expect(fake.dataListeners.size).toBe(1);

    fake.emit({ ...idle, pending: 3 });
    expect(state.pending).toBe(3);

    stop();
    expect(fake.statusListeners.size).toBe(0);
    expect(fake.dataListeners.size).toBe(0);
    fake.emit({ ...idle, pending: 9 });
    expect(state.pending).toBe(3);
  });

  it('unsubscribes even when torn down before the engine answered', async () => {
    const fake = fakeEngine(null);
    const state = new EngineState(fake.engine);
    state.connect()();
    await settle();
    expect(fake.statusListeners.size).toBe(0);
    expect(fake.dataListeners.size).toBe(0);
  });

  it('shows the sign-in screen only when nobody is signed in and nothing is queued', async () => {
    const fake = fakeEngine(null);
    const state = new EngineState(fake.engine);
    state.connect();
    await settle();
    expect(state.showSignIn).toBe(true);

    fake.emit({ ...idle, pending: 2, needsSignIn: true, phase: 'signed-out' });
    expect(state.showSignIn).toBe(false); // queued work: keep the agent in, with a banner
    expect(state.needsSignIn).toBe(true);
  });

  it('re-reads the session when the engine says a sign-in is needed', async () => {
    const fake = fakeEngine({ username: 'agent.usmf', expiresAt: '2030-01-01T00:00:00Z' });
    const state = new EngineState(fake.engine);
    state.connect();
    await settle();
    fake.setSession(null);
    fake.emit({ ...idle, needsSignIn: true, phase: 'signed-out', pending: 1 });
    await settle();
    expect(state.session).toBeNull();
    expect(state.needsSignIn).toBe(true);
  });

  it('signs in and out through the engine', async () => {
    const fake = fakeEngine(null);
    const state = new EngineState(fake.engine);
    state.connect();
    await settle();
    const wrong = await state.signIn('agent.usmf', 'nope');
    expect(wrong.ok).toBe(false);
    expect(state.session).toBeNull();
    await state.signIn('agent.usmf', 'agent');
    expect(state.session?.username).toBe('agent.usmf');
    await state.signOut();
    expect(state.session).toBeNull();
    expect(state.lastUsername).toBe('agent.usmf'); // to prefill signing in again
  });

  it('fans data notifications out to screens until they unsubscribe', async () => {
    const fake = fakeEngine(null);
    const state = new EngineState(fake.engine);
    state.connect();
    await settle();
    const seen: string[][] = [];
    const off = state.onData((tables) => seen.push([...tables]));
    fake.dataListeners.forEach((l) => l(['crm_accounts']));
    off();
    fake.dataListeners.forEach((l) => l(['outbox']));
    expect(seen).toEqual([['crm_accounts']]);
  });

  it('asks the engine to sync when the browser comes back online, until torn down', async () => {
    const fake = fakeEngine(null);
    const browser = new EventTarget();
    const state = new EngineState(fake.engine, browser);
    const stop = state.connect();
    browser.dispatchEvent(new Event('online'));
    expect(fake.syncs).toHaveLength(1);
    stop();
    browser.dispatchEvent(new Event('online'));
    expect(fake.syncs).toHaveLength(1);
  });

  it('tells the engine at once when the browser says the network is gone', async () => {
    const fake = fakeEngine(null);
    const browser = new EventTarget();
    const stop = new EngineState(fake.engine, browser).connect();
    browser.dispatchEvent(new Event('offline'));
    expect(fake.lost).toHaveLength(1);
    expect(fake.syncs).toHaveLength(0);
    stop();
    browser.dispatchEvent(new Event('offline'));
    expect(fake.lost).toHaveLength(1);
  });
});
