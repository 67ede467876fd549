/**
 * A lookup mapping's value in mirrorRow: one reference, or a polymorphic one whose
 * candidates (`targets`) are tried in order — the source side's type field, when the map
 * names one and the row fills it, picks the candidate directly; the target side's type
 * field is written with the candidate that resolved. CRM → ERP, the referenced row's other
 * key parts must match the target row's key (MAP_LOOKUP_MISMATCH), or are written into the
 * fields `with` names when they are not part of this row's key (multi-hop).
 */
import { arrow, MapError } from './errors.ts';
import { erpToGuid, guidToErp, withField, type Resolution } from './lookup.ts';
import type { Mirror } from './mirror.ts';
import { sameValue } from './same-value.ts';
import { isEmpty } from './transform.ts';
import { other, type FieldMapping, type LookupTarget, type Row } from './types.ts';

type Lookup = Extract<FieldMapping, { kind: 'lookup' }>;

/** The candidates of a lookup, in order (one for a plain lookup). */
export const lookupTargets = (m: Lookup): readonly LookupTarget[] => m.targets ?? [{ map: m.map }];

export async function lookupValue(r: Resolution, m: Lookup, row: Row, mirror: Mirror): Promise<unknown> {
  const value = row[m[r.from]];
  const to = other(r.from);
  const typeTo = m.typeField?.[to];
  if (isEmpty(value)) {
    if (typeTo !== undefined) mirror.values[typeTo] = null;
    return null;
  }
  let lastError: unknown;
  for (const target of candidates(r, m, row)) {
    try {
      const resolved = r.from === 'erp' ? await erpToGuid(r, target.map, value, row, m.erp, m) : await erpReference(r, m, target.map, value, mirror);
      if (typeTo !== undefined) mirror.values[typeTo] = (to === 'erp' ? target.erpType : target.crmType) ?? null;
      return resolved;
    } catch (error) {
      if (!(error instanceof MapError) || error.code !== 'MAP_LOOKUP_NOT_FOUND') throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** Candidates to try: the one the source's type field names, else all in order. */
function candidates(r: Resolution, m: Lookup, row: Row): readonly LookupTarget[] {
  const all = lookupTargets(m);
  const typeFrom = m.typeField?.[r.from];
  const kind = typeFrom === undefined ? undefined : row[typeFrom];
  if (isEmpty(kind)) return all;
  const picked = all.filter((t) => sameValue(r.from === 'erp' ? t.erpType : t.crmType, kind));
  return picked.length > 0 ? picked : all;
}

/** CRM GUID → ERP key part; the referenced row's other key parts must match the target row's. */
async function erpReference(r: Resolution, m: Lookup, mapId: string, guid: unknown, mirror: Mirror): Promise<unknown> {
  const ref = await guidToErp(r, mapId, guid, m.crm, m);
  for (const pair of ref.map.keys) {
    if (pair === ref.own) continue;
    const field = withField(m, pair.erp);
    const inKey = Object.hasOwn(mirror.key, field);
    if (!inKey) {
      if (m.with !== undefined && Object.hasOwn(m.with, pair.erp)) mirror.values[field] = ref.key[pair.erp];
      continue;
    }
    if (sameValue(mirror.key[field], ref.key[pair.erp])) continue;
    const message =
      `${m.crm} names a ${ref.map.crm.set} row of ${pair.erp} ${JSON.stringify(ref.key[pair.erp])}, ` +
      `but this row's ${field} is ${JSON.stringify(mirror.key[field])} (${arrow(r.from)})`;
    throw new MapError('MAP_LOOKUP_MISMATCH', { mapId: r.map.id, field: m.crm, side: r.from }, message);
  }
  return ref.value;
}
