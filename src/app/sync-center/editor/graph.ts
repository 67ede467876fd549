/**
 * Lays the maps' dependency graph out in columns: a map sits one column right of the
 * furthest map it depends on, so every arrow points right (a cycle is cut where it is
 * met). Pure: ids in, coordinates out.
 */
export interface GraphNode {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

export interface Placed {
  readonly id: string;
  readonly column: number;
  readonly row: number;
}

export interface Layout {
  readonly nodes: readonly Placed[];
  /** from → to: `to` depends on `from`. */
  readonly edges: readonly { readonly from: string; readonly to: string }[];
  readonly columns: number;
  readonly rows: number;
}

export function layout(maps: readonly GraphNode[]): Layout {
  const byId = new Map(maps.map((m) => [m.id, m]));
  const column = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = column.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const deps = (byId.get(id)?.dependsOn ?? []).filter((d) => byId.has(d));
    const value = deps.length === 0 ? 0 : Math.max(...deps.map((d) => depth(d) + 1));
    visiting.delete(id);
    column.set(id, value);
    return value;
  };
  const rowsUsed: number[] = [];
  const nodes = maps.map((m) => {
    const c = depth(m.id);
    const row = rowsUsed[c] ?? 0;
    rowsUsed[c] = row + 1;
    return { id: m.id, column: c, row };
  });
  const edges = maps.flatMap((m) => m.dependsOn.filter((d) => byId.has(d)).map((d) => ({ from: d, to: m.id })));
  return { nodes, edges, columns: rowsUsed.length, rows: Math.max(0, ...rowsUsed) };
}
