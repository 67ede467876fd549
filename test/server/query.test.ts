import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareDecimal } from '../../src/core/values/index.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, readAll, startTestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('collections and query options', () => {
  it('pages server-side with odata.maxpagesize and nextLink, covering every row once', async () => {
    const all = await readAll(server, `${ERP}/CustomersV3`);
    const paged = await readAll(server, `${ERP}/CustomersV3`, { headers: { Prefer: 'odata.maxpagesize=5' } });
    expect(paged.pages).toBe(Math.max(1, Math.ceil(all.rows.length / 5)));
    const keys = paged.rows.map((r) => `${r['dataAreaId']}|${r['CustomerAccount']}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(all.rows.map((r) => `${r['dataAreaId']}|${r['CustomerAccount']}`));
  });

  it('says which page size it applied', async () => {
    const reply = await server.request('GET', `${ERP}/Units`, { headers: { Prefer: 'odata.maxpagesize=2' } });
    expect(reply.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    expect(reply.body.value).toHaveLength(2);
    expect(reply.body['@odata.nextLink']).toContain('$skiptoken=');
  });

  it('honours $top across pages and $skip', async () => {
    const top = await readAll(server, `${ERP}/CustomersV3?$top=12`, { headers: { Prefer: 'odata.maxpagesize=5' } });
    expect(top.rows).toHaveLength(12);
    expect(top.pages).toBe(3);
    const all = await readAll(server, `${ERP}/CustomersV3?$top=12`);
    const skipped = await readAll(server, `${ERP}/CustomersV3?$top=4&$skip=3`);
    expect(skipped.rows).toEqual(all.rows.slice(3, 7));
  });

  it('orders by a decimal numerically, not as text, with paging', async () => {
    const { rows } = await readAll(server, `${ERP}/CustomersV3?$orderby=CreditLimit desc,CustomerAccount&$select=CreditLimit`, {
      headers: { Prefer: 'odata.maxpagesize=4' },
    });
    const limits = rows.map((r) => r['CreditLimit'] as string);
    const sorted = [...limits].sort((a, b) => compareDecimal(b, a));
    expect(limits).toEqual(sorted);
  });

  it('filters with the shared language: comparisons, functions, and/or/not, null', async () => {
    const { rows: all } = await readAll(server, `${ERP}/CustomersV3`);
    const expectFilter = async (filter: string, predicate: (r: Record<string, unknown>) => boolean) => {
      const { rows } = await readAll(server, `${ERP}/CustomersV3?$filter=${encodeURIComponent(filter)}`);
      expect(rows.map((r) => r['CustomerAccount']).sort(), filter).toEqual(all.filter(predicate).map((r) => r['CustomerAccount']).sort());
    };
    await expectFilter("dataAreaId eq 'demf' and PartyType eq 'Person'", (r) => r['dataAreaId'] === 'demf' && r['PartyType'] === 'Person');
    await expectFilter('CreditLimit gt 5000', (r) => r['CreditLimit'] !== null && compareDecimal(r['CreditLimit'] as string, '5000') > 0);
    await expectFilter("startswith(CustomerAccount, 'US-') or not (OnHoldStatus eq 'No')", (r) => String(r['CustomerAccount']).startsWith('US-') || r['OnHoldStatus'] !== 'No');
    await expectFilter('InvoiceAccount ne null', (r) => r['InvoiceAccount'] !== null);
    await expectFilter("contains(OrganizationName, 'a')", (r) => typeof r['OrganizationName'] === 'string' && r['OrganizationName'].includes('a'));
  });

  it('counts with $count=true and /$count', async () => {
    const { rows } = await readAll(server, `${CRM}/accounts`);
    const counted = await server.request('GET', `${CRM}/accounts?$count=true&$top=1`);
    expect(counted.body['@odata.count']).toBe(rows.length);
    const plain = await server.request('GET', `${CRM}/accounts/$count`);
    expect(plain.text).toBe(String(rows.length));
    expect(plain.headers.get('content-type')).toContain('text/plain');
  });

  it('selects properties, always keeping the key and the etag', async () => {
    const reply = await server.request('GET', `${ERP}/CustomersV3?$select=CreditLimit&$top=1`);
    expect(Object.keys(reply.body.value[0]).sort()).toEqual(['@odata.etag', 'CreditLimit', 'CustomerAccount', 'dataAreaId']);
  });

  it('names the bad part of a query option', async () => {
    const filter = await server.request('GET', `${ERP}/CustomersV3?$filter=${encodeURIComponent("CreditLimit gt and x")}`);
    expect(filter.status).toBe(400);
    expect(filter.body.error.code).toBe('InvalidFilter');
    expect(filter.body.error.message).toMatch(/position \d+/);
    const unknown = await server.request('GET', `${ERP}/CustomersV3?$filter=${encodeURIComponent("Nope eq 1")}`);
    expect(unknown.body.error.message).toContain('Nope');
    const select = await server.request('GET', `${ERP}/CustomersV3?$select=Nope`);
    expect(select.body.error.target).toBe('$select');
    const option = await server.request('GET', `${ERP}/CustomersV3?$expand=Foo`);
    expect(option.body.error.message).toContain('$expand');
    const top = await server.request('GET', `${ERP}/CustomersV3?$top=-1`);
    expect(top.status).toBe(400);
  });
});
