/**
 * $batch in the OData JSON batch format (4.01 §"Batch Requests and Responses"):
 *
 *   {"requests":[{"id","method","url","headers","body","atomicityGroup","dependsOn"}]}
 *   → {"responses":[{"id","status","headers","body"}]}
 *
 * Requests run in order. Requests sharing an `atomicityGroup` (which must be adjacent)
 * run in one savepoint: if any fails, the group rolls back, the failing request reports
 * its error and the others 424 Failed Dependency. A request whose `dependsOn` names a
 * failed request or group is not run (424).
 */
import { TransactionLost } from '../storage/db.ts';
import { asODataError, ODataError } from './errors.ts';
import type { ODataRequest, ODataResponse, ServiceContext } from './types.ts';

export const MAX_BATCH_REQUESTS = 1000;

export interface BatchPart {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly atomicityGroup?: string;
  readonly dependsOn: readonly string[];
}

export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  atomicityGroup?: string;
}

/** Routes one part; `inBatch` lets the router refuse a $batch nested in a $batch. */
type Dispatch = (ctx: ServiceContext, request: ODataRequest, inBatch: boolean) => Promise<ODataResponse>;

export async function runBatch(ctx: ServiceContext, body: unknown, dispatch: Dispatch, serviceRootPath: string): Promise<ODataResponse> {
  const parts = parseBatch(body);
  assertGroupsAdjacent(parts);
  const failed = new Set<string>();
  const responses: BatchResponse[] = [];
  let i = 0;
  while (i < parts.length) {
    const first = parts[i] as BatchPart;
    const group = first.atomicityGroup;
    const members = group === undefined ? [first] : takeGroup(parts, i, group);
    i += members.length;
    const blocked = members.find((p) => p.dependsOn.some((d) => failed.has(d)));
    if (blocked) {
      for (const p of members) responses.push(failedDependency(p, `Request ${blocked.id} depends on a request that failed.`));
      markFailed(failed, members);
      continue;
    }
    const results: BatchResponse[] = [];
    let failure: { part: BatchPart; error: ODataError } | undefined;
    try {
      await ctx.db.transaction(async (tx) => {
        const scoped = { ...ctx, db: tx };
        for (const part of members) {
          try {
            const response = await dispatch(scoped, toRequest(part, serviceRootPath), true);
            results.push(toPart(part, response));
          } catch (error) {
            if (error instanceof TransactionLost) throw error;
            failure = { part, error: asODataError(error) };
            throw failure.error;
          }
        }
      });
    } catch (error) {
      // The database dropped the request's transaction: earlier parts are undone too, and
      // later ones would run outside it. Stop; the whole request fails.
      if (error instanceof TransactionLost) throw error;
      failure ??= { part: first, error: asODataError(error) };
      const failedPart = failure.part;
      for (const p of members) {
        responses.push(
          p === failedPart
            ? { id: p.id, status: failure.error.status, headers: { ...failure.error.headers }, body: failure.error.body(), ...groupOf(p) }
            : failedDependency(p, `Atomicity group '${group}' rolled back because request ${failedPart.id} failed.`),
        );
      }
      markFailed(failed, members);
      continue;
    }
    responses.push(...results);
  }
  return { status: 200, headers: {}, body: { responses } };
}

function takeGroup(parts: readonly BatchPart[], from: number, group: string): BatchPart[] {
  const members: BatchPart[] = [];
  for (let j = from; j < parts.length && parts[j]?.atomicityGroup === group; j++) members.push(parts[j] as BatchPart);
  return members;
}

/** Checked before anything runs, so a malformed batch changes nothing. */
function assertGroupsAdjacent(parts: readonly BatchPart[]): void {
  const closed = new Set<string>();
  parts.forEach((part, i) => {
    const previous = parts[i - 1]?.atomicityGroup;
    if (previous !== undefined && previous !== part.atomicityGroup) closed.add(previous);
    if (part.atomicityGroup !== undefined && closed.has(part.atomicityGroup)) {
      throw new ODataError('InvalidBatch', `The requests of atomicity group '${part.atomicityGroup}' must be adjacent (see request ${part.id}).`);
    }
  });
}

function markFailed(failed: Set<string>, members: readonly BatchPart[]): void {
  for (const p of members) {
    failed.add(p.id);
    if (p.atomicityGroup !== undefined) failed.add(p.atomicityGroup);
  }
}

