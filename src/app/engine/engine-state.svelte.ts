/**
 * The one bridge from the sync engine into Svelte (STYLE.md #10).
 *
 * It holds `$state.raw` snapshots — the engine's status and the signed-in session — that
 * are replaced whole on every change, never mutated. `connect()` subscribes to the
 * engine and returns the teardown, so an `$effect(() => state.connect())` owns the
 * subscription's lifetime. Data-change notifications are fanned out to screens through
 * `onData`, which returns its own teardown in the same way.
 *
 * When the page hears the browser come back online it asks the engine to sync at once:
 * a dedicated worker does not always get the 'online' event itself (Chromium's network
 * emulation, for one, only tells the page), and a queued write should not wait for a
 * backoff timer when the network is plainly back. Likewise, when the page hears the
 * network go, it tells the engine, so the status says offline at once.
 */
import type { EngineApi, EngineStatus, Result, Session, SetupState } from '../../engine/api.ts';

type Tables = readonly string[];

export class EngineState {
  status = $state.raw<EngineStatus | null>(null);
  session = $state.raw<Session | null>(null);
  /** This device's setup (server, and whether an admin finished first-run setup); null until read. */
  setup = $state.raw<SetupState | null>(null);
  /** False until the engine has said whether someone is signed in. */
  ready = $state(false);
  /**
   * Who was signed in last in this page, to prefill a sign-in again. Only in memory: the
   * engine answers no session once the token is gone, and the app stores nothing itself.
   */
  lastUsername = $state('');
  /** Set when the worker cannot run: the app cannot work without it. */
  failure = $state<string | null>(null);

  readonly engine: EngineApi;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a listener registry, not state
  readonly #dataListeners = new Set<(tables: Tables) => void>();
  readonly #browser: EventTarget | null;

  /** `browser` is where 'online' events come from (the window; absent in tests). */
  constructor(engine: EngineApi, browser: EventTarget | null = typeof window === 'undefined' ? null : window) {
    this.engine = engine;
    this.#browser = browser;
  }

  /** Whether the signed-in user is an admin (the sync center is theirs). */
  get isAdmin(): boolean {
    return this.status?.role === 'admin';
  }

  /** An admin on a device where first-run setup was neither finished nor put off. */
  get needsSetup(): boolean {
    return this.isAdmin && this.setup !== null && this.setup.completedAt === null;
  }

  async refreshSetup(): Promise<void> {
    try {
      this.setup = await this.engine.setup();
    } catch {
      // An engine without setup (an old worker still running): no wizard, nothing lost.
    }
  }

  get pending(): number {
    return this.status?.pending ?? 0;
  }

  /** The engine needs a new sign-in (no session, or it expired) — whether work is queued or not. */
  get needsSignIn(): boolean {
    return this.ready && (this.session === null || this.status?.needsSignIn === true);
  }

  /**
   * Whether to show the sign-in screen instead of the app: only when nobody is signed in
   * and nothing is waiting to be sent. With queued work the agent keeps working and a
   * banner asks them to sign in again (a lapsed token never costs a queued write).
   */
  get showSignIn(): boolean {
    return this.ready && this.session === null && this.pending === 0;
  }

  connect(): () => void {
    let closed = false;
    const offs: Array<() => void> = [];
    const hold = (subscription: Promise<() => void>) =>
      subscription.then(
        (off) => (closed ? off() : offs.push(off)),
        (error: unknown) => this.#fail(error),
      );
    hold(this.engine.onStatus((status) => !closed && this.#setStatus(status)));
    hold(this.engine.onData((tables) => !closed && this.#emitData(tables)));
    this.engine.status().then(
      (status) => !closed && this.status === null && this.#setStatus(status),
      (error: unknown) => this.#fail(error),
    );
    void this.refreshSession();
    void this.refreshSetup();
    const backOnline = () => void this.engine.syncNow().catch((error: unknown) => this.#fail(error));
    const wentOffline = () => void this.engine.networkLost().catch((error: unknown) => this.#fail(error));
    this.#browser?.addEventListener('online', backOnline);
    this.#browser?.addEventListener('offline', wentOffline);
    return () => {
      closed = true;
      this.#browser?.removeEventListener('online', backOnline);
      this.#browser?.removeEventListener('offline', wentOffline);
      for (const off of offs.splice(0)) off();
    };
  }

  /** Subscribes a screen to replica changes; the returned function unsubscribes. */
  onData(listener: (tables: Tables) => void): () => void {
    this.#dataListeners.add(listener);
    return () => this.#dataListeners.delete(listener);
  }

  async refreshSession(): Promise<void> {
    try {
      this.#setSession(await this.engine.session());
      this.ready = true;
    } catch (error) {
      this.#fail(error);
    }
  }

  async signIn(username: string, password: string): Promise<Result<Session>> {
    const result = await this.engine.signIn(username, password);
    if (result.ok) {
      this.#setSession(result.value);
      this.ready = true;
    }
    return result;
  }

  async signOut(): Promise<void> {
    await this.engine.signOut();
    this.session = null;
  }

  #setSession(session: Session | null): void {
    this.session = session;
    if (session) this.lastUsername = session.username;
  }

  #setStatus(status: EngineStatus): void {
    const previous = this.status;
    this.status = status;
    const sessionMayHaveChanged =
      previous !== null && (previous.needsSignIn !== status.needsSignIn || (previous.phase === 'signed-out') !== (status.phase === 'signed-out'));
    if (sessionMayHaveChanged) void this.refreshSession();
  }

  #emitData(tables: Tables): void {
    for (const listener of this.#dataListeners) listener(tables);
  }

  #fail(error: unknown): void {
    this.failure ??= error instanceof Error ? error.message : String(error);
  }
}
