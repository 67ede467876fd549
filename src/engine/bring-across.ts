/**
 * Rows entered in the CRM only — the seed's asset US-AC0001 under its work order
 * US-WOC0001 — have no ERP counterpart. Writing such a work order makes the maps create its
 * ERP service order, whose AssetId names the asset by its CRM row's key (lookup.ts reads the
 * CRM row; it cannot know whether the ERP holds one), and the ERP refuses the whole entry:
 * "AssetId: no CustomerAssets row …". The other way round cannot happen: an ERP reference
 * resolves to a GUID only through a CRM row the replica holds.
 *
 * So before every local CRM write (Engine.write), every CRM row it references that has no
 * ERP counterpart in the replica is brought across first, its own references before it,
 * by a write that changes nothing on the CRM side: the maps derive the counterpart, and its outbox entry comes
 * before the referencing one, so push creates the parent first (entries go in id order,
 * the ERP half of a batch before the CRM half).
 *
 *   note ──objectid──▶ work order ──msdyn_customerasset──▶ asset      (CRM rows)
 *   brought across:    asset, then work order, then the note's own write
 */
import { flows, lookupTargets, mapsForTable, mirrorRow, crmPrimaryKey } from '../core/maps/index.ts';
import type { FieldMapping, TableMap } from '../core/maps/index.ts';
import type { Result } from './api.ts';
import type { EngineContext } from './context.ts';
import { mirrorOptions } from './context.ts';
import type { WriteIntent } from './local-write.ts';
import type { StoredRow } from './replica/db.ts';
import { findRow, replicaSource } from './replica/row-source.ts';

type Write = (intent: WriteIntent) => Promise<Result<{ entryId: number | null }>>;
type Lookup = Extract<FieldMapping, { kind: 'lookup' }>;

/** Real chains are short (note → work order → asset → account); deeper is a cycle we stop. */
const MAX_DEPTH = 6;

/**
 * Brings across the CRM rows that `row` (of CRM set `set`, written or about to be) refers
 * to and the ERP lacks. `why` says what needs them, for the outbox entry's description.
 */
export async function bringReferencesAcross(ctx: EngineContext, write: Write, set: string, row: Readonly<Record<string, unknown>>, why: string, depth = 0): Promise<Result<void>> {
  if (depth >= MAX_DEPTH) return { ok: true, value: undefined };
  for (const map of mapsForTable(ctx.maps, 'crm', set)) {
    if (ctx.mapGate?.(map.id).derive === false) continue;
    for (const m of map.fields) {
      if (m.kind !== 'lookup' || !flows(m.direction, 'crm') || typeof row[m.crm] !== 'string') continue;
      const found = await missingCounterpart(ctx, m, row);
      if (!found) continue;
      const pk = crmPrimaryKey(found.map);
      const label = `${found.map.erp.set} ${Object.values(found.key).join(' ')}`;
      const parents = await bringReferencesAcross(ctx, write, found.map.crm.set, found.row, why, depth + 1);
      if (!parents.ok) return parents;
      const written = await write({ side: 'crm', set: found.map.crm.set, key: { [pk]: found.row[pk] as string }, kind: 'upsert', values: {}, description: `${label} sent to the ERP: ${why} refers to it` });
      if (!written.ok) return written;
    }
  }
  return { ok: true, value: undefined };
}

/** The CRM row lookup `m` of `row` names, when its map would create an ERP counterpart the replica does not hold. */
async function missingCounterpart(ctx: EngineContext, m: Lookup, row: Readonly<Record<string, unknown>>): Promise<{ map: TableMap; row: StoredRow; key: Record<string, unknown> } | null> {
  const source = ctx.reference?.source() ?? replicaSource(ctx.db);
  const kind = m.typeField?.crm === undefined ? undefined : row[m.typeField.crm];
  for (const target of lookupTargets(m)) {
    if (kind !== undefined && kind !== null && target.crmType !== undefined && target.crmType !== kind) continue;
    const map = ctx.maps.find((x) => x.id === target.map);
    if (!map) continue;
    const referenced = (await source.get('crm', map.crm.set, { [crmPrimaryKey(map)]: row[m.crm] })) as StoredRow | undefined;
    if (!referenced) continue;
    // A map that does not write to the ERP, or a row it cannot mirror: the write itself says why.
    const mirrored = await mirrorRow(map, 'crm', referenced, source, mirrorOptions(ctx)).catch(() => null);
    if (!mirrored) return null;
    return (await findRow(ctx.db, 'erp', map.erp.set, mirrored.key)) ? null : { map, row: referenced, key: mirrored.key };
  }
  return null;
}
