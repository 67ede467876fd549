/**
 * The engine's API as the app sees it, through comlink from the sync worker
 * (workers/sync.worker.ts). Everything crossing the boundary is plain data; errors come
 * back as `EngineError` values ({code, message, details}), never as thrown class instances.
 */
import type { AlertRule } from '../core/maps/package.ts';
import type { AlertPage, AlertRecord } from './alerts.ts';
import type { StorageInfo } from './storage.ts';
import type { MapRunState } from './map-states.ts';
import type { SalesPriceAnswer, SalesPriceInput } from '../core/pricing/index.ts';
import type { TableMap } from '../core/maps/index.ts';
import type { ImportPreview } from './map-catalog.ts';
import type { AccountExtras, ContactFields, CreatedSalesDocument, NewContact, NewNote, NewSalesDocument, OrderSetup, ProductPage, ProductQuery, SalesDocument, TimeOnSite, WorkOrderDetail, WorkOrderQuery, WorkOrderStatus, WorkOrderSummary } from './field-types.ts';

export type { AlertRule } from '../core/maps/package.ts';
export type { SalesPrice, SalesPriceAnswer, SalesPriceInput } from '../core/pricing/index.ts';
export type Side = 'erp' | 'crm';
export type Row = Readonly<Record<string, unknown>>;

export interface EngineError {
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EngineError };

export interface Session {
  readonly username: string;
  readonly expiresAt: string;
}

export type SyncPhase = 'idle' | 'bootstrapping' | 'pulling' | 'pushing' | 'offline' | 'signed-out' | 'backoff';

export interface EngineStatus {
  readonly online: boolean;
  /** This tab's engine holds the sync lock (one engine syncs across tabs). */
  readonly leader: boolean;
  readonly phase: SyncPhase;
  /** Outbox entries not yet confirmed by both stores. */
  readonly pending: number;
  readonly lastSyncAt: string | null;
  /** Entries in the error log not yet dismissed. */
  readonly errors: number;
  readonly needsSignIn: boolean;
  /** Who signed in last (kept when the token expires, so "sign in again" can prefill it). */
  readonly username: string | null;
  /** Rows loaded / expected during the first full pull. */
  readonly bootstrap: { readonly done: number; readonly total: number | null } | null;
  readonly lastError: EngineError | null;
  readonly pausedMaps: readonly string[];
  /** Catch-up of resuming maps (held changes replayed / to replay), absent or null when none is catching up. */
  readonly catchUp?: Progress | null;
  /** Initial sync progress over every map with a run (absent when none ever ran). */
  readonly initialSync?: InitialSyncProgress & { readonly running: string | null };
  /** The device storage is full (quota hit or usage over the limit): local writes are refused with STORAGE_FULL. */
  readonly storageFull: boolean;
  /** The signed-in user's role on the server ('admin', 'agent'…), null until known. */
  readonly role: string | null;
}

export interface AccountSummary {
  readonly accountid: string;
  readonly name: string;
  readonly accountnumber: string | null;
  readonly company: string | null;
  readonly city: string | null;
  readonly telephone: string | null;
  readonly pending: boolean;
  /** When the search matched one of the account's contacts rather than the account: that contact's name. */
  readonly viaContact: string | null;
}

export interface AccountQuery {
  /** Text in the name, number, city, company, phone, or a contact's name or email. */
  readonly search: string;
  /** Only this company's accounts (its code, as in AccountSummary.company). */
  readonly company?: string;
  /** Only accounts with changes waiting to be sent. */
  readonly pendingOnly?: boolean;
  readonly offset: number;
  readonly limit: number;
}

export interface AccountPage {
  readonly rows: readonly AccountSummary[];
  /** Rows matching the query, for the virtual list's height. */
  readonly total: number;
  /** Every company code among the accounts on this device (for the company filter). */
  readonly companies: readonly string[];
}

