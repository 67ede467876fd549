/**
 * A readable diff between two catalogs: maps added, removed and changed, and per changed
 * map what changed — fields (by their ERP ↔ CRM pair, constants by target field), filters,
 * the key and the rules (conflict, dependencies, direction, scope…).
 */
import type { FieldMapping, TableMap } from './types.ts';

export interface MapDiff {
  id: string;
  from: string;
  to: string;
  fields: { added: string[]; removed: string[]; changed: string[] };
  filters: { side: 'erp' | 'crm'; from: string | null; to: string | null }[];
  keys: boolean;
  /** Other top-level properties that changed (conflict, dependsOn, companies, name, sets…). */
  rules: string[];
}

export interface CatalogDiff {
  added: string[];
  removed: string[];
  changed: MapDiff[];
  unchanged: string[];
}

export function diffMaps(installed: readonly TableMap[], incoming: readonly TableMap[]): CatalogDiff {
  const before = new Map(installed.map((m) => [m.id, m]));
  const after = new Map(incoming.map((m) => [m.id, m]));
  const diff: CatalogDiff = { added: [], removed: [], changed: [], unchanged: [] };
  for (const m of incoming) {
    const old = before.get(m.id);
    if (old === undefined) diff.added.push(m.id);
    else if (same(old, m)) diff.unchanged.push(m.id);
    else diff.changed.push(diffMap(old, m));
  }
  for (const m of installed) if (!after.has(m.id)) diff.removed.push(m.id);
  return diff;
}

function diffMap(a: TableMap, b: TableMap): MapDiff {
  const fa = new Map(a.fields.map((m) => [label(m), m]));
  const fb = new Map(b.fields.map((m) => [label(m), m]));
  const filters = (['erp', 'crm'] as const).flatMap((side) => {
    const [x, y] = [a[side].filter ?? null, b[side].filter ?? null];
    return x === y ? [] : [{ side, from: x, to: y }];
  });
  const skip = new Set(['fields', 'keys', 'version', 'erp', 'crm']);
  const props = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !skip.has(k)));
  const rules = [...props].filter((k) => !same((a as unknown as Record<string, unknown>)[k], (b as unknown as Record<string, unknown>)[k]));
  for (const side of ['erp', 'crm'] as const) if (!same({ ...a[side], filter: null }, { ...b[side], filter: null })) rules.push(`${side}.set`);
  return {
    id: b.id,
    from: a.version,
    to: b.version,
    fields: {
      added: [...fb.keys()].filter((k) => !fa.has(k)),
      removed: [...fa.keys()].filter((k) => !fb.has(k)),
      changed: [...fb.keys()].filter((k) => fa.has(k) && !same(fa.get(k), fb.get(k))),
    },
    filters,
    keys: !same(a.keys, b.keys),
    rules: rules.sort(),
  };
}

/** "OrganizationName ↔ name", "none → crm.customertypecode" */
function label(m: FieldMapping): string {
  return m.kind === 'constant' ? `none → ${m.target}.${m.field}` : `${m.erp} ↔ ${m.crm}`;
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with object keys sorted, so key order is no change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v));
}
