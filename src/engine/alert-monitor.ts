/**
 * The engine's side of alerts: rules kept in `meta`, observations read from the replica,
 * firings stored in the `alerts` store and delivered to listeners, actions run on maps.
 *
 *   evaluate()   (the syncing engine only: after each sync round, on a timer, on demand)
 *                observe → evaluateAlerts (pure, alerts.ts) → store firings and the set
 *                of active rules in one transaction → run 'pause' / 'stop' → deliver
 *   deliver()    (every engine, also on `storagemutated` of `alerts` from another tab)
 *                emits the stored alerts newer than the last one this engine emitted,
 *                so each tab hears each firing once, whichever tab evaluated
 *
 * The active set is stored, so a reload or a new leader does not fire again for a rule
 * that is still above its threshold.
 */
import type { Result } from './api.ts';
import type { AlertPage, AlertRecord, AlertRule, Observations } from './alerts.ts';
import { ALL_MAPS, evaluateAlerts, scopeOf, validateAlertRules } from './alerts.ts';
import type { EngineContext } from './context.ts';
import { appendLog } from './context.ts';
import { isQuotaError } from './storage.ts';

/** What alerts may do to maps; the engine passes its map controls in. */
export interface MapControl {
  pause(mapIds: readonly string[]): Promise<void>;
  stop(mapIds: readonly string[]): Promise<void>;
}

export interface AlertMonitorDeps {
  readonly control: MapControl;
  /** Percent of the quota in use (a fresh estimate), or null. */
  readonly storagePercent: () => Promise<number | null>;
  readonly lastSyncAt: () => string | null;
}

const RULES = 'alertRules';
const ACTIVE = 'alertsActive';

type Stored = Omit<AlertRecord, 'id'> & { id?: number };

export class AlertMonitor {
  readonly #ctx: EngineContext;
  readonly #deps: AlertMonitorDeps;
  readonly #listeners = new Set<(alert: AlertRecord) => void>();
  /** The newest alert id already emitted (or existing when this engine opened). */
  #seen = 0;
  /** Evaluations and deliveries run one at a time. */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(ctx: EngineContext, deps: AlertMonitorDeps) {
    this.#ctx = ctx;
    this.#deps = deps;
  }

  async open(): Promise<void> {
    this.#seen = ((await this.#ctx.db.table('alerts').orderBy(':id').lastKey()) as number | undefined) ?? 0;
  }

