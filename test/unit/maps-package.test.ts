/** Map packages: export → import → export is identity; hostile packages fail with a path and change nothing; editing only while stopped. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffMaps, exportPackage, importPackage, saveMap, STANDARD_MAPS, type FieldMapping, type TableMap } from '../../src/core/maps/index.ts';
import { mapById } from './maps-fixture.ts';
import { storeMetadata } from './maps-metadata-fixture.ts';

const metadata = storeMetadata();
const installed = (): TableMap[] => JSON.parse(JSON.stringify(STANDARD_MAPS)) as TableMap[];
const pkg = (maps: readonly TableMap[]) => exportPackage({ publisher: 'Contoso', version: '1.0.0.1', maps });
const bumped = (map: TableMap, patch: Partial<TableMap>): TableMap => ({ ...map, version: '1.0.0.1', ...patch });

describe('export and import', () => {
  it('export → import → export is identical for random valid selections (property)', () => {
    fc.assert(
      fc.property(fc.subarray([...STANDARD_MAPS], { minLength: 1 }), fc.constantFrom('1.0.0.0', '2.3.4.5'), (maps, version) => {
        const first = exportPackage({ publisher: 'Tandem', version, maps });
        const text = JSON.stringify(first);
        const result = importPackage(text, STANDARD_MAPS, metadata);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const chosen = result.plan.catalog.filter((m) => maps.some((x) => x.id === m.id));
        expect(JSON.stringify(exportPackage({ publisher: 'Tandem', version, maps: chosen }))).toBe(text);
      }),
      { numRuns: 30 },
    );
  });

  it('diffs a changed map field by field and plans pause → install → resume for running maps', () => {
    const accounts = mapById('customers-accounts');
    const changed = bumped(accounts, {
      crm: { set: 'accounts', filter: 'customertypecode eq 3 and statecode eq 0' },
      fields: [...accounts.fields.filter((m) => m.kind === 'constant' || m.erp !== 'SalesMemo'), { kind: 'copy', erp: 'NameAlias', crm: 'msdyn_creditrating', direction: 'erp-to-crm', rule: { type: 'text', erpMaxLength: 20, crmMaxLength: 10, onTooLong: 'truncate' } } as FieldMapping].filter((m) => m.kind === 'constant' || m.erp !== 'CreditRating'),
      conflict: 'client-wins',
    });
    const result = importPackage(pkg([changed]), installed(), metadata, { 'customers-accounts': 'running', contacts: 'running', companies: 'running' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.diff).toMatchObject({ added: [], removed: [], changed: [{ id: 'customers-accounts', from: '1.0.0.0', to: '1.0.0.1', fields: { added: ['NameAlias ↔ msdyn_creditrating'], removed: ['SalesMemo ↔ description', 'CreditRating ↔ msdyn_creditrating'], changed: [] }, filters: [{ side: 'crm', from: 'customertypecode eq 3', to: 'customertypecode eq 3 and statecode eq 0' }], keys: false, rules: ['conflict'] }] });
    expect(result.plan.steps).toEqual([
      { action: 'pause', maps: ['contacts', 'customers-accounts'] },
      { action: 'install', maps: ['customers-accounts'] },
      { action: 'resume', maps: ['customers-accounts', 'contacts'] },
    ]);
  });

  it('refuses a changed map without a higher version', () => {
    const result = importPackage(pkg([{ ...mapById('currencies'), name: 'Money' }]), installed(), metadata);
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'MAP_VERSION_NOT_NEWER', path: '$.maps[0].version' }] });
  });

  it('refuses an invalid map with its path inside the package', () => {
    const broken = bumped(mapById('currencies'), { keys: [] });
    expect(importPackage(pkg([mapById('companies'), broken]), installed(), metadata)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ code: 'MAP_NO_KEY', path: '$.maps[1].keys' })]) });
  });

  it('diffMaps names added and removed maps', () => {
    expect(diffMaps(STANDARD_MAPS.slice(0, 2), STANDARD_MAPS.slice(1, 3))).toMatchObject({ added: ['units'], removed: ['companies'], changed: [], unchanged: ['currencies'] });
  });
});

describe('hostile packages', () => {
  const good = (): Record<string, unknown> => JSON.parse(JSON.stringify(pkg([mapById('currencies')]))) as Record<string, unknown>;
  const mapOf = (p: Record<string, unknown>) => (p['maps'] as Record<string, unknown>[])[0] as Record<string, unknown>;
  const cases: [string, () => unknown, string, RegExp][] = [
    ['not JSON', () => '{"format":', '$', /not JSON/],
    ['wrong format', () => ({ ...good(), format: 'zip' }), '$.format', /expected "tandem-map-package"/],
    ['wrong type', () => { const p = good(); mapOf(p)['keys'] = 'all'; return p; }, '$.maps[0].keys', /expected an array/],
    ['an extra key', () => { const p = good(); mapOf(p)['script'] = 'rm -rf'; return p; }, '$.maps[0].script', /unknown key/],
    ['an unknown transform', () => { const p = good(); (mapOf(p)['fields'] as unknown[]).push({ kind: 'javascript', code: 'eval(1)' }); return p; }, '$.maps[0].fields[3].kind', /unknown kind "javascript"/],
    ['a huge string', () => { const p = good(); mapOf(p)['name'] = 'x'.repeat(20_000); return p; }, '$.maps[0].name', /longer than/],
    ['too many maps', () => ({ ...good(), maps: Array.from({ length: 501 }, () => mapById('currencies')) }), '$.maps', /more than 500/],
    ['too many value-map entries', () => { const p = good(); (mapOf(p)['fields'] as unknown[]).push({ kind: 'value-map', erp: 'A', crm: 'a', direction: 'both', values: Array.from({ length: 10_001 }, (_, i) => [String(i), i]) }); return p; }, '$.maps[0].fields[3].values', /more than 10000/],
    ['a huge number', () => { const p = good(); mapOf(p)['fields'] = [{ kind: 'copy', erp: 'A', crm: 'a', direction: 'both', rule: { type: 'decimal', erpScale: 1e300, crmScale: 2 } }]; return p; }, '$.maps[0].fields[0].rule.erpScale', /outside/],
    ['__proto__ at the top', () => JSON.parse('{"__proto__": {"polluted": true}, "format": "tandem-map-package"}'), '$.__proto__', /prototype pollution/],
    ['__proto__ deep in a map', () => { const p = JSON.stringify(good()).replace('"keys":[{', '"keys":[{"__proto__":{"polluted":true},'); return JSON.parse(p); }, '$.maps[0].keys[0].__proto__', /prototype pollution/],
    ['constructor in a record', () => { const p = good(); mapOf(p)['fieldConflicts'] = JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'); return p; }, '$.maps[0].fieldConflicts.constructor', /prototype pollution/],
    ['prototype in a value', () => { const p = good(); mapOf(p)['erp'] = { set: 'Currencies', prototype: {} }; return p; }, '$.maps[0].erp.prototype', /prototype pollution/],
    ['deeply nested junk', () => { let junk: unknown = 1; for (let i = 0; i < 100; i++) junk = [junk]; return { ...good(), alerts: junk }; }, '', /nested deeper than 32/],
  ];

  it.each(cases)('%s → a clear error with its path, nothing changed', (_, make, path, message) => {
    const before = installed();
    const snapshot = JSON.stringify(before);
    const result = importPackage(make(), before, metadata);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.some((e) => (path === '' || e.path === path) && message.test(e.message))).toBe(true);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('editing', () => {
  it('refuses while the map is running or paused', () => {
    for (const state of ['running', 'paused'] as const) {
      expect(saveMap(installed(), mapById('currencies'), state)).toMatchObject({ ok: false, errors: [{ code: 'MAP_RUNNING' }] });
    }
  });

  it('bumps the last part of the version when stopped', () => {
    const result = saveMap(installed(), { ...mapById('currencies'), name: 'Money' }, 'stopped', metadata);
    expect(result).toMatchObject({ ok: true, map: { name: 'Money', version: '1.0.0.1' } });
  });

  it('refuses an invalid edit with its path', () => {
    expect(saveMap(installed(), { ...mapById('currencies'), keys: [] }, 'stopped', metadata)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ code: 'MAP_NO_KEY', path: '$.keys' })]) });
  });
});
