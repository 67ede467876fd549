/**
 * Links to a row (Location, OData-EntityId, @id of a removed row) percent-encode each key
 * literal, so a key holding a character outside Latin-1, a line feed, '#' or '?' gives a
 * valid header that leads back to the row. And whatever the headers hold, sending a
 * response never throws after the transaction committed: the client gets an OData 500.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toHttpResponse } from '../../server/http/app.ts';
import type { TestServer } from '../support/server.ts';
import { ERP, readAll, startTestServer } from '../support/server.ts';

let server: TestServer;
let group: string;
beforeAll(async () => {
  server = await startTestServer();
  group = (await server.request('GET', `${ERP}/CustomersV3?$filter=dataAreaId eq 'usmf'&$top=1`)).body.value[0].CustomerGroupId;
});
afterAll(() => server.stop());

const customer = (account: string) => ({
  dataAreaId: 'usmf', CustomerAccount: account, PartyType: 'Person', PersonLastName: 'L', CustomerGroupId: group, SalesCurrencyCode: 'USD',
});
const byKey = (account: string) => `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${encodeURIComponent(account)}')`;

describe('links to a row', () => {
  it('answers 201 with a percent-encoded Location for a key outside Latin-1', async () => {
    const create = await server.request('POST', `${ERP}/CustomersV3`, { body: customer('€-1') });
    expect(create.status).toBe(201);
    expect(create.headers.get('location')).toBe(`${server.url}${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='%E2%82%AC-1')`);
    expect(create.headers.get('odata-entityid')).toBe(create.headers.get('location'));
    expect((await server.request('GET', create.headers.get('location') as string)).status).toBe(200);
  });

  it('answers 204 with a usable OData-EntityId for an upsert-create by PATCH whose key holds a line feed', async () => {
    const upsert = await server.request('PATCH', byKey('LF\n1'), { body: { PartyType: 'Person', PersonLastName: 'L', CustomerGroupId: group, SalesCurrencyCode: 'USD' } });
    expect(upsert.status).toBe(204);
    const follow = await server.request('GET', upsert.headers.get('odata-entityid') as string);
    expect(follow.status).toBe(200);
    expect(follow.body.CustomerAccount).toBe('LF\n1');
  });

  it('gives a Location that leads back to the row when the key holds # or ?', async () => {
    const create = await server.request('POST', `${ERP}/CustomersV3`, { body: customer('A#1?x') });
    expect(create.status).toBe(201);
    const follow = await server.request('GET', create.headers.get('location') as string);
    expect(follow.status).toBe(200);
    expect(follow.body.CustomerAccount).toBe('A#1?x');
  });

  it('percent-encodes the @id of a removed row in a change feed, and keeps the key values as they are', async () => {
    const feed = await readAll(server, `${ERP}/CustomersV3?$filter=dataAreaId eq 'usmf'`, { headers: { Prefer: 'odata.track-changes' } });
    expect((await server.request('POST', `${ERP}/CustomersV3`, { body: customer('Gone/€#') })).status).toBe(201);
    expect((await server.request('DELETE', byKey('Gone/€#'))).status).toBe(204);
    const changes = (await readAll(server, feed.deltaLink as string)).rows.filter((r) => r['@removed']);
    expect(changes).toEqual([
      {
        '@removed': { reason: 'deleted' },
        '@id': "CustomersV3(dataAreaId='usmf',CustomerAccount='Gone%2F%E2%82%AC%23')",
        dataAreaId: 'usmf',
        CustomerAccount: 'Gone/€#',
      },
    ]);
  });
});

describe('sending a response', () => {
  it('answers an OData 500 instead of throwing when a header cannot be sent, and logs why', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = toHttpResponse({ status: 201, headers: { Location: 'http://x/Set(\'a\nb\')', ETag: 'W/"1"' }, body: { ok: true } });
    expect(response.status).toBe(500);
    expect(response.headers.get('odata-version')).toBe('4.01');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await response.json()).error.code).toBe('InternalError');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