export interface AccountDetail {
  readonly account: Row;
  /** The ERP customer paired with it by the customers-accounts map, if any. */
  readonly customer: Row | null;
  readonly contacts: readonly Row[];
  /** Outbox entries touching the account or the customer. */
  readonly pending: number;
  readonly companyCode: string | null;
}

export interface NewCustomer {
  readonly company: string;
  readonly accountNumber: string;
  readonly name: string;
  readonly customerGroup: string;
  readonly currency: string;
  readonly creditLimit?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly city?: string;
}

export interface ErrorEntry {
  readonly id: number;
  readonly at: string;
  readonly code: string;
  readonly message: string;
  readonly mapId: string | null;
  readonly side: Side | null;
  readonly set: string | null;
  readonly key: string | null;
}

export interface ActivityEntry {
  readonly id: number;
  readonly at: string;
  readonly kind: string;
  readonly message: string;
}

// ---- map state types (map-control.ts) ----

export type { MapRunState };

export interface Progress {
  readonly done: number;
  readonly total: number;
}

export interface MapStatus {
  readonly id: string;
  readonly name: string;
  readonly state: MapRunState;
  readonly dependsOn: readonly string[];
  /** Pulled back-office changes held for the map (paused or resuming), every version. */
  readonly queued: number;
  /** Held changes kept when the map skipped to live, waiting for retryQueued. */
  readonly catchUpItems: number;
  /** Outbox entries with a write derived through the map (they wait while it is paused). */
  readonly pendingWrites: number;
  /** While resuming: held changes replayed / to replay. */
  readonly catchUp: Progress | null;
}

/** New state of each map an operation moved (or confirmed). */
export type MapStates = Readonly<Record<string, MapRunState>>;

/**
 * catch-up: replay the held changes in order, then go live (new changes queue behind);
 * skip-keep: go live now, keep the held changes as catch-up items (retryQueued);
 * skip-discard: go live now and delete the held changes (needs confirm). Agent writes are
 * never discarded: every mode releases the map's outbox entries to push.
 */
export type ResumeMode = 'catch-up' | 'skip-keep' | 'skip-discard';

export interface QueueQuery {
  readonly mapId?: string;
  /** Text in the row id ("erp_CustomersV3|usmf|US-000001"), or a field's whole value (case-insensitive). */
  readonly key?: string;
  readonly kind?: 'held' | 'catch-up';
  readonly offset: number;
  readonly limit: number;
}

export interface QueueEntry {
  readonly id: number;
  readonly kind: 'held' | 'catch-up';
  readonly mapId: string;
  readonly at: string;
  readonly side: Side;
  readonly set: string;
  readonly key: Readonly<Record<string, string>>;
  readonly rowId: string;
  readonly change: 'upsert' | 'delete';
  /** The version pulled (for a deletion, the last version known before it). */
  readonly row: Row;
}

export interface QueuePage {
  readonly items: readonly QueueEntry[];
  /** Items matching the query. */
  readonly total: number;
}

// ---- conflict types (conflicts.ts) ----

export type ConflictRuleName = 'server-wins' | 'client-wins' | 'last-writer-wins' | 'primary' | 'manual';
/** open: waiting in the inbox; resolved: a person decided; resolved-by-rule: the map's rule decided (the log). */
export type ConflictStatus = 'open' | 'resolved' | 'resolved-by-rule';
export type ConflictWinner = 'local' | 'server';

/**
 * A conflict on one row of one store: fields the server changed since the op's base and
 * the op set to other values. `base`, `local` and `server` hold those fields' values
 * (base: the last server state the agent's change started from, null for a new row).
 */
export interface ConflictEntry {
  readonly id: number;
  readonly status: ConflictStatus;
  readonly at: string;
  readonly mapId: string | null;
  readonly side: Side;
  readonly set: string;
  readonly key: Readonly<Record<string, string>>;
  readonly rowId: string;
  /** Every row the outbox entry touched (the record and its counterparts). */
  readonly rows: readonly string[];
  readonly fields: readonly string[];
  readonly base: Row | null;
  readonly local: Row;
  readonly server: Row;
  readonly rules: Readonly<Record<string, ConflictRuleName>>;
  /** Per field, whose value was kept (rule-decided and resolved conflicts). */
  readonly winners: Readonly<Record<string, ConflictWinner | 'edited'>> | null;
  /** The outbox entry the local change came from. */
  readonly description: string;
  readonly origin: string;
  /** When the local change was made, and when / by whom the server's row last changed. */
  readonly localAt: string;
  readonly serverAt: string | null;
  readonly serverBy: string | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: string | null;
  /** The values written through both stores when a person resolved it. */
  readonly written: Row | null;
}

