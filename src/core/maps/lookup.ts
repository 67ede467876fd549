/**
 * Integration keys and lookups: how a row's identity and its references cross stores.
 *
 * A CRM lookup holds the GUID primary key of the referenced row; the ERP side holds a part
 * of the referenced row's natural key. The map named by the lookup (the "referenced map")
 * pairs the two referenced sets, and its key pairs translate one identity into the other.
 * Its one key pair without a lookup of its own is the "own" pair: the part the lookup field
 * holds (CustomerGroupId ↔ msdyn_groupid). Its other pairs (the company) are taken from
 * the row that makes the reference, by the same field name (dataAreaId).
 *
 * ERP → CRM, e.g. CustomerGroupId 'C10' on a customer of company 'usmf':
 *   1. referenced ERP key   {dataAreaId: 'usmf', CustomerGroupId: 'C10'}
 *   2. its CRM key          {msdyn_company: <GUID>, msdyn_groupid: 'C10'}, where the company
 *                           GUID resolves the same way, recursively, through 'companies':
 *                           {LegalEntityId: 'usmf'} → {cdm_companycode: 'usmf'}
 *                           → find('crm', 'cdm_companies', …).cdm_companyid
 *   3. find('crm', 'msdyn_customergroups', that key) → its primary key msdyn_customergroupid
 * CRM → ERP, e.g. msdyn_customergroupid <GUID>:
 *   1. get('crm', 'msdyn_customergroups', {msdyn_customergroupid: GUID})
 *   2. its ERP key through the referenced map (the company GUID → get cdm_companies →
 *      cdm_companycode → LegalEntityId), and the value is the own pair's part ('C10');
 *      the other parts must agree with the referencing row (MAP_LOOKUP_MISMATCH).
 * A referenced row missing from the replica, or outside the referenced map's filter, is
 * MAP_LOOKUP_NOT_FOUND. null (and ERP '') references map to null.
 */
import { normalizeGuid } from '../values/index.ts';
import { arrow, MapError, show } from './errors.ts';
import { matchesSide } from './filter.ts';
import { crmPrimaryKey } from './primary-keys.ts';
import type { KeyPair, Row, RowSource, Side, TableMap } from './types.ts';

/** One mirror operation: the map being mirrored, the field being resolved, where rows come from. */
export interface Resolution {
  readonly map: TableMap;
  readonly from: Side;
  readonly source: RowSource;
  readonly maps: ReadonlyMap<string, TableMap>;
  /** Lookups being resolved right now, one inside another (a company inside a customer group). */
  depth: number;
}

/** Real chains are two deep (customer → group → company); a deeper one is a map that refers to itself in its key. */
export const MAX_LOOKUP_DEPTH = 8;

/** Runs one nested resolution, refusing to recurse without end. */
async function nested<T>(r: Resolution, field: string, resolve: () => Promise<T>): Promise<T> {
  if (r.depth >= MAX_LOOKUP_DEPTH) {
    const message = `${field} nests lookups deeper than ${MAX_LOOKUP_DEPTH}: a key that looks up through its own map?`;
    throw new MapError('MAP_INVALID', { mapId: r.map.id, field }, message);
  }
  r.depth += 1;
  try {
    return await resolve();
  } finally {
    r.depth -= 1;
  }
}

type Key = Record<string, unknown>;

/**
 * The CRM integration key of an ERP row (or an ERP natural key) of `map`. `field` names the
 * lookup being resolved when this is a referenced row's key, for the messages.
 */
export async function crmKeyOf(r: Resolution, map: TableMap, erp: Row, field?: string): Promise<Key> {
  const key: Key = {};
  for (const pair of map.keys) {
    const value = keyPart(r, erp, pair, 'erp', map, field);
    key[pair.crm] = pair.lookup === undefined ? value : await erpToGuid(r, pair.lookup, value, erp, field ?? pair.erp);
  }
  return key;
}

/** The ERP natural key of a CRM row of `map`. */
export async function erpKeyOf(r: Resolution, map: TableMap, crm: Row, field?: string): Promise<Key> {
  const key: Key = {};
  for (const pair of map.keys) {
    const value = keyPart(r, crm, pair, 'crm', map, field);
    key[pair.erp] = pair.lookup === undefined ? value : (await guidToErp(r, pair.lookup, value, field ?? pair.crm)).value;
  }
  return key;
}

/**
 * How a lookup field fills the referenced map's ERP key: `keyField` is the part the field
 * holds (default: the one pair without a lookup), `with` names this row's fields for the
 * other parts (default: the same name). Multi-hop lookups need both.
 */
export interface LookupSpec {
  readonly keyField?: string;
  readonly with?: Readonly<Record<string, string>>;
}

