/**
 * Malformed or hostile input gets a clear 4xx, never a 500, a wrong page or an endless
 * paging loop; well-formed input in an unusual spelling is accepted:
 * - page tokens: `k` holds only strings, numbers and null; `p` is 1…MAX_PAGE_SIZE;
 * - $orderby: at most MAX_ORDERBY_TERMS terms, each property once; $select checks every
 *   name, '*' or not;
 * - Prefer preferences may carry ';' parameters; media types match case-insensitively;
 * - bodies are capped while they are read (chunked bodies too), sign-in forms at a few KB;
 * - 405 answers carry Allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_SMALL_BODY_BYTES } from '../../server/http/app.ts';
import { MAX_ORDERBY_TERMS } from '../../server/odata/query-options.ts';
import type { TestServer } from '../support/server.ts';
import { ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const token = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('forged page tokens', () => {
  it('refuses key values that are not scalars with 400 InvalidSkipToken', async () => {
    for (const k of [[{}], [true], [[1]]]) {
      const reply = await server.request('GET', `${ERP}/Units?$skiptoken=${token({ m: 'p', set: 'Units', k })}`);
      expect(reply.status, JSON.stringify(k)).toBe(400);
      expect(reply.body.error.code).toBe('InvalidSkipToken');
    }
  });

  it('refuses a page size outside 1…5000 in page and change-feed tokens', async () => {
    for (const p of [0, 5001, 1.5]) {
      for (const forged of [{ m: 'p', set: 'Units', p }, { m: 'c', set: 'Units', a: 0, s: 0, p }]) {
        const reply = await server.request('GET', `${ERP}/Units?$skiptoken=${token(forged)}`);
        expect(reply.status, JSON.stringify(forged)).toBe(400);
        expect(reply.body.error.code).toBe('InvalidSkipToken');
      }
    }
  });
});

describe('$orderby and $select', () => {
  it(`refuses more than ${MAX_ORDERBY_TERMS} $orderby terms with a 400, not a 500`, async () => {
    for (const n of [MAX_ORDERBY_TERMS + 1, 2001]) {
      const reply = await server.request('GET', `${ERP}/Currencies?$orderby=${Array.from({ length: n }, () => 'Name').join(',')}`);
      expect(reply.status, `${n} terms`).toBe(400);
      expect(reply.body.error.code).toBe('InvalidQueryOption');
    }
  });

  it('refuses a property named twice in $orderby', async () => {
    const reply = await server.request('GET', `${ERP}/Currencies?$orderby=Name,CurrencyCode desc,Name desc`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'InvalidQueryOption', target: '$orderby' });
  });

  it('refuses an unknown name in $select even next to *', async () => {
    for (const select of ['*,bogus', 'bogus,*']) {
      const reply = await server.request('GET', `${ERP}/Currencies?$select=${select}`);
      expect(reply.status, select).toBe(400);
      expect(reply.body.error.code).toBe('InvalidQueryOption');
    }
    expect((await server.request('GET', `${ERP}/Currencies?$select=*,Name`)).status).toBe(200);
  });
});

describe('headers in unusual spellings', () => {
  it('reads odata.maxpagesize from a Prefer preference with parameters', async () => {
    const reply = await server.request('GET', `${ERP}/Currencies`, { headers: { Prefer: 'odata.maxpagesize=2; x=y' } });
    expect(reply.status).toBe(200);
    expect(reply.body.value).toHaveLength(2);
    expect(reply.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
  });

  it('matches Content-Type case-insensitively, and only the media type itself', async () => {
    const body = { UnitSymbol: 'CT1', Description: 'Case test' };
    const units = `${ERP}/Units`;
    expect((await server.request('POST', units, { body, headers: { 'Content-Type': 'Application/JSON; Charset=UTF-8' } })).status).toBe(201);
    const other = await server.request('POST', units, { body: { ...body, UnitSymbol: 'CT2' }, headers: { 'Content-Type': 'application/jsonp' } });
    expect(other.status).toBe(415);
    const signIn = await fetch(`${server.url}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'Application/X-WWW-Form-URLEncoded' },
      body: 'grant_type=password&username=admin&password=admin',
    });
    expect(signIn.status).toBe(200);
  });
});

/** A body sent chunked (no Content-Length), `total` bytes of spaces. */
function chunked(total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      controller.enqueue(new Uint8Array(n).fill(0x20));
      sent += n;
    },
  });
}

describe('body size caps', () => {
  it('refuses a chunked body over the cap with 413 while reading it', async () => {
    const reply = await fetch(`${server.url}${ERP}/Units`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await server.token('admin')}`, 'Content-Type': 'application/json' },
      body: chunked(MAX_BODY_BYTES + 1),
      duplex: 'half',
    } as RequestInit);
    expect(reply.status).toBe(413);
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('PayloadTooLarge');
    expect((await server.request('GET', `${ERP}/Units?$top=1`)).status).toBe(200); // the server carries on
  });

  it(`caps a sign-in form at ${MAX_SMALL_BODY_BYTES} bytes, chunked or not`, async () => {
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const long = `grant_type=password&username=admin&password=${'x'.repeat(MAX_SMALL_BODY_BYTES)}`;
    expect((await fetch(`${server.url}/auth/token`, { method: 'POST', headers, body: long })).status).toBe(413);
    const streamed = await fetch(`${server.url}/auth/token`, { method: 'POST', headers, body: chunked(MAX_SMALL_BODY_BYTES + 1, 1000), duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
  });
});

describe('405 Method Not Allowed', () => {
  it('carries an Allow header naming the methods that are allowed, over HTTP and in a $batch', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', `${ERP}/Units`, 'GET, POST'],
      ['POST', `${ERP}/Units('ea')`, 'GET, PATCH, DELETE'],
      ['PATCH', `${ERP}/$metadata`, 'GET'],
      ['GET', `${ERP}/$batch`, 'POST'],
    ];
    for (const [method, url, allow] of cases) {
      const reply = await server.request(method, url, method === 'GET' || method === 'DELETE' ? {} : { body: {} });
      expect(reply.status, `${method} ${url}`).toBe(405);
      expect(reply.headers.get('allow')).toBe(allow);
    }
    const batch = await server.request('POST', `${ERP}/$batch`, { body: { requests: [{ id: '1', method: 'DELETE', url: 'Units' }] } });
    expect(batch.body.responses[0]).toMatchObject({ status: 405, headers: { Allow: 'GET, POST' } });
  });
});
