/**
 * Alert rules: validation and evaluation, both pure (the engine collects the
 * observations and stores the firings: alert-monitor.ts).
 *
 * A rule watches one measure — errors of a code in a window, queue length, age of the
 * oldest queued change, sync lag, open conflicts, storage used — against a threshold,
 * for one map or for all. Each rule is edge-triggered:
 *
 *            value ≥ threshold (fires: stored, notified, action run)
 *   clear ──────────────────────────────────────────────────────────▶ active
 *     ▲                                                                  │
 *     └────────── value < threshold, rule disabled or removed ───────────┘
 *
 * so a rule fires once when it crosses, not on every evaluation while above. A value
 * that cannot be measured (no storage estimate, never synced) leaves the state as it is.
 */
import { ALERT_RULE, ALERT_RULES_MAX } from '../core/maps/package-schema.ts';
import type { Shape } from '../core/maps/package-schema.ts';
import { parseShaped } from '../core/maps/package-parse.ts';
import type { AlertRule } from '../core/maps/package.ts';

export type { AlertRule } from '../core/maps/package.ts';
export type AlertMetric = AlertRule['metric'];

/** A firing of a rule, as stored in the `alerts` store and sent to listeners (plain data). */
export interface AlertRecord {
  readonly id: number;
  readonly ruleId: string;
  readonly name: string;
  readonly metric: AlertMetric;
  /** The measured value when the rule fired, in the threshold's unit. */
  readonly value: number;
  readonly threshold: number;
  readonly mapId: string | null;
  readonly action: AlertRule['action'];
  readonly message: string;
  readonly firedAt: string;
  /** When the value went back under the threshold. */
  readonly clearedAt: string | null;
  readonly acknowledgedAt: string | null;
}

export interface AlertPage {
  readonly rows: readonly AlertRecord[];
  readonly total: number;
}

/** What the rules are measured against, collected by the engine at one instant. */
export interface Observations {
  /** Epoch milliseconds. */
  readonly now: number;
  /** Errors at least as recent as the longest errors window (older ones may be absent). */
  readonly errors: readonly { readonly at: number; readonly code: string; readonly mapId: string | null }[];
  /** Per scope — ALL_MAPS or a map id — queued changes and when the oldest was queued. */
  readonly queue: Readonly<Record<string, { readonly length: number; readonly oldestAt: number | null }>>;
  /** Per scope: conflicts waiting for a person. */
  readonly conflicts: Readonly<Record<string, number>>;
  readonly lastSyncAt: number | null;
  /** Percent of the storage quota in use; null when the browser does not say. */
  readonly storagePercent: number | null;
}

/** The scope key of a rule that watches every map. */
export const ALL_MAPS = '*';
export const scopeOf = (rule: AlertRule): string => rule.mapId ?? ALL_MAPS;

const MINUTE = 60_000;

/** The rule's current value in its own unit (count, minutes, percent), or null if unknown. */
export function measure(rule: AlertRule, obs: Observations): number | null {
  switch (rule.metric) {
    case 'errors': {
      const since = obs.now - (rule.windowMinutes ?? 0) * MINUTE;
      return obs.errors.filter((e) => e.at > since && (rule.errorCode === undefined || e.code === rule.errorCode) && (rule.mapId === undefined || e.mapId === rule.mapId)).length;
    }
    case 'queue-length':
      return obs.queue[scopeOf(rule)]?.length ?? null;
    case 'queue-age': {
      const queue = obs.queue[scopeOf(rule)];
      if (queue === undefined) return null;
      return queue.oldestAt === null ? 0 : Math.max(0, (obs.now - queue.oldestAt) / MINUTE);
    }
    case 'sync-lag':
      return obs.lastSyncAt === null ? null : Math.max(0, (obs.now - obs.lastSyncAt) / MINUTE);
    case 'conflicts':
      return obs.conflicts[scopeOf(rule)] ?? null;
    case 'storage':
      return obs.storagePercent;
  }
}

export interface Firing {
  readonly rule: AlertRule;
  readonly value: number;
  readonly message: string;
}

