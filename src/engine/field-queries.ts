/**
 * Reads for the field agent's screens, answered from the replica: work orders (today's, by
 * status, one with its notes), products with list price and on-hand stock, an account's
 * orders and quotes with lines, and what the order form needs. Lists keep one sorted
 * in-memory index per table group, rebuilt only when one of its tables changes (like the
 * accounts list), so filtering and paging 100k rows stays a few milliseconds per request
 * (work-order-index.ts; bench/field-queries.ts measures it).
 * Work orders are read on the CRM side (the agent's key is the work order GUID), stock and
 * sales documents on the ERP side, where they are kept.
 */
import Dexie from 'dexie';
import { ADDRESS_PURPOSE } from '../core/maps/standard/party.ts';
import { WORK_ORDER_STATUS } from '../core/maps/standard/work-orders.ts';
import { currencyScale, sumDecimals } from '../core/orders/index.ts';
import type { ConversionRow } from '../core/orders/index.ts';
import type { EngineContext } from './context.ts';
import type { AccountExtras, AssetSummary, NoteSummary, OrderSetup, ProductPage, ProductQuery, ProductSummary, SalesDocument, WorkOrderDetail, WorkOrderQuery, WorkOrderStatus, WorkOrderSummary } from './field-types.ts';
import type { StoredRow } from './replica/db.ts';
import { replicaTable, rowId } from './replica/tables.ts';
import { SALES_KINDS } from './sales-kinds.ts';
import { WorkOrderIndex } from './work-order-index.ts';

const MAX_PAGE = 500;
/** Work orders on an account's page: the open ones first (the total is given beside them). */
const ACCOUNT_WORK_ORDERS = 10;
const WORK_ORDER_TABLES = ['crm_msdyn_workorders', 'crm_accounts', 'crm_msdyn_customerassets', 'crm_cdm_companies'];
const PRODUCT_TABLES = ['erp_ReleasedProducts', 'erp_InventoryOnHand'];
const SALES_TABLES = ['erp_SalesOrderHeaders', 'erp_SalesQuotationHeadersV2'];
const ASSETS = 'crm_msdyn_customerassets';

