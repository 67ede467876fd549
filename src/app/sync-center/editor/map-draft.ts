/**
 * Editing a table map as a draft: what the editor shows for each field mapping and for a
 * filter's preview, and the edits it allows — filters, the conflict rule, a value map's
 * pairs. Pure: every edit returns a new map; the engine's saveMap validates the result
 * against both stores.
 */
import type { ConflictRule, Direction, FieldMapping, Scalar, TableMap } from '../../../core/maps/index.ts';
import type { MapRunState } from '../../../engine/api.ts';
import { formatCount } from '../../format.ts';

export const DIRECTIONS: Readonly<Record<Direction, { icon: string; label: string }>> = {
  both: { icon: '⇄', label: 'both ways' },
  'erp-to-crm': { icon: '→', label: 'ERP to CRM' },
  'crm-to-erp': { icon: '←', label: 'CRM to ERP' },
};

export interface FieldRow {
  readonly index: number;
  readonly kind: FieldMapping['kind'];
  readonly erp: string;
  readonly crm: string;
  /** null for a constant (written on one side only). */
  readonly direction: Direction | null;
  readonly detail: string;
}

export function fieldRows(map: Pick<TableMap, 'fields'>): FieldRow[] {
  return map.fields.map((f, index) => {
    switch (f.kind) {
      case 'constant':
        return { index, kind: f.kind, erp: f.target === 'erp' ? f.field : '', crm: f.target === 'crm' ? f.field : '', direction: null, detail: `constant ${JSON.stringify(f.value)}${f.onCreate ? ' on create' : ''}` };
      case 'lookup':
        return { index, kind: f.kind, erp: f.erp, crm: f.crm, direction: f.direction, detail: `lookup through ${f.map}` };
      case 'value-map':
        return { index, kind: f.kind, erp: f.erp, crm: f.crm, direction: f.direction, detail: `${f.values.length} value pairs` };
      default:
        return { index, kind: f.kind, erp: f.erp, crm: f.crm, direction: f.direction, detail: f.rule ? f.rule.type : '' };
    }
  });
}

/** A map may be saved only while nothing runs it (the engine answers MAP_RUNNING otherwise). */
export function editable(state: MapRunState | undefined): boolean {
  return state === undefined || state === 'stopped' || state === 'not-running';
}

/** The filter of one side; an empty text removes it. */
export function withFilter(map: TableMap, side: 'erp' | 'crm', filter: string): TableMap {
  const { filter: _old, ...rest } = map[side];
  const text = filter.trim();
  return { ...map, [side]: text ? { ...rest, filter: text } : rest };
}

export function withConflict(map: TableMap, conflict: ConflictRule): TableMap {
  return { ...map, conflict };
}

/** Text typed for a value-map cell, typed like the value it replaces (number, boolean, null or text). */
export function scalarLike(text: string, before: Scalar): Scalar {
  if (typeof before === 'number' && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text.trim());
  if (typeof before === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (before === null && text === '') return null;
  return text;
}

/** One side of one pair of a value map changed. */
export function withValuePair(map: TableMap, field: number, pair: number, side: 'erp' | 'crm', text: string): TableMap {
  const fields = map.fields.map((f, i) => {
    if (i !== field || f.kind !== 'value-map') return f;
    const values = f.values.map((p, j) => {
      if (j !== pair) return p;
      return side === 'erp' ? ([scalarLike(text, p[0]), p[1]] as const) : ([p[0], scalarLike(text, p[1])] as const);
    });
    return { ...f, values };
  });
  return { ...map, fields };
}

export function withPairAdded(map: TableMap, field: number): TableMap {
  return { ...map, fields: map.fields.map((f, i) => (i === field && f.kind === 'value-map' ? { ...f, values: [...f.values, ['', ''] as const] } : f)) };
}

export function withPairRemoved(map: TableMap, field: number, pair: number): TableMap {
  return { ...map, fields: map.fields.map((f, i) => (i === field && f.kind === 'value-map' ? { ...f, values: f.values.filter((_, j) => j !== pair) } : f)) };
}

/** The filter preview's count: "1,234 of 80,000 rows match". */
export function previewText(matching: number, total: number): string {
  if (total === 0) return 'No rows of this set on this device yet';
  return `${formatCount(matching)} of ${formatCount(total)} ${total === 1 ? 'row' : 'rows'} ${matching === 1 ? 'matches' : 'match'}`;
}

/** A filter text split at an error's position, to mark where it is (past the end: an empty mark). */
export function splitAt(text: string, position: number): { before: string; at: string; after: string } {
  const p = Math.min(Math.max(0, position), text.length);
  return { before: text.slice(0, p), at: text.slice(p, p + 1), after: text.slice(p + 1) };
}
