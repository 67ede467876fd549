/**
 * Map validation, for a catalog as a whole (lookups and dependencies cross maps), when a
 * map is saved, imported or started. Modelled on the checks the reference runs
 * (dual-write.md §1.5, the DIPV codes): every problem is returned, each a MapError with a
 * stable code, a message naming the map and the field, and the JSON path of the offending
 * part (`$.maps[2].fields[5].values[1]`). docs/maps.md tabulates the codes.
 *
 *   language rules     validate-language.ts   keys, value maps, targets, lookups, rules
 *   dependency rules   validate-graph.ts      unknown maps, cycles and the two-pass rule
 *   metadata rules     validate-metadata.ts   against both stores' $metadata (optional)
 */
import { MapError } from './errors.ts';
import { parseMetadata, type ParsedMetadata, type StoreMetadata } from './metadata.ts';
import { checkGraph } from './validate-graph.ts';
import { checkFilters, checkLanguage, problemFor } from './validate-language.ts';
import { resolveFields, type FieldResolver } from '../filter/index.ts';
import type { Side } from './types.ts';
import { checkMetadata } from './validate-metadata.ts';
import type { TableMap } from './types.ts';

/** Validates a catalog; with `metadata` (both stores' CSDL JSON) also field existence and types. */
export function validateMaps(maps: readonly TableMap[], metadata?: StoreMetadata | ParsedMetadata): MapError[] {
  const byId = new Map(maps.map((m) => [m.id, m]));
  const errors: MapError[] = [];
  maps.forEach((map, i) => {
    if (maps.findIndex((m) => m.id === map.id) !== i) {
      errors.push(new MapError('MAP_DUPLICATE_ID', { mapId: map.id, path: `$.maps[${i}].id` }, `the id is used by another map of the catalog`));
    }
  });
  const parsed = metadata === undefined ? undefined : isParsed(metadata) ? metadata : parseMetadata(metadata);
  maps.forEach((map, i) => {
    const at = `$.maps[${i}]`;
    errors.push(...checkLanguage(map, at, byId));
    errors.push(...checkFilters(map, at, problemFor(map), parsed === undefined ? undefined : resolvers(map, parsed)));
    if (parsed !== undefined) errors.push(...checkMetadata(map, at, parsed, byId));
  });
  errors.push(...checkGraph(maps, byId));
  return errors;
}

function isParsed(metadata: StoreMetadata | ParsedMetadata): metadata is ParsedMetadata {
  return metadata.erp instanceof Map && metadata.crm instanceof Map;
}

/** Filter fields bound to the sets' real fields (an unknown field is a MAP_FILTER). */
function resolvers(map: TableMap, parsed: ParsedMetadata): Partial<Record<Side, FieldResolver>> {
  const out: Partial<Record<Side, FieldResolver>> = {};
  for (const side of ['erp', 'crm'] as const) {
    const set = parsed[side].get(map[side].set);
    if (set !== undefined) out[side] = resolveFields([...set.fields.values()].map((f) => ({ name: f.name, type: f.type })));
  }
  return out;
}