export interface Evaluation {
  readonly fired: readonly Firing[];
  /** Ids of rules that were active and are not any more. */
  readonly cleared: readonly string[];
  /** Ids of the rules above their threshold after this evaluation. */
  readonly active: readonly string[];
}

/** One evaluation step: which rules crossed their threshold, which cleared. */
export function evaluateAlerts(rules: readonly AlertRule[], obs: Observations, active: ReadonlySet<string>): Evaluation {
  const fired: Firing[] = [];
  const cleared: string[] = [];
  const next: string[] = [];
  for (const rule of rules) {
    const was = active.has(rule.id);
    const value = rule.enabled ? measure(rule, obs) : null;
    const above = value === null ? was && rule.enabled : value >= rule.threshold;
    if (above) next.push(rule.id);
    if (above && !was && value !== null) fired.push({ rule, value, message: describe(rule, value) });
    if (!above && was) cleared.push(rule.id);
  }
  const known = new Set(rules.map((r) => r.id));
  for (const id of active) if (!known.has(id)) cleared.push(id);
  return { fired, cleared, active: next };
}

const UNITS: Record<AlertMetric, (n: number) => string> = {
  errors: (n) => `${n} error${n === 1 ? '' : 's'}`,
  'queue-length': (n) => `${n} change${n === 1 ? '' : 's'} queued`,
  'queue-age': (n) => `oldest queued change ${Math.floor(n)} min old`,
  'sync-lag': (n) => `last sync ${Math.floor(n)} min ago`,
  conflicts: (n) => `${n} conflict${n === 1 ? '' : 's'} waiting`,
  storage: (n) => `storage ${Math.round(n * 10) / 10}% full`,
};

/** "customers-accounts: 3 errors ReferenceNotFound in 10 min (threshold 3)" */
export function describe(rule: AlertRule, value: number): string {
  const what = rule.metric === 'errors' ? `${UNITS.errors(value)}${rule.errorCode ? ` ${rule.errorCode}` : ''} in ${rule.windowMinutes} min` : UNITS[rule.metric](value);
  return `${rule.mapId ? `${rule.mapId}: ` : ''}${what} (threshold ${rule.threshold})`;
}

// ---- validation ----

export interface RuleProblem {
  readonly code: string;
  readonly message: string;
  /** JSON path into the saved document, e.g. `$.rules[2].threshold`. */
  readonly path: string;
}

export type RulesCheck = { readonly ok: true; readonly rules: AlertRule[] } | { readonly ok: false; readonly problems: RuleProblem[] };

const RULES_DOCUMENT: Shape = { t: 'object', props: { rules: { t: 'array', of: ALERT_RULE, max: ALERT_RULES_MAX } }, required: ['rules'] };

/**
 * Checks rules as untrusted data (the defensive package parser, so a rule in a package
 * and a rule saved from the UI pass the same checks), then what the shape cannot say:
 * unique ids, known maps, and a map to act on for 'pause' and 'stop'.
 */
export function validateAlertRules(input: unknown, mapIds: ReadonlySet<string>): RulesCheck {
  const parsed = parseShaped<{ rules: AlertRule[] }>({ rules: input }, RULES_DOCUMENT);
  if (!parsed.ok) return { ok: false, problems: parsed.errors.map((e) => ({ code: 'ALERT_RULE_INVALID', message: e.message, path: e.path ?? '$.rules' })) };
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  parsed.value.rules.forEach((rule, i) => {
    const at = `$.rules[${i}]`;
    if (seen.has(rule.id)) problems.push({ code: 'ALERT_RULE_DUPLICATE_ID', message: `${at}.id: another rule already has the id "${rule.id}"`, path: `${at}.id` });
    seen.add(rule.id);
    if (rule.mapId !== undefined && !mapIds.has(rule.mapId)) problems.push({ code: 'ALERT_RULE_UNKNOWN_MAP', message: `${at}.mapId: no map "${rule.mapId}" is installed`, path: `${at}.mapId` });
    if (rule.action !== 'notify' && rule.mapId === undefined) problems.push({ code: 'ALERT_RULE_NO_MAP', message: `${at}.action: '${rule.action}' needs the map to act on (mapId)`, path: `${at}.action` });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules: parsed.value.rules };
}
