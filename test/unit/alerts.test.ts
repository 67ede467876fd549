/**
 * Alert rules as pure functions: measuring, crossing and clearing (edge-triggered),
 * windows and per-code counts, per-map scopes, and validation with JSON paths.
 */
import { describe, expect, it } from 'vitest';
import type { AlertRule, Observations } from '../../src/engine/alerts.ts';
import { ALL_MAPS, evaluateAlerts, measure, validateAlertRules } from '../../src/engine/alerts.ts';
import { isQuotaError, StorageWatch } from '../../src/engine/storage.ts';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const min = (n: number) => NOW - n * 60_000;

const obs = (over: Partial<Observations> = {}): Observations => ({
  now: NOW,
  errors: [],
  queue: { [ALL_MAPS]: { length: 0, oldestAt: null } },
  conflicts: { [ALL_MAPS]: 0 },
  lastSyncAt: NOW,
  storagePercent: 10,
  ...over,
});

const rule = (over: Partial<AlertRule> & Pick<AlertRule, 'metric' | 'threshold'>): AlertRule => ({ id: `r-${over.metric}`, name: `Rule ${over.metric}`, action: 'notify', enabled: true, ...over });

const err = (minutesAgo: number, code: string, mapId: string | null = null) => ({ at: min(minutesAgo), code, mapId });

describe('measuring', () => {
  it('counts errors inside the window only, by code and by map', () => {
    const errors = [err(1, 'ReferenceNotFound', 'customers-accounts'), err(5, 'ReferenceNotFound', 'contacts'), err(9, 'Forbidden', 'customers-accounts'), err(11, 'ReferenceNotFound', 'customers-accounts')];
    const o = obs({ errors });
    expect(measure(rule({ metric: 'errors', threshold: 1, windowMinutes: 10 }), o)).toBe(3);
    expect(measure(rule({ metric: 'errors', threshold: 1, windowMinutes: 10, errorCode: 'ReferenceNotFound' }), o)).toBe(2);
    expect(measure(rule({ metric: 'errors', threshold: 1, windowMinutes: 10, errorCode: 'ReferenceNotFound', mapId: 'customers-accounts' }), o)).toBe(1);
    expect(measure(rule({ metric: 'errors', threshold: 1, windowMinutes: 60, mapId: 'customers-accounts' }), o)).toBe(3);
    expect(measure(rule({ metric: 'errors', threshold: 1, windowMinutes: 4 }), o)).toBe(1);
  });

  it('reads queue length and age, sync lag, conflicts and storage in their units', () => {
    const o = obs({ queue: { [ALL_MAPS]: { length: 7, oldestAt: min(30) }, contacts: { length: 2, oldestAt: min(90) } }, conflicts: { [ALL_MAPS]: 4 }, lastSyncAt: min(45), storagePercent: 97.5 });
    expect(measure(rule({ metric: 'queue-length', threshold: 5 }), o)).toBe(7);
    expect(measure(rule({ metric: 'queue-length', threshold: 5, mapId: 'contacts' }), o)).toBe(2);
    expect(measure(rule({ metric: 'queue-age', threshold: 5 }), o)).toBe(30);
    expect(measure(rule({ metric: 'queue-age', threshold: 5, mapId: 'contacts' }), o)).toBe(90);
    expect(measure(rule({ metric: 'queue-age', threshold: 5 }), obs())).toBe(0); // empty queue: no age
    expect(measure(rule({ metric: 'sync-lag', threshold: 5 }), o)).toBe(45);
    expect(measure(rule({ metric: 'conflicts', threshold: 5 }), o)).toBe(4);
    expect(measure(rule({ metric: 'storage', threshold: 90 }), o)).toBe(97.5);
  });

  it('says "unknown" rather than zero when it cannot measure', () => {
    expect(measure(rule({ metric: 'sync-lag', threshold: 5 }), obs({ lastSyncAt: null }))).toBeNull();
    expect(measure(rule({ metric: 'storage', threshold: 5 }), obs({ storagePercent: null }))).toBeNull();
    expect(measure(rule({ metric: 'queue-length', threshold: 5, mapId: 'never-observed' }), obs())).toBeNull();
  });
});

