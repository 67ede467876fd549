import type { EntitySetDef, StoreDef } from '../../src/core/schema/types.ts';

/** Fields the store itself writes on every change (read-only to clients). */
export interface Stamps {
  readonly createdAt: string;
  readonly modifiedAt: string;
  readonly modifiedBy: string;
}

/** An entity set as the server knows it: the public definition plus storage details. */
export interface SetSpec extends EntitySetDef {
  readonly store: StoreDef['name'];
  readonly table: string;
  readonly stamps: Stamps;
  /** CRM sets: the server generates the GUID key when a create names none. */
  readonly generatedKey?: string;
}

export interface StoreSpec extends StoreDef {
  /** URL path the store's service root answers at, e.g. "/erp/data". */
  readonly root: string;
  readonly sets: readonly SetSpec[];
}

export function findSet(store: StoreSpec, name: string): SetSpec | undefined {
  return store.sets.find((s) => s.name === name);
}

export function fieldOf(set: EntitySetDef, name: string) {
  return set.fields.find((f) => f.name === name);
}
