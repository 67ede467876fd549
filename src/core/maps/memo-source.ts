/**
 * A RowSource that answers each distinct read once. One mirrorRow resolves the row's
 * company for its key and again for every company-scoped lookup; within one call the
 * replica does not change, so repeating the read is waste.
 */
import type { Row, RowSource, Side } from './types.ts';

export function memoSource(source: RowSource): RowSource {
  const seen = new Map<string, Promise<Row | undefined>>();
  const once = (op: 'get' | 'find', side: Side, set: string, where: Readonly<Record<string, unknown>>) => {
    const id = JSON.stringify([op, side, set, Object.entries(where).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
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
