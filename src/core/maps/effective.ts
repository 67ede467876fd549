/**
 * Date-effective rows (TableMap.effective). The range is [from, to): from inclusive, to
 * exclusive, a null or missing bound open. Mode 'current' mirrors a row only when it is
 * effective at `asOf` (YYYY-MM-DD; datetimes compare by their UTC date); without an
 * `asOf` — core has no clock — every row passes. Mode 'range' mirrors every row.
 */
import type { Row, Side, TableMap } from './types.ts';

export function effectiveAt(map: TableMap, side: Side, row: Row, asOf: string | undefined): boolean {
  const effective = map.effective;
  if (effective === undefined || effective.mode === 'range' || asOf === undefined) return true;
  const day = asOf.slice(0, 10);
  const from = dateOf(row[effective[side].from]);
  const to = dateOf(row[effective[side].to]);
  return (from === null || from <= day) && (to === null || day < to);
}

function dateOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value.slice(0, 10) : null;
}
