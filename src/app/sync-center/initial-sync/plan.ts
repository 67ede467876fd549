/**
 * Choosing maps for an initial sync: a map brings the maps it depends on (transitively),
 * so a chosen map is never refused for a missing dependency. Pure.
 */
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

/** Maps that need `id` (directly or not): unchoosing `id` unchooses them too. */
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
