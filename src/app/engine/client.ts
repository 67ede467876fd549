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
import type { AlertRecord, EngineApi, WorkerApi } from '../../engine/api.ts';
import { holdSyncLock } from './leadership.ts';

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
  const remote = wrap<WorkerApi>(worker);
  const api = adapt(remote);
  failures.add(watchPage(remote, api));
  return {
    api,
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
    networkLost: () => remote.networkLost(),
    listAccounts: (query) => remote.listAccounts(query),
    getAccount: (accountid) => remote.getAccount(accountid),
    updateAccount: (accountid, patch) => remote.updateAccount(accountid, patch),
    createCustomer: (input) => remote.createCustomer(input),
    choices: () => remote.choices(),
    errors: () => remote.errors(),
    dismissError: (id) => remote.dismissError(id),
    activity: (limit) => remote.activity(limit),
    salesPrice: (input) => remote.salesPrice(input),
    mapStatuses: () => remote.mapStatuses(),
    startMaps: (ids, options) => remote.startMaps(ids, options),
    pauseMaps: (ids) => remote.pauseMaps(ids),
    stopMaps: (ids) => remote.stopMaps(ids),
    resumeMaps: (ids, mode, confirm) => remote.resumeMaps(ids, mode, confirm),
    queue: (query) => remote.queue(query),
    retryQueued: (target) => remote.retryQueued(target),
    startInitialSync: (ids, options) => remote.startInitialSync(ids, options),
    initialSyncStatus: () => remote.initialSyncStatus(),
    initialSyncFailures: (mapId, query) => remote.initialSyncFailures(mapId, query),
    resyncRecord: (mapId, side, key) => remote.resyncRecord(mapId, side, key),
    conflicts: (query) => remote.conflicts(query),
    resolveConflict: (id, resolution) => remote.resolveConflict(id, resolution),
    activityLog: (query) => remote.activityLog(query),
    errorLog: (query) => remote.errorLog(query),
    conflictLog: (query) => remote.conflictLog(query),
    recordHistory: (record) => remote.recordHistory(record),
    retryErrors: (ids) => remote.retryErrors(ids),
    skipErrors: (ids) => remote.skipErrors(ids),
    discardErrors: (ids) => remote.discardErrors(ids),
    exportLog: (log, format, query) => remote.exportLog(log, format, query),
    logRetention: () => remote.logRetention(),
    setLogRetention: (retention) => remote.setLogRetention(retention),
    alertRules: () => remote.alertRules(),
    saveAlertRules: (rules) => remote.saveAlertRules(rules),
    alerts: (query) => remote.alerts(query),
    acknowledgeAlert: (id) => remote.acknowledgeAlert(id),
    onAlert: subscribe((listener) => remote.onAlert(listener)),
    checkAlerts: () => remote.checkAlerts(),
    storage: () => remote.storage(),
    maps: () => remote.maps(),
    saveMap: (map) => remote.saveMap(map),
    exportMaps: (ids, publisher, version) => remote.exportMaps(ids, publisher, version),
    previewMapPackage: (text) => remote.previewMapPackage(text),
    importMapPackage: (text) => remote.importMapPackage(text),
    workOrders: (query) => remote.workOrders(query),
    workOrder: (id) => remote.workOrder(id),
    setWorkOrderStatus: (id, status) => remote.setWorkOrderStatus(id, status),
    addNote: (note) => remote.addNote(note),
    recordTimeOnSite: (id, time) => remote.recordTimeOnSite(id, time),
    createContact: (input) => remote.createContact(input),
    updateContact: (id, fields) => remote.updateContact(id, fields),
    products: (query) => remote.products(query),
    accountExtras: (id) => remote.accountExtras(id),
    salesDocuments: (id) => remote.salesDocuments(id),
    orderSetup: (id) => remote.orderSetup(id),
    createSalesDocument: (input) => remote.createSalesDocument(input),
    setup: () => remote.setup(),
    setServer: (url) => remote.setServer(url),
    setupCompanies: () => remote.setupCompanies(),
    completeSetup: (choice) => remote.completeSetup(choice),
    previewMapFilter: (input) => remote.previewMapFilter(input),
    syncHistory: (since) => remote.syncHistory(since),
  };
}

/**
 * What only the page can do for the engine: hold the sync lock for it (leadership.ts),
 * ask once for persistent storage (a window API), and show alerts as system
 * notifications when allowed (a dedicated worker has no `registration` to show them
 * from). Returns what to do when the worker fails: give the lock to another tab.
 */
function watchPage(remote: Remote<WorkerApi>, api: EngineApi): () => void {
  const giveUp = holdSyncLock({ setLeader: (leader) => remote.setLeader(leader) });
  void navigator.storage?.persist?.().catch(() => false);
  void api.onAlert(notify);
  return giveUp;
}

function notify(alert: AlertRecord): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  new Notification(`Tandem: ${alert.name}`, { body: alert.message, tag: `tandem-alert-${alert.id}` });
}