export interface ConflictQuery {
  readonly status?: ConflictStatus;
  readonly mapId?: string;
  /** A row id ("crm_accounts|<guid>"): conflicts on that row. */
  readonly key?: string;
  readonly search?: string;
  readonly since?: string;
  readonly until?: string;
  readonly offset?: number;
  readonly limit?: number;
}

/** Per field: keep the local or the server value; `edits` (conflict fields only) overrides both. */
export interface ConflictResolution {
  readonly pick: Readonly<Record<string, ConflictWinner>>;
  readonly edits?: Row;
}

export interface Page<T> {
  readonly rows: readonly T[];
  /** Entries matching the query (for paging). */
  readonly total: number;
}

// ---- log types (logs.ts) ----

export interface ActivityLogEntry extends ActivityEntry {
  readonly mapId: string | null;
  readonly side: Side | null;
  readonly set: string | null;
  /** Row id of the record ("erp_CustomersV3|usmf|C-1"). */
  readonly key: string | null;
  /** Who made the change: the agent (pushes), the store's author (pulled changes). */
  readonly by: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
}

export type ErrorStatus = 'open' | 'skipped' | 'retried';

export interface ErrorLogEntry extends ErrorEntry {
  readonly kind: string;
  readonly status: ErrorStatus;
  /** A rejected push (its change can be queued again) or a mirror error (the row can be mirrored again). */
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>> | null;
}

export interface LogQuery {
  readonly mapId?: string;
  /** A row id: entries about that row. */
  readonly key?: string;
  /** Activity kind (pushed, pulled, conflict…) or error kind (rejected, mirror, conflict…). */
  readonly kind?: string;
  /** Error code (errors only). */
  readonly code?: string;
  readonly status?: string;
  /** Case-insensitive text anywhere in the entry. */
  readonly search?: string;
  /** ISO date-times, inclusive. */
  readonly since?: string;
  readonly until?: string;
  readonly offset?: number;
  readonly limit?: number;
}

export type LogName = 'activity' | 'errors' | 'conflicts';

/** A record: its row id, or the store, set and key. */
export type RecordRef = string | { readonly side: Side; readonly set: string; readonly key: Readonly<Record<string, string>> };

export interface HistoryEvent {
  readonly at: string;
  /** edited (the agent), pushed, pulled (a change made in a store), mirrored, conflict, error, pending… */
  readonly kind: string;
  readonly where: Side | null;
  readonly who: string | null;
  readonly fields: readonly string[];
  readonly message: string;
  readonly rowId: string | null;
  readonly source: 'activity' | 'errors' | 'conflicts' | 'outbox';
  readonly sourceId: number | null;
}

export interface RecordHistory {
  readonly rowId: string;
  /** The record's counterparts in the other store (through the maps and the outbox entries). */
  readonly counterparts: readonly string[];
  /** Oldest first. */
  readonly events: readonly HistoryEvent[];
}

export interface ErrorActionResult {
  readonly id: number;
  readonly outcome: 'requeued' | 'mirrored' | 'nothing-to-do' | 'skipped' | 'discarded' | 'failed';
  /** The new outbox entry of a retry, if one was needed. */
  readonly entryId?: number | null;
  readonly error?: EngineError;
}

export interface LogRetention {
  readonly maxEntries: number;
  readonly maxAgeDays: number;
}

