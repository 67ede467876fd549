/**
 * Filter errors carry a stable code (for callers and for the wire) and the 0-based offset
 * into the filter text that the message names.
 */

export type FilterErrorCode =
  /** The text is not a well-formed filter. */
  | 'FILTER_SYNTAX'
  /** A field path does not name a field of the set. */
  | 'FILTER_UNKNOWN_FIELD'
  /** Well-formed, but the types do not fit (string field gt true, contains on a number…). */
  | 'FILTER_TYPE'
  /** Past a hard limit: length, nesting depth or node count (see limits.ts). */
  | 'FILTER_TOO_COMPLEX';

export class FilterError extends Error {
  override readonly name = 'FilterError';

  constructor(
    readonly code: FilterErrorCode,
    readonly position: number,
    message: string,
  ) {
    super(message);
  }

  /** The plain-data form that crosses worker and HTTP boundaries. */
  toJSON(): { code: FilterErrorCode; message: string; details: { position: number } } {
    return { code: this.code, message: this.message, details: { position: this.position } };
  }
}
