/**
 * Choosing maps for an initial sync: a map brings the maps it depends on (transitively),
 * so a chosen map is never refused for a missing dependency. Pure.
 */
import { dependents, withDependencies } from '../../../core/maps/index.ts';
import type { MapNode } from '../../../core/maps/index.ts';

export { dependents, withDependencies };
export type { MapNode };

/** Toggles one map in the choice, keeping the choice closed under dependencies. */
export function toggleMap(chosen: ReadonlySet<string>, id: string, maps: readonly MapNode[]): ReadonlySet<string> {
  if (!chosen.has(id)) return withDependencies([...chosen, id], maps);
  const drop = dependents(id, maps);
  return new Set([...chosen].filter((m) => m !== id && !drop.has(m)));
}

/** The chosen ids in the maps' order (the engine's dependency order). */
export function inOrder(chosen: ReadonlySet<string>, maps: readonly MapNode[]): string[] {
  return maps.filter((m) => chosen.has(m.id)).map((m) => m.id);
}
