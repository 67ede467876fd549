/**
 * The engine: local dual-writes, and — in the one tab that holds the sync lock — the sync
 * loop. State machine of the loop:
 *
 *            requestSync / timer / online
 *   idle ───────────────────────────────▶ pulling (bootstrapping on first load) ─▶ pushing ─▶ idle
 *     ▲                                        │ no answer      │ 5xx / garbage
 *     │                                        ▼                ▼
 *     └──────────── backoff timer ────── offline / backoff (full-jitter exponential)
 *                                              │ 401
 *                                              ▼
 *                                          signed-out (queue kept; resumes after signIn)
 */
import Dexie from 'dexie';
import { STANDARD_MAPS } from '../core/maps/index.ts';
import type { TableMap } from '../core/maps/index.ts';
import { canonicalDecimal } from '../core/values/index.ts';
import type { AccountDetail, AccountPage, AccountQuery, ActivityEntry, EngineApi, EngineError, EngineStatus, ErrorEntry, NewCustomer, Result, Row, Session, SyncPhase } from './api.ts';
import type { ActivityLogEntry, ConflictEntry, ConflictQuery, ConflictResolution, ErrorActionResult, ErrorLogEntry, LogName, LogQuery, LogRetention, LogRetentionInfo, Page, RecordHistory, RecordRef } from './api.ts';
import { listConflicts, resolveConflictRecord } from './conflicts.ts';
import { discardErrors, retryErrors, skipErrors } from './error-actions.ts';
import { activityLog, conflictLog, errorLog, exportLog, logRetention, recordHistory, setLogRetention } from './logs.ts';
import { backoffDelay } from './backoff.ts';
import { SyncError } from './connector/errors.ts';
import { ODataClient } from './connector/odata-client.ts';
import type { EngineContext } from './context.ts';
import { appendLog } from './context.ts';
import { commitWrite } from './local-write.ts';
import type { WriteIntent } from './local-write.ts';
import { allLoaded, pullAll } from './pull.ts';
import { pushAll } from './push.ts';
import { AccountQueries } from './queries.ts';
import { FieldQueries } from './field-queries.ts';
import { FieldWrites } from './field-writes.ts';
import type { AccountExtras, ContactFields, CreatedSalesDocument, NewContact, NewNote, NewSalesDocument, OrderSetup, ProductPage, ProductQuery, SalesDocument, TimeOnSite, WorkOrderDetail, WorkOrderQuery, WorkOrderStatus, WorkOrderSummary } from './field-types.ts';
import type { ReplicaDb } from './replica/db.ts';
import { ReferenceCache } from './replica/reference-cache.ts';
import { REPLICA_TABLES } from './replica/tables.ts';
import { MapControl } from './map-control.ts';
import type { CatalogResult, ImportPreview } from './map-catalog.ts';
import { loadCatalog, MapCatalog } from './map-catalog.ts';
import type { MapStates, MapStatus, QueuePage, QueueQuery, ResumeMode } from './api.ts';
import type { InitialSyncFailure, InitialSyncOptions, InitialSyncStatus, Side } from './api.ts';
import type { InitialSyncHooks } from './initial-sync.ts';
import { InitialSync, InitialSyncError } from './initial-sync.ts';
import { writeFailure } from './write-failure.ts';
import type { SalesPriceAnswer, SalesPriceInput } from '../core/pricing/index.ts';
import { salesPrice } from './pricing.ts';
import type { AlertPage, AlertRecord, AlertRule, StorageInfo } from './api.ts';
import { AlertMonitor } from './alert-monitor.ts';
import type { StorageProbe } from './storage.ts';
import { browserStorage, isQuotaError, STORAGE_FULL, STORAGE_FULL_MESSAGE, StorageWatch } from './storage.ts';
import type { Choice, FilterPreview, FilterPreviewInput, ServerInfo, SetupChoice, SetupState, SyncSample } from './api.ts';
import { previewMapFilter } from './filter-preview.ts';
import { bringReferencesAcross } from './bring-across.ts';
import { findRow } from './replica/row-source.ts';
import { SyncHistory } from './sync-history.ts';
import { checkChoice, companiesFor, probeServer, readSetup, saveServer, saveSetup, serverInUse, storedServer } from './setup.ts';

export interface EngineOptions {
  readonly db: ReplicaDb;
  /** Origin of the server, e.g. "http://127.0.0.1:8080" (the worker passes its own origin). */
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  readonly maps?: readonly TableMap[];
  readonly now?: () => Date;
  readonly newId?: () => string;
  readonly random?: () => number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
  /** Periodic sync interval while leader and online; 0 disables (tests drive syncNow). */
  readonly pollMs?: number;
  /** How often the syncing engine evaluates alert rules besides after each round; 0 disables. */
  readonly alertIntervalMs?: number;
  /** Device storage (navigator.storage by default; tests inject estimates). */
  readonly storage?: StorageProbe;
  /** Usage at or above this percent of the quota counts as full (default 95). */
  readonly storageFullPercent?: number;
  readonly pageSize?: number;
  /** Initial sync: page size, pushes, and the map-state callback (map control wires it). */
  readonly initialSync?: InitialSyncHooks;
}