export interface LogRetentionInfo extends LogRetention {
  /** Per log: entries kept and the oldest one's time (open conflicts are never dropped). */
  readonly logs: Readonly<Record<LogName, { readonly count: number; readonly oldestAt: string | null }>>;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

// ---- initial sync types (initial-sync.ts) ----

export interface InitialSyncOptions {
  /** Only these company codes (default: every company the map covers). */
  readonly companies?: readonly string[];
  /** 'all': start over (failures cleared); 'failed': only the rows listed as failed. */
  readonly rerun?: 'all' | 'failed';
}

export type InitialSyncState = 'pending' | 'running' | 'done' | 'failed' | 'paused';
/** erp / crm: reconciling that side's rows; references: the second pass; pushing: sending the entries. */
export type InitialSyncPhase = 'erp' | 'crm' | 'references' | 'failed-rows' | 'pushing' | 'done';

export interface InitialSyncProgress {
  readonly done: number;
  readonly total: number;
  /** Rows per second while working. */
  readonly rate: number;
  /** Null until a rate is known; 0 when finished. */
  readonly etaSeconds: number | null;
}

export interface InitialSyncMapStatus extends InitialSyncProgress {
  readonly mapId: string;
  readonly state: InitialSyncState;
  readonly phase: InitialSyncPhase;
  readonly master: Side;
  readonly companies: readonly string[] | null;
  readonly created: number;
  readonly updated: number;
  readonly failed: number;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface InitialSyncStatus {
  readonly maps: readonly InitialSyncMapStatus[];
  readonly overall: InitialSyncProgress;
}

export interface InitialSyncFailure {
  readonly id: number;
  readonly mapId: string;
  /** The side of the row that could not be written to the other. */
  readonly side: Side;
  readonly set: string;
  readonly rowId: string;
  readonly key: Readonly<Record<string, unknown>>;
  readonly code: string;
  readonly message: string;
  /** 'map': the map refused it; 'server': the other store refused it. */
  readonly stage: 'map' | 'server';
  readonly at: string;
}

// ---- first-run setup types (setup.ts) ----

/** What a server answered on /health: it is a Tandem server, and what it serves. */
export interface ServerInfo {
  readonly url: string;
  readonly version: string;
  /** Per store: its root path and how many entity sets it serves. */
  readonly stores: Readonly<Record<string, { readonly root: string; readonly sets: number }>>;
}

export interface SetupState {
  /** The server this device syncs with (its origin, no trailing slash). */
  readonly server: string;
  /** When first-run setup was finished (or skipped) on this device; null until then. */
  readonly completedAt: string | null;
  /** Setup was put off ("set up later"): the standard catalog runs as installed. */
  readonly skipped: boolean;
  /** The companies and maps chosen (null when skipped or not done). */
  readonly companies: readonly string[] | null;
  readonly maps: readonly string[] | null;
}

export interface SetupChoice {
  readonly companies: readonly string[];
  readonly maps: readonly string[];
}

// ---- map editor and sync history types (filter-preview.ts, sync-history.ts) ----

export interface FilterPreviewInput {
  readonly side: Side;
  /** The entity set the map reads on that side. */
  readonly set: string;
  /** The filter text in the shared filter language; empty matches every row. */
  readonly filter: string;
}

export interface FilterPreview {
  /** Rows of the replica's copy of the set that the filter keeps, and how many there are. */
  readonly matching: number;
  readonly total: number;
}

/** One sample of the sync over time: taken after sync rounds, at most one per minute. */
export interface SyncSample {
  readonly at: string;
  /** Outbox entries waiting to be sent. */
  readonly pending: number;
  /** Held changes of paused or resuming maps. */
  readonly queued: number;
  /** Open errors in the error log. */
  readonly errors: number;
}

export interface EngineApi {
  signIn(username: string, password: string): Promise<Result<Session>>;
  signOut(): Promise<void>;
  session(): Promise<Session | null>;

