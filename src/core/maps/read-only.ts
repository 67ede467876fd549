/**
 * What an agent may not edit on one side because the maps maintain it from the other:
 * every row of a one-way map's target set (on-hand inventory, invoices, products in the
 * CRM), and every field that only a one-way mapping writes (an order's totals in the CRM).
 * An edit there would never reach the source store and would be overwritten by the next
 * change from it, so the engine refuses it up front with a clear message.
 */
import { flows } from './directions.ts';
import type { Side, TableMap } from './types.ts';

export interface ReadOnly {
  /** The map that makes the whole set read-only on this side, if any. */
  readonly set: string | null;
  /** Field → the map that writes it one way into this side. */
  readonly fields: ReadonlyMap<string, string>;
}

export function readOnlyOn(maps: readonly TableMap[], side: Side, set: string): ReadOnly {
  const from: Side = side === 'erp' ? 'crm' : 'erp';
  const ofSet = maps.filter((m) => m[side].set === set);
  const whole = ofSet.find((m) => m.oneWay === 'erp-to-crm' && side === 'crm');
  const fields = new Map<string, string>();
  const flowsOut = new Set<string>();
  for (const map of ofSet) {
    for (const m of map.fields) {
      if (m.kind === 'constant') continue;
      if (flows(m.direction, side) && map.oneWay !== 'erp-to-crm') flowsOut.add(m[side]);
      if (flows(m.direction, from) && !flows(m.direction, side)) fields.set(m[side], map.id);
    }
  }
  for (const field of flowsOut) fields.delete(field);
  return { set: whole?.id ?? null, fields };
}
