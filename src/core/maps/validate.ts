/**
 * Map validation, for a catalog as a whole (lookups and dependencies cross maps). Modelled
 * on the checks the reference runs when a map is saved (dual-write.md §1.5): every problem
 * is returned, each a MapError naming the map and the field.
 */
import { flows, mapFlows } from './directions.ts';
import { MapError } from './errors.ts';
import { compiledFilter } from './filter.ts';
import { orderMaps } from './order.ts';
import { crmPrimaryKey } from './primary-keys.ts';
import type { FieldMapping, Side, TableMap } from './types.ts';

export function validateMaps(maps: readonly TableMap[]): MapError[] {
  const byId = new Map(maps.map((m) => [m.id, m]));
  const errors: MapError[] = [];
  const attempt = (check: () => void): void => {
    try {
      check();
    } catch (error) {
      if (error instanceof MapError) errors.push(error);
      else throw error;
    }
  };
  if (byId.size !== maps.length) errors.push(invalid('catalog', 'map ids are not unique'));
  for (const map of maps) {
    if (map.keys.length === 0) errors.push(invalid(map.id, 'has no integration key'));
    for (const side of ['erp', 'crm'] as const) attempt(() => compiledFilter(map, side));
    for (const id of map.dependsOn) {
      if (byId.has(id)) continue;
      errors.push(new MapError('MAP_UNKNOWN_MAP', { mapId: map.id }, `depends on '${id}', which is not in the catalog`));
    }
    errors.push(...checkLookups(map, byId), ...checkValueMaps(map), ...checkTargets(map));
  }
  attempt(() => orderMaps(maps));
  return errors;
}

function checkLookups(map: TableMap, byId: ReadonlyMap<string, TableMap>): MapError[] {
  const refs = [
    ...map.keys.flatMap((p) => (p.lookup === undefined ? [] : [{ field: p.erp, id: p.lookup }])),
    ...map.fields.flatMap((m) => (m.kind === 'lookup' ? [{ field: m.erp, id: m.map }] : [])),
  ];
  const reachable = dependencies(map, byId);
  const selfKeyed = map.keys.flatMap((p) => (p.lookup === map.id ? [invalid(map.id, `key ${p.erp} looks up through its own map`, p.erp)] : []));
  return [...selfKeyed, ...refs.flatMap(({ field, id }) => checkLookup(map, field, id, id === map.id ? map : byId.get(id), reachable))];
}

/** A lookup needs its map in the catalog, among the dependencies, with one own key pair and a known GUID key. */
function checkLookup(map: TableMap, field: string, id: string, ref: TableMap | undefined, reachable: Set<string>): MapError[] {
  if (ref === undefined) {
    return [new MapError('MAP_UNKNOWN_MAP', { mapId: map.id, field }, `${field} looks up through '${id}', which is not in the catalog`)];
  }
  const problems: MapError[] = [];
  const own = ref.keys.filter((p) => p.lookup === undefined).length;
  if (own !== 1) problems.push(invalid(map.id, `${field} looks up through ${id}, whose key needs one pair without a lookup (it has ${own})`, field));
  if (ref !== map && !reachable.has(id)) problems.push(invalid(map.id, `${field} looks up through ${id}, which is not among its dependencies`, field));
  try {
    crmPrimaryKey(ref);
  } catch (error) {
    if (error instanceof MapError) problems.push(error);
  }
  return problems;
}

/** Every map `map` depends on, directly or through others. */
function dependencies(map: TableMap, byId: ReadonlyMap<string, TableMap>): Set<string> {
  const seen = new Set<string>();
  const stack = [...map.dependsOn];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.dependsOn ?? []));
  }
  return seen;
}

function checkValueMaps(map: TableMap): MapError[] {
  return map.fields.flatMap((m): MapError[] => {
    if (m.kind !== 'value-map') return [];
    const problems: MapError[] = [];
    for (const [at, side] of [[0, 'erp'], [1, 'crm']] as const) {
      const readsSide = flows(m.direction, side);
      const values = m.values.map((pair) => pair[at]);
      if (readsSide && new Set(values).size !== values.length) {
        problems.push(invalid(map.id, `${m[side]} has duplicate value-map entries (one value, two results)`, m[side]));
      }
    }
    return problems;
  });
}

/** Each target field is written once per direction (keys, mappings and constants together). */
function checkTargets(map: TableMap): MapError[] {
  const problems: MapError[] = [];
  for (const from of ['erp', 'crm'] as const) {
    const to: Side = from === 'erp' ? 'crm' : 'erp';
    const written = writes(map, from, to);
    const duplicates = written.filter((field, i) => written.indexOf(field) !== i);
    for (const field of new Set(duplicates)) {
      problems.push(invalid(map.id, `${field} is written twice (${from} → ${to})`, field));
    }
    if (!mapFlows(map, from) && map.fields.some((m) => m.kind === 'constant' ? m.target === to : flows(m.direction, from))) {
      problems.push(invalid(map.id, `is one-way ERP → CRM but has a mapping that writes the ERP`));
    }
  }
  return problems;
}

function writes(map: TableMap, from: Side, to: Side): string[] {
  const target = (m: FieldMapping): string[] => {
    if (m.kind === 'constant') return m.target === to ? [m.field] : [];
    return flows(m.direction, from) ? [m[to]] : [];
  };
  return [...map.keys.map((p) => p[to]), ...map.fields.flatMap(target)];
}

function invalid(mapId: string, message: string, field?: string): MapError {
  return new MapError('MAP_INVALID', field === undefined ? { mapId } : { mapId, field }, message);
}