export const statusName = (code: unknown): WorkOrderStatus | null => (WORK_ORDER_STATUS.find(([, c]) => c === code)?.[0] as WorkOrderStatus | undefined) ?? null;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export class FieldQueries {
  #workOrders: WorkOrderIndex | null = null;
  /** Products by company and item number, with each one's search text (lower case) beside it. */
  #products: { readonly rows: readonly ProductSummary[]; readonly search: readonly string[] } | null = null;
  /** Sales document headers per "company|customer account". */
  #sales: Map<string, { kind: 'order' | 'quote'; row: StoredRow }[]> | null = null;
  /** Customer assets per account (the replica has no index on msdyn_account: a scan per page otherwise). */
  #assets: Map<string, StoredRow[]> | null = null;

  constructor(private readonly ctx: EngineContext) {}

  invalidate(tables: readonly string[]): void {
    if (tables.some((t) => WORK_ORDER_TABLES.includes(t))) this.#workOrders = null;
    if (tables.some((t) => PRODUCT_TABLES.includes(t))) this.#products = null;
    if (tables.some((t) => SALES_TABLES.includes(t))) this.#sales = null;
    if (tables.includes(ASSETS)) this.#assets = null;
  }

  async workOrders(query: WorkOrderQuery): Promise<{ rows: WorkOrderSummary[]; total: number }> {
    const { page, total } = (await this.#workOrderIndex()).query(query, MAX_PAGE);
    const pendingRows = await this.#pendingRows();
    return { rows: page.map((x) => ({ ...x.summary, pending: pendingRows.has(x.rowId) })), total };
  }

  async workOrder(id: string): Promise<WorkOrderDetail | null> {
    const { db } = this.ctx;
    const row = await db.rows('crm_msdyn_workorders').get(id);
    if (!row) return null;
    const [summary] = await this.#summaries([row]);
    const [account, asset, notes] = await Promise.all([
      text(row['msdyn_serviceaccount']) ? db.rows('crm_accounts').get(row['msdyn_serviceaccount'] as string) : undefined,
      text(row['msdyn_customerasset']) ? db.rows('crm_msdyn_customerassets').get(row['msdyn_customerasset'] as string) : undefined,
      this.notesOf(id),
    ]);
    const crmRow = rowId(replicaTable('crm', 'msdyn_workorders'), row);
    const erpRow = summary?.company ? rowId(replicaTable('erp', 'ServiceOrders'), { dataAreaId: summary.company, ServiceOrderId: summary.number }) : null;
    const [pending, errors] = await Promise.all([db.outbox.where('rows').equals(crmRow).count(), db.errors.where('key').anyOf([crmRow, ...(erpRow ? [erpRow] : [])]).toArray()]);
    return {
      workOrder: { ...(summary as Omit<WorkOrderSummary, 'pending'>), pending: pending > 0 },
      asset: asset ? assetSummary(asset) : null,
      account: account ? { accountid: account['accountid'] as string, name: text(account['name']) ?? '', city: text(account['address1_city']), telephone: text(account['telephone1']) } : null,
      notes,
      pending,
      failures: errors.filter((e) => e.status === undefined).map((e) => ({ id: e.id as number, at: e.at, code: e.code ?? e.kind, message: e.message })),
    };
  }

  /** Notes attached to a CRM row (a work order, an account), newest first, unsent ones on top. */
  async notesOf(objectid: string): Promise<NoteSummary[]> {
    const rows = await this.ctx.db.rows('crm_annotations').where('objectid').equals(objectid).toArray();
    const pendingRows = await this.#pendingRows();
    const table = replicaTable('crm', 'annotations');
    const notes = rows.map((n) => ({ id: n['annotationid'] as string, title: text(n['subject']), body: text(n['notetext']), at: text(n['createdon']), by: text(n['modifiedby']), pending: pendingRows.has(rowId(table, n)) }));
    return notes.sort((a, b) => Number(b.pending) - Number(a.pending) || (b.at ?? '').localeCompare(a.at ?? ''));
  }

  async accountExtras(accountid: string): Promise<AccountExtras> {
    const { db } = this.ctx;
    const [addresses, assets, notes, index] = await Promise.all([
      db.rows('crm_msdyn_partypostaladdresses').where('msdyn_customerid').equals(accountid).toArray(),
      this.#assetsOf(accountid),
      this.notesOf(accountid),
      this.#workOrderIndex(),
    ]);
    const purpose = (code: unknown) => ADDRESS_PURPOSE.find(([, c]) => c === code)?.[0] ?? null;
    const pendingRows = await this.#pendingRows();
    const orders = index.ofAccount(accountid);
    return {
      addresses: addresses.map((a) => ({ id: a['msdyn_partypostaladdressid'] as string, purpose: purpose(a['msdyn_purpose']), street: text(a['msdyn_street']), city: text(a['msdyn_city']), zip: text(a['msdyn_zippostalcode']), country: text(a['msdyn_countryregion']) })),
      assets: assets.map(assetSummary),
      notes,
      workOrders: orders.slice(0, ACCOUNT_WORK_ORDERS).map((w) => ({ ...w.summary, pending: pendingRows.has(w.rowId) })),
      workOrderTotal: orders.length,
    };
  }

  async #workOrderIndex(): Promise<WorkOrderIndex> {
    if (this.#workOrders) return this.#workOrders;
    const rows = await this.ctx.db.rows('crm_msdyn_workorders').toArray();
    const summaries = await this.#summaries(rows);
    const table = replicaTable('crm', 'msdyn_workorders');
    const index = new WorkOrderIndex(summaries.map((summary, i) => ({ summary, rowId: rowId(table, rows[i] as StoredRow) })));
    this.#workOrders = index;
    return index;
  }

  /** Summaries of work order rows, with their customers, assets and companies read in bulk. */
  async #summaries(rows: readonly StoredRow[]): Promise<Omit<WorkOrderSummary, 'pending'>[]> {
    const { db } = this.ctx;
    const ids = (field: string) => [...new Set(rows.map((r) => r[field]).filter((v): v is string => typeof v === 'string' && v !== ''))];
    const accountIds = ids('msdyn_serviceaccount');
    const assetIds = ids('msdyn_customerasset');
    const [accounts, assets, companies] = await Promise.all([db.rows('crm_accounts').bulkGet(accountIds), db.rows('crm_msdyn_customerassets').bulkGet(assetIds), db.rows('crm_cdm_companies').toArray()]);
    const accountOf = new Map(accountIds.map((id, i) => [id, accounts[i]]));
    const assetOf = new Map(assetIds.map((id, i) => [id, assets[i]]));
    const companyOf = new Map(companies.map((c) => [c['cdm_companyid'], text(c['cdm_companycode'])]));
    return rows.map((r) => {
      const account = accountOf.get(r['msdyn_serviceaccount'] as string);
      return {
        id: r['msdyn_workorderid'] as string,
        number: text(r['msdyn_name']) ?? '',
        company: companyOf.get(r['msdyn_company']) ?? null,
        status: statusName(r['msdyn_systemstatus']),
        stage: text(r['msdyn_substatusname']),
        plannedStart: text(r['msdyn_timefrompromised']),
        instructions: text(r['msdyn_instructions']),
        accountid: account ? (account['accountid'] as string) : null,
        accountName: account ? text(account['name']) : null,
        city: account ? text(account['address1_city']) : null,
        assetName: text(assetOf.get(r['msdyn_customerasset'] as string)?.['msdyn_name']),
      };
    });
  }

  async products(query: ProductQuery, asOf: string | null, online: boolean): Promise<ProductPage> {
    const index = await this.#productIndex();
    const needle = query.search?.trim().toLowerCase() ?? '';
    const everything = query.company === undefined && needle === '';
    const matches = everything ? index.rows : index.rows.filter((p, i) => (query.company === undefined || p.company === query.company) && (needle === '' || (index.search[i] as string).includes(needle)));
    const offset = Math.max(0, query.offset);
    const ageSeconds = asOf === null ? null : Math.max(0, Math.floor((this.ctx.now().getTime() - Date.parse(asOf)) / 1000));
    return { rows: matches.slice(offset, offset + Math.max(0, Math.min(query.limit, MAX_PAGE))), total: matches.length, asOf, ageSeconds, online };
  }

  async #productIndex(): Promise<{ readonly rows: readonly ProductSummary[]; readonly search: readonly string[] }> {
    if (this.#products) return this.#products;
    const [products, stock] = await Promise.all([this.ctx.db.rows('erp_ReleasedProducts').toArray(), this.ctx.db.rows('erp_InventoryOnHand').toArray()]);
    const stockOf = new Map<string, StoredRow[]>();
    for (const s of stock) {
      push(stockOf, `${s['dataAreaId']}|${s['ItemNumber']}`, s);
    }
    const index = products.map((p): ProductSummary => {
      const rows = stockOf.get(`${p['dataAreaId']}|${p['ItemNumber']}`) ?? [];
      const quantity = (field: string) => (rows.length === 0 ? null : sumDecimals(rows.map((r) => text(r[field]))));
      return {
        company: p['dataAreaId'] as string,
        itemNumber: p['ItemNumber'] as string,
        name: text(p['ProductName']) ?? '',
        type: text(p['ProductType']),
        unit: text(p['SalesUnitSymbol']),
        price: text(p['SalesPrice']),
        onHand: quantity('OnHandQuantity'),
        available: quantity('AvailableQuantity'),
        warehouses: rows.map((r) => ({ site: String(r['SiteId']), warehouse: String(r['WarehouseId']), onHand: text(r['OnHandQuantity']) ?? '0', available: text(r['AvailableQuantity']) ?? '0' })),
      };
    });
    index.sort((a, b) => a.company.localeCompare(b.company) || a.itemNumber.localeCompare(b.itemNumber));
    this.#products = { rows: index, search: index.map((p) => `${p.itemNumber}\n${p.name}`.toLowerCase()) };
    return this.#products;
  }

  /** The account's ERP customer: its company code and account number (the customers-accounts key). */
  async customerOf(accountid: string): Promise<{ account: StoredRow; company: string; customer: StoredRow | null } | null> {
    const { db } = this.ctx;
    const account = await db.rows('crm_accounts').get(accountid);
    if (!account) return null;
    const company = text((await db.rows('crm_cdm_companies').get(account['msdyn_company'] as string))?.['cdm_companycode']);
    if (company === null) return null;
    const number = text(account['accountnumber']);
    const customer = number === null ? undefined : await db.rows('erp_CustomersV3').get([company, number]);
    return { account, company, customer: customer ?? null };
  }

  async orderSetup(accountid: string): Promise<OrderSetup | null> {
    const { db } = this.ctx;
    const found = await this.customerOf(accountid);
    if (!found) return null;
    const currency = text(found.customer?.['SalesCurrencyCode']);
    const [currencyRow, units, conversions] = await Promise.all([currency ? db.rows('erp_Currencies').get(currency) : undefined, db.rows('erp_Units').toArray(), db.rows('erp_UnitOfMeasureConversions').toArray()]);
    return {
      accountid,
      accountName: text(found.account['name']) ?? '',
      company: found.company,
      customerAccount: found.customer ? (found.customer['CustomerAccount'] as string) : null,
      currency,
      currencyScale: currencyScale(text(currencyRow?.['RoundingPrecision'])),
      units: units.map((u) => ({ value: u['UnitSymbol'] as string, label: `${u['UnitSymbol']} — ${text(u['Description']) ?? ''}` })).sort((a, b) => a.value.localeCompare(b.value)),
      conversions: conversions.map((c) => ({
        FromUnitSymbol: c['FromUnitSymbol'] as string,
        ToUnitSymbol: c['ToUnitSymbol'] as string,
        Factor: String(c['Factor'] ?? '1'),
        Numerator: typeof c['Numerator'] === 'number' ? c['Numerator'] : null,
        Denominator: typeof c['Denominator'] === 'number' ? c['Denominator'] : null,
        InnerOffset: text(c['InnerOffset']),
        OuterOffset: text(c['OuterOffset']),
      })) satisfies ConversionRow[],
    };
  }

  /** The account's orders and quotes with their lines, newest number first. */
  async salesDocuments(accountid: string): Promise<SalesDocument[]> {
    const found = await this.customerOf(accountid);
    if (!found?.customer) return [];
    const headers = (await this.#salesIndex()).get(`${found.company}|${found.customer['CustomerAccount'] as string}`) ?? [];
    const pendingRows = await this.#pendingRows();
    const documents = await Promise.all(headers.map(({ kind, row }) => this.#document(kind, row, pendingRows)));
    return documents.sort((a, b) => Number(b.pending) - Number(a.pending) || b.number.localeCompare(a.number));
  }

  async #document(kind: 'order' | 'quote', row: StoredRow, pendingRows: ReadonlySet<string>): Promise<SalesDocument> {
    const { db } = this.ctx;
    const k = SALES_KINDS[kind];
    const company = row['dataAreaId'] as string;
    const number = row[k.number] as string;
    const lines = await db.rows(`erp_${k.lineSet}`).where(':id').between([company, number, Dexie.minKey], [company, number, Dexie.maxKey]).toArray();
    const products = await db.rows('erp_ReleasedProducts').bulkGet(lines.map((l) => [company, l['ItemNumber'] as string]));
    return {
      kind,
      company,
      number,
      name: kind === 'quote' ? text(row['SalesQuotationName']) : null,
      status: text(row[k.status]),
      requestedDate: text(row['RequestedShippingDate']),
      currency: text(row['CurrencyCode']),
      total: text(row[k.total]),
      pending: pendingRows.has(rowId(replicaTable('erp', k.headerSet), row)),
      lines: lines.map((l, i) => ({
        lineNumber: l['LineNumber'] as number,
        itemNumber: l['ItemNumber'] as string,
        productName: text(products[i]?.['ProductName']),
        quantity: text(l[k.quantity]),
        unit: text(l['SalesUnitSymbol']),
        unitPrice: text(l['SalesPrice']),
        amount: text(l['LineAmount']),
      })),
    };
  }

  async #assetsOf(accountid: string): Promise<readonly StoredRow[]> {
    if (!this.#assets) {
      const byAccount = new Map<string, StoredRow[]>();
      for (const asset of await this.ctx.db.rows(ASSETS).toArray()) push(byAccount, String(asset['msdyn_account']), asset);
      this.#assets = byAccount;
    }
    return this.#assets.get(accountid) ?? [];
  }

  async #salesIndex(): Promise<Map<string, { kind: 'order' | 'quote'; row: StoredRow }[]>> {
    if (this.#sales) return this.#sales;
    const index = new Map<string, { kind: 'order' | 'quote'; row: StoredRow }[]>();
    for (const kind of ['order', 'quote'] as const) {
      const k = SALES_KINDS[kind];
      for (const row of await this.ctx.db.rows(`erp_${k.headerSet}`).toArray()) {
        push(index, `${row['dataAreaId']}|${String(row[k.customer])}`, { kind, row });
      }
    }
    this.#sales = index;
    return index;
  }

  async #pendingRows(): Promise<Set<string>> {
    return new Set((await this.ctx.db.outbox.orderBy('rows').uniqueKeys()) as string[]);
  }
}

function assetSummary(a: StoredRow): AssetSummary {
  return {
    id: a['msdyn_customerassetid'] as string,
    assetId: text(a['msdyn_assetid']) ?? '',
    name: text(a['msdyn_name']) ?? '',
    serialNumber: text(a['msdyn_serialnumber']),
    installDate: text(a['msdyn_installdate']),
    active: a['statecode'] !== 1,
  };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
