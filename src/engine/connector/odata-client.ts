/**
 * The connector to both stores: change-feed pages, single rows, and $batch writes over
 * the OData v4 subset the stores speak (docs/server.md). Every answer is checked for
 * shape before the engine trusts it; a garbage body is a transient failure, not a crash.
 */
import type { Side } from '../../core/maps/index.ts';
import type { StoredRow } from '../replica/db.ts';
import type { ReplicaTable } from '../replica/tables.ts';
import { describeErrorBody, kindOfStatus, SyncError } from './errors.ts';
import { keyPredicate } from './keys.ts';

export const ROOTS: Readonly<Record<Side, string>> = { erp: '/erp/data', crm: '/crm/api/data/v9.2' };

export interface FeedPage {
  readonly rows: StoredRow[];
  /** Keys of rows removed (deleted, or no longer visible). */
  readonly removed: Record<string, unknown>[];
  readonly nextLink: string | null;
  readonly deltaLink: string | null;
}

export interface BatchRequest {
  readonly id: string;
  readonly method: 'PATCH' | 'DELETE' | 'GET';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  readonly atomicityGroup?: string;
}

export interface BatchResponse {
  readonly id: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface ClientOptions {
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  readonly token: () => string | null;
  readonly pageSize: number;
}

export class ODataClient {
  constructor(private readonly options: ClientOptions) {}

  /** The first link of a table's change feed (initial load with change tracking). */
  feedStart(table: ReplicaTable): string {
    return `${this.options.baseUrl}${ROOTS[table.side]}/${table.set}`;
  }

  async page(url: string): Promise<FeedPage> {
    const body = await this.#json('GET', url, { Prefer: `odata.track-changes, odata.maxpagesize=${this.options.pageSize}` });
    const value = (body as { value?: unknown }).value;
    if (!Array.isArray(value)) throw new SyncError('transient', `The server sent a page without a value array (${url}).`);
    const rows: StoredRow[] = [];
    const removed: Record<string, unknown>[] = [];
    for (const item of value) {
      if (typeof item !== 'object' || item === null) throw new SyncError('transient', `The server sent a row that is not an object (${url}).`);
      const { '@odata.etag': etag, '@removed': gone, '@id': _id, ...fields } = item as Record<string, unknown>;
      if (gone !== undefined) removed.push(fields);
      else if (typeof etag === 'string') rows.push({ ...fields, _etag: etag });
      else throw new SyncError('transient', `The server sent a row without @odata.etag (${url}).`);
    }
    const b = body as { '@odata.nextLink'?: unknown; '@odata.deltaLink'?: unknown };
    const nextLink = typeof b['@odata.nextLink'] === 'string' ? b['@odata.nextLink'] : null;
    const deltaLink = typeof b['@odata.deltaLink'] === 'string' ? b['@odata.deltaLink'] : null;
    if (!nextLink && !deltaLink) throw new SyncError('transient', `The server sent a feed page with neither nextLink nor deltaLink (${url}).`);
    return { rows, removed, nextLink, deltaLink };
  }

  /** The current server row, or null when it does not exist. */
  async row(table: ReplicaTable, key: Readonly<Record<string, string>>): Promise<StoredRow | null> {
    const url = `${this.options.baseUrl}${ROOTS[table.side]}/${keyPredicate(table, key)}`;
    const response = await this.#send('GET', url, {});
    if (response.status === 404) return null;
    const body = await this.#body(response, url);
    const { '@odata.etag': etag, '@odata.context': _c, ...fields } = body as Record<string, unknown>;
    if (typeof etag !== 'string') throw new SyncError('transient', `The server sent ${table.set} without an ETag.`);
    return { ...fields, _etag: etag };
  }

  /** A store's $metadata (CSDL JSON), to validate maps against (core's parseStore reads it defensively). */
  async metadata(side: Side): Promise<unknown> {
    return this.#json('GET', `${this.options.baseUrl}${ROOTS[side]}/$metadata`, { Accept: 'application/json' });
  }

  async batch(side: Side, requests: readonly BatchRequest[]): Promise<BatchResponse[]> {
    const url = `${this.options.baseUrl}${ROOTS[side]}/$batch`;
    const body = await this.#json('POST', url, { 'Content-Type': 'application/json' }, { requests });
    const responses = (body as { responses?: unknown }).responses;
    if (!Array.isArray(responses)) throw new SyncError('transient', 'The server answered $batch without a responses array.');
    const byId = new Map<string, BatchResponse>();
    for (const r of responses) {
      const x = r as Partial<BatchResponse>;
      if (typeof x?.id !== 'string' || typeof x.status !== 'number') throw new SyncError('transient', 'The server sent a malformed $batch response.');
      byId.set(x.id, { id: x.id, status: x.status, headers: x.headers ?? {}, body: x.body ?? null });
    }
    return requests.map((q) => {
      const answer = byId.get(q.id);
      if (!answer) throw new SyncError('transient', `The $batch response lacks request ${q.id}.`);
      return answer;
    });
  }

  requestUrl(table: ReplicaTable, key: Readonly<Record<string, string>>): string {
    return keyPredicate(table, key);
  }

  async #json(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<unknown> {
    const response = await this.#send(method, url, headers, body);
    return this.#body(response, url);
  }

  async #body(response: Response, url: string): Promise<unknown> {
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      throw new SyncError(response.ok ? 'transient' : kindOfStatus(response.status), `The server answered ${response.status} with a body that is not JSON (${url}).`, response.status);
    }
    if (!response.ok) {
      const { code, message } = describeErrorBody(response.status, parsed);
      throw new SyncError(kindOfStatus(response.status), message, response.status, code);
    }
    if (typeof parsed !== 'object' || parsed === null) throw new SyncError('transient', `The server answered with ${typeof parsed} instead of an object (${url}).`);
    return parsed;
  }

  async #send(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
    const token = this.options.token();
    if (!token) throw new SyncError('auth', 'Not signed in.');
    try {
      return await this.options.fetch(url, {
        method,
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new SyncError('network', `No answer from the server: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
