import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, TestServer } from '../support/server.ts';
import { CRM, ERP, readAll, startTestServer } from '../support/server.ts';

let server: TestServer;
let group: string;

beforeAll(async () => {
  server = await startTestServer();
  group = (await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'gbsi'&$top=1`)).body.value[0].CustomerGroupId;
});
afterAll(() => server.stop());

type Item = Record<string, unknown>;
const keyOf = (item: Item) => `${item['dataAreaId']}|${item['CustomerAccount']}`;
const url = (account: string) => `${ERP}/CustomersV3(dataAreaId='gbsi',CustomerAccount='${account}')`;
const track = { headers: { Prefer: 'odata.track-changes, odata.maxpagesize=7' } };

/** Applies a feed page to a replica; records every (key, version) to catch repeats. */
function apply(replica: Map<string, Item>, seen: Set<string>, items: Item[]): void {
  for (const item of items) {
    if (item['@removed']) {
      replica.delete(keyOf(item));
      continue;
    }
    const version = `${keyOf(item)}@${item['@odata.etag']}`;
    expect(seen.has(version), `change ${version} was sent twice`).toBe(false);
    seen.add(version);
    replica.set(keyOf(item), item);
  }
}

async function serverState(): Promise<Map<string, Item>> {
  const { rows } = await readAll(server, `${ERP}/CustomersV3?$filter=dataAreaId eq 'gbsi'`);
  return new Map(rows.map((r) => [keyOf(r), r]));
}

function expectSame(replica: Map<string, Item>, truth: Map<string, Item>): void {
  expect([...replica.keys()].sort()).toEqual([...truth.keys()].sort());
  for (const [key, row] of truth) expect(replica.get(key)?.['@odata.etag'], key).toBe(row['@odata.etag']);
}

let counter = 0;
async function randomWrite(known: string[]): Promise<void> {
  const roll = Math.random();
  if (roll < 0.4 || known.length === 0) {
    const account = `T-D-${++counter}`;
    known.push(account);
    await server.request('POST', `${ERP}/CustomersV3`, {
      body: { dataAreaId: 'gbsi', CustomerAccount: account, PartyType: 'Person', PersonLastName: `P${counter}`, CustomerGroupId: group, SalesCurrencyCode: 'GBP' },
    });
  } else if (roll < 0.85) {
    const account = known[Math.floor(Math.random() * known.length)] as string;
    await server.request('PATCH', url(account), { body: { CreditRating: `R${++counter}`.slice(0, 10) } });
  } else {
    const account = known.splice(Math.floor(Math.random() * known.length), 1)[0] as string;
    await server.request('DELETE', url(account));
  }
}

describe('change tracking', () => {
  it('never skips nor repeats a change while writes run concurrently with paging', async () => {
    const known = (await serverState()).keys();
    const accounts = [...known].map((k) => k.split('|')[1] as string).filter((a) => !a.startsWith('T-D-'));
    const mine: string[] = [];
    // Seeded rows may be referenced (invoice accounts, contact persons), so only our own
    // rows are deleted; seeded rows are updated.
    const replica = new Map<string, Item>();
    const seen = new Set<string>();
    let next: string | undefined = `${ERP}/CustomersV3?$filter=dataAreaId eq 'gbsi'`;
    let deltaLink: string | undefined;
    let rounds = 0;
    while (next || (deltaLink && rounds < 12)) {
      const target: string = next ?? (deltaLink as string);
      const writes = Array.from({ length: 4 }, () =>
        Math.random() < 0.5 || accounts.length === 0
          ? randomWrite(mine)
          : server.request('PATCH', url(accounts[Math.floor(Math.random() * accounts.length)] as string), { body: { CreditRating: `S${++counter}`.slice(0, 10) } }),
      );
      const [reply] = (await Promise.all([server.request('GET', target, track), ...writes])) as [Reply, ...unknown[]];
      expect(reply.status).toBe(200);
      apply(replica, seen, reply.body.value);
      next = reply.body['@odata.nextLink'];
      if (reply.body['@odata.deltaLink']) {
        deltaLink = reply.body['@odata.deltaLink'];
        rounds++;
      }
    }
    // Writes have stopped: one more delta round collects the last ones.
    for (let more: string | undefined = deltaLink; more; ) {
      const reply = await server.request('GET', more, track);
      apply(replica, seen, reply.body.value);
      more = reply.body['@odata.nextLink'];
      if (reply.body['@odata.deltaLink']) {
        if (reply.body.value.length === 0) break;
        more = reply.body['@odata.deltaLink'];
      }
    }
    expectSame(replica, await serverState());
  });

  it('reports deletions as @removed with the key, superseding earlier changes of the row', async () => {
    const body = (account: string) => ({ dataAreaId: 'gbsi', CustomerAccount: account, PartyType: 'Person', PersonLastName: 'Gone', CustomerGroupId: group, SalesCurrencyCode: 'GBP' });
    await server.request('POST', `${ERP}/CustomersV3`, { body: body('T-GONE') });
    const first = await readAll(server, `${ERP}/CustomersV3?$filter=dataAreaId eq 'gbsi'`, track);
    expect(first.rows.map((r) => r['CustomerAccount'])).toContain('T-GONE');
    await server.request('PATCH', url('T-GONE'), { body: { CreditRating: 'LAST' } });
    await server.request('DELETE', url('T-GONE'));
    await server.request('POST', `${ERP}/CustomersV3`, { body: body('T-BRIEF') });
    await server.request('DELETE', url('T-BRIEF'));
    await server.request('POST', `${ERP}/CustomersV3`, { body: body('T-BACK') });
    const delta = await server.request('GET', first.deltaLink as string);
    expect(delta.body.value).toEqual([
      { '@removed': { reason: 'deleted' }, '@id': "CustomersV3(dataAreaId='gbsi',CustomerAccount='T-GONE')", dataAreaId: 'gbsi', CustomerAccount: 'T-GONE' },
      { '@removed': { reason: 'deleted' }, '@id': "CustomersV3(dataAreaId='gbsi',CustomerAccount='T-BRIEF')", dataAreaId: 'gbsi', CustomerAccount: 'T-BRIEF' },
      expect.objectContaining({ CustomerAccount: 'T-BACK', '@odata.etag': expect.stringMatching(/^W\//) }),
    ]);
    expect(delta.body['@odata.deltaLink']).toBeDefined();
    const quiet = await server.request('GET', delta.body['@odata.deltaLink']);
    expect(quiet.body.value).toEqual([]);
  });

  it('sends a row that leaves a filtered feed as @removed "changed"', async () => {
    const feed = `${ERP}/CustomersV3?$filter=dataAreaId eq 'gbsi' and CreditRating eq 'AAA'`;
    await server.request('POST', `${ERP}/CustomersV3`, {
      body: { dataAreaId: 'gbsi', CustomerAccount: 'T-FILT', PartyType: 'Person', PersonLastName: 'F', CustomerGroupId: group, SalesCurrencyCode: 'GBP', CreditRating: 'AAA' },
    });
    const first = await readAll(server, feed, track);
    expect(first.rows.map((r) => r['CustomerAccount'])).toContain('T-FILT');
    await server.request('PATCH', url('T-FILT'), { body: { CreditRating: 'BBB' } });
    const delta = await server.request('GET', first.deltaLink as string);
    expect(delta.body.value).toEqual([
      { '@removed': { reason: 'changed' }, '@id': "CustomersV3(dataAreaId='gbsi',CustomerAccount='T-FILT')", dataAreaId: 'gbsi', CustomerAccount: 'T-FILT' },
    ]);
  });

  it('tracks CRM sets too, with $select honoured and keys always present', async () => {
    const first = await readAll(server, `${CRM}/accounts?$select=name`, track);
    expect(first.rows.length).toBeGreaterThan(0);
    expect(Object.keys(first.rows[0] ?? {}).sort()).toEqual(['@odata.etag', 'accountid', 'name']);
    const id = first.rows[0]?.['accountid'];
    await server.request('PATCH', `${CRM}/accounts(${id})`, { body: { name: 'Renamed in the back office' } });
    const delta = await server.request('GET', first.deltaLink as string);
    expect(delta.body.value).toHaveLength(1);
    expect(delta.body.value[0]).toMatchObject({ accountid: id, name: 'Renamed in the back office' });
  });

  it('refuses forged, foreign and incompatible tokens with a clear 400', async () => {
    const garbage = await server.request('GET', `${ERP}/CustomersV3?$deltatoken=not-a-token!`);
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('InvalidDeltaToken');
    const first = await readAll(server, `${ERP}/Units`, track);
    const foreign = (first.deltaLink as string).replace('/Units?', '/Currencies?');
    const reply = await server.request('GET', foreign);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain('another entity set');
    const ordered = await server.request('GET', `${ERP}/Units?$orderby=UnitSymbol`, { headers: { Prefer: 'odata.track-changes' } });
    expect(ordered.status).toBe(400);
    expect(ordered.body.error.target).toBe('$orderby');
  });
});
