/**
 * The rules a map breaks by itself (or against the maps it names), without metadata.
 * Each check returns MapErrors with the JSON path under `at` (`$.maps[i]`).
 */
import { bindFilter, FilterError, parseFilter, type FieldResolver } from '../filter/index.ts';
import { canonicalDecimal } from '../values/index.ts';
import { flows, mapFlows } from './directions.ts';
import { MapError, type MapErrorCode } from './errors.ts';
import { inferringResolver } from './filter.ts';
import { lookupTargets } from './mirror-lookup.ts';
import { crmPrimaryKey } from './primary-keys.ts';
import { other, type ConflictSetting, type FieldMapping, type Side, type TableMap } from './types.ts';

type Problem = (code: MapErrorCode, path: string, message: string, field?: string) => MapError;

export function problemFor(map: TableMap): Problem {
  return (code, path, message, field) => new MapError(code, { mapId: map.id, path, ...(field === undefined ? {} : { field }) }, message);
}

export function checkLanguage(map: TableMap, at: string, byId: ReadonlyMap<string, TableMap>): MapError[] {
  const problem = problemFor(map);
  return [
    ...checkVersion(map, at, problem),
    ...checkKeys(map, at, problem),
    ...checkValueMaps(map, at, problem),
    ...checkTargets(map, at, problem),
    ...checkSources(map, at, problem),
    ...checkLookups(map, at, byId, problem),
    ...checkConflicts(map, at, problem),
    ...checkScope(map, at, problem),
    ...checkConversions(map, at, problem),
  ];
}

export const VERSION = /^\d{1,9}\.\d{1,9}\.\d{1,9}\.\d{1,9}$/;

function checkVersion(map: TableMap, at: string, problem: Problem): MapError[] {
  return VERSION.test(map.version) ? [] : [problem('MAP_BAD_VERSION', `${at}.version`, `version '${map.version}' is not four numbers a.b.c.d`)];
}

function checkKeys(map: TableMap, at: string, problem: Problem): MapError[] {
  const problems: MapError[] = [];
  if (map.keys.length === 0) problems.push(problem('MAP_NO_KEY', `${at}.keys`, 'has no integration key'));
  const twoWay = map.fields.some((m) => m.kind !== 'constant' && m.direction === 'both');
  map.keys.forEach((pair, k) => {
    if (pair.lookup === map.id) problems.push(problem('MAP_KEY_SELF_LOOKUP', `${at}.keys[${k}].lookup`, `key ${pair.erp} looks up through its own map`, pair.erp));
    if (twoWay && pair.direction !== undefined && pair.direction !== 'both') {
      problems.push(problem('MAP_KEY_NOT_BIDIRECTIONAL', `${at}.keys[${k}].direction`, `key ${pair.erp} ↔ ${pair.crm} is ${pair.direction} but the map has two-way fields`, pair.erp));
    }
  });
  return problems;
}

/** Each side's filter parses and binds (to the map's own field types, or the literals'). */
export function checkFilters(map: TableMap, at: string, problem: Problem, resolvers?: Partial<Record<Side, FieldResolver>>): MapError[] {
  return (['erp', 'crm'] as const).flatMap((side) => {
    const text = map[side].filter;
    if (text === undefined || text.trim() === '') return [];
    try {
      const expr = parseFilter(text);
      bindFilter(expr, resolvers?.[side] ?? inferringResolver(map, side, expr));
      return [];
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      const message = `${side.toUpperCase()} filter "${text}" is invalid at position ${error.position}: ${error.message}`;
      return [problem('MAP_FILTER', `${at}.${side}.filter`, message)];
    }
  });
}

function checkValueMaps(map: TableMap, at: string, problem: Problem): MapError[] {
  return map.fields.flatMap((m, f): MapError[] => {
    if (m.kind !== 'value-map') return [];
    const problems: MapError[] = [];
    const seen = new Set<string>();
    m.values.forEach((pair, v) => {
      const id = JSON.stringify(pair);
      if (seen.has(id)) problems.push(problem('MAP_DUPLICATE_VALUE_MAP', `${at}.fields[${f}].values[${v}]`, `${m.erp} ↔ ${m.crm} lists the pair ${id} twice`, m.erp));
      seen.add(id);
    });
    for (const [col, side] of [[0, 'erp'], [1, 'crm']] as const) {
      if (!flows(m.direction, side)) continue;
      m.values.forEach((pair, v) => {
        const first = m.values.findIndex((p) => p[col] === pair[col]);
        if (first === v || JSON.stringify(m.values[first]) === JSON.stringify(pair)) return;
        const code = m.direction === 'both' ? 'MAP_VALUE_MAP_NOT_ONE_TO_ONE' : 'MAP_DUPLICATE_VALUE_MAP';
        const why = m.direction === 'both' ? 'a two-way value map must be one-to-one' : 'one value, two results';
        problems.push(problem(code, `${at}.fields[${f}].values[${v}][${col}]`, `${m[side]} value ${JSON.stringify(pair[col])} has two value-map entries (${why})`, m[side]));
      });
    }
    return problems;
  });
}