  status(): Promise<EngineStatus>;
  /** Calls `listener` with every status change until the returned function is called. */
  onStatus(listener: (status: EngineStatus) => void): Promise<() => void>;
  /** Calls `listener` when replica tables change (in any tab). */
  onData(listener: (tables: readonly string[]) => void): Promise<() => void>;
  syncNow(): Promise<void>;
  /** The page heard the network go (a dedicated worker is not always told): show offline now, probe with backoff. */
  networkLost(): Promise<void>;

  listAccounts(query: AccountQuery): Promise<AccountPage>;
  getAccount(accountid: string): Promise<AccountDetail | null>;
  /** Edits CRM account fields; the ERP customer is written in the same local transaction. */
  updateAccount(accountid: string, patch: Row): Promise<Result<{ readonly pending: number }>>;
  createCustomer(input: NewCustomer): Promise<Result<{ readonly accountid: string }>>;
  /** Choices for the create form (companies, customer groups per company, currencies). */
  choices(): Promise<{ readonly companies: readonly Choice[]; readonly groups: Readonly<Record<string, readonly Choice[]>>; readonly currencies: readonly Choice[] }>;

  errors(): Promise<readonly ErrorEntry[]>;
  dismissError(id: number): Promise<void>;
  activity(limit: number): Promise<readonly ActivityEntry[]>;
  /**
   * The price of an item for a customer (src/engine/pricing.ts): the ERP's when online
   * (source 'erp'); computed from the replica by the same rules when not (source 'local',
   * with the replica's last sync and age). INVALID_VALUE (details.field) for bad input.
   */
  salesPrice(input: SalesPriceInput): Promise<Result<SalesPriceAnswer>>;

  // ---- map states, pause / resume / catch-up, queue (map-control.ts) ----
  // Several maps at once: every map is checked first, and one refusal changes nothing.
  /** Every map in dependency order with its state, queue and catch-up progress. */
  mapStatuses(): Promise<readonly MapStatus[]>;
  /** MAP_DEPENDENCIES_NOT_RUNNING (details.needs, in dependency order) unless withDependencies starts them too. */
  startMaps(ids: readonly string[], options?: { readonly withDependencies?: boolean }): Promise<Result<MapStates>>;
  /** Local writes still commit; the maps' outbox entries and pulled changes are held. */
  pauseMaps(ids: readonly string[]): Promise<Result<MapStates>>;
  /** Nothing derived, held or mirrored any more; entries already queued are still sent. */
  stopMaps(ids: readonly string[]): Promise<Result<MapStates>>;
  /** See ResumeMode. skip-discard without confirm: CONFIRMATION_REQUIRED. Agent writes are never discarded. */
  resumeMaps(ids: readonly string[], mode: ResumeMode, confirm?: boolean): Promise<Result<MapStates>>;
  /** Held and catch-up items, oldest first, filtered by map, kind and key. */
  queue(query: QueueQuery): Promise<Result<QueuePage>>;
  /** Replays catch-up items now: these ids, or every one of a map's. */
  retryQueued(target: { readonly ids?: readonly number[]; readonly mapId?: string }): Promise<Result<{ readonly retried: number }>>;

  // ---- initial sync (initial-sync.ts) ----
  /**
   * Starts (or restarts) the initial sync of `mapIds` in dependency order; returns once the
   * runs are recorded, the sync loop does the work. Errors: UNKNOWN_MAP, INITIAL_SYNC_DEPENDENCY
   * (details.missing: maps depended on that are neither included nor synced).
   */
  startInitialSync(mapIds: readonly string[], options?: InitialSyncOptions): Promise<Result<InitialSyncStatus>>;
  initialSyncStatus(): Promise<InitialSyncStatus>;
  /** Every row the initial sync of `mapId` could not write, with the reason (a page of them). */
  initialSyncFailures(mapId: string, query: { readonly offset: number; readonly limit: number; readonly search?: string }): Promise<Result<Page<InitialSyncFailure>>>;
  /** Reconciles one record now (created on the other side, or resolved by the master side) and pushes it. */
  resyncRecord(mapId: string, side: Side, key: Readonly<Record<string, unknown>>): Promise<Result<{ readonly created: number; readonly updated: number; readonly failure: InitialSyncFailure | null }>>;

