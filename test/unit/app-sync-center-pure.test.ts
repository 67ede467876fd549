/** The sync center's pure logic: formatting, selection, conflict drafts, log queries, alert rules, initial-sync choice. */
import { describe, expect, it } from 'vitest';
import { parseSection, SECTIONS } from '../../src/app/sync-center/sections.ts';
import { choose, chooseAll, emptyDraft, resolution, undecided } from '../../src/app/sync-center/conflicts/conflict-draft.ts';
import { exportName } from '../../src/app/sync-center/download.ts';
import { dayEnd, dayStart, logQuery, NO_FILTER, parseRetention } from '../../src/app/sync-center/logs/log-filter.ts';
import { fromRule, newRule, problemsAt, problemsOf, toRule } from '../../src/app/sync-center/alerts/rule-form.ts';
import { dependents, inOrder, toggleMap, withDependencies } from '../../src/app/sync-center/initial-sync/plan.ts';
import { countPerMinute, lastPerMinute, minuteAxis, sum } from '../../src/app/sync-center/charts/series.ts';
import { editable, fieldRows, scalarLike, withConflict, withFilter, withPairAdded, withPairRemoved, withValuePair } from '../../src/app/sync-center/editor/map-draft.ts';
import { layout } from '../../src/app/sync-center/editor/graph.ts';
import type { TableMap } from '../../src/core/maps/index.ts';
import { allSelected, kept, toggled, toggledAll } from '../../src/app/sync-center/selection.ts';
import { formatEta, formatRate, keyText, percent, stateLabel, valueText } from '../../src/app/sync-center/sync-format.ts';

describe('sync center sections', () => {
  it.each([
    [undefined, 'maps'],
    ['', 'maps'],
    ['conflicts', 'conflicts'],
    ['initial-sync', 'initial-sync'],
    ['nope', null],
  ])('%s', (name, section) => {
    expect(parseSection(name)).toBe(section);
  });
  it('lists every section once', () => {
    expect(new Set(SECTIONS.map((s) => s.id)).size).toBe(SECTIONS.length);
  });
});

describe('formatting', () => {
  it('labels states and bounds percentages', () => {
    expect(stateLabel('resuming')).toBe('Catching up');
    expect(percent(5, 10)).toBe(50);
    expect(percent(0, 0)).toBe(0);
    expect(percent(3, 0)).toBe(100);
    expect(percent(12, 10)).toBe(100);
  });
  it('says an ETA and a rate a person can read', () => {
    expect(formatEta(null)).toBe('estimating…');
    expect(formatEta(0)).toBe('done');
    expect(formatEta(42.2)).toBe('ETA 43 s');
    expect(formatEta(125)).toBe('ETA 2 min 5 s');
    expect(formatEta(3 * 3600 + 120)).toBe('ETA 3 h 2 min');
    expect(formatRate(0)).toBe('—');
    expect(formatRate(1234.4)).toBe('1,234 rows/s');
  });
  it('shows keys and values as text', () => {
    expect(keyText({ dataAreaId: 'usmf', CustomerAccount: 'US-1' })).toBe('usmf · US-1');
    expect(valueText(null)).toBe('∅');
    expect(valueText({ a: 1 })).toBe('{"a":1}');
    expect(valueText(3)).toBe('3');
  });
  it('names exports by what and when', () => {
    expect(exportName('errors', 'csv', new Date('2026-11-22T04:05:06.789Z'))).toBe('tandem-errors-2026-11-22T04-05-06.csv');
  });
});

describe('selection', () => {
  it('toggles one, all, and forgets ids no longer listed', () => {
    let s: ReadonlySet<string> = new Set();
    s = toggled(s, 'a');
    expect([...s]).toEqual(['a']);
    expect(allSelected(s, ['a', 'b'])).toBe(false);
    s = toggledAll(s, ['a', 'b']);
    expect(allSelected(s, ['a', 'b'])).toBe(true);
    expect(toggledAll(s, ['a', 'b']).size).toBe(0);
    expect([...kept(s, ['b', 'c'])]).toEqual(['b']);
    expect(allSelected(new Set(), [])).toBe(false);
  });
});

describe('conflict drafts', () => {
  const conflict = { fields: ['name', 'creditlimit'], local: { name: 'Local', creditlimit: 10 }, server: { name: 'Server', creditlimit: 20 } };
  it('resolves only when every field is decided', () => {
    let d = emptyDraft(conflict);
    expect(undecided(d)).toEqual(['name', 'creditlimit']);
    expect(resolution(conflict, d)).toBeNull();
    d = choose(d, 'name', 'server');
    expect(resolution(conflict, d)).toBeNull();
    d = choose(d, 'creditlimit', 'local');
    expect(resolution(conflict, d)).toEqual({ pick: { name: 'server', creditlimit: 'local' } });
  });
  it('sends edits typed like the values they replace', () => {
    let d = chooseAll(emptyDraft(conflict), 'local');
    d = choose(d, 'creditlimit', 'edit', '15.5');
    d = choose(d, 'name', 'edit', 'Typed');
    expect(resolution(conflict, d)).toEqual({ pick: { name: 'local', creditlimit: 'local' }, edits: { name: 'Typed', creditlimit: 15.5 } });
    expect(resolution(conflict, choose(d, 'name', 'edit', '  '))?.edits).toEqual({ name: null, creditlimit: 15.5 });
  });
});