/** The target fields written from `from` (keys, flowing mappings, constants, lookup type fields). */
export function writes(map: TableMap, from: Side): { field: string; path: string; m?: FieldMapping }[] {
  const to = other(from);
  const out: { field: string; path: string; m?: FieldMapping }[] = map.keys.map((p, k) => ({ field: p[to], path: `keys[${k}].${to}` }));
  map.fields.forEach((m, f) => {
    if (m.kind === 'constant') {
      if (m.target === to) out.push({ field: m.field, path: `fields[${f}].field`, m });
      return;
    }
    if (!flows(m.direction, from)) return;
    out.push({ field: m[to], path: `fields[${f}].${to}`, m });
    if (m.kind === 'lookup' && m.typeField?.[to] !== undefined) out.push({ field: m.typeField[to], path: `fields[${f}].typeField.${to}`, m });
  });
  return out;
}

/** Each target field is written once per direction; a one-way map never writes the ERP. */
function checkTargets(map: TableMap, at: string, problem: Problem): MapError[] {
  const problems: MapError[] = [];
  for (const from of ['erp', 'crm'] as const) {
    const written = writes(map, from);
    written.forEach((w, i) => {
      if (written.findIndex((x) => x.field === w.field) === i) return;
      problems.push(problem('MAP_DUPLICATE_TARGET', `${at}.${w.path}`, `${w.field} is written twice (${from} → ${other(from)})`, w.field));
    });
    if (mapFlows(map, from)) continue;
    map.fields.forEach((m, f) => {
      const writesBack = m.kind === 'constant' ? m.target === other(from) : flows(m.direction, from);
      if (writesBack) problems.push(problem('MAP_ONE_WAY_WRITES_BACK', `${at}.fields[${f}]`, `is one-way ERP → CRM but has a mapping that writes the ERP`));
    });
  }
  return problems;
}

/**
 * A source field feeds one mapping per direction (key fields are read by the key alone,
 * except that a key field may also feed a one-way lookup: the same value resolved to the
 * referenced row's GUID, never written back).
 */
function checkSources(map: TableMap, at: string, problem: Problem): MapError[] {
  const problems: MapError[] = [];
  for (const from of ['erp', 'crm'] as const) {
    const read = new Map(map.keys.map((p, k) => [p[from], `keys[${k}]`]));
    map.fields.forEach((m, f) => {
      if (m.kind === 'constant' || !flows(m.direction, from)) return;
      const keyLookup = m.kind === 'lookup' && m.direction !== 'both' && read.get(m[from])?.startsWith('keys[') === true;
      if (keyLookup) read.set(m[from], `fields[${f}]`);
      else if (read.has(m[from])) problems.push(problem('MAP_DUPLICATE_SOURCE', `${at}.fields[${f}].${from}`, `${m[from]} is read twice (${from} → ${other(from)}; also ${read.get(m[from])})`, m[from]));
      else read.set(m[from], `fields[${f}]`);
    });
  }
  return problems;
}

function checkLookups(map: TableMap, at: string, byId: ReadonlyMap<string, TableMap>, problem: Problem): MapError[] {
  const problems: MapError[] = [];
  const reachable = dependencies(map, byId);
  const refs = [
    ...map.keys.flatMap((p, k) => (p.lookup === undefined || p.lookup === map.id ? [] : [{ field: p.erp, id: p.lookup, path: `${at}.keys[${k}].lookup`, twoPass: false, keyField: undefined }])),
    ...map.fields.flatMap((m, f) => {
      if (m.kind !== 'lookup') return [];
      return lookupTargets(m).map((t, i) => ({ field: m.erp, id: t.map, path: m.targets === undefined ? `${at}.fields[${f}].map` : `${at}.fields[${f}].targets[${i}].map`, twoPass: m.twoPass === true, keyField: m.keyField }));
    }),
  ];
  for (const { field, id, path, twoPass, keyField } of refs) {
    const ref = id === map.id ? map : byId.get(id);
    if (ref === undefined) {
      problems.push(problem('MAP_UNKNOWN_MAP', path, `${field} looks up through '${id}', which is not in the catalog`, field));
      continue;
    }
    const own = ref.keys.filter((p) => p.lookup === undefined).length;
    if (keyField !== undefined && !ref.keys.some((p) => p.erp === keyField)) {
      problems.push(problem('MAP_LOOKUP_KEY', path, `${field} names key field ${keyField}, which is not in the key of ${id}`, field));
    } else if (keyField === undefined && own !== 1) {
      problems.push(problem('MAP_LOOKUP_KEY', path, `${field} looks up through ${id}, whose key needs one pair without a lookup (it has ${own}); name it with keyField`, field));
    }
    if (ref !== map && !twoPass && !reachable.has(id)) {
      problems.push(problem('MAP_LOOKUP_NOT_DEPENDENCY', path, `${field} looks up through ${id}, which is not among its dependencies (add it to dependsOn, or mark the lookup twoPass)`, field));
    }
    try {
      crmPrimaryKey(ref);
    } catch (error) {
      if (error instanceof MapError) problems.push(problem('MAP_UNKNOWN_SET', path, error.message, field));
    }
  }
  map.fields.forEach((m, f) => {
    if (m.kind !== 'lookup') return;
    if (m.targets !== undefined && (m.targets.length === 0 || m.targets[0]?.map !== m.map)) {
      problems.push(problem('MAP_LOOKUP_TARGETS', `${at}.fields[${f}].targets`, `${m.erp}: the first of targets must be the lookup's map '${m.map}'`, m.erp));
    }
    for (const side of ['erp', 'crm'] as const) {
      if (m.typeField?.[side] === undefined) continue;
      if (m.targets === undefined || m.targets.some((t) => t[`${side}Type`] === undefined)) {
        problems.push(problem('MAP_LOOKUP_TARGETS', `${at}.fields[${f}].typeField.${side}`, `${m.erp}: a ${side.toUpperCase()} type field needs every target's ${side}Type`, m.erp));
      }
    }
    if (m.twoPass === true && m.required !== undefined) {
      problems.push(problem('MAP_LOOKUP_TARGETS', `${at}.fields[${f}].twoPass`, `${m.erp}: a two-pass lookup is written empty first, so it cannot be required`, m.erp));
    }
  });
  map.dependsOn.forEach((id, d) => {
    if (!byId.has(id)) problems.push(problem('MAP_UNKNOWN_MAP', `${at}.dependsOn[${d}]`, `depends on '${id}', which is not in the catalog`));
  });
  return problems;
}