  // ---- conflicts (conflicts.ts) ----
  /** The conflict inbox (status 'open') and the conflict log, newest first. */
  conflicts(query: ConflictQuery): Promise<Result<Page<ConflictEntry>>>;
  /** Decides an open conflict and writes the chosen values through both stores. */
  resolveConflict(id: number, resolution: ConflictResolution): Promise<Result<ConflictEntry>>;

  // ---- logs (logs.ts) ----
  activityLog(query: LogQuery): Promise<Result<Page<ActivityLogEntry>>>;
  errorLog(query: LogQuery): Promise<Result<Page<ErrorLogEntry>>>;
  conflictLog(query: LogQuery): Promise<Result<Page<ConflictEntry>>>;
  /** The history of a record and its counterparts across both stores, oldest first. */
  recordHistory(record: RecordRef): Promise<Result<RecordHistory>>;
  retryErrors(ids: readonly number[]): Promise<readonly ErrorActionResult[]>;
  skipErrors(ids: readonly number[]): Promise<readonly ErrorActionResult[]>;
  discardErrors(ids: readonly number[]): Promise<readonly ErrorActionResult[]>;
  /** Every entry the query matches (offset/limit apply if given), as CSV (RFC 4180, formula-safe) or JSON. */
  exportLog(log: LogName, format: 'csv' | 'json', query: LogQuery): Promise<Result<string>>;
  logRetention(): Promise<LogRetentionInfo>;
  setLogRetention(retention: LogRetention): Promise<Result<LogRetentionInfo>>;

  // ---- alerts and storage (alerts.ts, storage.ts) ----

  alertRules(): Promise<readonly AlertRule[]>;
  /**
   * Replaces every rule. Rules are checked as untrusted data; on any problem nothing
   * changes and the error (ALERT_RULES_INVALID) lists each in `details.problems` as
   * {code, message, path} with a JSON path such as `$.rules[2].threshold`.
   */
  saveAlertRules(rules: readonly AlertRule[]): Promise<Result<readonly AlertRule[]>>;
  /** Alerts fired, newest first. */
  alerts(query: { readonly offset: number; readonly limit: number }): Promise<AlertPage>;
  acknowledgeAlert(id: number): Promise<Result<AlertRecord>>;
  /** Calls `listener` with every alert fired from now on (by whichever tab syncs). */
  onAlert(listener: (alert: AlertRecord) => void): Promise<() => void>;
  /** Evaluates the rules now (the syncing engine also does after each round and every minute). */
  checkAlerts(): Promise<readonly AlertRecord[]>;
  /** Storage used and granted, whether it is persistent, and whether the engine treats it as full. */
  storage(): Promise<StorageInfo>;

  // ---- installed maps and map packages (map-catalog.ts) ----

  /** The maps the engine syncs with (the standard catalog until a map is saved or a package imported). */
  maps(): Promise<readonly TableMap[]>;
  /**
   * Saves an edited map: only while it is not running (stop it first: MAP_RUNNING); its
   * version's last part goes up by one. Validated against both stores' $metadata when the
   * server can be reached (else the last copy): on any problem nothing changes and the
   * error (MAP_INVALID) lists each in `details.problems` as {code, path, mapId, message}.
   */
  saveMap(map: TableMap): Promise<Result<TableMap>>;
  /** The maps named (all when null) and the alert rules, as one versioned package file (JSON text). */
  exportMaps(ids: readonly string[] | null, publisher: string, version: string): Promise<string>;
  /** What importing a package would change (diff and upgrade steps), changing nothing; problems as in saveMap. */
  previewMapPackage(text: string): Promise<Result<ImportPreview>>;
  /** Imports a package: running maps it touches are paused, the maps installed, then resumed with catch-up. */
  importMapPackage(text: string): Promise<Result<ImportPreview>>;

  // ---- field agent data (field-queries.ts, field-writes.ts) ----
  // Writes go through the one write path; errors name the field (details.field, and details.line for an order line).

