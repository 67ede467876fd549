/**
 * A RowSource that answers each distinct read once. One mirrorRow resolves the row's
 * company for its key and again for every company-scoped lookup; within one call the
 * replica does not change, so repeating the read is waste.
 */
import type { Row, RowSource, Side } from './types.ts';

export function memoSource(source: RowSource): RowSource {
  const seen = new Map<string, Promise<Row | undefined>>();
  const once = (op: 'get' | 'find', side: Side, set: string, where: Readonly<Record<string, unknown>>) => {
    const id = readId(op, side, set, where);
    let read = seen.get(id);
    if (read === undefined) {
      read = op === 'get' ? source.get(side, set, where) : source.find(side, set, where);
      seen.set(id, read);
    }
    return read;
  };
  return {
    get: (side, set, key) => once('get', side, set, key),
    find: (side, set, where) => once('find', side, set, where),
  };
}

/** A read's identity: op, side, set and the fields in code-point order, each value typed (1 ≠ "1"). */
function readId(op: string, side: Side, set: string, where: Readonly<Record<string, unknown>>): string {
  const fields = Object.keys(where);
  if (fields.length > 1) fields.sort();
  let id = `${op}\u0000${side}\u0000${set}`;
  for (const f of fields) {
    const v = where[f];
    id += `\u0000${f}\u0000${typeof v === 'string' ? `s${v}` : JSON.stringify(v)}`;
  }
  return id;
}
