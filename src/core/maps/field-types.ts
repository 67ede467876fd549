/**
 * The types of a side's fields as far as the map itself tells them. Core cannot import the
 * stores' schemas, and the map is the one thing every caller has, so this is what binds the
 * map's filters and what makes changedFields compare decimals by value:
 *   key fields      CRM Edm.Guid for a lookup pair; other key fields untyped (a key may be
 *                   text or a number — LineNumber — so the literal compared with decides)
 *   copy            Edm.Decimal / Edm.String from its rule; untyped without one
 *   value-map       the JS type of that side's values (string, Int32 number, boolean)
 *   lookup          ERP Edm.String, CRM Edm.Guid
 *   constant        the JS type of its value, on its target side
 */
import type { EdmType } from '../schema/types.ts';
import type { FieldMapping, Scalar, Side, TableMap } from './types.ts';

export type FieldTypes = ReadonlyMap<string, EdmType>;

const cache = new WeakMap<TableMap, Partial<Record<Side, FieldTypes>>>();

export function fieldTypes(map: TableMap, side: Side): FieldTypes {
  const entry = cache.get(map) ?? {};
  const cached = entry[side];
  if (cached !== undefined) return cached;
  const types = new Map<string, EdmType>();
  for (const pair of map.keys) if (side === 'crm' && pair.lookup !== undefined) types.set(pair[side], 'Edm.Guid');
  for (const m of map.fields) {
    const typed = typeOf(m, side);
    if (typed !== undefined) types.set(typed[0], typed[1]);
  }
  cache.set(map, { ...entry, [side]: types });
  return types;
}

function typeOf(m: FieldMapping, side: Side): [string, EdmType] | undefined {
  switch (m.kind) {
    case 'constant':
      return m.target === side ? [m.field, scalarType(m.value)] : undefined;
    case 'lookup':
      return [m[side], side === 'crm' ? 'Edm.Guid' : 'Edm.String'];
    case 'value-map': {
      const sample = m.values.map((pair) => pair[side === 'erp' ? 0 : 1]).find((v) => v !== null);
      return sample === undefined || sample === null ? undefined : [m[side], scalarType(sample)];
    }
    case 'copy':
      if (m.rule === undefined) return undefined;
      return [m[side], m.rule.type === 'decimal' ? 'Edm.Decimal' : 'Edm.String'];
  }
}

/** Canonical JSON: numbers are Int32 (decimals travel as strings). */
export function scalarType(value: Exclude<Scalar, null>): EdmType {
  if (typeof value === 'boolean') return 'Edm.Boolean';
  return typeof value === 'number' ? 'Edm.Int32' : 'Edm.String';
}
