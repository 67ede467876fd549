/**
 * The sync engine, running in its dedicated module worker, seen through comlink.
 *
 * The rest of the app sees a plain `EngineApi`: this adapter is the only place that
 * knows about comlink. Listeners cross the boundary as `proxy()`s, and the unsubscribe
 * functions the worker hands back are comlink proxies too, released once called so the
 * MessagePort behind them is closed.
 */
import type { Remote } from 'comlink';
import { proxy, releaseProxy, wrap } from 'comlink';
import type { EngineApi } from '../../engine/api.ts';

export interface EngineClient {
  readonly api: EngineApi;
  /** Called once if the worker fails to load or crashes; calls to `api` would never settle. */
  onFailure(listener: (message: string) => void): void;
}

export function startEngine(): EngineClient {
  const worker = new Worker(new URL('../../../workers/sync.worker.ts', import.meta.url), { type: 'module', name: 'tandem-sync' });
  const failures = new Set<(message: string) => void>();
  let failure: string | null = null;
  const fail = (message: string) => {
    failure ??= message;
    for (const listener of failures) listener(failure);
  };
  worker.addEventListener('error', (event) => fail(event.message || 'the sync worker could not start'));
  worker.addEventListener('messageerror', () => fail('the sync worker sent a message that could not be read'));
  return {
    api: adapt(wrap<EngineApi>(worker)),
    onFailure: (listener) => {
      failures.add(listener);
      if (failure !== null) listener(failure);
    },
  };
}

function adapt(remote: Remote<EngineApi>): EngineApi {
  const subscribe =
    <T>(method: (listener: ((value: T) => void) & object) => Promise<() => void>) =>
    async (listener: (value: T) => void): Promise<() => void> => {
      const off = (await method(proxy(listener))) as unknown as Remote<() => void>;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        void off().finally(() => off[releaseProxy]());
      };
    };
  return {
    signIn: (username, password) => remote.signIn(username, password),
    signOut: () => remote.signOut(),
    session: () => remote.session(),
    status: () => remote.status(),
    onStatus: subscribe((listener) => remote.onStatus(listener)),
    onData: subscribe((listener) => remote.onData(listener)),
    syncNow: () => remote.syncNow(),
    setMapPaused: (mapId, paused) => remote.setMapPaused(mapId, paused),
    listAccounts: (query) => remote.listAccounts(query),
    getAccount: (accountid) => remote.getAccount(accountid),
    updateAccount: (accountid, patch) => remote.updateAccount(accountid, patch),
    createCustomer: (input) => remote.createCustomer(input),
    choices: () => remote.choices(),
    errors: () => remote.errors(),
    dismissError: (id) => remote.dismissError(id),
    activity: (limit) => remote.activity(limit),
  };
}
