/** Which field on the other side a map pairs with a given field (for keeping both halves of an entry consistent). */
import type { Side, TableMap } from '../core/maps/index.ts';

export function counterpartField(map: TableMap, side: Side, field: string): string | null {
  const other: Side = side === 'erp' ? 'crm' : 'erp';
  for (const pair of [...map.keys, ...map.fields] as readonly unknown[]) {
    const p = pair as Partial<Record<Side, unknown>>;
    if (p[side] === field && typeof p[other] === 'string') return p[other] as string;
  }
  return null;
}
