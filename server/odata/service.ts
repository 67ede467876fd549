/**
 * One OData service (the ERP's or the CRM's): routes a request by resource path and
 * method. Each HTTP request runs in one database transaction; a $batch runs its parts in
 * savepoints inside it (batch.ts).
 */
import { findSet } from '../schema/spec.ts';
import { runBatch } from './batch.ts';
import { asODataError, ODataError } from './errors.ts';
import { resolveKey } from './keys.ts';
import { csdl } from './metadata.ts';
import { readCollection, readEntity } from './read.ts';
import { parseResourcePath } from './resource-path.ts';
import { calculateSalesPrice, SALES_PRICE_ACTION } from './sales-price-action.ts';
import type { ODataRequest, ODataResponse, ServiceContext } from './types.ts';
import { createEntity, deleteEntity, patchEntity } from './write.ts';

export async function handleODataRequest(ctx: ServiceContext, request: ODataRequest): Promise<ODataResponse> {
  try {
    const response = await ctx.db.transaction((tx) => dispatch({ ...ctx, db: tx }, request, false));
    return withODataHeaders(response);
  } catch (error) {
    const e = asODataError(error);
    return withODataHeaders({ status: e.status, headers: { ...e.headers }, body: e.body() });
  }
}

function withODataHeaders(response: ODataResponse): ODataResponse {
  return { ...response, headers: { 'OData-Version': '4.01', ...response.headers } };
}

async function dispatch(ctx: ServiceContext, request: ODataRequest, inBatch: boolean): Promise<ODataResponse> {
  const path = parseResourcePath(request.path);
  const method = request.method.toUpperCase();
  switch (path.kind) {
    case 'service':
      allow(method, ['GET']);
      return {
        status: 200,
        headers: {},
        body: {
          '@odata.context': `${ctx.serviceRoot}/$metadata`,
          value: ctx.store.sets.map((s) => ({ name: s.name, kind: 'EntitySet', url: s.name })),
        },
      };
    case 'metadata':
      allow(method, ['GET']);
      return { status: 200, headers: {}, body: csdl(ctx.store) };
    case 'batch':
      // One level only: MAX_BATCH_REQUESTS bounds a batch, not a batch of batches.
      if (inBatch) throw new ODataError('InvalidBatch', 'A $batch cannot contain another $batch.');
      allow(method, ['POST']);
      return runBatch(ctx, request.body, dispatch, new URL(ctx.serviceRoot).pathname);
    case 'collection': {
      if (ctx.store.name === 'erp' && path.set === SALES_PRICE_ACTION && !path.count) {
        allow(method, ['POST']);
        return calculateSalesPrice(ctx, request.body);
      }
      const set = setOrThrow(ctx, path.set);
      if (path.count) {
        allow(method, ['GET']);
        return readCollection(ctx, set, request, true);
      }
      allow(method, ['GET', 'POST']);
      return method === 'GET' ? readCollection(ctx, set, request, false) : createEntity(ctx, set, request);
    }
    case 'entity': {
      const set = setOrThrow(ctx, path.set);
      const key = resolveKey(set, path.key);
      allow(method, ['GET', 'PATCH', 'DELETE']);
      if (method === 'GET') return readEntity(ctx, set, key, request);
      if (method === 'PATCH') return patchEntity(ctx, set, key, request);
      return deleteEntity(ctx, set, key, request);
    }
  }
}

function setOrThrow(ctx: ServiceContext, name: string) {
  const set = findSet(ctx.store, name);
  if (!set) {
    throw new ODataError('NotFound', `${ctx.store.name.toUpperCase()} has no entity set '${name}'. Sets: ${ctx.store.sets.map((s) => s.name).join(', ')}.`);
  }
  return set;
}

/** Throws 405 with the Allow header RFC 9110 §15.5.6 requires. */
function allow(method: string, allowed: readonly string[]): void {
  if (!allowed.includes(method)) {
    throw new ODataError('MethodNotAllowed', `${method} is not allowed here; use ${allowed.join(' or ')}.`).withHeaders({ Allow: allowed.join(', ') });
  }
}
