/** Which way a mapping flows, and the fields a map reads on one side. */
import type { Direction, FieldMapping, Side, TableMap } from './types.ts';

/** Does a mapping with `direction` carry values from side `from` to the other? */
export function flows(direction: Direction, from: Side): boolean {
  return direction === 'both' || direction === (from === 'erp' ? 'erp-to-crm' : 'crm-to-erp');
}

/** Does the map write anything from `from` at all? (A one-way map never writes back.) */
export function mapFlows(map: TableMap, from: Side): boolean {
  return !(map.oneWay === 'erp-to-crm' && from === 'crm');
}

type Flowing = Exclude<FieldMapping, { kind: 'constant' }>;

/** Per map object (maps are immutable data: a save makes a new one), computed once per side. */
const flowingCache = new WeakMap<TableMap, Partial<Record<Side, readonly Flowing[]>>>();

/** The mappings that carry a value from `from` (constants have no source and are not included). */
export function flowingFields(map: TableMap, from: Side): readonly Flowing[] {
  let cached = flowingCache.get(map);
  if (cached === undefined) flowingCache.set(map, (cached = {}));
  let fields = cached[from];
  if (fields === undefined) {
    fields = mapFlows(map, from) ? map.fields.flatMap((m) => (m.kind !== 'constant' && flows(m.direction, from) ? [m] : [])) : [];
    cached[from] = fields;
  }
  return fields;
}

/**
 * Source fields on side `from` that flow to the other side: the key fields first, then the
 * mapped fields (lookups included) in map order, each once. Empty for a one-way map read
 * from its target side.
 */
export function mapFields(map: TableMap, from: Side): string[] {
  if (!mapFlows(map, from)) return [];
  const names = [...map.keys.map((pair) => pair[from]), ...flowingFields(map, from).map((m) => m[from])];
  return [...new Set(names)];
}
