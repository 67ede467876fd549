/**
 * A table map as data: it pairs one ERP entity set with one CRM entity set and says which
 * fields flow which way and how they are transformed (the dual-write reference, §1).
 * Everything here is plain JSON so maps can be exported, imported, versioned and edited.
 *
 * Map symbols of the reference, and the shapes that express them:
 *   =    copy       direction 'both'          ><  value-map  direction 'both'
 *   >    copy       direction 'erp-to-crm'    >>  value-map 'erp-to-crm', or constant target 'crm'
 *   <    copy       direction 'crm-to-erp'    <<  value-map 'crm-to-erp', or constant target 'erp'
 */

export type Side = 'erp' | 'crm';

/** A row of either store: canonical JSON values (decimals are strings, GUIDs lowercase). */
export type Row = Readonly<Record<string, unknown>>;

export type Direction = 'both' | 'erp-to-crm' | 'crm-to-erp';
export type ConflictRule = 'server-wins' | 'client-wins';
export type Scalar = string | number | boolean | null;

/**
 * What a map knows of a copied field's values on each side, so that a value one store would
 * reject (or silently change) fails in the map, where the agent sees why, instead of at push.
 *   decimal  values are decimal text; a value with more digits after the point than the
 *            target side keeps is rejected (MAP_PRECISION_LOSS), never rounded silently
 *   text     values are strings; one longer than the target side allows is rejected (MAP_TOO_LONG)
 */
export type ValueRule =
  | { type: 'decimal'; erpScale: number; crmScale: number }
  | { type: 'text'; erpMaxLength: number; crmMaxLength: number };

/** The side(s) on which a mapped field must get a value (MAP_REQUIRED_MISSING otherwise). */
export type RequiredOn = Side | 'both';

/** A field mapping. Exactly one of these shapes. */
export type FieldMapping =
  | { kind: 'copy'; erp: string; crm: string; direction: Direction; rule?: ValueRule; required?: RequiredOn }
  | {
      kind: 'value-map';
      erp: string;
      crm: string;
      direction: Direction;
      /** Pairs applied in the mapping's direction; a bidirectional map must be one-to-one. */
      values: readonly (readonly [erpValue: Scalar, crmValue: Scalar])[];
      required?: RequiredOn;
    }
  | {
      kind: 'constant';
      target: Side;
      field: string;
      value: string | number | boolean;
      /** Written only when the counterpart is created (mirrorRow's `defaults`), never over an existing value. */
      onCreate?: true;
    }
  | {
      kind: 'lookup';
      /** The ERP field holding the referenced row's natural key part (CustomerGroupId). */
      erp: string;
      /** The CRM GUID lookup field (msdyn_customergroupid). */
      crm: string;
      direction: Direction;
      /** Id of the map pairing the referenced tables (customer-groups). */
      map: string;
      required?: RequiredOn;
    };

/** One pair of the integration key. `lookup`: the CRM side is a GUID lookup resolved through that map. */
export interface KeyPair {
  erp: string;
  crm: string;
  lookup?: string;
}

export interface TableMap {
  id: string;
  name: string;
  version: string;
  /** Filters in the shared filter language (../filter). */
  erp: { set: string; filter?: string };
  /** `primaryKey`: the set's GUID key field when it is not in CRM_PRIMARY_KEYS (primary-keys.ts). */
  crm: { set: string; filter?: string; primaryKey?: string };
  /** The integration key; key fields are not repeated in `fields`, they are written from here. */
  keys: readonly KeyPair[];
  fields: readonly FieldMapping[];
  /** Map ids that must sync first. */
  dependsOn: readonly string[];
  conflict: ConflictRule;
  oneWay?: 'erp-to-crm';
}

/** Reads rows of the local replica; injected by the engine (async: it reads inside its transaction). */
export interface RowSource {
  /** By primary key (ERP: natural key fields; CRM: the GUID field). */
  get(side: Side, set: string, key: Readonly<Record<string, unknown>>): Promise<Row | undefined>;
  /** First row whose fields equal `where` (CRM alternate keys, ERP natural keys). */
  find(side: Side, set: string, where: Readonly<Record<string, unknown>>): Promise<Row | undefined>;
}

export const other = (side: Side): Side => (side === 'erp' ? 'crm' : 'erp');