/** Every map `map` depends on, directly or through others. */
export function dependencies(map: TableMap, byId: ReadonlyMap<string, TableMap>): Set<string> {
  const seen = new Set<string>();
  const stack = [...map.dependsOn];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.dependsOn ?? []));
  }
  return seen;
}

function checkConflicts(map: TableMap, at: string, problem: Problem): MapError[] {
  const problems: MapError[] = [];
  const check = (setting: ConflictSetting, path: string): void => {
    if (setting.rule === 'primary' && setting.primary === undefined) problems.push(problem('MAP_CONFLICT_RULE', path, `rule 'primary' needs primary: 'erp' or 'crm'`));
    if (setting.rule !== 'primary' && setting.primary !== undefined) problems.push(problem('MAP_CONFLICT_RULE', path, `primary is only for rule 'primary' (the rule is '${setting.rule}')`));
  };
  if (map.conflictPolicy !== undefined) {
    check(map.conflictPolicy, `${at}.conflictPolicy`);
    const { rule } = map.conflictPolicy;
    if ((rule === 'server-wins' || rule === 'client-wins') && rule !== map.conflict) {
      problems.push(problem('MAP_CONFLICT_RULE', `${at}.conflictPolicy.rule`, `conflictPolicy '${rule}' contradicts conflict '${map.conflict}'`));
    }
  }
  const names = new Set([...map.keys.flatMap((p) => [p.erp, p.crm]), ...map.fields.flatMap((m) => (m.kind === 'constant' ? [m.field] : [m.erp, m.crm]))]);
  for (const [field, setting] of Object.entries(map.fieldConflicts ?? {})) {
    check(setting, `${at}.fieldConflicts.${field}`);
    if (!names.has(field)) problems.push(problem('MAP_CONFLICT_RULE', `${at}.fieldConflicts.${field}`, `${field} has a conflict rule but the map does not map it`, field));
  }
  return problems;
}

function checkScope(map: TableMap, at: string, problem: Problem): MapError[] {
  if (map.companies === undefined || map.keys.some((p) => p.company === true)) return [];
  return [problem('MAP_COMPANIES_WITHOUT_COMPANY', `${at}.companies`, 'is restricted to some companies but has no company key pair (company: true)')];
}

function checkConversions(map: TableMap, at: string, problem: Problem): MapError[] {
  const problems: MapError[] = [];
  (map.conversions ?? []).forEach((c, i) => {
    const factor = canonicalDecimal(c.factor);
    if (factor === null || factor === '0') problems.push(problem('MAP_CONVERSION', `${at}.conversions[${i}].factor`, `conversion ${c.from} → ${c.to}: factor '${c.factor}' is not a non-zero decimal`));
    if (c.offset !== undefined && canonicalDecimal(c.offset) === null) problems.push(problem('MAP_CONVERSION', `${at}.conversions[${i}].offset`, `conversion ${c.from} → ${c.to}: offset '${c.offset}' is not a decimal`));
  });
  map.fields.forEach((m, f) => {
    if (m.kind !== 'copy' || m.convert === undefined) return;
    const fixed = [m.convert.erp, m.convert.crm].flatMap((ref) => ('unit' in ref ? [ref.unit] : []));
    const [a, b] = fixed;
    if (a === undefined || b === undefined || a === b) return;
    const known = (map.conversions ?? []).some((c) => (c.from === a && c.to === b) || (c.from === b && c.to === a));
    if (!known) problems.push(problem('MAP_CONVERSION', `${at}.fields[${f}].convert`, `${m.erp}: no conversion between ${a} and ${b} in the map's conversions`, m.erp));
  });
  return problems;
}
