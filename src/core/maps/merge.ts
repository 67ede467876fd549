/**
 * Three-way merge of one row: the base both sides started from, the local (agent's) row
 * and the server's row. Changes are found with JSON patches (fast-json-patch `compare`),
 * then refined by canonical equality, so a GUID that only changed case is no change.
 *
 *   changed locally only     → local value (a removal removes)
 *   changed on the server only → server value
 *   changed on both, equal   → that value, no conflict
 *   changed on both, differ  → conflict: server-wins takes the server's, client-wins the local
 *   unchanged                → base value
 *
 * A patch path deeper than the field (a nested object) counts as a change of the whole field.
 */
// The default export: fast-json-patch is CommonJS to Node (no named exports there) and ESM to bundlers.
import jsonPatch from 'fast-json-patch';
import { sameValue } from './same-value.ts';
import type { ConflictRule, Row } from './types.ts';

const { compare, unescapePathComponent } = jsonPatch;

export interface Merge {
  merged: Record<string, unknown>;
  /** Fields changed on both sides to different values, sorted by code point. */
  conflicts: string[];
}

export function mergeRows(base: Row, local: Row, server: Row, rule: ConflictRule): Merge {
  const [b, l, s] = [defined(base), defined(local), defined(server)];
  const localChanged = changed(b, l);
  const serverChanged = changed(b, s);
  const merged: Record<string, unknown> = {};
  const conflicts: string[] = [];
  for (const field of new Set([...Object.keys(b), ...Object.keys(l), ...Object.keys(s)])) {
    const inLocal = localChanged.has(field);
    const inServer = serverChanged.has(field);
    let from = b;
    if (inLocal && inServer) {
      const agree = sameValue(l[field], s[field]) && Object.hasOwn(l, field) === Object.hasOwn(s, field);
      if (!agree) conflicts.push(field);
      from = agree || rule === 'server-wins' ? s : l;
    } else if (inLocal) from = l;
    else if (inServer) from = s;
    if (Object.hasOwn(from, field)) put(merged, field, from[field]);
  }
  return { merged, conflicts: conflicts.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)) };
}

/** Top-level fields that `next` changed from `base`: patched, and not canonically equal. */
function changed(base: Record<string, unknown>, next: Record<string, unknown>): Set<string> {
  const fields = new Set<string>();
  for (const op of compare(base, next)) {
    const field = unescapePathComponent(op.path.split('/')[1] ?? '');
    const same = Object.hasOwn(base, field) === Object.hasOwn(next, field) && sameValue(base[field], next[field]);
    if (!same) fields.add(field);
  }
  return fields;
}

/** A plain copy without undefined members: undefined is "absent" in JSON. */
function defined(row: Row): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) if (value !== undefined) put(copy, field, value);
  return copy;
}

/** Sets an own data property, even one named '__proto__' (rows are data, never prototypes). */
function put(target: Record<string, unknown>, field: string, value: unknown): void {
  Object.defineProperty(target, field, { value, enumerable: true, writable: true, configurable: true });
}