interface StoredSession extends Session {
  readonly token: string;
  /** From /auth/me; unknown until asked, and then treated as an agent's. */
  readonly role?: string;
}

export class Engine implements EngineApi {
  readonly ctx: EngineContext;
  readonly #options: EngineOptions;
  readonly #client: ODataClient;
  readonly #queries: AccountQueries;
  readonly #field: FieldQueries;
  readonly #fieldWrites: FieldWrites;
  readonly #statusListeners = new Set<(s: EngineStatus) => void>();
  readonly #dataListeners = new Set<(tables: readonly string[]) => void>();
  #session: StoredSession | null = null;
  #leader = false;
  #online = true;
  #phase: SyncPhase = 'idle';
  #pending = 0;
  #errors = 0;
  #lastSyncAt: string | null = null;
  #lastError: EngineError | null = null;
  #bootstrap: { done: number; total: number | null } | null = null;
  readonly #maps: MapControl;
  readonly #catalog: MapCatalog;
  #running: Promise<void> | null = null;
  #again = false;
  #attempt = 0;
  #retryTimer: unknown = null;
  #pollTimer: unknown = null;
  #recountTimer: unknown = null;
  #onMutated: ((parts: Record<string, unknown>) => void) | null = null;
  readonly #initialSync: InitialSync;
  #initialSyncProgress: EngineStatus['initialSync'];
  readonly #storage: StorageWatch;
  readonly #alerts: AlertMonitor;
  #alertTimer: unknown = null;
  #savedSyncAt: string | null = null;
  readonly #history: SyncHistory;
  /** The server synced with: the options' until setup chose another (meta.server). */
  #baseUrl: string;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.#baseUrl = options.baseUrl;
    this.ctx = {
      db: options.db,
      maps: options.maps ?? STANDARD_MAPS,
      now: options.now ?? (() => new Date()),
      newId: options.newId ?? (() => crypto.randomUUID()),
      reference: new ReferenceCache(options.db),
      user: () => this.#session?.username ?? null,
      // Agents may not write global reference data (currencies, units, rates): the
      // server answers 403, so their engines leave mirroring it to privileged users.
      mayMirror: (map) => this.#session?.role !== undefined && (this.#session.role !== 'agent' || map.keys.some((k) => k.company === true)),
      mapGate: (mapId) => this.#maps.gate(mapId),
    };
    this.#maps = new MapControl(this.ctx, () => this.#emit());
    this.#catalog = new MapCatalog(this.ctx, {
      states: () => Object.fromEntries(this.ctx.maps.map((m) => [m.id, languageState(this.#maps.state(m.id))])),
      pause: async (ids) => void (await this.pauseMaps(ids)),
      resume: async (ids) => void (await this.resumeMaps(ids, 'catch-up')),
      fetchMetadata: async () => (this.#session?.token ? { erp: await this.#client.metadata('erp'), crm: await this.#client.metadata('crm') } : null),
      install: (maps) => {
        this.ctx.maps = maps;
        this.#emit();
      },
      alertRules: () => this.alertRules(),
      saveAlertRules: async (rules) => void (await this.saveAlertRules(rules)),
    });
    const server = () => this.#baseUrl;
    this.#client = new ODataClient({
      get baseUrl() {
        return server();
      },
      fetch: options.fetch, token: () => this.#session?.token ?? null, pageSize: options.pageSize ?? 5000 });
    this.#queries = new AccountQueries(this.ctx);
    this.#field = new FieldQueries(this.ctx);
    this.#fieldWrites = new FieldWrites(this.ctx, this.#field, (intent) => this.write(intent));
    // A map being initially synced is 'initializing' in the map states, and 'running' once done.
    const onMapState = (mapId: string, state: 'initializing' | 'running') => {
      background(this.#maps.setState(mapId, state));
      options.initialSync?.onMapState?.(mapId, state);
    };
    this.#initialSync = new InitialSync(this.ctx, { ...options.initialSync, onMapState }, () => background(this.#refreshInitialSync()));
    this.#storage = new StorageWatch(options.storage ?? browserStorage(), options.storageFullPercent, () => this.#emit());
    const control = { pause: async (ids: readonly string[]) => void (await this.pauseMaps(ids)), stop: async (ids: readonly string[]) => void (await this.stopMaps(ids)) };
    this.#history = new SyncHistory(this.ctx, () => ({ pending: this.#pending, errors: this.#errors }));
    this.#alerts = new AlertMonitor(this.ctx, { control, storagePercent: async () => (await this.#storage.refresh()).percent, lastSyncAt: () => this.#lastSyncAt });
  }

  /** Loads the session and counts; listens for replica changes (this tab's and other tabs'). */
  async open(): Promise<void> {
    await this.ctx.db.open();
    const stored = (await this.ctx.db.meta.get('session'))?.value as StoredSession | undefined;
    this.#session = stored ?? null;
    this.#baseUrl = (await storedServer(this.ctx)) ?? this.#options.baseUrl;
    if (!this.#options.maps) this.ctx.maps = await loadCatalog(this.ctx);
    await this.#maps.load();
    await this.#refreshCounts();
    await this.#openOps();
    await this.#refreshInitialSync();
    const prefix = `idb://${this.ctx.db.name}/`;
    this.#onMutated = (parts) => {
      const tables = [...new Set(Object.keys(parts).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split('/')[0] as string))];
      if (tables.length === 0) return;
      this.#queries.invalidate(tables);
      this.#field.invalidate(tables);
      this.ctx.reference?.invalidate(tables);
      for (const listener of this.#dataListeners) listener(tables);
      if (tables.some((t) => t === 'outbox' || t === 'errors')) {
        this.#scheduleRecount();
        if (tables.includes('outbox')) this.requestSync();
      }
      if (tables.includes('alerts')) background(this.#alerts.deliver());
    };
    Dexie.on('storagemutated', this.#onMutated);
  }

  /**
   * Recounts pending entries and errors at most every 250 ms: a count() walks every
   * record in Chromium, and after every save it would hold up the agent's next write.
   */
  #scheduleRecount(): void {
    const setTimer = this.#options.setTimer;
    if (!setTimer) {
      background(this.#refreshCounts().then(() => this.#emit()));
      return;
    }
    if (this.#recountTimer !== null) return;
    this.#recountTimer = setTimer(() => {
      this.#recountTimer = null;
      background(this.#refreshCounts().then(() => this.#emit()));
    }, 250);
  }

  /** This engine now holds (or lost) the sync lock. */
  setLeader(leader: boolean): void {
    this.#leader = leader;
    this.#emit();
    if (leader) {
      this.requestSync();
      this.#schedulePoll();
      this.#scheduleAlertChecks();
    }
  }

  async networkLost(): Promise<void> {
    this.setOnline(false);
  }

  setOnline(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    if (online) {
      this.#attempt = 0;
      this.#clearRetry();
      this.requestSync();
    } else {
      this.#phase = 'offline';
      // Browsers do not always tell a worker that the network came back (Chromium's
      // offline emulation never does), so keep probing with backoff as well.
      if (this.#retryTimer === null) this.#scheduleRetry();
    }
    this.#emit();
  }

  async close(): Promise<void> {
    this.#leader = false;
    this.#clearRetry();
    if (this.#pollTimer !== null) this.#options.clearTimer?.(this.#pollTimer);
    if (this.#recountTimer !== null) this.#options.clearTimer?.(this.#recountTimer);
    if (this.#alertTimer !== null) this.#options.clearTimer?.(this.#alertTimer);
    if (this.#onMutated) Dexie.on('storagemutated').unsubscribe(this.#onMutated);
    await this.#running;
    this.ctx.db.close();
  }

  // ---- session ----

  async signIn(username: string, password: string): Promise<Result<Session>> {
    let response: Response;
    try {
      response = await this.#options.fetch(`${this.#baseUrl}/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
      });
    } catch {
      return fail('OFFLINE', 'Cannot reach the server to sign in. Check the connection and try again.');
    }
    const body = (await response.json().catch(() => null)) as { access_token?: string; expires_in?: number; error_description?: string } | null;
    if (!response.ok || !body?.access_token) return fail('SIGN_IN_FAILED', body?.error_description ?? `Sign-in failed (${response.status}).`);
    const expiresAt = new Date(this.ctx.now().getTime() + (body.expires_in ?? 3600) * 1000).toISOString();
    const previous = this.#session?.username;
    if (previous && previous !== username && (await this.ctx.db.outbox.count()) > 0) {
      return fail('OTHER_USER_PENDING', `${previous} has changes waiting to be sent; sign in as ${previous} first.`);
    }
    this.#session = { username, expiresAt, token: body.access_token };
    await this.#learnRole();
    await this.ctx.db.meta.put({ name: 'session', value: this.#session });
    this.#lastError = null;
    this.#phase = 'idle';
    this.#emit();
    this.requestSync();
    return { ok: true, value: { username, expiresAt } };
  }

  /** Asks the server who the token belongs to (role decides which maps this engine mirrors). */
  async #learnRole(): Promise<void> {
    const session = this.#session;
    if (!session?.token) return;
    try {
      const response = await this.#options.fetch(`${this.#baseUrl}/auth/me`, { headers: { Authorization: `Bearer ${session.token}` } });
      const me = (await response.json().catch(() => null)) as { role?: unknown } | null;
      if (response.ok && typeof me?.role === 'string') {
        this.#session = { ...session, role: me.role };
        await this.ctx.db.meta.put({ name: 'session', value: this.#session });
      }
    } catch {
      // Offline: the role is asked again before the next sync.
    }
  }

  async signOut(): Promise<void> {
    if (!this.#session) return;
    this.#session = { ...this.#session, token: '' };
    await this.ctx.db.meta.put({ name: 'session', value: this.#session });
    this.#phase = 'signed-out';
    this.#emit();
  }

  async session(): Promise<Session | null> {
    return this.#session?.token ? { username: this.#session.username, expiresAt: this.#session.expiresAt } : null;
  }

  // ---- status ----

  async status(): Promise<EngineStatus> {
    return this.#snapshot();
  }

  async onStatus(listener: (status: EngineStatus) => void): Promise<() => void> {
    this.#statusListeners.add(listener);
    listener(this.#snapshot());
    return () => this.#statusListeners.delete(listener);
  }

  async onData(listener: (tables: readonly string[]) => void): Promise<() => void> {
    this.#dataListeners.add(listener);
    return () => this.#dataListeners.delete(listener);
  }

  #snapshot(): EngineStatus {
    return {
      online: this.#online,
      leader: this.#leader,
      phase: this.#phase,
      pending: this.#pending,
      lastSyncAt: this.#lastSyncAt,
      errors: this.#errors,
      needsSignIn: !this.#session?.token,
      username: this.#session?.username ?? null,
      bootstrap: this.#bootstrap,
      lastError: this.#lastError,
      pausedMaps: this.#maps.paused(),
      catchUp: this.#maps.progress(),
      ...(this.#initialSyncProgress ? { initialSync: this.#initialSyncProgress } : {}),
      storageFull: this.#storage.full,
      role: this.#session?.token ? (this.#session.role ?? null) : null,
    };
  }

  #emit(): void {
    const snapshot = this.#snapshot();
    for (const listener of this.#statusListeners) listener(snapshot);
  }

  async #refreshCounts(): Promise<void> {
    this.#pending = await this.ctx.db.outbox.count();
    this.#errors = await this.ctx.db.errors.filter((r) => r.status === undefined).count();
  }

  // ---- sync loop ----

  /** Syncs now, even if the last request failed for want of network (the button says "try"). */
  async syncNow(): Promise<void> {
    // A round already under way began before this call: it may fail on what was true
    // then (offline) and schedule a backoff. Let it end, then run a fresh round.
    const under = this.#running;
    if (under) await under;
    this.#attempt = 0;
    this.#clearRetry();
    this.#online = true;
    this.#emit();
    this.requestSync();
    await this.#running;
  }

  requestSync(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = null;
    });
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      if (!this.#leader || !this.#online || !this.#session?.token || this.#retryTimer !== null) break;
      try {
        if (this.#session.role === undefined) await this.#learnRole();
        const loaded = await allLoaded(this.ctx);
        this.#phase = loaded ? 'pulling' : 'bootstrapping';
        this.#bootstrap = loaded ? null : { done: 0, total: null };
        this.#emit();
        // A page that does not fit on the device is not checkpointed (pulled again later),
        // and the queue is still pushed: sending it frees space and loses nothing.
        const full = await this.#quotaTolerated(pullAll(this.ctx, this.#client, (_table, rows) => {
          if (this.#bootstrap) {
            this.#bootstrap = { done: this.#bootstrap.done + rows, total: null };
            this.#emit();
          }
        }));
        this.#bootstrap = null;
        if (!full) await this.#initialSync.run(this.#client, (id) => this.#maps.paused().includes(id), () => this.#leader && this.#online);
        this.#phase = 'pushing';
        await this.#refreshCounts();
        this.#emit();
        // Catch-up of resuming maps: their held changes, in order, before anything newer.
        await this.#maps.catchUp();
        const pushed = await pushAll(this.ctx, this.#client);
        if (pushed > 0) this.#again = true; // pull what the pushes changed (mirrors' echoes)
        if (full) throw full;
        this.#storage.wrote();
        this.#attempt = 0;
        this.#lastSyncAt = this.ctx.now().toISOString();
        this.#lastError = null;
        this.#phase = 'idle';
      } catch (error) {
        await this.#failed(error);
        break;
      } finally {
        await this.#refreshCounts();
        this.#emit();
        await this.#afterRound();
      }
    } while (this.#again);
  }

  async #failed(error: unknown): Promise<void> {
    if (isQuotaError(error)) return this.#storageFailed();
    const e = error instanceof SyncError ? error : null;
    this.#lastError = { code: e?.code ?? e?.kind ?? 'ENGINE', message: error instanceof Error ? error.message : String(error) };
    if (e?.kind === 'auth') {
      this.#session = this.#session ? { ...this.#session, token: '' } : null;
      if (this.#session) await this.ctx.db.meta.put({ name: 'session', value: this.#session });
      this.#phase = 'signed-out';
      return;
    }
    if (e?.kind === 'network') {
      this.#online = false;
      this.#phase = 'offline';
    } else {
      this.#phase = 'backoff';
      if (!e) await appendLog(this.ctx, 'errors', { kind: 'engine', code: 'ENGINE', message: this.#lastError.message });
    }
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    const setTimer = this.#options.setTimer;
    if (!setTimer) return;
    const delay = backoffDelay(this.#attempt++, this.#options.random ?? Math.random);
    this.#retryTimer = setTimer(() => {
      this.#retryTimer = null;
      this.#online = true;
      this.requestSync();
    }, delay);
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) this.#options.clearTimer?.(this.#retryTimer);
    this.#retryTimer = null;
  }

  #schedulePoll(): void {
    const ms = this.#options.pollMs ?? 15_000;
    const setTimer = this.#options.setTimer;
    if (!ms || !setTimer || this.#pollTimer !== null) return;
    const tick = () => {
      this.#pollTimer = setTimer(() => {
        if (this.#leader) this.requestSync();
        tick();
      }, ms);
    };
    tick();
  }

  // ---- data ----

  async listAccounts(query: AccountQuery): Promise<AccountPage> {
    return this.#queries.list(query);
  }

  async getAccount(accountid: string): Promise<AccountDetail | null> {
    return this.#queries.detail(accountid);
  }

  async choices() {
    return this.#queries.choices();
  }

  async updateAccount(accountid: string, patch: Row): Promise<Result<{ pending: number }>> {
    const values: Record<string, unknown> = { ...patch };
    if ('creditlimit' in values && values['creditlimit'] !== null) {
      const canonical = canonicalDecimal(String(values['creditlimit']));
      if (canonical === null) return fail('INVALID_VALUE', `Credit limit must be a decimal number, not "${String(values['creditlimit'])}".`, { field: 'creditlimit' });
      values['creditlimit'] = canonical;
    }
    const result = await this.write({ side: 'crm', set: 'accounts', key: { accountid }, kind: 'upsert', values, description: `Account ${accountid} edited` });
    if (!result.ok) return result;
    return { ok: true, value: { pending: this.#pending } };
  }

  async createCustomer(input: NewCustomer): Promise<Result<{ accountid: string }>> {
    const creditLimit = input.creditLimit ? canonicalDecimal(input.creditLimit) : '0';
    if (creditLimit === null) return fail('INVALID_VALUE', `Credit limit must be a decimal number, not "${input.creditLimit}".`, { field: 'creditLimit' });
    const values: Record<string, unknown> = {
      dataAreaId: input.company,
      CustomerAccount: input.accountNumber.trim(),
      PartyType: 'Organization',
      OrganizationName: input.name.trim(),
      CustomerGroupId: input.customerGroup,
      SalesCurrencyCode: input.currency,
      CreditLimit: creditLimit,
      PrimaryContactEmail: input.email?.trim() || null,
      PrimaryContactPhone: input.phone?.trim() || null,
      DeliveryAddressCity: input.city?.trim() || null,
    };
    if (!values['CustomerAccount'] || !values['OrganizationName']) return fail('REQUIRED', 'Account number and name are required.');
    const result = await this.write({ side: 'erp', set: 'CustomersV3', key: null, kind: 'upsert', values, description: `Customer ${input.accountNumber} created` });
    if (!result.ok) return result;
    const company = await this.ctx.db.rows('crm_cdm_companies').where('cdm_companycode').equals(input.company).first();
    const account = company
      ? await this.ctx.db.rows('crm_accounts').where('[accountnumber+msdyn_company]').equals([values['CustomerAccount'] as string, company['cdm_companyid'] as string]).first()
      : undefined;
    if (!account) return fail('NOT_MIRRORED', 'The customer was saved, but no CRM account was derived from it.');
    return { ok: true, value: { accountid: account['accountid'] as string } };
  }

  /** The one write path: a local dual-write transaction, or a clear error and nothing written. */
  /**
   * Every local write. A CRM row that refers to CRM rows the ERP lacks (entered in the CRM
   * only) brings them across first, so the ERP half does not refuse it (bring-across.ts).
   */
  async write(intent: WriteIntent): Promise<Result<{ entryId: number | null }>> {
    if (intent.side === 'crm' && intent.kind === 'upsert') {
      const existing = intent.key ? await findRow(this.ctx.db, 'crm', intent.set, intent.key) : undefined;
      const row = { ...existing, ...intent.key, ...intent.values };
      const across = await bringReferencesAcross(this.ctx, (parent) => this.#commit(parent), intent.set, row, intent.description);
      if (!across.ok) return across;
    }
    return this.#commit(intent);
  }

  async #commit(intent: WriteIntent): Promise<Result<{ entryId: number | null }>> {
    if (!(await this.#storage.admits())) return fail(STORAGE_FULL, STORAGE_FULL_MESSAGE);
    try {
      const outcome = await commitWrite(this.ctx, intent);
      this.#storage.wrote();
      // Counted in memory: the agent should not wait on a count() after every save
      // (storagemutated recounts right after, off the agent's path).
      if (outcome.entryId !== null) this.#pending++;
      else await this.#refreshCounts(); // a delete may have cancelled queued creates
      this.#emit();
      this.requestSync();
      return { ok: true, value: { entryId: outcome.entryId } };
    } catch (error) {
      if (isQuotaError(error)) this.#storage.quotaHit();
      const failure = writeFailure(error);
      if (failure) return { ok: false, error: failure };
      throw error;
    }
  }

  async errors(): Promise<readonly ErrorEntry[]> {
    // Open ones: a skipped or retried error is dealt with (the error log still lists it).
    const rows = await this.ctx.db.errors.orderBy(':id').reverse().filter((r) => r.status === undefined).limit(500).toArray();
    return rows.map((r) => ({ id: r.id as number, at: r.at, code: r.code ?? r.kind, message: r.message, mapId: r.mapId ?? null, side: r.side ?? null, set: r.set ?? null, key: r.key ?? null }));
  }

  async dismissError(id: number): Promise<void> {
    await this.ctx.db.errors.delete(id);
  }

  async activity(limit: number): Promise<readonly ActivityEntry[]> {
    const rows = await this.ctx.db.activity.orderBy(':id').reverse().limit(Math.min(limit, 1000)).toArray();
    return rows.map((r) => ({ id: r.id as number, at: r.at, kind: r.kind, message: r.message }));
  }

  async salesPrice(input: SalesPriceInput): Promise<Result<SalesPriceAnswer>> {
    const remote = { online: this.#online, baseUrl: this.#baseUrl, fetch: this.#options.fetch, token: this.#session?.token ?? null, lastSyncAt: this.#lastSyncAt };
    return salesPrice(this.ctx, input, remote);
  }

  // ---- map states, pause / resume / catch-up, queue (map-control.ts) ----

  async mapStatuses(): Promise<readonly MapStatus[]> {
    return this.#maps.statuses();
  }

  async startMaps(ids: readonly string[], options: { readonly withDependencies?: boolean } = {}): Promise<Result<MapStates>> {
    return this.#synced(await this.#maps.start(ids, options.withDependencies === true));
  }

  async pauseMaps(ids: readonly string[]): Promise<Result<MapStates>> {
    return this.#maps.pause(ids);
  }

  async stopMaps(ids: readonly string[]): Promise<Result<MapStates>> {
    return this.#maps.stop(ids);
  }

  async resumeMaps(ids: readonly string[], mode: ResumeMode, confirm = false): Promise<Result<MapStates>> {
    return this.#synced(await this.#maps.resume(ids, mode, confirm));
  }

  async queue(query: QueueQuery): Promise<Result<QueuePage>> {
    return this.#maps.queue(query);
  }

  async retryQueued(target: { readonly ids?: readonly number[]; readonly mapId?: string }): Promise<Result<{ readonly retried: number }>> {
    return this.#synced(await this.#maps.retry(target));
  }

  /** After a map starts, resumes or replays: sync now (push what was released, catch up). */
  #synced<T>(result: Result<T>): Result<T> {
    if (result.ok) this.requestSync();
    return result;
  }

  // ---- initial sync (initial-sync.ts) ----

  async startInitialSync(mapIds: readonly string[], options: InitialSyncOptions = {}): Promise<Result<InitialSyncStatus>> {
    const started = await initialSyncResult(() => this.#initialSync.start(mapIds, options));
    if (!started.ok) return started;
    this.requestSync();
    return { ok: true, value: await this.#initialSync.status() };
  }

  async initialSyncStatus(): Promise<InitialSyncStatus> {
    return this.#initialSync.status();
  }

  async initialSyncFailures(mapId: string, query: { readonly offset: number; readonly limit: number; readonly search?: string }): Promise<Result<Page<InitialSyncFailure>>> {
    return initialSyncResult(() => this.#initialSync.failures(mapId, query));
  }

  async resyncRecord(mapId: string, side: Side, key: Readonly<Record<string, unknown>>): Promise<Result<{ readonly created: number; readonly updated: number; readonly failure: InitialSyncFailure | null }>> {
    const result = await initialSyncResult(() => this.#initialSync.resync(mapId, side, key));
    if (!result.ok) return result;
    await this.syncNow();
    const failure = result.value.failure ? ((await this.#initialSync.failures(mapId, { offset: 0, limit: 1000, search: result.value.failure.rowId })).rows.at(-1) ?? null) : null;
    return { ok: true, value: { created: result.value.created, updated: result.value.updated, failure } };
  }

  async #refreshInitialSync(): Promise<void> {
    const status = await this.#initialSync.status();
    const running = status.maps.find((m) => m.state === 'running' || m.state === 'paused' || m.state === 'pending');
    this.#initialSyncProgress = status.maps.length ? { ...status.overall, running: running?.mapId ?? null } : undefined;
    this.#emit();
  }

  // ---- conflicts (conflicts.ts) ----

  async conflicts(query: ConflictQuery): Promise<Result<Page<ConflictEntry>>> {
    return listConflicts(this.ctx, query);
  }

  async resolveConflict(id: number, resolution: ConflictResolution): Promise<Result<ConflictEntry>> {
    return this.#afterWrite(await resolveConflictRecord(this.ctx, id, resolution, this.#session?.username ?? null));
  }

  /** After an operation wrote through the local write path: counts, listeners, and a sync. */
  async #afterWrite<T>(result: T): Promise<T> {
    await this.#refreshCounts();
    this.#emit();
    this.requestSync();
    return result;
  }

  // ---- logs (logs.ts) ----

  async activityLog(query: LogQuery): Promise<Result<Page<ActivityLogEntry>>> {
    return activityLog(this.ctx, query);
  }

  async errorLog(query: LogQuery): Promise<Result<Page<ErrorLogEntry>>> {
    return errorLog(this.ctx, query);
  }

  async conflictLog(query: LogQuery): Promise<Result<Page<ConflictEntry>>> {
    return conflictLog(this.ctx, query);
  }

  async recordHistory(record: RecordRef): Promise<Result<RecordHistory>> {
    return recordHistory(this.ctx, record);
  }

  async retryErrors(ids: readonly number[]): Promise<readonly ErrorActionResult[]> {
    return this.#afterWrite(await retryErrors(this.ctx, ids));
  }

  async skipErrors(ids: readonly number[]): Promise<readonly ErrorActionResult[]> {
    return this.#afterWrite(await skipErrors(this.ctx, ids));
  }

  async discardErrors(ids: readonly number[]): Promise<readonly ErrorActionResult[]> {
    return this.#afterWrite(await discardErrors(this.ctx, ids));
  }

  async exportLog(log: LogName, format: 'csv' | 'json', query: LogQuery): Promise<Result<string>> {
    return exportLog(this.ctx, log, format, query);
  }

  async logRetention(): Promise<LogRetentionInfo> {
    return logRetention(this.ctx);
  }

  async setLogRetention(retention: LogRetention): Promise<Result<LogRetentionInfo>> {
    return setLogRetention(this.ctx, retention);
  }

  // ---- alerts and storage (alerts.ts, storage.ts) ----

  async alertRules(): Promise<readonly AlertRule[]> {
    return this.#alerts.rules();
  }

  async saveAlertRules(rules: readonly AlertRule[]): Promise<Result<readonly AlertRule[]>> {
    const saved = await this.#alerts.saveRules(rules);
    if (saved.ok && this.#leader) void this.#alerts.evaluate().catch(() => undefined);
    return saved;
  }

  async alerts(query: { offset: number; limit: number }): Promise<AlertPage> {
    return this.#alerts.list(query.offset, query.limit);
  }

  async acknowledgeAlert(id: number): Promise<Result<AlertRecord>> {
    return this.#alerts.acknowledge(id);
  }

  async onAlert(listener: (alert: AlertRecord) => void): Promise<() => void> {
    return this.#alerts.onAlert(listener);
  }

  async checkAlerts(): Promise<readonly AlertRecord[]> {
    return this.#alerts.evaluate();
  }

  async storage(): Promise<StorageInfo> {
    return this.#storage.refresh();
  }

  async #openOps(): Promise<void> {
    this.#lastSyncAt ??= ((await this.ctx.db.meta.get('lastSyncAt'))?.value as string | undefined) ?? null;
    this.#savedSyncAt = this.#lastSyncAt;
    await this.#alerts.open();
    background(this.#storage.refresh());
  }

  /** After each sync round: keep the last sync time (sync-lag alerts survive a reload), evaluate alerts. */
  async #afterRound(): Promise<void> {
    try {
      if (this.#lastSyncAt !== this.#savedSyncAt) {
        await this.ctx.db.meta.put({ name: 'lastSyncAt', value: this.#lastSyncAt });
        this.#savedSyncAt = this.#lastSyncAt;
      }
      await this.#alerts.evaluate();
      await this.#history.record();
    } catch (error) {
      if (!isQuotaError(error)) throw error;
    }
  }

  #scheduleAlertChecks(): void {
    const ms = this.#options.alertIntervalMs ?? 60_000;
    const setTimer = this.#options.setTimer;
    if (!ms || !setTimer || this.#alertTimer !== null) return;
    this.#alertTimer = setTimer(() => {
      this.#alertTimer = null;
      if (!this.#leader) return;
      void this.#storage.refresh().then(() => this.#alerts.evaluate()).catch(() => undefined);
      this.#scheduleAlertChecks();
    }, ms);
  }

  /** Resolves to the quota error a sync step hit (other failures still throw). */
  async #quotaTolerated(step: Promise<unknown>): Promise<unknown> {
    try {
      await step;
      return null;
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      this.#storage.quotaHit();
      return error;
    }
  }

  #storageFailed(): void {
    this.#storage.quotaHit();
    this.#lastError = { code: STORAGE_FULL, message: 'The device storage is full: changes from the server are not stored until space is freed. Queued changes are kept and still sent.' };
    this.#phase = 'backoff';
    this.#scheduleRetry();
  }

  // ---- installed maps and map packages (map-catalog.ts) ----

  async maps(): Promise<readonly TableMap[]> {
    return this.#catalog.maps();
  }

  async saveMap(map: TableMap): Promise<Result<TableMap>> {
    return catalogResult(await this.#catalog.save(map));
  }

  async exportMaps(ids: readonly string[] | null, publisher: string, version: string): Promise<string> {
    return `${JSON.stringify(await this.#catalog.export(ids, publisher, version), null, 2)}\n`;
  }

  async previewMapPackage(text: string): Promise<Result<ImportPreview>> {
    return catalogResult(await this.#catalog.preview(text));
  }

  async importMapPackage(text: string): Promise<Result<ImportPreview>> {
    const result = catalogResult(await this.#catalog.import(text));
    if (result.ok) this.requestSync();
    return result;
  }

  // ---- field agent data (field-queries.ts, field-writes.ts) ----

  async workOrders(query: WorkOrderQuery): Promise<Page<WorkOrderSummary>> {
    return this.#field.workOrders(query);
  }

  async workOrder(id: string): Promise<WorkOrderDetail | null> {
    return this.#field.workOrder(id);
  }

  async setWorkOrderStatus(id: string, status: WorkOrderStatus): Promise<Result<{ readonly status: WorkOrderStatus }>> {
    return this.#fieldWrites.setWorkOrderStatus(id, status);
  }

  async createContact(input: NewContact): Promise<Result<{ readonly contactid: string }>> {
    return this.#fieldWrites.createContact(input);
  }

  async updateContact(contactid: string, fields: ContactFields): Promise<Result<{ readonly pending: number }>> {
    const written = await this.#fieldWrites.updateContact(contactid, fields);
    return written.ok ? { ok: true, value: { pending: this.#pending } } : written;
  }

  async addNote(note: NewNote): Promise<Result<{ readonly id: string }>> {
    return this.#fieldWrites.addNote(note);
  }

  async recordTimeOnSite(workOrderId: string, time: TimeOnSite): Promise<Result<{ readonly id: string; readonly minutes: number }>> {
    return this.#fieldWrites.recordTimeOnSite(workOrderId, time);
  }

  async products(query: ProductQuery): Promise<ProductPage> {
    return this.#field.products(query, this.#lastSyncAt, this.#online);
  }

  async accountExtras(accountid: string): Promise<AccountExtras> {
    return this.#field.accountExtras(accountid);
  }

  async salesDocuments(accountid: string): Promise<readonly SalesDocument[]> {
    return this.#field.salesDocuments(accountid);
  }

  async orderSetup(accountid: string): Promise<OrderSetup | null> {
    return this.#field.orderSetup(accountid);
  }

  async createSalesDocument(input: NewSalesDocument): Promise<Result<CreatedSalesDocument>> {
    return this.#fieldWrites.createSalesDocument(input);
  }

  // ---- first-run setup (setup.ts) ----

  async setup(): Promise<SetupState> {
    return readSetup(this.ctx, this.#baseUrl);
  }

  async setServer(url: string): Promise<Result<ServerInfo>> {
    const probe = await probeServer(this.#options.fetch, url);
    if (!probe.ok || probe.value.url === this.#baseUrl) return probe;
    const inUse = await serverInUse(this.ctx);
    if (inUse) return fail('SERVER_IN_USE', `This device stays with ${this.#baseUrl}: ${inUse}.`, { field: 'server', url: probe.value.url });
    await saveServer(this.ctx, probe.value.url);
    this.#baseUrl = probe.value.url;
    // A token of the old server means nothing to the new one.
    if (this.#session?.token) await this.signOut();
    this.#emit();
    return probe;
  }

  async setupCompanies(): Promise<Result<readonly Choice[]>> {
    const token = this.#session?.token;
    if (!token) return fail('SIGN_IN_REQUIRED', 'Sign in to choose companies.');
    return companiesFor(this.#options.fetch, this.#baseUrl, token);
  }

  async completeSetup(choice: SetupChoice | null): Promise<Result<SetupState>> {
    const completedAt = this.ctx.now().toISOString();
    if (choice === null) {
      await saveSetup(this.ctx, { completedAt, skipped: true, companies: null, maps: null });
      return { ok: true, value: await this.setup() };
    }
    const companies = await this.setupCompanies();
    if (!companies.ok) return companies;
    const checked = checkChoice(this.ctx.maps, companies.value, choice);
    if (!checked.ok) return checked;
    const run = new Set(checked.value);
    const toStart = checked.value.filter((id) => ['not-running', 'stopped'].includes(this.#maps.state(id)));
    const toStop = this.ctx.maps.filter((m) => !run.has(m.id) && this.#maps.state(m.id) !== 'stopped').map((m) => m.id);
    if (toStop.length) {
      const stopped = await this.stopMaps(toStop);
      if (!stopped.ok) return stopped;
    }
    if (toStart.length) {
      const started = await this.startMaps(toStart, { withDependencies: true });
      if (!started.ok) return started;
    }
    await saveSetup(this.ctx, { completedAt, skipped: false, companies: [...choice.companies], maps: [...choice.maps] });
    return { ok: true, value: await this.setup() };
  }

  // ---- map editor and sync history (filter-preview.ts, sync-history.ts) ----

  async previewMapFilter(input: FilterPreviewInput): Promise<Result<FilterPreview>> {
    return previewMapFilter(this.ctx, input);
  }

  async syncHistory(since: string): Promise<readonly SyncSample[]> {
    return this.#history.since(since);
  }

  /** Tables in the replica (for diagnostics and tests). */
  static readonly tables = REPLICA_TABLES;
}

/** Initial sync's validation errors as a Result (anything else still throws). */
async function initialSyncResult<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof InitialSyncError) return fail(error.code, error.message, error.details);
    throw error;
  }
}

function fail(code: string, message: string, details?: Record<string, unknown>): { ok: false; error: EngineError } {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}

/** The map language's view of a run state: editing and package upgrades know running, paused and stopped. */
function languageState(state: string): 'running' | 'paused' | 'stopped' {
  if (state === 'running' || state === 'initializing') return 'running';
  return state === 'paused' || state === 'resuming' ? 'paused' : 'stopped';
}

/** A catalog refusal as an engine error: the first problem's code, every problem in details. */
function catalogResult<T>(result: CatalogResult<T>): Result<T> {
  if (result.ok) return result;
  const shown = result.problems.slice(0, 3).map((p) => `${p.path ?? p.mapId}: ${p.message}`).join('; ');
  const more = result.problems.length > 3 ? ` (and ${result.problems.length - 3} more)` : '';
  return { ok: false, error: { code: result.problems.length === 1 ? (result.problems[0]?.code ?? 'MAP_INVALID') : 'MAP_INVALID', message: `${shown}${more}`, details: { problems: result.problems } } };
}

/**
 * Work nobody awaits (a recount, a delivery, a state change reported on the side): its
 * failure must not become an unhandled rejection — after close() the database is gone on
 * purpose, and otherwise the next round does the same work again.
 */
function background(work: Promise<unknown>): void {
  work.catch(() => undefined);
}
