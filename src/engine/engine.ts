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
import { MapError, STANDARD_MAPS } from '../core/maps/index.ts';
import type { TableMap } from '../core/maps/index.ts';
import { canonicalDecimal } from '../core/values/index.ts';
import type { AccountDetail, AccountPage, ActivityEntry, EngineApi, EngineError, EngineStatus, ErrorEntry, NewCustomer, Result, Row, Session, SyncPhase } from './api.ts';
import { backoffDelay } from './backoff.ts';
import { SyncError } from './connector/errors.ts';
import { ODataClient } from './connector/odata-client.ts';
import type { EngineContext } from './context.ts';
import { appendLog } from './context.ts';
import { commitWrite, LocalWriteError } from './local-write.ts';
import type { WriteIntent } from './local-write.ts';
import { allLoaded, pullAll } from './pull.ts';
import { pushAll } from './push.ts';
import { AccountQueries } from './queries.ts';
import type { ReplicaDb } from './replica/db.ts';
import { ReferenceCache } from './replica/reference-cache.ts';
import { REPLICA_TABLES } from './replica/tables.ts';

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
  readonly pageSize?: number;
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
  #paused = new Set<string>();
  #running: Promise<void> | null = null;
  #again = false;
  #attempt = 0;
  #retryTimer: unknown = null;
  #pollTimer: unknown = null;
  #recountTimer: unknown = null;
  #onMutated: ((parts: Record<string, unknown>) => void) | null = null;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.ctx = {
      db: options.db,
      maps: options.maps ?? STANDARD_MAPS,
      now: options.now ?? (() => new Date()),
      newId: options.newId ?? (() => crypto.randomUUID()),
      reference: new ReferenceCache(options.db),
      // Agents may not write global reference data (currencies, units, rates): the
      // server answers 403, so their engines leave mirroring it to privileged users.
      mayMirror: (map) => this.#session?.role !== undefined && (this.#session.role !== 'agent' || map.keys.some((k) => k.company === true)),
    };
    this.#client = new ODataClient({ baseUrl: options.baseUrl, fetch: options.fetch, token: () => this.#session?.token ?? null, pageSize: options.pageSize ?? 5000 });
    this.#queries = new AccountQueries(this.ctx);
  }

  /** Loads the session and counts; listens for replica changes (this tab's and other tabs'). */
  async open(): Promise<void> {
    await this.ctx.db.open();
    const stored = (await this.ctx.db.meta.get('session'))?.value as StoredSession | undefined;
    this.#session = stored ?? null;
    this.#paused = new Set(((await this.ctx.db.meta.get('pausedMaps'))?.value as string[] | undefined) ?? []);
    await this.#refreshCounts();
    const prefix = `idb://${this.ctx.db.name}/`;
    this.#onMutated = (parts) => {
      const tables = [...new Set(Object.keys(parts).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split('/')[0] as string))];
      if (tables.length === 0) return;
      this.#queries.invalidate(tables);
      this.ctx.reference?.invalidate(tables);
      for (const listener of this.#dataListeners) listener(tables);
      if (tables.some((t) => t === 'outbox' || t === 'errors')) {
        this.#scheduleRecount();
        if (tables.includes('outbox')) this.requestSync();
      }
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
      void this.#refreshCounts().then(() => this.#emit());
      return;
    }
    if (this.#recountTimer !== null) return;
    this.#recountTimer = setTimer(() => {
      this.#recountTimer = null;
      void this.#refreshCounts().then(() => this.#emit());
    }, 250);
  }

  /** This engine now holds (or lost) the sync lock. */
  setLeader(leader: boolean): void {
    this.#leader = leader;
    this.#emit();
    if (leader) {
      this.requestSync();
      this.#schedulePoll();
    }
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
    if (this.#onMutated) Dexie.on('storagemutated').unsubscribe(this.#onMutated);
    await this.#running;
    this.ctx.db.close();
  }

  // ---- session ----

  async signIn(username: string, password: string): Promise<Result<Session>> {
    let response: Response;
    try {
      response = await this.#options.fetch(`${this.#options.baseUrl}/auth/token`, {
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
      const response = await this.#options.fetch(`${this.#options.baseUrl}/auth/me`, { headers: { Authorization: `Bearer ${session.token}` } });
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
      pausedMaps: [...this.#paused],
    };
  }

  #emit(): void {
    const snapshot = this.#snapshot();
    for (const listener of this.#statusListeners) listener(snapshot);
  }

  async #refreshCounts(): Promise<void> {
    this.#pending = await this.ctx.db.outbox.count();
    this.#errors = await this.ctx.db.errors.count();
  }

  // ---- sync loop ----

  /** Syncs now, even if the last request failed for want of network (the button says "try"). */
  async syncNow(): Promise<void> {
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
        await pullAll(this.ctx, this.#client, this.#paused, (_table, rows) => {
          if (this.#bootstrap) {
            this.#bootstrap = { done: this.#bootstrap.done + rows, total: null };
            this.#emit();
          }
        });
        this.#bootstrap = null;
        this.#phase = 'pushing';
        await this.#refreshCounts();
        this.#emit();
        const pushed = await pushAll(this.ctx, this.#client, this.#paused);
        if (pushed > 0) this.#again = true; // pull what the pushes changed (mirrors' echoes)
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
      }
    } while (this.#again);
  }

  async #failed(error: unknown): Promise<void> {
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

  async setMapPaused(mapId: string, paused: boolean): Promise<void> {
    if (paused) this.#paused.add(mapId);
    else this.#paused.delete(mapId);
    await this.ctx.db.meta.put({ name: 'pausedMaps', value: [...this.#paused] });
    this.#emit();
    if (!paused) this.requestSync();
  }

  // ---- data ----

  async listAccounts(query: { search: string; offset: number; limit: number }): Promise<AccountPage> {
    return this.#queries.list(query.search, query.offset, query.limit);
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
  async write(intent: WriteIntent): Promise<Result<{ entryId: number | null }>> {
    try {
      const outcome = await commitWrite(this.ctx, intent);
      // Counted in memory: the agent should not wait on a count() after every save
      // (storagemutated recounts right after, off the agent's path).
      if (outcome.entryId !== null) this.#pending++;
      else await this.#refreshCounts(); // a delete may have cancelled queued creates
      this.#emit();
      this.requestSync();
      return { ok: true, value: { entryId: outcome.entryId } };
    } catch (error) {
      if (error instanceof MapError) return fail(error.code, error.message, { mapId: error.mapId, ...(error.field ? { field: error.field } : {}) });
      if (error instanceof LocalWriteError) return fail(error.code, error.message);
      if (error instanceof Dexie.QuotaExceededError || (error as { name?: string })?.name === 'QuotaExceededError') {
        return fail('STORAGE_FULL', 'The device storage is full: this change was not saved. Nothing queued before was lost. Free space and try again.');
      }
      throw error;
    }
  }

  async errors(): Promise<readonly ErrorEntry[]> {
    const rows = await this.ctx.db.errors.orderBy(':id').reverse().limit(500).toArray();
    return rows.map((r) => ({ id: r.id as number, at: r.at, code: r.code ?? r.kind, message: r.message, mapId: r.mapId ?? null, side: r.side ?? null, set: r.set ?? null, key: r.key ?? null }));
  }

  async dismissError(id: number): Promise<void> {
    await this.ctx.db.errors.delete(id);
  }

  async activity(limit: number): Promise<readonly ActivityEntry[]> {
    const rows = await this.ctx.db.activity.orderBy(':id').reverse().limit(Math.min(limit, 1000)).toArray();
    return rows.map((r) => ({ id: r.id as number, at: r.at, kind: r.kind, message: r.message }));
  }

  // ---- map states, pause / resume / catch-up, queue (map-control.ts) ----

  // ---- initial sync (initial-sync.ts) ----

  // ---- conflicts (conflicts.ts) ----

  // ---- logs (logs.ts) ----

  // ---- alerts and storage (alerts.ts, storage.ts) ----

  /** Tables in the replica (for diagnostics and tests). */
  static readonly tables = REPLICA_TABLES;
}

function fail(code: string, message: string, details?: Record<string, unknown>): { ok: false; error: EngineError } {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}
