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
  /** The map itself is malformed (validateMaps). */
  | 'MAP_INVALID';

export interface MapErrorDetails {
  mapId: string;
  field?: string;
  side?: Side;
}

export class MapError extends Error {
  override readonly name = 'MapError';
  readonly code: MapErrorCode;
  readonly mapId: string;
  readonly field?: string;
  readonly side?: Side;

  constructor(code: MapErrorCode, details: MapErrorDetails, message: string) {
    super(`${details.mapId}: ${message}`);
    this.code = code;
    this.mapId = details.mapId;
    if (details.field !== undefined) this.field = details.field;
    if (details.side !== undefined) this.side = details.side;
  }

  /** The plain-data form that crosses worker boundaries. */
  toJSON(): { code: MapErrorCode; message: string; details: MapErrorDetails } {
    const details: MapErrorDetails = { mapId: this.mapId };
    if (this.field !== undefined) details.field = this.field;
    if (this.side !== undefined) details.side = this.side;
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
