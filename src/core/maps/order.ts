/**
 * Map dependencies: dependsOn orders the maps (companies before customer groups before
 * customers before contacts) for initial sync, push and pull.
 */
import { MapError } from './errors.ts';
import type { Side, TableMap } from './types.ts';

/**
 * Topological order by dependsOn: every map after the maps it depends on; otherwise the
 * input order (depth-first, dependencies in their listed order), so the result is
 * deterministic. Dependencies not in `maps` are ignored (only some maps may be running).
 * A cycle throws MapError 'MAP_CYCLE' naming its path: "a → b → a".
 */
export function orderMaps(maps: readonly TableMap[]): TableMap[] {
  const byId = new Map(maps.map((m) => [m.id, m]));
  const done = new Set<string>();
  const path: string[] = [];
  const ordered: TableMap[] = [];
  const visit = (map: TableMap): void => {
    if (done.has(map.id)) return;
    const at = path.indexOf(map.id);
    if (at >= 0) {
      const cycle = [...path.slice(at), map.id];
      throw new MapError('MAP_CYCLE', { mapId: map.id }, `dependencies form a cycle: ${cycle.join(' → ')}`);
    }
    path.push(map.id);
    for (const id of map.dependsOn) {
      const dependency = byId.get(id);
      if (dependency !== undefined) visit(dependency);
    }
    path.pop();
    done.add(map.id);
    ordered.push(map);
  };
  maps.forEach(visit);
  return ordered;
}

/** The maps that read or write `set` on `side`, in the given order. */
export function mapsForTable(maps: readonly TableMap[], side: Side, set: string): TableMap[] {
  return maps.filter((map) => map[side].set === set);
}

/** What dependency closures need of a map. */
export interface MapNode {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

/** `chosen` and every map they depend on, directly or not (cycles are fine). */
export function withDependencies(chosen: Iterable<string>, maps: readonly MapNode[]): ReadonlySet<string> {
  const byId = new Map(maps.map((m) => [m.id, m]));
  const out = new Set<string>();
  const visit = (id: string) => {
    if (out.has(id)) return;
    out.add(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) visit(dep);
  };
  for (const id of chosen) visit(id);
  return out;
}

/** Maps that need `id` (directly or not): leaving `id` out leaves them out too. */
export function dependents(id: string, maps: readonly MapNode[]): ReadonlySet<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of maps) {
      if (out.has(m.id)) continue;
      if (m.dependsOn.some((d) => d === id || out.has(d))) {
        out.add(m.id);
        grew = true;
      }
    }
  }
  return out;
}
