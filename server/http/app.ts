/**
 * The HTTP surface of the reference server:
 *
 *   GET  /health                       liveness and what is served (no auth)
 *   POST /auth/token                   password grant → bearer token
 *   *    /erp/data/…                   the ERP's OData service        (bearer)
 *   *    /crm/api/data/v9.2/…          the CRM's OData service        (bearer)
 *   GET|PUT /admin/faults              fault injection settings        (admin)
 *   GET  /…                            the built app (dist/), SPA fallback
 */
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Context } from 'hono';
import { principalForToken, signIn } from '../auth/users.ts';
import { ODataError } from '../odata/errors.ts';
import { handleODataRequest } from '../odata/service.ts';
import type { ODataResponse, Principal } from '../odata/types.ts';
import type { StoreSpec } from '../schema/spec.ts';
import type { Db } from '../storage/db.ts';
import type { Faults } from './faults.ts';
import { checkFaults, decide } from './faults.ts';

export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Sign-in forms and fault settings are a few short fields; a longer body is not one, so it is not read. */
export const MAX_SMALL_BODY_BYTES = 8 * 1024;

export interface AppOptions {
  readonly db: Db;
  readonly stores: readonly StoreSpec[];
  readonly version: string;
  readonly distDir?: string;
  readonly tokenTtlSeconds: number;
  faults: Faults;
  readonly now?: () => Date;
}

type Env = { Bindings: HttpBindings };

export function createApp(options: AppOptions): Hono<Env> {
  const now = options.now ?? (() => new Date());
  const app = new Hono<Env>();

  // The app may be served from another origin than the stores (first-run setup lets a
  // device point at any Tandem server). Every request carries a bearer token, never a
  // cookie, so letting any origin call is no CSRF risk; the token still decides access.
  app.use(
    '*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'If-Match', 'If-None-Match', 'Prefer', 'OData-Version', 'OData-MaxVersion'],
      exposeHeaders: ['ETag', 'OData-Version', 'OData-EntityId', 'Location', 'Preference-Applied'],
      maxAge: 600,
    }),
  );

  app.get('/health', (c) =>
    c.json({
      status: 'ok',
      version: options.version,
      stores: Object.fromEntries(options.stores.map((s) => [s.name, { root: s.root, sets: s.sets.length }])),
    }),
  );

  app.post('/auth/token', async (c) => {
    if (mediaType(c.req.header('content-type')) !== 'application/x-www-form-urlencoded') {
      return c.json({ error: 'invalid_request', error_description: 'Send application/x-www-form-urlencoded: grant_type=password&username=…&password=…' }, 400);
    }
    const text = await readCapped(c, MAX_SMALL_BODY_BYTES);
    if (text === null) return c.json({ error: 'invalid_request', error_description: `The sign-in form is larger than ${MAX_SMALL_BODY_BYTES} bytes.` }, 413);
    const form = new URLSearchParams(text);
    if (form.get('grant_type') !== 'password') {
      return c.json({ error: 'unsupported_grant_type', error_description: 'Only grant_type=password is supported.' }, 400);
    }
    const username = form.get('username');
    const password = form.get('password');
    if (!username || password === null) {
      return c.json({ error: 'invalid_request', error_description: 'username and password are required.' }, 400);
    }
    const token = await signIn(options.db, username, password, options.tokenTtlSeconds, now());
    if (!token) return c.json({ error: 'invalid_grant', error_description: 'Unknown user or wrong password.' }, 400);
    return c.json({ access_token: token, token_type: 'Bearer', expires_in: options.tokenTtlSeconds });
  });

  const authenticate = async (c: Context<Env>): Promise<Principal | Response> => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const fail = (code: 'Unauthorized' | 'TokenExpired', message: string) =>
      c.json(new ODataError(code, message).body(), 401, { 'WWW-Authenticate': `Bearer error="invalid_token"` });
    if (!match?.[1]) return fail('Unauthorized', 'Sign in first: POST /auth/token, then send Authorization: Bearer <token>.');
    const check = await principalForToken(options.db, match[1], now());
    if (!check.ok) {
      return check.reason === 'expired'
        ? fail('TokenExpired', 'The bearer token has expired; sign in again.')
        : fail('Unauthorized', 'The bearer token is not valid; sign in again.');
    }
    return check.principal;
  };

  // Who the token belongs to: clients use the role to know which data they may write
  // (agents do not write global reference data, so they do not mirror it).
  app.get('/auth/me', async (c) => {
    const who = await authenticate(c);
    if (who instanceof Response) return who;
    return c.json({ username: who.username, role: who.role, companies: who.companies });
  });

  app.get('/admin/faults', async (c) => {
    const who = await authenticate(c);
    if (who instanceof Response) return who;
    if (who.role !== 'admin') return c.json(new ODataError('Forbidden', 'Only administrators see fault settings.').body(), 403);
    return c.json(options.faults);
  });
  app.put('/admin/faults', async (c) => {
    const who = await authenticate(c);
    if (who instanceof Response) return who;
    if (who.role !== 'admin') return c.json(new ODataError('Forbidden', 'Only administrators change fault settings.').body(), 403);
    const text = await readCapped(c, MAX_SMALL_BODY_BYTES);
    if (text === null) return c.json(new ODataError('PayloadTooLarge', `Fault settings are at most ${MAX_SMALL_BODY_BYTES} bytes.`).body(), 413);
    try {
      options.faults = checkFaults(JSON.parse(text));
    } catch (error) {
      return c.json(new ODataError('InvalidBody', error instanceof Error ? error.message : String(error)).body(), 400);
    }
    return c.json(options.faults);
  });

  for (const store of options.stores) {
    const handler = async (c: Context<Env>): Promise<Response> => {
      const fault = await injectFault(c, options.faults);
      if (fault) return fault;
      const who = await authenticate(c);
      if (who instanceof Response) return who;
      const url = new URL(c.req.url);
      let path: string;
      try {
        path = decodeURIComponent(url.pathname.slice(store.root.length));
      } catch {
        return toHttpResponse(errorResponse(new ODataError('InvalidKey', 'The URL is not validly percent-encoded.')));
      }
      const body = await readJsonBody(c);
      if (body instanceof ODataError) return toHttpResponse(errorResponse(body));
      const response = await handleODataRequest(
        { db: options.db, store, principal: who, serviceRoot: `${url.origin}${store.root}`, now },
        { method: c.req.method, path, query: url.searchParams, headers: c.req.header(), body },
      );
      return toHttpResponse(response);
    };
    app.all(store.root, handler);
    app.all(`${store.root}/*`, handler);
  }

  if (options.distDir && existsSync(options.distDir)) {
    const root = options.distDir;
    app.use('/*', serveStatic({ root }));
    app.get('/*', serveStatic({ root, path: 'index.html' }));
  } else {
    app.get('/', (c) => c.text('Tandem server is running, but the app is not built: run `npm run build` (npm start does it for you).'));
  }
  return app;
}

