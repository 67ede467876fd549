/**
 * Dependencies and the two-pass rule.
 *
 *   dependsOn            must be acyclic: it is the order of initial sync, push and pull
 *                        (orderMaps); a lookup's map belongs in it unless the lookup is
 *                        two-pass (validate-language.ts, MAP_LOOKUP_NOT_DEPENDENCY)
 *   lookup graph         dependsOn plus every lookup (self-references aside). A cycle is
 *                        accepted only when every edge of it is deferrable: backed only by
 *                        lookups that are neither keys nor required, so each row can be
 *                        written first without the reference and patched once its target
 *                        exists (mirrorRow's deferLookups). Anything else is MAP_CYCLE.
 */
import { MapError } from './errors.ts';
import { lookupTargets } from './mirror-lookup.ts';
import { orderMaps } from './order.ts';
import type { TableMap } from './types.ts';

interface Edge {
  to: string;
  deferrable: boolean;
}

export function checkGraph(maps: readonly TableMap[], byId: ReadonlyMap<string, TableMap>): MapError[] {
  try {
    orderMaps(maps);
  } catch (error) {
    if (!(error instanceof MapError)) throw error;
    const at = maps.findIndex((m) => m.id === error.mapId);
    return [new MapError('MAP_CYCLE', { mapId: error.mapId, path: `$.maps[${at}].dependsOn` }, error.message.slice(error.mapId.length + 2))];
  }
  const graph = new Map(maps.map((m) => [m.id, edges(m)]));
  for (const [i, map] of maps.entries()) {
    for (const edge of graph.get(map.id) ?? []) {
      if (edge.deferrable || !byId.has(edge.to)) continue;
      const back = path(graph, edge.to, map.id);
      if (back === null) continue;
      const message = `lookups form a cycle that the two-pass rule cannot break (an edge is a key or a required lookup): ${[map.id, ...back].join(' → ')}`;
      return [new MapError('MAP_CYCLE', { mapId: map.id, path: `$.maps[${i}]` }, message)];
    }
  }
  return [];
}

/** Edges out of `map`, one per referenced map; deferrable when only nullable lookups make it. */
export function edges(map: TableMap): Edge[] {
  const out = new Map<string, boolean>();
  const add = (to: string, deferrable: boolean): void => {
    if (to !== map.id) out.set(to, (out.get(to) ?? true) && deferrable);
  };
  for (const pair of map.keys) if (pair.lookup !== undefined) add(pair.lookup, false);
  for (const m of map.fields) {
    if (m.kind === 'lookup') for (const t of lookupTargets(m)) add(t.map, m.required === undefined);
  }
  const lookups = new Set(out.keys());
  for (const id of map.dependsOn) if (!lookups.has(id)) add(id, false);
  return [...out].map(([to, deferrable]) => ({ to, deferrable }));
}

/** A path from `from` to `to` (breadth-first), or null. */
function path(graph: ReadonlyMap<string, Edge[]>, from: string, to: string): string[] | null {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (id === to) {
      const route: string[] = [];
      for (let at: string | null | undefined = id; at != null; at = previous.get(at)) route.unshift(at);
      return route;
    }
    for (const edge of graph.get(id) ?? []) {
      if (previous.has(edge.to)) continue;
      previous.set(edge.to, id);
      queue.push(edge.to);
    }
  }
  return null;
}