  async rules(): Promise<AlertRule[]> {
    return ((await this.#ctx.db.meta.get(RULES))?.value as AlertRule[] | undefined) ?? [];
  }

  async saveRules(input: unknown): Promise<Result<readonly AlertRule[]>> {
    const check = validateAlertRules(input, new Set(this.#ctx.maps.map((m) => m.id)));
    if (!check.ok) {
      const first = check.problems[0];
      const more = check.problems.length > 1 ? ` (and ${check.problems.length - 1} more)` : '';
      return { ok: false, error: { code: 'ALERT_RULES_INVALID', message: `The alert rules were not saved: ${first?.message ?? 'invalid'}${more}`, details: { problems: check.problems } } };
    }
    await this.#ctx.db.meta.put({ name: RULES, value: check.rules });
    return { ok: true, value: check.rules };
  }

  async list(offset: number, limit: number): Promise<AlertPage> {
    const table = this.#table();
    const rows = await table.orderBy(':id').reverse().offset(Math.max(0, offset)).limit(Math.min(Math.max(0, limit), 1000)).toArray();
    return { rows: rows as AlertRecord[], total: await table.count() };
  }

  async acknowledge(id: number): Promise<Result<AlertRecord>> {
    const table = this.#table();
    const at = this.#ctx.now().toISOString();
    const updated = await this.#ctx.db.transaction('rw', table, async () => {
      const row = await table.get(id);
      if (!row) return null;
      const next = { ...row, acknowledgedAt: row.acknowledgedAt ?? at };
      await table.put(next);
      return next as AlertRecord;
    });
    return updated ? { ok: true, value: updated } : { ok: false, error: { code: 'NOT_FOUND', message: `There is no alert ${id}.` } };
  }

  onAlert(listener: (alert: AlertRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Evaluates every rule now; returns the alerts this evaluation fired. */
  evaluate(): Promise<readonly AlertRecord[]> {
    return this.#serial(() => this.#evaluate());
  }

  /** Emits stored alerts this engine has not emitted yet. */
  deliver(): Promise<void> {
    return this.#serial(() => this.#deliver()).then(() => undefined);
  }

  async #evaluate(): Promise<AlertRecord[]> {
    const rules = await this.rules();
    const active = new Set(((await this.#ctx.db.meta.get(ACTIVE))?.value as string[] | undefined) ?? []);
    if (rules.length === 0 && active.size === 0) return [];
    const outcome = evaluateAlerts(rules, await this.#observe(rules), active);
    const at = this.#ctx.now().toISOString();
    const records: Stored[] = outcome.fired.map(({ rule, value, message }) => ({
      ruleId: rule.id,
      name: rule.name,
      metric: rule.metric,
      value,
      threshold: rule.threshold,
      mapId: rule.mapId ?? null,
      action: rule.action,
      message,
      firedAt: at,
      clearedAt: null,
      acknowledgedAt: null,
    }));
    let stored: AlertRecord[];
    try {
      stored = await this.#store(records, outcome.cleared, outcome.active, at);
    } catch (error) {
      // Storage full (a storage rule may be what fired): tell the listeners anyway.
      if (!isQuotaError(error)) throw error;
      stored = records.map((r) => ({ ...r, id: 0 }));
      for (const alert of stored) this.#emit(alert);
    }
    for (const firing of outcome.fired) await this.#act(firing.rule);
    await this.#deliver();
    return stored;
  }

  async #store(records: Stored[], cleared: readonly string[], active: readonly string[], at: string): Promise<AlertRecord[]> {
    const table = this.#table();
    return this.#ctx.db.transaction('rw', [table, this.#ctx.db.meta], async () => {
      const out: AlertRecord[] = [];
      for (const record of records) out.push({ ...record, id: await table.add(record) } as AlertRecord);
      for (const ruleId of cleared) {
        const open = (await table.where('ruleId').equals(ruleId).toArray()).reverse().find((r) => r.clearedAt === null);
        if (open) await table.put({ ...open, clearedAt: at });
      }
      await this.#ctx.db.meta.put({ name: ACTIVE, value: active });
      return out;
    });
  }

  async #act(rule: AlertRule): Promise<void> {
    if (rule.action === 'notify' || rule.mapId === undefined) return;
    const done = rule.action === 'pause' ? 'paused' : 'stopped';
    try {
      await (rule.action === 'pause' ? this.#deps.control.pause([rule.mapId]) : this.#deps.control.stop([rule.mapId]));
      await appendLog(this.#ctx, 'activity', { kind: 'alert', message: `Alert "${rule.name}": map ${rule.mapId} ${done}.`, mapId: rule.mapId });
    } catch (error) {
      const message = `Alert "${rule.name}": map ${rule.mapId} could not be ${done}: ${error instanceof Error ? error.message : String(error)}`;
      await appendLog(this.#ctx, 'errors', { kind: 'alert', code: 'ALERT_ACTION_FAILED', message, mapId: rule.mapId }).catch(() => undefined);
    }
  }

  async #deliver(): Promise<void> {
    const fresh = (await this.#table().where(':id').above(this.#seen).toArray()) as AlertRecord[];
    for (const alert of fresh) {
      this.#seen = Math.max(this.#seen, alert.id);
      this.#emit(alert);
    }
  }

  #emit(alert: AlertRecord): void {
    for (const listener of this.#listeners) {
      try {
        listener(alert);
      } catch {
        // A listener's failure (a closed tab's proxy) is not the engine's.
      }
    }
  }

  /** Reads only what the enabled rules measure. */
  async #observe(rules: readonly AlertRule[]): Promise<Observations> {
    const now = this.#ctx.now().getTime();
    const enabled = rules.filter((r) => r.enabled);
    const scopes = (metrics: readonly string[]) => [...new Set(enabled.filter((r) => metrics.includes(r.metric)).map(scopeOf))];
    const windows = enabled.filter((r) => r.metric === 'errors').map((r) => r.windowMinutes ?? 0);
    const lastSync = this.#deps.lastSyncAt();
    return {
      now,
      errors: windows.length > 0 ? await this.#recentErrors(now - Math.max(...windows) * 60_000) : [],
      queue: Object.fromEntries(await Promise.all(scopes(['queue-length', 'queue-age']).map(async (s) => [s, await this.#queue(s)] as const))),
      conflicts: Object.fromEntries(await Promise.all(scopes(['conflicts']).map(async (s) => [s, await this.#openConflicts(s)] as const))),
      lastSyncAt: lastSync === null ? null : Date.parse(lastSync),
      storagePercent: enabled.some((r) => r.metric === 'storage') ? await this.#deps.storagePercent() : null,
    };
  }

  /** Errors newer than `since`, newest first (ids grow with time, so stop at the first older one). */
  async #recentErrors(since: number): Promise<Observations['errors']> {
    const rows = await this.#ctx.db.errors
      .orderBy(':id')
      .reverse()
      .until((e) => Date.parse(e.at) <= since)
      .toArray();
    return rows.map((e) => ({ at: Date.parse(e.at), code: e.code ?? e.kind, mapId: e.mapId ?? null }));
  }

  /**
   * Outbox entries (an entry belongs to a map when one of its ops was derived by it) plus
   * the items the `queue` store holds for paused maps and for catch-up.
   */
  async #queue(scope: string): Promise<Observations['queue'][string]> {
    const db = this.#ctx.db;
    const held = db.table('queue');
    let length = 0;
    let oldest: number | null = null;
    const see = (at: unknown) => {
      const t = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : NaN;
      if (Number.isFinite(t)) oldest = oldest === null ? t : Math.min(oldest, t);
    };
    if (scope === ALL_MAPS) {
      length = (await db.outbox.count()) + (await held.count());
      see((await db.outbox.orderBy(':id').first())?.createdAt);
      see(queuedAt(await held.orderBy(':id').first()));
    } else {
      await db.outbox.each((entry) => {
        if (!entry.ops.some((op) => op.mapId === scope)) return;
        length++;
        see(entry.createdAt);
      });
      const items = await held.where('mapId').equals(scope).toArray();
      length += items.length;
      for (const item of items) see(queuedAt(item));
    }
    return { length, oldestAt: oldest };
  }

  async #openConflicts(scope: string): Promise<number> {
    const open = this.#ctx.db.table('conflicts').where('status').equals('open');
    return scope === ALL_MAPS ? open.count() : open.filter((c: { mapId?: unknown }) => c.mapId === scope).count();
  }

  #table() {
    return this.#ctx.db.table<Stored, number>('alerts');
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => undefined);
    return run;
  }
}

/** When a held item was queued: the queue store's items are the map-control's; read defensively. */
function queuedAt(item: unknown): unknown {
  if (typeof item !== 'object' || item === null) return undefined;
  const r = item as Record<string, unknown>;
  return r['queuedAt'] ?? r['createdAt'] ?? r['at'];
}
