/**
 * The field agent's queries and writes (src/engine/field-queries.ts, field-writes.ts)
 * through an agent's engine against the real server (demo seed): work orders by day,
 * status and text with their customer, asset and notes; status, notes and time on site
 * reaching the ERP; products with list price and exact on-hand stock and the age of the
 * replica's copy; an order and a quote with lines entered offline reaching both stores
 * with exact totals; errors naming the field (and line) concerned.
 *
 * Seed facts used (server/seed: demo, 60 customers per company): US-000001 is a head-office
 * organisation mirrored in the CRM (currency USD), US-SO00001 a service order on its asset.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import type { ProductSummary } from '../../src/engine/api.ts';
import { fieldEngine } from '../support/field-engine.ts';
import { CRM, ERP } from '../support/server.ts';

const field = fieldEngine();
const { get, account, workOrder, settle } = field;

describe('work orders', () => {
  it('lists them by planned start, by day, by status and by text, with customer and asset', async () => {
    const all = await field.engine.workOrders({ offset: 0, limit: 500 });
    expect(all.total).toBeGreaterThan(5);
    const planned = all.rows.map((w) => w.plannedStart).filter((p): p is string => p !== null);
    expect(planned).toEqual([...planned].sort());
    const first = all.rows.find((w) => w.plannedStart !== null && w.accountName !== null);
    expect(first).toBeDefined();
    if (!first?.plannedStart) return;
    const day = first.plannedStart.slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();
    const onDay = await field.engine.workOrders({ from: `${day}T00:00:00.000Z`, until: next, offset: 0, limit: 50 });
    expect(onDay.rows.map((w) => w.number)).toContain(first.number);
    expect(onDay.rows.every((w) => w.plannedStart?.startsWith(day))).toBe(true);
    const open = await field.engine.workOrders({ status: 'open', offset: 0, limit: 500 });
    expect(open.total).toBeGreaterThan(0);
    expect(open.rows.every((w) => w.status === 'Unscheduled' || w.status === 'Scheduled' || w.status === 'InProcess')).toBe(true);
    const completed = await field.engine.workOrders({ status: 'Completed', offset: 0, limit: 500 });
    expect(completed.rows.every((w) => w.status === 'Completed')).toBe(true);
    const found = await field.engine.workOrders({ search: first.number.toLowerCase(), offset: 0, limit: 5 });
    expect(found.rows[0]?.number).toBe(first.number);
  });

  it('finds the agent’s day as the seed plans it: three today, two overdue (open, planned before today), open ones coming up', async () => {
    // The server seeded today's local day as its work day (server/seed/work-plan.ts).
    const now = new Date();
    const from = new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
    const until = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).toISOString();
    const numbers = (page: { rows: readonly { number: string }[] }) => page.rows.map((w) => w.number);
    expect(numbers(await field.engine.workOrders({ from, until, offset: 0, limit: 50 }))).toEqual(['US-SO00001', 'US-SO00002', 'US-SO00003']);
    const overdue = await field.engine.workOrders({ until: from, status: 'open', offset: 0, limit: 50 });
    expect(numbers(overdue)).toEqual(['US-SO00005', 'US-SO00004']); // the longest overdue first
    expect(overdue.rows.every((w) => w.status === 'Scheduled' || w.status === 'InProcess')).toBe(true);
    const next = await field.engine.workOrders({ from: until, status: 'open', offset: 0, limit: 50 });
    expect(numbers(next).slice(0, 3)).toEqual(['US-SO00006', 'US-SO00007', 'US-WOC0001']);
    expect(numbers(await field.engine.workOrders({ until: from, status: 'open', search: 'us-so00004', offset: 0, limit: 50 }))).toEqual(['US-SO00004']);
  });

  it('shows one with its customer, asset and notes', async () => {
    const id = await workOrder('US-SO00001');
    const detail = await field.engine.workOrder(id);
    expect(detail?.workOrder).toMatchObject({ id, number: 'US-SO00001', company: 'usmf', accountid: await account('US-000001') });
    expect(detail?.account?.accountid).toBe(await account('US-000001'));
    expect(detail?.asset?.assetId).toMatch(/^US-A/);
    expect(await field.engine.workOrder('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('a status change, a note and time on site reach the ERP (through the maps, both ways)', async () => {
    const id = await workOrder('US-SO00001');
    expect(await field.engine.setWorkOrderStatus(id, 'InProcess')).toEqual({ ok: true, value: { status: 'InProcess' } });
    expect((await field.engine.workOrder(id))?.workOrder).toMatchObject({ status: 'InProcess', pending: true });
    const note = await field.engine.addNote({ target: { type: 'workorder', id }, title: 'Pump replaced', body: 'Old pump taken back to the depot.' });
    expect(note.ok, JSON.stringify(note)).toBe(true);
    const time = await field.engine.recordTimeOnSite(id, { arrived: '2026-11-22T08:00:00.000Z', left: '2026-11-22T09:35:00.000Z', comment: 'Waited for the key.' });
    expect(time).toMatchObject({ ok: true, value: { minutes: 95 } });
    const notes = (await field.engine.workOrder(id))?.notes ?? [];
    expect(notes.filter((n) => n.pending).map((n) => n.title)).toEqual(expect.arrayContaining(['Pump replaced', 'Time on site: 1 h 35 min']));
    await settle();
    expect(await get(`${ERP}/ServiceOrders(dataAreaId='usmf',ServiceOrderId='US-SO00001')`)).toMatchObject({ Status: 'InProcess', ModifiedBy: 'agent.usmf' });
    const erpNotes = (await field.server.request('GET', `${ERP}/Notes?$filter=${encodeURIComponent("dataAreaId eq 'usmf' and RefTable eq 'ServiceOrder' and RefKey eq 'US-SO00001'")}`)).body.value as Record<string, unknown>[];
    expect(erpNotes.map((n) => n['Title'])).toEqual(expect.arrayContaining(['Pump replaced', 'Time on site: 1 h 35 min']));
    expect(erpNotes.find((n) => n['Title'] === 'Time on site: 1 h 35 min')?.['Body']).toBe('On site from 2026-11-22 08:00 UTC to 2026-11-22 09:35 UTC (95 min).\nWaited for the key.');
  });

  it('a work order entered in the CRM only (on an asset entered there too) takes a status and a note: both stores get it, asset first', async () => {
    // US-WOC0001 and its asset US-AC0001 exist only in the CRM (server/seed/field-service.ts).
    const id = await workOrder('US-WOC0001');
    const erpOrder = `${ERP}/ServiceOrders(dataAreaId='usmf',ServiceOrderId='US-WOC0001')`;
    const erpAsset = `${ERP}/CustomerAssets(dataAreaId='usmf',AssetId='US-AC0001')`;
    expect((await field.server.request('GET', erpOrder)).status).toBe(404);
    expect((await field.server.request('GET', erpAsset)).status).toBe(404);
    const errorsBefore = (await field.engine.status()).errors;
    expect(await field.engine.setWorkOrderStatus(id, 'InProcess')).toEqual({ ok: true, value: { status: 'InProcess' } });
    const note = await field.engine.addNote({ target: { type: 'workorder', id }, title: 'Unit unpacked', body: 'Set up next to the press.' });
    expect(note.ok, JSON.stringify(note)).toBe(true);
    await settle();
    expect((await field.engine.status()).errors).toBe(errorsBefore);
    expect((await field.engine.workOrder(id))?.failures).toEqual([]);
    expect(await get(`${CRM}/msdyn_workorders(${id})`)).toMatchObject({ msdyn_systemstatus: 690970002 });
    expect(await get(erpAsset)).toMatchObject({ Name: 'Demo unit (entered in the CRM)', CustomerAccount: 'US-000001' });
    expect(await get(erpOrder)).toMatchObject({ Status: 'InProcess', AssetId: 'US-AC0001', CustomerAccount: 'US-000001', ModifiedBy: 'agent.usmf' });
    const erpNotes = (await field.server.request('GET', `${ERP}/Notes?$filter=${encodeURIComponent("dataAreaId eq 'usmf' and RefTable eq 'ServiceOrder' and RefKey eq 'US-WOC0001'")}`)).body.value as Record<string, unknown>[];
    expect(erpNotes.map((n) => n['Title'])).toEqual(['Unit unpacked']);
  });

  it('refuses what cannot be written, naming the field, and writes nothing', async () => {
    const id = await workOrder('US-SO00001');
    const pending = (await field.engine.status()).pending;
    expect(await field.engine.recordTimeOnSite(id, { arrived: '2026-11-22T10:00:00Z', left: '2026-11-22T09:00:00Z' })).toMatchObject({ ok: false, error: { details: { field: 'left' } } });
    expect(await field.engine.addNote({ target: { type: 'workorder', id }, title: ' ', body: '' })).toMatchObject({ ok: false, error: { code: 'REQUIRED', details: { field: 'body' } } });
    // The ERP keeps a note title to 100 characters: the notes map refuses a longer one.
    expect(await field.engine.addNote({ target: { type: 'workorder', id }, title: 'x'.repeat(101), body: 'b' })).toMatchObject({ ok: false, error: { details: { field: expect.stringMatching(/^(subject|Title)$/) } } });
    expect(await field.engine.setWorkOrderStatus(id, 'Nope' as 'Completed')).toMatchObject({ ok: false, error: { details: { field: 'status' } } });
    expect((await field.engine.status()).pending).toBe(pending);
  });
});

describe('products', () => {
  it('lists products with list price and on-hand stock summed exactly, and the age of the copy', async () => {
    const page = await field.engine.products({ offset: 0, limit: 500 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.ageSeconds).not.toBeNull();
    expect(page.asOf).not.toBeNull();
    const stocked = page.rows.find((p) => p.warehouses.length > 1) ?? page.rows.find((p) => p.warehouses.length === 1);
    expect(stocked).toBeDefined();
    const s = stocked as ProductSummary;
    expect(s.onHand).toBe(s.warehouses.reduce((sum, w) => sum.plus(w.onHand), new Big(0)).toFixed());
    const found = await field.engine.products({ search: s.itemNumber, offset: 0, limit: 10 });
    expect(found.rows.map((p) => p.itemNumber)).toContain(s.itemNumber);
  });
});

describe('orders and quotes', () => {
  it('entered offline with two lines (one in boxes), sent when back online, held by both stores with exact totals', async () => {
    const accountid = await account('US-000001');
    const setup = await field.engine.orderSetup(accountid);
    expect(setup).toMatchObject({ company: 'usmf', customerAccount: 'US-000001', currency: 'USD', currencyScale: 2 });
    expect(setup?.units.map((u) => u.value)).toEqual(expect.arrayContaining(['ea', 'box']));
    const products = (await field.engine.products({ company: 'usmf', offset: 0, limit: 50 })).rows.filter((p) => p.unit === 'ea');
    const [p1, p2] = products;
    if (!p1 || !p2) throw new Error('the seed has no two products sold by the piece');
    field.agent.network.online = false;
    field.engine.setOnline(false);
    const created = await field.engine.createSalesDocument({
      kind: 'order',
      accountid,
      requestedDate: '2026-12-01',
      lines: [
        { itemNumber: p1.itemNumber, quantity: '3', unit: 'ea', unitPrice: '19.995' },
        { itemNumber: p2.itemNumber, quantity: '2', unit: 'box', unitPrice: '120.5' },
      ],
    });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    if (!created.ok) return;
    expect(created.value.total).toBe('300.99'); // 59.985 → 59.99, + 241
    const docs = await field.engine.salesDocuments(accountid);
    const mine = docs.find((d) => d.number === created.value.number);
    expect(mine).toMatchObject({ kind: 'order', pending: true, total: '300.99', currency: 'USD' });
    expect(mine?.lines.map((l) => [l.quantity, l.unit, l.amount])).toEqual([
      ['3', 'ea', '59.99'],
      ['2', 'box', '241'],
    ]);
    expect((await field.engine.status()).pending).toBeGreaterThanOrEqual(3);
    field.agent.network.online = true;
    field.engine.setOnline(true);
    await settle();
    const number = created.value.number;
    expect(await get(`${ERP}/SalesOrderHeaders(dataAreaId='usmf',SalesOrderNumber='${number}')`)).toMatchObject({ OrderingCustomerAccountNumber: 'US-000001', OrderTotalAmount: '300.99', CurrencyCode: 'USD' });
    expect(await get(`${ERP}/SalesOrderLines(dataAreaId='usmf',SalesOrderNumber='${number}',LineNumber=2)`)).toMatchObject({ SalesUnitSymbol: 'box', OrderedSalesQuantity: '2', SalesPrice: '120.5', LineAmount: '241' });
    const crmOrder = await get(`${CRM}/salesorders(msdyn_salesordernumber='${number}',msdyn_company=${field.usmf})`);
    expect(crmOrder).toMatchObject({ customerid: accountid, totalamount: '300.99' });
    const crmLines = (await field.server.request('GET', `${CRM}/salesorderdetails?$filter=${encodeURIComponent(`salesorderid eq ${crmOrder['salesorderid'] as string}`)}`)).body.value as Record<string, unknown>[];
    expect(crmLines.map((l) => l['extendedamount']).sort()).toEqual(['241', '59.99']);
    expect((await field.engine.salesDocuments(accountid)).find((d) => d.number === number)?.pending).toBe(false);
  });

  it('a quote goes the same way', async () => {
    const accountid = await account('US-000001');
    const [p] = (await field.engine.products({ company: 'usmf', offset: 0, limit: 5 })).rows;
    const created = await field.engine.createSalesDocument({ kind: 'quote', accountid, name: 'Spring refit', lines: [{ itemNumber: p?.itemNumber ?? '', quantity: '1.5', unit: p?.unit ?? 'ea', unitPrice: '10.01' }] });
    expect(created, JSON.stringify(created)).toMatchObject({ ok: true, value: { kind: 'quote', total: '15.02' } });
    if (!created.ok) return;
    await settle();
    expect(await get(`${ERP}/SalesQuotationHeadersV2(dataAreaId='usmf',SalesQuotationNumber='${created.value.number}')`)).toMatchObject({ SalesQuotationName: 'Spring refit', QuotationTotalAmount: '15.02' });
    expect(await get(`${CRM}/quotes(quotenumber='${created.value.number}',msdyn_company=${field.usmf})`)).toMatchObject({ name: 'Spring refit', totalamount: '15.02' });
  });

  it('names the line and field of a problem, and leaves nothing behind', async () => {
    const accountid = await account('US-000001');
    const pending = (await field.engine.status()).pending;
    const [p] = (await field.engine.products({ company: 'usmf', offset: 0, limit: 5 })).rows;
    const good = { itemNumber: p?.itemNumber ?? '', quantity: '1', unit: p?.unit ?? 'ea', unitPrice: '1' };
    expect(await field.engine.createSalesDocument({ kind: 'order', accountid, lines: [] })).toMatchObject({ ok: false, error: { details: { field: 'lines' } } });
    expect(await field.engine.createSalesDocument({ kind: 'order', accountid, lines: [good, { ...good, itemNumber: 'NO-SUCH' }] })).toMatchObject({ ok: false, error: { details: { field: 'itemNumber', line: 1 } } });
    expect(await field.engine.createSalesDocument({ kind: 'order', accountid, lines: [good, { ...good, quantity: '0.1234567' }] })).toMatchObject({ ok: false, error: { details: { field: 'quantity', line: 1 } } });
    expect(await field.engine.createSalesDocument({ kind: 'order', accountid, lines: [{ ...good, unit: 'parsec' }] })).toMatchObject({ ok: false, error: { details: { field: 'unit', line: 0 } } });
    expect((await field.engine.status()).pending).toBe(pending);
  });

  it('shows an account’s addresses, assets, notes and work orders', async () => {
    const extras = await field.engine.accountExtras(await account('US-000001'));
    expect(extras.assets.length).toBeGreaterThan(0);
    expect(extras.workOrders.map((w) => w.number)).toContain('US-SO00001');
    // Open ones first; the page shows the first ten and says how many there are.
    expect(extras.workOrderTotal).toBeGreaterThanOrEqual(extras.workOrders.length);
    const open = extras.workOrders.map((w) => w.status === 'Unscheduled' || w.status === 'Scheduled' || w.status === 'InProcess');
    expect(open).toEqual([...open].sort((a, b) => Number(b) - Number(a)));
    expect(extras.addresses.length).toBeGreaterThanOrEqual(0);
  });
});
