/**
 * The engine's API as the app sees it, through comlink from the sync worker
 * (workers/sync.worker.ts). Everything crossing the boundary is plain data; errors come
 * back as `EngineError` values ({code, message, details}), never as thrown class instances.
 */
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
}

export interface AccountSummary {
  readonly accountid: string;
  readonly name: string;
  readonly accountnumber: string | null;
  readonly company: string | null;
  readonly city: string | null;
  readonly telephone: string | null;
  readonly pending: boolean;
}

export interface AccountPage {
  readonly rows: readonly AccountSummary[];
  /** Rows matching the search, for the virtual list's height. */
  readonly total: number;
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

export interface Choice {
  readonly value: string;
  readonly label: string;
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
  setMapPaused(mapId: string, paused: boolean): Promise<void>;

  listAccounts(query: { readonly search: string; readonly offset: number; readonly limit: number }): Promise<AccountPage>;
  getAccount(accountid: string): Promise<AccountDetail | null>;
  /** Edits CRM account fields; the ERP customer is written in the same local transaction. */
  updateAccount(accountid: string, patch: Row): Promise<Result<{ readonly pending: number }>>;
  createCustomer(input: NewCustomer): Promise<Result<{ readonly accountid: string }>>;
  /** Choices for the create form (companies, customer groups per company, currencies). */
  choices(): Promise<{ readonly companies: readonly Choice[]; readonly groups: Readonly<Record<string, readonly Choice[]>>; readonly currencies: readonly Choice[] }>;

  errors(): Promise<readonly ErrorEntry[]>;
  dismissError(id: number): Promise<void>;
  activity(limit: number): Promise<readonly ActivityEntry[]>;

  // ---- map states, pause / resume / catch-up, queue (map-control.ts) ----

  // ---- initial sync (initial-sync.ts) ----

  // ---- conflicts (conflicts.ts) ----

  // ---- logs (logs.ts) ----

  // ---- alerts and storage (alerts.ts, storage.ts) ----
}
