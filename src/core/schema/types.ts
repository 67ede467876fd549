/**
 * The shape of an entity set, shared by the reference server (DDL, validation, $metadata)
 * and, later, by map validation (type checks against a store's $metadata).
 *
 * Values travel as JSON in one canonical form per type (see ../values):
 *   Edm.String          string
 *   Edm.Decimal         string, canonical decimal text ("1250.5", "-0.0001"), never a float
 *   Edm.Int32           number (integer)
 *   Edm.Boolean         boolean
 *   Edm.Date            string "YYYY-MM-DD"
 *   Edm.DateTimeOffset  string "YYYY-MM-DDTHH:MM:SS.sssZ" (UTC)
 *   Edm.Guid            string, lowercase 8-4-4-4-12
 */
export type EdmType =
  | 'Edm.String'
  | 'Edm.Decimal'
  | 'Edm.Int32'
  | 'Edm.Boolean'
  | 'Edm.Date'
  | 'Edm.DateTimeOffset'
  | 'Edm.Guid';

export interface FieldDef {
  readonly name: string;
  readonly type: EdmType;
  /** Edm.String: maximum length in characters (code points). */
  readonly maxLength?: number;
  /** Edm.Decimal: total significant digits and digits after the point. */
  readonly precision?: number;
  readonly scale?: number;
  /** A value must be present (not null, not empty) on create; it may never be set to null. */
  readonly required?: boolean;
  /** Set by the store (versions, timestamps, computed totals); a client may not write it. */
  readonly readOnly?: boolean;
  /** Allowed values of an enumeration (ERP enums, CRM option sets as numbers). */
  readonly enumValues?: readonly (string | number)[];
  /** A lookup: the value must identify an existing row of `set` (by `field`, default the set's key). */
  readonly references?: FieldReference;
  /** Written by the store on create when the client sends no value. */
  readonly defaultValue?: string | number | boolean;
  readonly description?: string;
}

export interface FieldReference {
  readonly set: string;
  /** The referenced set's fields matched by [this field, ...with]; defaults to its key. */
  readonly fields?: readonly string[];
  /** Other fields of this row that complete a composite reference (e.g. dataAreaId). */
  readonly with?: readonly string[];
}

/** How a set belongs to a company (legal entity); global sets have none. */
export type CompanyScope =
  | { readonly kind: 'code'; readonly field: string }
  | { readonly kind: 'lookup'; readonly field: string };

export interface EntitySetDef {
  readonly name: string;
  readonly entityType: string;
  readonly key: readonly string[];
  readonly alternateKeys?: readonly (readonly string[])[];
  readonly company?: CompanyScope;
  readonly fields: readonly FieldDef[];
  readonly description?: string;
}

export interface StoreDef {
  readonly name: 'erp' | 'crm';
  readonly namespace: string;
  readonly sets: readonly EntitySetDef[];
}
