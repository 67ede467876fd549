/**
 * OData errors: one catalogue of stable codes with their HTTP status, and the error body
 * `{"error":{"code","message","target","details"}}` the real services answer with.
 */
import { TransactionLost } from '../storage/db.ts';

export const ERROR_STATUS = {
  BadRequest: 400,
  InvalidBody: 400,
  InvalidKey: 400,
  InvalidQueryOption: 400,
  InvalidFilter: 400,
  InvalidSkipToken: 400,
  InvalidDeltaToken: 400,
  InvalidBatch: 400,
  UnknownProperty: 400,
  ReadOnlyProperty: 400,
  RequiredProperty: 400,
  InvalidValue: 400,
  ValueTooLong: 400,
  DecimalScale: 400,
  DecimalPrecision: 400,
  InvalidEnumValue: 400,
  ReferenceNotFound: 400,
  KeyMismatch: 400,
  ImmutableProperty: 400,
  Unauthorized: 401,
  TokenExpired: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  EntityExists: 409,
  DuplicateAlternateKey: 409,
  RowReferenced: 409,
  ConstraintViolation: 409,
  PreconditionFailed: 412,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  FailedDependency: 424,
  InternalError: 500,
  ServiceUnavailable: 503,
  InsufficientStorage: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  readonly code: ErrorCode;
  readonly message: string;
  readonly target?: string;
}

export class ODataError extends Error {
  readonly status: number;
  /** Response headers the error calls for (e.g. Allow on a 405). */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly target?: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  /** One error standing for several field problems: the first leads, all are listed. */
  static fromDetails(details: readonly ErrorDetail[]): ODataError {
    const first = details[0];
    if (!first) return new ODataError('BadRequest', 'The request is invalid.');
    const message = details.length === 1 ? first.message : `${first.message} (and ${details.length - 1} more problems)`;
    return new ODataError(first.code, message, first.target, details);
  }

  withHeaders(headers: Readonly<Record<string, string>>): this {
    Object.assign(this.headers, headers);
    return this;
  }

  body(): { error: { code: string; message: string; target?: string; details: readonly ErrorDetail[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.target !== undefined ? { target: this.target } : {}),
        details: this.details,
      },
    };
  }
}

/** Any thrown value as an ODataError; unexpected ones become a 500 that names no internals. */
export function asODataError(error: unknown): ODataError {
  if (error instanceof ODataError) return error;
  // The database dropped the whole transaction: answer for what caused it.
  if (error instanceof TransactionLost) return asODataError(error.cause);
  const sqliteCode = (error as { code?: unknown } | null)?.code;
  if (sqliteCode === 'SQLITE_FULL') {
    return new ODataError('InsufficientStorage', 'The server’s disk is full; nothing was written. Free space and retry.');
  }
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_BUSY')) {
    return new ODataError('ServiceUnavailable', 'The database is busy; nothing was written. Retry shortly.');
  }
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_CONSTRAINT')) {
    // A safety net: the write paths check keys first, so reaching here means a check is missing.
    console.warn('A database constraint refused a write that passed the service checks:', error);
    return new ODataError('ConstraintViolation', `The write conflicts with data already stored: ${constraintKind(sqliteCode)}. Nothing was written.`);
  }
  console.error('Unexpected error while handling an OData request:', error);
  return new ODataError('InternalError', 'The server failed to process the request; it has been logged.');
}

function constraintKind(code: string): string {
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'another row already has this key';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return 'another row already has this unique value';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'a referenced row is missing or still referenced';
  return 'a database constraint failed';
}