const groupOf = (p: BatchPart) => (p.atomicityGroup !== undefined ? { atomicityGroup: p.atomicityGroup } : {});

function failedDependency(p: BatchPart, message: string): BatchResponse {
  return { id: p.id, status: 424, headers: {}, body: new ODataError('FailedDependency', message).body(), ...groupOf(p) };
}

function toPart(part: BatchPart, response: ODataResponse): BatchResponse {
  return {
    id: part.id,
    status: response.status,
    headers: response.headers,
    ...(response.body !== undefined ? { body: response.body } : response.text !== undefined ? { body: response.text } : {}),
    ...groupOf(part),
  };
}

function toRequest(part: BatchPart, serviceRootPath: string): ODataRequest {
  let url = part.url;
  if (/^https?:\/\//i.test(url)) url = new URL(url).pathname + new URL(url).search;
  if (url.startsWith(serviceRootPath + '/')) url = url.slice(serviceRootPath.length + 1);
  else if (url.startsWith('/')) throw new ODataError('InvalidBatch', `Request ${part.id}: url '${url.slice(0, 100)}' is outside this service (${serviceRootPath}).`);
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw new ODataError('InvalidBatch', `Request ${part.id}: url is not validly percent-encoded.`);
  }
  return { method: part.method, path, query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)), headers: part.headers, body: part.body };
}

function parseBatch(body: unknown): BatchPart[] {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { requests?: unknown }).requests)) {
    throw new ODataError('InvalidBatch', 'A JSON batch body is {"requests": [...]}.');
  }
  const requests = (body as { requests: unknown[] }).requests;
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw new ODataError('InvalidBatch', `A batch holds at most ${MAX_BATCH_REQUESTS} requests; this one has ${requests.length}.`);
  }
  const ids = new Set<string>();
  const groups = new Set<string>();
  return requests.map((raw, index) => {
    const where = `requests[${index}]`;
    if (typeof raw !== 'object' || raw === null) throw new ODataError('InvalidBatch', `${where} is not an object.`, where);
    const r = raw as Record<string, unknown>;
    const id = r['id'];
    if (typeof id !== 'string' || id === '') throw new ODataError('InvalidBatch', `${where}.id must be a non-empty string.`, where);
    if (ids.has(id)) throw new ODataError('InvalidBatch', `${where}.id '${id}' is used twice.`, where);
    ids.add(id);
    const method = typeof r['method'] === 'string' ? r['method'].toUpperCase() : '';
    if (!['GET', 'POST', 'PATCH', 'DELETE'].includes(method)) {
      throw new ODataError('InvalidBatch', `${where}.method must be GET, POST, PATCH or DELETE.`, where);
    }
    if (typeof r['url'] !== 'string') throw new ODataError('InvalidBatch', `${where}.url must be a string.`, where);
    const headers: Record<string, string> = {};
    if (r['headers'] !== undefined) {
      if (typeof r['headers'] !== 'object' || r['headers'] === null) throw new ODataError('InvalidBatch', `${where}.headers must be an object.`, where);
      for (const [name, value] of Object.entries(r['headers'] as Record<string, unknown>)) {
        if (typeof value === 'string') headers[name.toLowerCase()] = value;
      }
    }
    const group = r['atomicityGroup'];
    if (group !== undefined && typeof group !== 'string') throw new ODataError('InvalidBatch', `${where}.atomicityGroup must be a string.`, where);
    const dependsOn = r['dependsOn'] ?? [];
    if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string')) {
      throw new ODataError('InvalidBatch', `${where}.dependsOn must be an array of request ids.`, where);
    }
    const unknown = (dependsOn as string[]).find((d) => !ids.has(d) && !groups.has(d));
    if (unknown !== undefined || (dependsOn as string[]).includes(id)) {
      throw new ODataError('InvalidBatch', `${where}.dependsOn names '${unknown ?? id}', which is not an earlier request or group.`, where);
    }
    if (typeof group === 'string') groups.add(group);
    return {
      id,
      method,
      url: r['url'],
      headers,
      ...(r['body'] !== undefined ? { body: r['body'] } : {}),
      ...(group !== undefined ? { atomicityGroup: group } : {}),
      dependsOn: dependsOn as string[],
    };
  });
}
