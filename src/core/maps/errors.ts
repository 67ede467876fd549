/**
 * Map errors carry a stable code, the map and (where there is one) the field and its side.
 * Messages always start with the map id and name the field:
 *   "customers-accounts: OnHoldStatus has no value-map entry for 'Sometimes' (ERP → CRM)"
 */
import type { Side } from './types.ts';

export type MapErrorCode =
  /** A value-map has no pair for the source value. */
  | 'MAP_NO_VALUE_MAP_ENTRY'
  /** A lookup names a row the replica does not hold (or one the referenced map does not mirror). */
  | 'MAP_LOOKUP_NOT_FOUND'
  /** A lookup resolves to a row of another company than the row's own. */
  | 'MAP_LOOKUP_MISMATCH'
  /** A mapped field that the target side requires got no value. */
  | 'MAP_REQUIRED_MISSING'
  /** An integration key field has no value. */
  | 'MAP_KEY_MISSING'
  /** A side's filter does not parse or bind. */
  | 'MAP_FILTER'
  /** A decimal has more digits after the point than the target keeps. */
  | 'MAP_PRECISION_LOSS'
  /** A string is longer than the target allows. */
  | 'MAP_TOO_LONG'
  /** A value is not of the field's type (a decimal field holding 'abc'). */
  | 'MAP_INVALID_VALUE'
  /** dependsOn forms a cycle. */
  | 'MAP_CYCLE'
  /** A lookup or dependency names a map that is not in the catalog. */
  | 'MAP_UNKNOWN_MAP'
  /** A CRM set whose GUID key field is unknown (give the map `crm.primaryKey`). */
  | 'MAP_UNKNOWN_SET'
  /** A quantity's units have no row in the map's conversions table. */
  | 'MAP_NO_CONVERSION'
  /** The map itself is malformed (validateMaps); the codes below name the rule. */
  | 'MAP_INVALID'
  | MapRuleCode;

/** Validation rules (validate.ts, package.ts); docs/maps.md tabulates them. */
export type MapRuleCode =
  | 'MAP_DUPLICATE_ID'
  | 'MAP_NO_KEY'
  | 'MAP_KEY_UNMAPPED'
  | 'MAP_KEY_NOT_BIDIRECTIONAL'
  | 'MAP_KEY_SELF_LOOKUP'
  | 'MAP_REQUIRED_TARGET_UNMAPPED'
  | 'MAP_READONLY_TARGET'
  | 'MAP_DUPLICATE_SOURCE'
  | 'MAP_DUPLICATE_TARGET'
  | 'MAP_DUPLICATE_VALUE_MAP'
  | 'MAP_VALUE_MAP_NOT_ONE_TO_ONE'
  | 'MAP_TYPE_MISMATCH'
  | 'MAP_SCALE_LOSS'
  | 'MAP_LENGTH_OVERFLOW'
  | 'MAP_ENUM_VALUE'
  | 'MAP_UNKNOWN_FIELD'
  | 'MAP_COMPANY_MIX'
  | 'MAP_COMPANIES_WITHOUT_COMPANY'
  | 'MAP_ONE_WAY_WRITES_BACK'
  | 'MAP_LOOKUP_NOT_DEPENDENCY'
  | 'MAP_LOOKUP_KEY'
  | 'MAP_LOOKUP_TARGETS'
  | 'MAP_CONFLICT_RULE'
  | 'MAP_CONVERSION'
  | 'MAP_BAD_VERSION'
  | 'MAP_VERSION_NOT_NEWER'
  | 'MAP_RUNNING'
  | 'MAP_PACKAGE';

export interface MapErrorDetails {
  mapId: string;
  field?: string;
  side?: Side;
  /** Where in the catalog or package: `$.maps[2].fields[5].values[1]` (validation only). */
  path?: string;
}

export class MapError extends Error {
  override readonly name = 'MapError';
  readonly code: MapErrorCode;
  readonly mapId: string;
  readonly field?: string;
  readonly side?: Side;
  readonly path?: string;

  constructor(code: MapErrorCode, details: MapErrorDetails, message: string) {
    super(`${details.mapId}: ${message}`);
    this.code = code;
    this.mapId = details.mapId;
    if (details.field !== undefined) this.field = details.field;
    if (details.side !== undefined) this.side = details.side;
    if (details.path !== undefined) this.path = details.path;
  }

  /** The plain-data form that crosses worker boundaries. */
  toJSON(): { code: MapErrorCode; message: string; details: MapErrorDetails } {
    const details: MapErrorDetails = { mapId: this.mapId };
    if (this.field !== undefined) details.field = this.field;
    if (this.side !== undefined) details.side = this.side;
    if (this.path !== undefined) details.path = this.path;
    return { code: this.code, message: this.message, details };
  }
}

/** "ERP → CRM" for messages. */
export const arrow = (from: Side): string => (from === 'erp' ? 'ERP → CRM' : 'CRM → ERP');

/** A value as the message shows it: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? value.slice(0, 57) + '...' : value}'`;
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