describe('log filters', () => {
  it('leaves out empty fields and fields the log has no use for', () => {
    expect(logQuery('activity', NO_FILTER, { offset: 0, limit: 25 })).toEqual({ offset: 0, limit: 25 });
    const filter = { ...NO_FILTER, mapId: 'm', kind: 'rejected', code: ' E1 ', status: 'open', search: ' x ' };
    expect(logQuery('errors', filter)).toEqual({ mapId: 'm', kind: 'rejected', code: 'E1', status: 'open', search: 'x' });
    expect(logQuery('activity', filter)).toEqual({ mapId: 'm', kind: 'rejected', search: 'x' });
    expect(logQuery('conflicts', filter)).toEqual({ mapId: 'm', status: 'open', search: 'x' });
  });
  it('turns days into inclusive instants', () => {
    const q = logQuery('errors', { ...NO_FILTER, from: '2026-11-10', to: '2026-11-11' });
    expect(q.since).toBe(dayStart('2026-11-10'));
    expect(q.until).toBe(dayEnd('2026-11-11'));
    expect(Date.parse(q.until ?? '') - Date.parse(q.since ?? '')).toBe(2 * 86_400_000 - 1);
    expect(dayStart('nope')).toBeNull();
  });
  it('checks the retention bounds before asking the engine', () => {
    expect(parseRetention({ maxEntries: '5000', maxAgeDays: '30' })).toEqual({ ok: true, value: { maxEntries: 5000, maxAgeDays: 30 } });
    expect(parseRetention({ maxEntries: '5', maxAgeDays: '30' })).toMatchObject({ ok: false, field: 'maxEntries' });
    expect(parseRetention({ maxEntries: '50', maxAgeDays: '1.5' })).toMatchObject({ ok: false, field: 'maxAgeDays' });
  });
});

describe('alert rule forms', () => {
  const rule = { id: 'r1', name: 'Refusals', metric: 'errors', errorCode: 'X', windowMinutes: 10, threshold: 3, mapId: 'm', action: 'pause', enabled: true } as const;
  it('round-trips a rule and drops error-only fields from other metrics', () => {
    expect(toRule(fromRule(rule))).toEqual(rule);
    expect(toRule({ ...fromRule(rule), metric: 'queue-length', mapId: '' })).toEqual({ id: 'r1', name: 'Refusals', metric: 'queue-length', threshold: 3, action: 'pause', enabled: true });
  });
  it('passes text that is not a number to the engine unchanged', () => {
    expect(toRule({ ...fromRule(rule), threshold: 'lots' }).threshold).toBe('lots');
    expect(toRule({ ...fromRule(rule), threshold: ' -2.5 ' }).threshold).toBe(-2.5);
  });
  it('files problems by rule and field', () => {
    const at = problemsAt([
      { code: 'A', message: 'package: $.rules[2].threshold: too big', path: '$.rules[2].threshold' },
      { code: 'B', message: 'no map', path: '$.rules[0]' },
      { code: 'C', message: 'too many', path: '$.rules' },
      { code: 'D', message: 'also', path: '$.rules[2].threshold' },
    ]);
    expect(at.get('2.threshold')).toEqual(['too big', 'also']);
    expect(at.get('0')).toEqual(['no map']);
    expect(at.get('')).toEqual(['too many']);
    expect(problemsOf({ problems: [{ code: 'A', message: 'm', path: '$.rules[0].id' }] })).toEqual([{ code: 'A', message: 'm', path: '$.rules[0].id' }]);
    expect(problemsOf(undefined)).toEqual([]);
  });
  it('gives a new rule an unused id', () => {
    expect(newRule([fromRule({ ...rule, id: 'rule-2' })]).id).toBe('rule-3');
  });
});

describe('initial sync choice', () => {
  const maps = [
    { id: 'companies', dependsOn: [] },
    { id: 'customers', dependsOn: ['companies'] },
    { id: 'contacts', dependsOn: ['customers'] },
    { id: 'products', dependsOn: [] },
  ];
  it('brings dependencies along and drops dependents', () => {
    expect([...withDependencies(['contacts'], maps)].sort()).toEqual(['companies', 'contacts', 'customers']);
    expect([...dependents('companies', maps)].sort()).toEqual(['contacts', 'customers']);
    let chosen = toggleMap(new Set(), 'contacts', maps);
    expect(inOrder(chosen, maps)).toEqual(['companies', 'customers', 'contacts']);
    chosen = toggleMap(chosen, 'customers', maps);
    expect(inOrder(chosen, maps)).toEqual(['companies']);
  });
  it('survives a cycle', () => {
    const cyclic = [{ id: 'a', dependsOn: ['b'] }, { id: 'b', dependsOn: ['a'] }];
    expect([...withDependencies(['a'], cyclic)].sort()).toEqual(['a', 'b']);
    expect([...dependents('a', cyclic)].sort()).toEqual(['a', 'b']);
  });
});

