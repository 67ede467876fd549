/** The sync center's rune classes against fake engines: what each action sends and what the screen then shows. */
import { describe, expect, it } from 'vitest';
import type { AlertRule, ConflictEntry, ConflictResolution, MapStatus, Result } from '../../src/engine/api.ts';
import { ConflictsScreen } from '../../src/app/sync-center/conflicts/conflicts-screen.svelte.ts';
import type { ConflictsApi } from '../../src/app/sync-center/conflicts/conflicts-screen.svelte.ts';
import { AlertsScreen } from '../../src/app/sync-center/alerts/alerts-screen.svelte.ts';
import type { AlertsApi } from '../../src/app/sync-center/alerts/alerts-screen.svelte.ts';
import { MapsScreen } from '../../src/app/sync-center/maps/maps-screen.svelte.ts';
import type { MapsApi } from '../../src/app/sync-center/maps/maps-screen.svelte.ts';
import { summarize } from '../../src/app/sync-center/logs/logs-screen.svelte.ts';
import { queueQuery } from '../../src/app/sync-center/queue/queue-screen.svelte.ts';

const status = (id: string, state: MapStatus['state'], dependsOn: string[] = [], queued = 0): MapStatus => ({ id, name: id, state, dependsOn, queued, catchUpItems: 0, pendingWrites: 0, catchUp: null });
const ok = <T>(value: T): Result<T> => ({ ok: true, value });

function fakeMaps() {
  const calls: unknown[][] = [];
  const maps = [status('companies', 'stopped'), status('customers', 'stopped', ['companies'], 4)];
  const api: MapsApi = {
    mapStatuses: async () => maps,
    startMaps: async (ids, options) => {
      calls.push(['start', ids, options]);
      if (!options?.withDependencies) return { ok: false, error: { code: 'MAP_DEPENDENCIES_NOT_RUNNING', message: 'Start companies first', details: { needs: ['companies'] } } };
      return ok({ companies: 'running', customers: 'running' });
    },
    pauseMaps: async (ids) => (calls.push(['pause', ids]), ok({})),
    stopMaps: async (ids) => (calls.push(['stop', ids]), ok({})),
    resumeMaps: async (ids, mode, confirm) => (calls.push(['resume', ids, mode, confirm]), ok({})),
  };
  return { api, calls };
}

describe('maps screen', () => {
  it('offers to start with the dependencies a refused start names', async () => {
    const { api, calls } = fakeMaps();
    const screen = new MapsScreen(api);
    await screen.load();
    screen.toggle('customers');
    await screen.start();
    expect(screen.needs).toEqual(['companies']);
    expect(screen.problem).toContain('MAP_DEPENDENCIES_NOT_RUNNING');
    await screen.start(true);
    expect(calls.at(-1)).toEqual(['start', ['customers'], { withDependencies: true }]);
    expect(screen.needs).toBeNull();
    expect(screen.done).toContain('Started');
  });

  it('asks before a resume that discards, and sends confirm only after yes', async () => {
    const { api, calls } = fakeMaps();
    const screen = new MapsScreen(api);
    await screen.load();
    screen.toggleAll();
    expect(screen.heldInSelection).toBe(4);
    await screen.resume('skip-discard');
    expect(screen.confirmDiscard).toBe(true);
    expect(calls).toEqual([]);
    await screen.answerDiscard(false);
    expect(calls).toEqual([]);
    await screen.resume('skip-discard');
    await screen.answerDiscard(true);
    expect(calls).toEqual([['resume', ['companies', 'customers'], 'skip-discard', true]]);
    await screen.resume('catch-up');
    expect(calls.at(-1)).toEqual(['resume', ['companies', 'customers'], 'catch-up', undefined]);
  });

  it('does nothing without a selection', async () => {
    const { api, calls } = fakeMaps();
    const screen = new MapsScreen(api);
    await screen.load();
    await screen.pause();
    expect(calls).toEqual([]);
  });
});

