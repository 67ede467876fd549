/**
 * Conflict rules: a rule per map (`conflictPolicy`, else the engine's `conflict`) and an
 * override per field (`fieldConflicts`, keyed by the ERP or the CRM field name). The
 * engine decides every rule through ruleForField (src/engine/conflicts.ts).
 */
import type { ConflictSetting, Side, TableMap } from './types.ts';

/** The rule that decides a conflict on `field` of side `side`. */
export function ruleForField(map: TableMap, side: Side, field: string): ConflictSetting {
  const overrides = map.fieldConflicts;
  if (overrides !== undefined) {
    const names = [field, ...counterparts(map, side, field)];
    for (const name of names) if (Object.hasOwn(overrides, name) && overrides[name] !== undefined) return overrides[name];
  }
  return map.conflictPolicy ?? { rule: map.conflict };
}

/** The other side's names of `field` (a key pair or a mapping). */
function counterparts(map: TableMap, side: Side, field: string): string[] {
  const to: Side = side === 'erp' ? 'crm' : 'erp';
  const pairs = [...map.keys, ...map.fields.flatMap((m) => (m.kind === 'constant' ? [] : [m]))];
  return pairs.filter((p) => p[side] === field).map((p) => p[to]);
}
