/**
 * The sync engine in a dedicated module worker, exposed to its tab with comlink.
 * Every tab runs one; all of them read and write the same IndexedDB replica, but only
 * the one whose page holds the Web Lock "tandem-sync" runs the sync loop. The page, not
 * this worker, holds it: a frozen page freezes its worker too, so only the page can give
 * the lock up in its `freeze` event (src/app/engine/leadership.ts). When that tab closes,
 * freezes or crashes, the lock goes to the next waiting tab, whose worker takes over.
 */
import * as Comlink from 'comlink';
import type { SalesPriceInput, WorkerApi } from '../src/engine/api.ts';
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

const after = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
  await ready;
  return fn(...args);
};

const api: WorkerApi = {
  signIn: after((u: string, p: string) => engine.signIn(u, p)),
  signOut: after(() => engine.signOut()),
  session: after(() => engine.session()),
  status: after(() => engine.status()),
  onStatus: after(async (listener) => Comlink.proxy(await engine.onStatus(listener))),
  onData: after(async (listener) => Comlink.proxy(await engine.onData(listener))),
  syncNow: after(() => engine.syncNow()),
  networkLost: after(() => engine.networkLost()),
  listAccounts: after((q) => engine.listAccounts(q)),
  getAccount: after((id: string) => engine.getAccount(id)),
  updateAccount: after((id, patch) => engine.updateAccount(id, patch)),
  createCustomer: after((input) => engine.createCustomer(input)),
  choices: after(() => engine.choices()),
  errors: after(() => engine.errors()),
  dismissError: after((id: number) => engine.dismissError(id)),
  activity: after((limit: number) => engine.activity(limit)),
  salesPrice: after((input: SalesPriceInput) => engine.salesPrice(input)),
  // ---- map states, pause / resume / catch-up, queue ----
  mapStatuses: after(() => engine.mapStatuses()),
  startMaps: after((ids, options) => engine.startMaps(ids, options)),
  pauseMaps: after((ids) => engine.pauseMaps(ids)),
  stopMaps: after((ids) => engine.stopMaps(ids)),
  resumeMaps: after((ids, mode, confirm) => engine.resumeMaps(ids, mode, confirm)),
  queue: after((query) => engine.queue(query)),
  retryQueued: after((target) => engine.retryQueued(target)),
  // ---- initial sync ----
  startInitialSync: after((ids, options) => engine.startInitialSync(ids, options)),
  initialSyncStatus: after(() => engine.initialSyncStatus()),
  initialSyncFailures: after((mapId: string, q) => engine.initialSyncFailures(mapId, q)),
  resyncRecord: after((mapId: string, side, key) => engine.resyncRecord(mapId, side, key)),
  // ---- conflicts ----
  conflicts: after((q) => engine.conflicts(q)),
  resolveConflict: after((id: number, resolution) => engine.resolveConflict(id, resolution)),
  // ---- logs ----
  activityLog: after((q) => engine.activityLog(q)),
  errorLog: after((q) => engine.errorLog(q)),
  conflictLog: after((q) => engine.conflictLog(q)),
  recordHistory: after((record) => engine.recordHistory(record)),
  retryErrors: after((ids) => engine.retryErrors(ids)),
  skipErrors: after((ids) => engine.skipErrors(ids)),
  discardErrors: after((ids) => engine.discardErrors(ids)),
  exportLog: after((log, format, q) => engine.exportLog(log, format, q)),
  logRetention: after(() => engine.logRetention()),
  setLogRetention: after((retention) => engine.setLogRetention(retention)),
  // ---- alerts and storage ----
  alertRules: after(() => engine.alertRules()),
  saveAlertRules: after((rules) => engine.saveAlertRules(rules)),
  alerts: after((q) => engine.alerts(q)),
  acknowledgeAlert: after((id: number) => engine.acknowledgeAlert(id)),
  onAlert: after(async (listener) => Comlink.proxy(await engine.onAlert(listener))),
  checkAlerts: after(() => engine.checkAlerts()),
  storage: after(() => engine.storage()),
  // ---- installed maps and map packages ----
  maps: after(() => engine.maps()),
  saveMap: after((map) => engine.saveMap(map)),
  exportMaps: after((ids, publisher: string, version: string) => engine.exportMaps(ids, publisher, version)),
  previewMapPackage: after((text: string) => engine.previewMapPackage(text)),
  importMapPackage: after((text: string) => engine.importMapPackage(text)),
  // ---- field agent data ----
  workOrders: after((q) => engine.workOrders(q)),
  workOrder: after((id: string) => engine.workOrder(id)),
  setWorkOrderStatus: after((id: string, status) => engine.setWorkOrderStatus(id, status)),
  addNote: after((note) => engine.addNote(note)),
  recordTimeOnSite: after((id: string, time) => engine.recordTimeOnSite(id, time)),
  createContact: after((input) => engine.createContact(input)),
  updateContact: after((id: string, fields) => engine.updateContact(id, fields)),
  products: after((q) => engine.products(q)),
  accountExtras: after((id: string) => engine.accountExtras(id)),
  salesDocuments: after((id: string) => engine.salesDocuments(id)),
  orderSetup: after((id: string) => engine.orderSetup(id)),
  createSalesDocument: after((input) => engine.createSalesDocument(input)),
  // ---- first-run setup ----
  setup: after(() => engine.setup()),
  setServer: after((url: string) => engine.setServer(url)),
  setupCompanies: after(() => engine.setupCompanies()),
  completeSetup: after((choice) => engine.completeSetup(choice)),
  // ---- map editor and sync history ----
  previewMapFilter: after((input) => engine.previewMapFilter(input)),
  syncHistory: after((since: string) => engine.syncHistory(since)),
  // The page holds the sync lock for this worker (src/app/engine/leadership.ts).
  setLeader: after(async (leader: boolean) => engine.setLeader(leader)),
};

Comlink.expose(api);