async function injectFault(c: Context<Env>, faults: Faults): Promise<Response | null> {
  if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
  const decision = decide(faults);
  if (decision === 'drop') {
    c.env.incoming.socket.destroy();
    return new Response(null, { status: 499 });
  }
  if (decision === 'error') {
    return c.json(new ODataError('ServiceUnavailable', 'Injected fault: the service is temporarily unavailable.').body(), 503, { 'Retry-After': '1' });
  }
  return null;
}

async function readJsonBody(c: Context<Env>): Promise<unknown> {
  if (c.req.method === 'GET' || c.req.method === 'DELETE' || c.req.method === 'HEAD') return undefined;
  const text = await readCapped(c, MAX_BODY_BYTES);
  if (text === null) return new ODataError('PayloadTooLarge', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  if (text.length === 0) return undefined;
  const type = c.req.header('content-type') ?? 'application/json';
  if (mediaType(type) !== 'application/json') return new ODataError('UnsupportedMediaType', `Send JSON bodies (Content-Type: application/json), not ${type.slice(0, 60)}.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return new ODataError('InvalidBody', `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** The media type of a Content-Type header without parameters; media types are case-insensitive (RFC 9110 §8.3.1). */
function mediaType(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase();
}

/**
 * The body as UTF-8 text, or null when it is longer than `limit` bytes. Counted while
 * reading, so a chunked body without Content-Length cannot fill memory either.
 */
async function readCapped(c: Context<Env>, limit: number): Promise<string | null> {
  if (Number(c.req.header('content-length') ?? 0) > limit) return null;
  const stream = c.req.raw.body;
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function errorResponse(error: ODataError): ODataResponse {
  return { status: error.status, headers: { 'OData-Version': '4.01', ...error.headers }, body: error.body() };
}

/**
 * An OData response as HTTP. Never throws: a header value that HTTP cannot carry (a line
 * feed, a character outside Latin-1) would otherwise surface as a plain-text 500 after the
 * request's transaction committed; the client gets an OData 500 body instead.
 */
export function toHttpResponse(response: ODataResponse): Response {
  try {
    return buildResponse(response);
  } catch (error) {
    console.error('Could not send an OData response:', error);
    const failure = new ODataError('InternalError', 'The server could not send its response; it has been logged. A write may have been saved: read the row before retrying.');
    return buildResponse({ status: failure.status, headers: { 'OData-Version': '4.01' }, body: failure.body() });
  }
}

function buildResponse(response: ODataResponse): Response {
  const headers = new Headers(response.headers);
  if (response.text !== undefined) {
    headers.set('Content-Type', 'text/plain; charset=utf-8');
    return new Response(response.text, { status: response.status, headers });
  }
  if (response.body === undefined) return new Response(null, { status: response.status, headers });
  headers.set('Content-Type', 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=true; charset=utf-8');
  return new Response(JSON.stringify(response.body), { status: response.status, headers });
}

export const defaultDistDir = (repoRoot: string): string => join(repoRoot, 'dist');
