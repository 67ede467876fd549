/**
 * The map editor's filter preview (src/engine/filter-preview.ts) through an agent's engine
 * against the real server (demo seed): the count of replica rows a filter keeps equals the
 * count the server gives for the same $filter over HTTP (same user, same company scope),
 * walking the table in one page or in many; an empty filter keeps every row; a filter that
 * does not parse or bind answers FILTER_INVALID with its position; an unknown set UNKNOWN_SET.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Side } from '../../src/engine/api.ts';
import { previewMapFilter } from '../../src/engine/filter-preview.ts';
import type { TestEngine } from '../support/engine.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

const AGENT = 'agent.usmf';
let server: TestServer;
let e: TestEngine;

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'demo' });
  e = await startEngine(server, AGENT);
});
afterAll(async () => {
  await e.close();
  await server.stop();
});

/** The server's own count of `set` rows matching `filter`, as the agent sees them. */
async function serverCount(side: Side, set: string, filter: string): Promise<number> {
  const query = filter === '' ? '' : `&$filter=${encodeURIComponent(filter)}`;
  const reply = await server.request('GET', `${side === 'erp' ? ERP : CRM}/${set}?$count=true&$top=0${query}`, { as: AGENT });
  expect(reply.status, reply.text).toBe(200);
  return reply.body['@odata.count'] as number;
}

const CASES: readonly { side: Side; set: string; filter: string }[] = [
  { side: 'erp', set: 'CustomersV3', filter: "PartyType eq 'Organization' and CreditLimit gt 5000" },
  { side: 'erp', set: 'CustomersV3', filter: "startswith(CustomerAccount, 'US-00001') or CreditLimitIsMandatory eq 'Yes'" },
  { side: 'crm', set: 'accounts', filter: 'creditlimit le 10000 and customertypecode eq 3' },
  { side: 'erp', set: 'SalesOrderLines', filter: 'LineAmount gt 2000 and OrderedSalesQuantity ge 3' },
];

describe('filter preview', () => {
  it.each(CASES)('counts $side $set rows where $filter as the server does', async ({ side, set, filter }) => {
    const total = await serverCount(side, set, '');
    const matching = await serverCount(side, set, filter);
    // Each case keeps some rows and drops others, so a wrong count cannot pass by accident.
    expect(matching).toBeGreaterThan(0);
    expect(matching).toBeLessThan(total);
    expect(await e.engine.previewMapFilter({ side, set, filter })).toEqual({ ok: true, value: { matching, total } });
    // Pages of 7 rows: the walk resumes after each page's last key (compound keys too).
    expect(await previewMapFilter(e.engine.ctx, { side, set, filter }, 7)).toEqual({ ok: true, value: { matching, total } });
  });

  it('keeps every row with an empty filter', async () => {
    const total = await serverCount('crm', 'accounts', '');
    expect(await e.engine.previewMapFilter({ side: 'crm', set: 'accounts', filter: '  ' })).toEqual({ ok: true, value: { matching: total, total } });
  });

  it('answers FILTER_INVALID with the position of a syntax error and of a type error', async () => {
    const syntax = await e.engine.previewMapFilter({ side: 'erp', set: 'CustomersV3', filter: "PartyType eq 'Organization' and and" });
    expect(syntax).toMatchObject({ ok: false, error: { code: 'FILTER_INVALID', details: { position: 32, problems: [{ code: 'FILTER_SYNTAX', details: { position: 32 } }] } } });
    expect(syntax.ok ? '' : syntax.error.message).toMatch(/ERP filter is invalid: .*position 32/);

    const types = await e.engine.previewMapFilter({ side: 'erp', set: 'CustomersV3', filter: "CreditLimit gt 'lots'" });
    expect(types).toMatchObject({ ok: false, error: { code: 'FILTER_INVALID', details: { position: 15, problems: [{ code: 'FILTER_TYPE' }] } } });
  });

  it('answers UNKNOWN_SET for a set the replica does not keep', async () => {
    expect(await e.engine.previewMapFilter({ side: 'crm', set: 'CustomersV3', filter: '' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SET', details: { side: 'crm', set: 'CustomersV3' } } });
  });
});