/** ERP reference → the GUID of the referenced CRM row; `row` supplies the key parts beside the own one. */
export async function erpToGuid(r: Resolution, mapId: string, value: unknown, row: Row, field: string, spec: LookupSpec = {}): Promise<string | null> {
  if (value === null || value === undefined || value === '') return null;
  const ref = referencedMap(r, mapId, field);
  const own = ownPair(r, ref, field, spec.keyField);
  const erpKey: Key = {};
  for (const pair of ref.keys) erpKey[pair.erp] = pair === own ? value : row[withField(spec, pair.erp)];
  const pk = crmPrimaryKey(ref);
  const crmKey = await nested(r, field, () => crmKeyOf(r, ref, erpKey, field));
  const found = await r.source.find('crm', ref.crm.set, crmKey);
  if (found === undefined || !matchesSide(ref, 'crm', found)) throw notFound(r, ref, field, value, crmKey);
  const guid = typeof found[pk] === 'string' ? normalizeGuid(found[pk]) : null;
  if (guid !== null) return guid;
  const message = `${field} ${show(value)} found a ${ref.crm.set} row whose ${pk} is not a GUID (${arrow(r.from)})`;
  throw new MapError('MAP_INVALID_VALUE', { mapId: r.map.id, field, side: r.from }, message);
}

/** This row's field holding the referenced key part `refField`. */
export const withField = (spec: LookupSpec, refField: string): string => (spec.with !== undefined && Object.hasOwn(spec.with, refField) ? (spec.with[refField] ?? refField) : refField);

export interface ErpReference {
  /** The own key part: the ERP lookup field's value. */
  readonly value: unknown;
  /** The referenced row's whole ERP key (its company included). */
  readonly key: Key;
  readonly own: KeyPair;
  readonly map: TableMap;
}

/** CRM GUID reference → the referenced row's ERP key. */
export async function guidToErp(r: Resolution, mapId: string, guid: unknown, field: string, spec: LookupSpec = {}): Promise<ErpReference> {
  const ref = referencedMap(r, mapId, field);
  const own = ownPair(r, ref, field, spec.keyField);
  const id = typeof guid === 'string' ? normalizeGuid(guid) : null;
  if (id === null) {
    const message = `${field} ${show(guid)} is not a GUID (${arrow(r.from)})`;
    throw new MapError('MAP_INVALID_VALUE', { mapId: r.map.id, field, side: r.from }, message);
  }
  const pk = { [crmPrimaryKey(ref)]: id };
  const found = await r.source.get('crm', ref.crm.set, pk);
  if (found === undefined || !matchesSide(ref, 'crm', found)) throw notFound(r, ref, field, guid, pk);
  const key = await nested(r, field, () => erpKeyOf(r, ref, found, field));
  return { value: key[own.erp], key, own, map: ref };
}

function keyPart(r: Resolution, row: Row, pair: KeyPair, side: Side, map: TableMap, field: string | undefined): unknown {
  const value = row[pair[side]];
  if (value !== null && value !== undefined && value !== '') return value;
  const via = field === undefined ? '' : ` (resolving ${field} through ${map.id})`;
  const message = `key field ${pair[side]} has no value${via} (${arrow(r.from)})`;
  throw new MapError('MAP_KEY_MISSING', { mapId: r.map.id, field: pair[side], side }, message);
}

function referencedMap(r: Resolution, mapId: string, field: string): TableMap {
  const ref = mapId === r.map.id ? r.map : r.maps.get(mapId);
  if (ref !== undefined) return ref;
  const message = `${field} refers to map '${mapId}', which is not in the catalog`;
  throw new MapError('MAP_UNKNOWN_MAP', { mapId: r.map.id, field, side: r.from }, message);
}

/** The referenced map's key pair a lookup field holds: `keyField`'s, else its one pair without a lookup. */
export function ownPair(r: Pick<Resolution, 'map'>, ref: TableMap, field: string, keyField?: string): KeyPair {
  if (keyField !== undefined) {
    const named = ref.keys.find((pair) => pair.erp === keyField);
    if (named !== undefined) return named;
    const message = `${field} names key field ${keyField}, which is not in the key of ${ref.id}`;
    throw new MapError('MAP_LOOKUP_KEY', { mapId: r.map.id, field }, message);
  }
  const own = ref.keys.filter((pair) => pair.lookup === undefined);
  if (own.length === 1 && own[0] !== undefined) return own[0];
  const message = `${field} looks up through ${ref.id}, whose key needs exactly one pair without a lookup (it has ${own.length})`;
  throw new MapError('MAP_LOOKUP_KEY', { mapId: r.map.id, field }, message);
}

function notFound(r: Resolution, ref: TableMap, field: string, value: unknown, where: Key): MapError {
  const message =
    `${field} ${show(value)} names no ${ref.crm.set} row ${JSON.stringify(where)} in the replica ` +
    `(lookup through ${ref.id}, ${arrow(r.from)})`;
  return new MapError('MAP_LOOKUP_NOT_FOUND', { mapId: r.map.id, field, side: r.from }, message);
}