  /** Work orders by planned start, then number: a day, a status or 'open', a search; paged. */
  workOrders(query: WorkOrderQuery): Promise<Page<WorkOrderSummary>>;
  /** A work order with its customer, asset and notes (null when not on this device). */
  workOrder(id: string): Promise<WorkOrderDetail | null>;
  setWorkOrderStatus(id: string, status: WorkOrderStatus): Promise<Result<{ readonly status: WorkOrderStatus }>>;
  addNote(note: NewNote): Promise<Result<{ readonly id: string }>>;
  /** Adds a contact person to an account's customer: the ERP's contact person and the CRM's contact in one write. */
  createContact(input: NewContact): Promise<Result<{ readonly contactid: string }>>;
  /** Edits a contact's name, job title, e-mail and phone (both stores through the maps); errors name the field. */
  updateContact(contactid: string, fields: ContactFields): Promise<Result<{ readonly pending: number }>>;
  /** Recorded as a note on the work order titled with the time spent. */
  recordTimeOnSite(workOrderId: string, time: TimeOnSite): Promise<Result<{ readonly id: string; readonly minutes: number }>>;
  /** Products with list price and on-hand stock, and how old the replica's copy is. */
  products(query: ProductQuery): Promise<ProductPage>;
  /** An account's addresses, assets, notes and work orders. */
  accountExtras(accountid: string): Promise<AccountExtras>;
  /** An account's orders and quotes with their lines. */
  salesDocuments(accountid: string): Promise<readonly SalesDocument[]>;
  /** What the order / quote form needs for an account: its ERP customer, currency, units and conversions. */
  orderSetup(accountid: string): Promise<OrderSetup | null>;
  /** Enters an order or quote with its lines (ERP header and lines; the maps derive the CRM's); totals computed exactly. */
  createSalesDocument(input: NewSalesDocument): Promise<Result<CreatedSalesDocument>>;

  // ---- first-run setup (setup.ts) ----

  /** The server this device syncs with and whether first-run setup was done. */
  setup(): Promise<SetupState>;
  /**
   * Checks that `url` answers as a Tandem server (/health) and makes it the one this
   * device syncs with. INVALID_SERVER_URL, SERVER_UNREACHABLE, NOT_A_TANDEM_SERVER;
   * SERVER_IN_USE when this device already holds data or queued changes from another.
   */
  setServer(url: string): Promise<Result<ServerInfo>>;
  /** The companies the signed-in user may sync, with their names (asked of the server). */
  setupCompanies(): Promise<Result<readonly Choice[]>>;
  /**
   * Finishes setup: the chosen maps and their dependencies run, every other map stops;
   * the choice is remembered. `null` puts setup off (the installed maps run as they are).
   */
  completeSetup(choice: SetupChoice | null): Promise<Result<SetupState>>;

  // ---- map editor and sync history (filter-preview.ts, sync-history.ts) ----

  /** Counts the replica's rows a map filter keeps (the editor's live preview); FILTER_INVALID with details.position / details.problems when it does not parse or bind. */
  previewMapFilter(input: FilterPreviewInput): Promise<Result<FilterPreview>>;
  /** Samples of queue length and errors over time, oldest first, since `since` (ISO). */
  syncHistory(since: string): Promise<readonly SyncSample[]>;
}

// The field agent's data, defined beside the code that makes it.
export type * from './field-types.ts';

export type { ImportPreview, MapProblem } from './map-catalog.ts';

// Alerts' and storage's data, defined beside the code that makes it.
export type { AlertPage, AlertRecord } from './alerts.ts';
export type { StorageInfo } from './storage.ts';

/**
 * Leadership, beside the engine's API: the page holds the sync lock for its worker
 * (src/app/engine/leadership.ts) and says when its engine leads. The page, because a
 * frozen page freezes its worker too, and only the page's `freeze` handler still runs
 * to give the lock up.
 */
export interface LeaderControl {
  setLeader(leader: boolean): Promise<void>;
}

export type WorkerApi = EngineApi & LeaderControl;