describe('evaluating', () => {
  const queueRule = rule({ metric: 'queue-length', threshold: 3, id: 'q' });
  const queued = (length: number) => obs({ queue: { [ALL_MAPS]: { length, oldestAt: min(1) } } });

  it('fires once when a rule crosses its threshold, not again while above, and clears when below', () => {
    let active = new Set<string>();
    const step = (length: number) => {
      const out = evaluateAlerts([queueRule], queued(length), active);
      active = new Set(out.active);
      return { fired: out.fired.map((f) => f.value), cleared: out.cleared };
    };
    expect(step(2)).toEqual({ fired: [], cleared: [] });
    expect(step(3)).toEqual({ fired: [3], cleared: [] }); // at the threshold counts
    expect(step(9)).toEqual({ fired: [], cleared: [] });
    expect(step(4)).toEqual({ fired: [], cleared: [] });
    expect(step(1)).toEqual({ fired: [], cleared: ['q'] });
    expect(step(1)).toEqual({ fired: [], cleared: [] });
    expect(step(5)).toEqual({ fired: [5], cleared: [] }); // a second crossing fires again
  });

  it('fires an errors rule as errors enter its window and clears it as they leave', () => {
    const r = rule({ metric: 'errors', threshold: 2, windowMinutes: 10, errorCode: 'ReferenceNotFound', id: 'e' });
    const first = evaluateAlerts([r], obs({ errors: [err(2, 'ReferenceNotFound'), err(3, 'Forbidden'), err(4, 'Forbidden')] }), new Set());
    expect(first.fired).toEqual([]);
    const second = evaluateAlerts([r], obs({ errors: [err(1, 'ReferenceNotFound'), err(2, 'ReferenceNotFound')] }), new Set(first.active));
    expect(second.fired.map((f) => f.message)).toEqual(['2 errors ReferenceNotFound in 10 min (threshold 2)']);
    const later = evaluateAlerts([r], obs({ now: NOW + 9 * 60_000, errors: [err(1, 'ReferenceNotFound'), err(2, 'ReferenceNotFound')] }), new Set(second.active));
    expect(later.cleared).toEqual(['e']);
  });

  it('keeps the state when a value cannot be measured, and clears disabled or removed rules', () => {
    const lag = rule({ metric: 'sync-lag', threshold: 10, id: 'lag' });
    const fired = evaluateAlerts([lag], obs({ lastSyncAt: min(20) }), new Set());
    expect(fired.fired.map((f) => f.rule.id)).toEqual(['lag']);
    expect(evaluateAlerts([lag], obs({ lastSyncAt: null }), new Set(fired.active))).toEqual({ fired: [], cleared: [], active: ['lag'] });
    expect(evaluateAlerts([{ ...lag, enabled: false }], obs({ lastSyncAt: min(20) }), new Set(['lag']))).toEqual({ fired: [], cleared: ['lag'], active: [] });
    expect(evaluateAlerts([], obs(), new Set(['lag']))).toEqual({ fired: [], cleared: ['lag'], active: [] });
    expect(evaluateAlerts([{ ...lag, enabled: false }], obs({ lastSyncAt: min(20) }), new Set()).fired).toEqual([]);
  });

  it('names the map, the measure and the threshold in the message', () => {
    const out = evaluateAlerts([rule({ metric: 'storage', threshold: 90, mapId: 'contacts', action: 'pause' }), rule({ metric: 'queue-age', threshold: 15, id: 'age' })], obs({ storagePercent: 93.26, queue: { [ALL_MAPS]: { length: 1, oldestAt: min(16.5) } } }), new Set());
    expect(out.fired.map((f) => f.message)).toEqual(['contacts: storage 93.3% full (threshold 90)', 'oldest queued change 16 min old (threshold 15)']);
  });
});

