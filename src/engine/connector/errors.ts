/**
 * How a failed request is treated:
 *   network     no answer (offline, dropped connection)   → retry with backoff, mark offline
 *   transient   5xx, 429, garbage body                     → retry with backoff
 *   auth        401                                        → stop, ask to sign in, keep the queue
 *   conflict    412                                        → three-way merge, retry
 *   permanent   other 4xx                                  → compensate, log, show
 */
export type FailureKind = 'network' | 'transient' | 'auth' | 'conflict' | 'permanent';

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export function kindOfStatus(status: number): FailureKind {
  if (status === 401) return 'auth';
  if (status === 412) return 'conflict';
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  return 'permanent';
}

/** The OData error body's code and message, or a description of what came instead. */
export function describeErrorBody(status: number, body: unknown): { code: string; message: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') return { code: error.code, message: error.message };
  return { code: `HTTP${status}`, message: `The server answered ${status} without an OData error body.` };
}
