/**
 * The in-memory RowSource: rows per side and set, matched field by field with canonical
 * equality (same-value.ts: GUIDs in any case). `get` and `find` are the same scan — a key
 * is just the fields that identify one row. For tests and for callers that hold a few rows.
 */
import { sameValue } from './same-value.ts';
import type { Row, RowSource, Side } from './types.ts';

export type RowsBySet = Partial<Record<string, readonly Row[]>>;

export interface MemorySource extends RowSource {
  /** Adds a row (a later row never shadows an earlier match: first match wins). */
  add(side: Side, set: string, row: Row): void;
}

export function memorySource(rows: Partial<Record<Side, RowsBySet>> = {}): MemorySource {
  const tables = new Map<string, Row[]>();
  const table = (side: Side, set: string): Row[] => {
    const id = `${side}/${set}`;
    let list = tables.get(id);
    if (list === undefined) tables.set(id, (list = []));
    return list;
  };
  for (const side of ['erp', 'crm'] as const) {
    for (const [set, list] of Object.entries(rows[side] ?? {})) table(side, set).push(...(list ?? []));
  }
  const find = (side: Side, set: string, where: Readonly<Record<string, unknown>>): Promise<Row | undefined> => {
    const match = table(side, set).find((row) => Object.entries(where).every(([field, value]) => sameValue(row[field], value)));
    return Promise.resolve(match);
  };
  return { get: find, find, add: (side, set, row) => void table(side, set).push(row) };
}