describe('validation', () => {
  const maps = new Set(['customers-accounts', 'contacts']);
  const good: AlertRule[] = [
    { id: 'errors-10', name: 'Refusals', metric: 'errors', errorCode: 'ReferenceNotFound', windowMinutes: 10, threshold: 3, mapId: 'customers-accounts', action: 'pause', enabled: true },
    { id: 'queue', name: 'Queue', metric: 'queue-length', threshold: 100, action: 'notify', enabled: true },
    { id: 'disk', name: 'Disk', metric: 'storage', threshold: 92.5, action: 'notify', enabled: false },
  ];

  it('accepts good rules and returns a fresh copy', () => {
    const check = validateAlertRules(good, maps);
    expect(check).toEqual({ ok: true, rules: good });
    if (check.ok) expect(check.rules[0]).not.toBe(good[0]);
  });

  const cases: [string, unknown, string, string, RegExp][] = [
    ['a threshold of the wrong type', [good[0], good[1], { ...good[2], threshold: '90' }], 'ALERT_RULE_INVALID', '$.rules[2].threshold', /expected a number/],
    ['a storage percent over 100', [good[0], good[1], { ...good[2], threshold: 120 }], 'ALERT_RULE_INVALID', '$.rules[2].threshold', /outside 1..100/],
    ['a fractional count', [{ ...good[1], threshold: 2.5 }], 'ALERT_RULE_INVALID', '$.rules[0].threshold', /integer/],
    ['an unknown metric', [{ ...good[1], metric: 'cpu' }], 'ALERT_RULE_INVALID', '$.rules[0].metric', /unknown metric "cpu"/],
    ['a window on a queue rule', [{ ...good[1], windowMinutes: 5 }], 'ALERT_RULE_INVALID', '$.rules[0].windowMinutes', /unknown key/],
    ['an errors rule without a window', [{ ...good[0], windowMinutes: undefined }], 'ALERT_RULE_INVALID', '$.rules[0].windowMinutes', /required/],
    ['an unknown action', [{ ...good[1], action: 'explode' }], 'ALERT_RULE_INVALID', '$.rules[0].action', /not one of notify, pause, stop/],
    ['a missing enabled flag', [{ ...good[1], enabled: undefined }], 'ALERT_RULE_INVALID', '$.rules[0].enabled', /required/],
    ['prototype pollution', [JSON.parse('{"__proto__": {"x": 1}, "id": "a"}')], 'ALERT_RULE_INVALID', '$.rules[0].__proto__', /refused/],
    ['not a list', { rules: [] }, 'ALERT_RULE_INVALID', '$.rules', /expected an array/],
    ['a duplicate id', [good[1], { ...good[2], id: 'queue' }], 'ALERT_RULE_DUPLICATE_ID', '$.rules[1].id', /already has the id "queue"/],
    ['an unknown map', [{ ...good[1], mapId: 'nope' }], 'ALERT_RULE_UNKNOWN_MAP', '$.rules[0].mapId', /no map "nope"/],
    ['pause without a map', [{ ...good[1], action: 'pause' }], 'ALERT_RULE_NO_MAP', '$.rules[0].action', /needs the map/],
  ];

  it.each(cases)('refuses %s with its code and path', (_name, input, code, path, message) => {
    const check = validateAlertRules(input, maps);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toContainEqual(expect.objectContaining({ code, path, message: expect.stringMatching(message) }));
  });
});

describe('storage watch', () => {
  const probe = (percent: { value: number | null }) => ({
    estimate: async () => (percent.value === null ? null : { usage: percent.value, quota: 100 }),
    persisted: async () => true,
  });

  it('is full over the limit, and after a quota error until a write goes through', async () => {
    const percent = { value: 50 as number | null };
    let changes = 0;
    const watch = new StorageWatch(probe(percent), 90, () => changes++);
    expect(await watch.refresh()).toEqual({ usage: 50, quota: 100, percent: 50, persisted: true, full: false, fullPercent: 90 });
    percent.value = 95;
    expect((await watch.refresh()).full).toBe(true);
    expect(await watch.admits()).toBe(false);
    percent.value = 40;
    expect(await watch.admits()).toBe(true);
    expect(watch.full).toBe(false);
    watch.quotaHit();
    expect(watch.full).toBe(true);
    expect(await watch.admits()).toBe(true); // a probe write may try
    watch.wrote();
    expect(watch.full).toBe(false);
    expect(changes).toBe(4);
  });

  it('recognises QuotaExceededError as the browser, Dexie and an abort report it', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('boom'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
