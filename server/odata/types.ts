import type { Db } from '../storage/db.ts';
import type { StoreSpec } from '../schema/spec.ts';

export type Role = 'admin' | 'backoffice' | 'agent';

/** Who is asking: the companies they may touch ('*' = all). */
export interface Principal {
  readonly username: string;
  readonly role: Role;
  readonly companies: '*' | readonly string[];
}

/** A request as the OData service sees it, whether it came over HTTP or inside a $batch. */
export interface ODataRequest {
  readonly method: string;
  /** The resource path after the service root, percent-decoded, e.g. "CustomersV3(dataAreaId='usmf',CustomerAccount='C-1')". */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface ODataResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  /** A plain-text body (for /$count). */
  readonly text?: string;
}

export interface ServiceContext {
  readonly db: Db;
  readonly store: StoreSpec;
  readonly principal: Principal;
  /** Absolute URL of the service root, for @odata.context / nextLink / deltaLink. */
  readonly serviceRoot: string;
  readonly now: () => Date;
}