describe('alerts screen', () => {
  it('shows the engine problems at the rule field they name, and clears them once saved', async () => {
    let saved: readonly AlertRule[] = [];
    const api: AlertsApi = {
      alertRules: async () => [],
      saveAlertRules: async (rules) => {
        const bad = rules.findIndex((r) => typeof r.threshold !== 'number' || r.threshold > 100);
        if (bad >= 0) return { ok: false, error: { code: 'ALERT_RULES_INVALID', message: 'invalid', details: { problems: [{ code: 'ALERT_RULE_INVALID', message: 'at most 100', path: `$.rules[${bad}].threshold` }] } } };
        saved = rules;
        return ok(rules);
      },
      alerts: async () => ({ rows: [], total: 0 }),
      acknowledgeAlert: async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no' } }),
      checkAlerts: async () => [],
    };
    const screen = new AlertsScreen(api);
    await screen.load();
    screen.add();
    const rule = screen.rules[0];
    if (!rule) throw new Error('no rule added');
    rule.metric = 'storage';
    rule.threshold = '150';
    await screen.save();
    expect(screen.problemAt(0, 'threshold')).toEqual(['at most 100']);
    expect(screen.problem).toContain('1 problem');
    rule.threshold = '90';
    await screen.save();
    expect(screen.problemAt(0, 'threshold')).toEqual([]);
    expect(saved).toEqual([{ id: 'rule-1', name: 'New rule', metric: 'storage', threshold: 90, action: 'notify', enabled: true }]);
  });
});

describe('queue and logs', () => {
  it('builds the queue query from the filter', () => {
    expect(queueQuery({ mapId: '', key: ' ', kind: '' }, 50)).toEqual({ offset: 50, limit: 25 });
    expect(queueQuery({ mapId: 'm', key: ' US-1 ', kind: 'held' }, 0)).toEqual({ offset: 0, limit: 25, mapId: 'm', key: 'US-1', kind: 'held' });
  });
  it('summarizes a bulk error action per outcome', () => {
    expect(summarize([{ id: 1, outcome: 'requeued' }, { id: 2, outcome: 'requeued' }, { id: 3, outcome: 'failed', error: { code: 'ERROR_NOT_OPEN', message: '' } }])).toBe('2 requeued, 1 failed: #3 ERROR_NOT_OPEN');
  });
});

describe('conflict inbox', () => {
  const conflict = {
    id: 7, status: 'open', at: '2026-11-22T04:00:00Z', mapId: 'customers-accounts', side: 'crm', set: 'accounts', key: { accountid: 'a1' }, rowId: 'crm_accounts|a1', rows: ['crm_accounts|a1'],
    fields: ['name', 'telephone1'], base: { name: 'Base', telephone1: '1' }, local: { name: 'Local', telephone1: '2' }, server: { name: 'Server', telephone1: '3' },
    rules: { name: 'manual', telephone1: 'manual' }, winners: null, description: 'edit', origin: 'agent', localAt: '2026-11-22T03:59:00Z', serverAt: null, serverBy: null, resolvedBy: null, resolvedAt: null, written: null,
  } as ConflictEntry;

  it('resolves only once every field is decided, sending picks and edits', async () => {
    const sent: [number, ConflictResolution][] = [];
    let open = [conflict];
    const api: ConflictsApi = {
      conflicts: async () => ok({ rows: open, total: open.length }),
      conflictLog: async () => ok({ rows: [], total: 0 }),
      resolveConflict: async (id, resolution) => {
        sent.push([id, resolution]);
        open = [];
        return ok({ ...conflict, status: 'resolved' });
      },
    };
    const screen = new ConflictsScreen(api);
    await screen.load(0);
    expect(screen.total).toBe(1);
    screen.select(conflict);
    screen.choose('name', 'server');
    expect(screen.ready).toBe(false);
    await screen.resolve();
    expect(sent).toEqual([]);
    screen.choose('telephone1', 'edit', '+1 555');
    expect(screen.ready).toBe(true);
    await screen.resolve();
    expect(sent).toEqual([[7, { pick: { name: 'server', telephone1: 'local' }, edits: { telephone1: '+1 555' } }]]);
    expect(screen.open).toBeNull();
    expect(screen.rows).toEqual([]);
    expect(screen.done).toContain('resolved');
  });
});