describe('chart series', () => {
  const now = Date.parse('2026-11-22T04:10:30Z');
  const axis = minuteAxis(now, 3);
  it('ends the axis at the current minute', () => {
    expect(axis.map((x) => new Date(x * 1000).toISOString())).toEqual(['2026-11-22T04:08:00.000Z', '2026-11-22T04:09:00.000Z', '2026-11-22T04:10:00.000Z']);
  });
  it('counts events per minute and ignores those outside the window', () => {
    expect(countPerMinute(['2026-11-22T04:08:59Z', '2026-11-22T04:10:01Z', '2026-11-22T04:10:02Z', '2026-11-22T04:07:59Z', 'nonsense'], axis)).toEqual([1, 0, 2]);
  });
  it('keeps the last sample of each minute', () => {
    const samples = [{ at: Date.parse('2026-11-22T04:08:10Z'), value: 5 }, { at: Date.parse('2026-11-22T04:08:50Z'), value: 7 }, { at: Date.parse('2026-11-22T04:10:00Z'), value: 1 }];
    expect(lastPerMinute(samples, axis)).toEqual([7, null, 1]);
    expect(sum([7, null, 1])).toBe(8);
  });
});

describe('map editor drafts', () => {
  const map = {
    id: 'm', name: 'M', version: '1.0.0.0', erp: { set: 'E', filter: "x eq 'a'" }, crm: { set: 'C' }, keys: [{ erp: 'k', crm: 'k' }], dependsOn: [], conflict: 'server-wins',
    fields: [
      { kind: 'copy', erp: 'Name', crm: 'name', direction: 'both' },
      { kind: 'value-map', erp: 'Status', crm: 'statuscode', direction: 'erp-to-crm', values: [['Open', 1], ['Closed', 2]] },
      { kind: 'constant', target: 'crm', field: 'origin', value: 'erp', onCreate: true },
    ],
  } as unknown as TableMap;
  it('describes each field with its direction', () => {
    expect(fieldRows(map).map((r) => [r.erp, r.direction, r.crm, r.detail])).toEqual([
      ['Name', 'both', 'name', ''],
      ['Status', 'erp-to-crm', 'statuscode', '2 value pairs'],
      ['', null, 'origin', 'constant "erp" on create'],
    ]);
  });
  it('edits filters, the conflict rule and value pairs without touching the original', () => {
    expect(withFilter(map, 'erp', '  ').erp).toEqual({ set: 'E' });
    expect(withFilter(map, 'crm', "y eq 1").crm).toEqual({ set: 'C', filter: 'y eq 1' });
    expect(withConflict(map, 'client-wins').conflict).toBe('client-wins');
    const edited = withValuePair(map, 1, 0, 'crm', '7');
    expect((edited.fields[1] as { values: unknown }).values).toEqual([['Open', 7], ['Closed', 2]]);
    expect((map.fields[1] as { values: unknown }).values).toEqual([['Open', 1], ['Closed', 2]]);
    expect((withPairRemoved(withPairAdded(map, 1), 1, 0).fields[1] as { values: unknown }).values).toEqual([['Closed', 2], ['', '']]);
    expect(scalarLike('x', 3)).toBe('x');
    expect(scalarLike('true', false)).toBe(true);
    expect(scalarLike('', null)).toBeNull();
  });
  it('lets only a stopped map be saved', () => {
    expect(editable('stopped')).toBe(true);
    expect(editable('not-running')).toBe(true);
    expect(editable('running')).toBe(false);
    expect(editable('paused')).toBe(false);
  });
});

describe('dependency graph layout', () => {
  it('puts each map right of what it depends on, and survives cycles', () => {
    const g = layout([
      { id: 'companies', dependsOn: [] },
      { id: 'groups', dependsOn: ['companies'] },
      { id: 'customers', dependsOn: ['companies', 'groups'] },
      { id: 'currencies', dependsOn: [] },
      { id: 'a', dependsOn: ['b'] },
      { id: 'b', dependsOn: ['a'] },
    ]);
    const col = Object.fromEntries(g.nodes.map((n) => [n.id, n.column]));
    expect(col).toMatchObject({ companies: 0, groups: 1, customers: 2, currencies: 0 });
    expect(g.edges).toContainEqual({ from: 'groups', to: 'customers' });
    expect(g.columns).toBeGreaterThanOrEqual(3);
    expect(new Set(g.nodes.map((n) => `${n.column}:${n.row}`)).size).toBe(6);
  });
});
