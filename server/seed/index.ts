/**
 * Seeds both stores with realistic, deterministic data that looks as if dual-write had
 * been running for a while: reference data on both sides (companies, currencies, units,
 * groups, terms of payment, payment methods, exchange rates, unit conversions), ERP
 * customers with their CRM accounts and contacts, contact persons, vendors, products,
 * customer assets, service orders / work orders and notes / annotations, on-hand inventory,
 * loyalty cards, sales quotations and orders with their lines, the invoices of those orders
 * with theirs, the postal and electronic addresses of head-office customers, sales price
 * lists with their agreement lines, activities (tasks, phone calls, appointments), and a few
 * rows on one side only.
 *
 * Order of work:
 *   1. count every table's rows (cheap: only the facts that decide which rows exist)
 *   2. reserve each table's `_seq` range, in dependency order
 *   3. generate and insert chunk by chunk (memory stays bounded at 1m customers)
 * The same seed, `now` and work day give the same database, row for row.
 */
import type { SetSpec, StoreSpec } from '../schema/spec.ts';
import { findSet } from '../schema/spec.ts';
import { STORES } from '../schema/index.ts';
import type { Db } from '../storage/db.ts';
import { quoteId } from '../storage/db.ts';
import { COMPANIES } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { countCustomerRows, hubCount } from './customer-facts.ts';
import { generateCustomer } from './customers.ts';
import { crmOnlyCount, generateCrmOnlyAccount } from './crm-only.ts';
import { Ids } from './ids.ts';
import { buildPools } from './pools.ts';
import { CRM_ONLY_FIELD_SERVICE, generateAsset, generateCrmOnlyFieldService, generateNote, generateServiceOrder } from './field-service.ts';
import type { FieldServicePlan, Pair } from './field-service.ts';
import { generateProduct } from './products.ts';
import { CRM_ONLY_LOYALTY_CARDS, generateCrmOnlyLoyaltyCard, generateLoyaltyCard, generateOnHand } from './stock-loyalty.ts';
import type { StockLoyaltyPlan } from './stock-loyalty.ts';
import { linesOf } from './sales-documents.ts';
import { generateSalesOrder } from './sales-orders.ts';
import { generateSalesQuote } from './sales-quotes.ts';
import { generateInvoice, invoiceCount } from './invoices.ts';
import { ADDRESSES_PER_CUSTOMER, generateElectronicAddress, generatePostalAddress } from './party-addresses.ts';
import { agreementCount, generatePriceAgreement, generatePriceList, PRICE_LISTS } from './price-agreements.ts';
import { ACTIVITY_SETS, activitiesOf, activityTypeAt, generateActivity } from './activities.ts';
import { CRM_ONLY_VENDORS, generateCrmOnlyVendor, generateVendor, mirroredVendorCount } from './vendors.ts';
import type { ReferenceRows } from './reference.ts';
import { referenceRows } from './reference.ts';
import type { TableSink, Written } from './sink.ts';
import { workDayOf } from './work-plan.ts';
import { openSinks } from './sink.ts';

export type SeedSize = 'tiny' | 'demo' | '10k' | '100k' | '1m';
export const SEED_SIZES: readonly SeedSize[] = ['tiny', 'demo', '10k', '100k', '1m'];

export interface SeedSummary {
  size: SeedSize;
  /** Rows written per set, keyed "erp.CustomersV3", "crm.accounts", … (every set, zeros too). */
  rows: Record<string, number>;
  ms: number;
}

export interface SeedOptions {
  size: SeedSize;
  /** Any 32-bit unsigned integer; default 1. */
  seed?: number;
  /** Every timestamp lies before it; default 2026-11-01T00:00:00.000Z. */
  now?: Date;
  /**
   * Midnight starting the day the agents' work is planned around: today's, overdue and
   * upcoming work orders (work-plan.ts). Default: the UTC midnight of `now` when `now` is
   * given, else the local midnight of the day the seed runs.
   */
  workDay?: Date;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_NOW = new Date('2026-11-01T00:00:00.000Z');
const POOL_SIZE = 2000;

interface Plan {
  /** Customers per company, in COMPANIES order. */
  readonly customers: readonly number[];
  /** Released products per company. */
  readonly products: number;
  /** ERP vendors per company. */
  readonly vendors: number;
  /** Customer assets, service orders and notes per company. */
  readonly fieldService: { readonly assets: number; readonly orders: number; readonly notes: number };
  /** On-hand rows (at most 3 × products) and loyalty cards per company. */
  readonly stock: { readonly onHand: number; readonly cards: number };
  /** Sales orders per company, as many quotations (1–3 lines each), and an invoice per order with lines. */
  readonly orders: number;
}

function planOf(size: SeedSize): Plan {
  const split = (total: number) => COMPANIES.map((_, c) => Math.floor(total / COMPANIES.length) + (c < total % COMPANIES.length ? 1 : 0));
  switch (size) {
    case 'tiny':
      return { customers: COMPANIES.map(() => 12), products: 10, vendors: 8, fieldService: { assets: 6, orders: 8, notes: 12 }, stock: { onHand: 12, cards: 6 }, orders: 4 };
    case 'demo':
      return { customers: COMPANIES.map(() => 60), products: 40, vendors: 24, fieldService: { assets: 12, orders: 16, notes: 24 }, stock: { onHand: 60, cards: 20 }, orders: 8 };
    case '10k':
      return { customers: split(10_000), products: 200, vendors: 200, fieldService: { assets: 100, orders: 150, notes: 200 }, stock: { onHand: 400, cards: 200 }, orders: 50 };
    case '100k':
      return { customers: split(100_000), products: 200, vendors: 500, fieldService: { assets: 500, orders: 1000, notes: 1500 }, stock: { onHand: 500, cards: 1000 }, orders: 200 };
    case '1m':
      return { customers: split(1_000_000), products: 200, vendors: 2000, fieldService: { assets: 2000, orders: 5000, notes: 10_000 }, stock: { onHand: 600, cards: 5000 }, orders: 500 };
  }
}

/** Seeds an empty, bootstrapped database (see bootstrapSchema). */
export async function seedDatabase(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  if (!SEED_SIZES.includes(options.size)) throw new Error(`Unknown seed size '${String(options.size)}'; use one of ${SEED_SIZES.join(', ')}.`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`The seed must be an integer 0…4294967295, got ${seed}.`);
  await assertEmpty(db);

  const ctx: SeedContext = { seed, now: (options.now ?? DEFAULT_NOW).getTime(), workDay: workDayOf(options), ids: new Ids(seed), pools: buildPools(seed, POOL_SIZE) };
  const plan = planOf(options.size);
  const ref = referenceRows(ctx);
  const sinks = await openAll(db, ctx, ref, plan);
  await writeReference(ref, sinks);
  await writeCustomers(ctx, sinks, plan.customers);
  await writeVendors(ctx, sinks, plan.vendors);
  await writeProducts(ctx, sinks, plan.products);
  await writeFieldService(ctx, sinks, plan);
  await writeStockLoyalty(ctx, sinks, plan);
  await writeSalesDocuments(ctx, sinks, plan);
  await writePartyAddresses(ctx, sinks, plan);
  await writePrices(ctx, sinks, plan.products);
  await writeActivities(ctx, sinks, plan);
  await sinks.close();

  const rows: Record<string, number> = {};
  for (const store of STORES) for (const set of store.sets) rows[`${store.name}.${set.name}`] = sinks.bySet.get(set)?.written ?? 0;
  return { size: options.size, rows, ms: Math.round(performance.now() - started) };
}

async function assertEmpty(db: Db): Promise<void> {
  const customers = setOf('erp', 'CustomersV3');
  let row: unknown;
  try {
    row = await db.get(`SELECT 1 AS found FROM ${quoteId(customers.table)} LIMIT 1`);
  } catch (error) {
    throw new Error('Cannot seed: the schema is missing (run bootstrapSchema first).', { cause: error });
  }
  if (row) throw new Error('Cannot seed: erp.CustomersV3 already has rows. Seed an empty database (the seed CLI starts over with --force).');
}

function setOf(storeName: StoreSpec['name'], name: string): SetSpec {
  const store = STORES.find((s) => s.name === storeName);
  const set = store && findSet(store, name);
  if (!set) throw new Error(`Seed: no set ${storeName}.${name} in the schema`);
  return set;
}

/** The open sinks of one seeding run, by store and set name. */
class Sinks {
  constructor(readonly bySet: ReadonlyMap<SetSpec, TableSink>) {}

  get(store: StoreSpec['name'], name: string): TableSink {
    const sink = this.bySet.get(setOf(store, name));
    if (!sink) throw new Error(`Seed: no sink for ${store}.${name}`);
    return sink;
  }

  async close(): Promise<void> {
    for (const sink of this.bySet.values()) await sink.close();
  }
}

/** Counts every table's rows and reserves their `_seq` ranges, parents before children. */
async function openAll(db: Db, ctx: SeedContext, ref: ReferenceRows, plan: Plan): Promise<Sinks> {
  const counts = countCustomerRows(ctx.seed, plan.customers);
  const crmOnly = plan.customers.reduce((sum, n) => sum + crmOnlyCount(n), 0);
  const products = plan.products * COMPANIES.length;
  const vendors = plan.vendors * COMPANIES.length;
  const crmVendors = (mirroredVendorCount(plan.vendors) + CRM_ONLY_VENDORS) * COMPANIES.length;
  const fs = plan.fieldService;
  const addresses = plan.customers.reduce((sum, n) => sum + addressCount(n), 0);
  // Sets added later come after the first ones, so the first ones keep their `_seq` (the
  // ETags shown in docs/server.md); within each group, parents before children.
  const order: [StoreSpec['name'], string, number][] = [
    ['erp', 'Currencies', ref.erp.Currencies.length],
    ['erp', 'Units', ref.erp.Units.length],
    ['erp', 'LegalEntities', ref.erp.LegalEntities.length],
    ['erp', 'CustomerGroups', ref.erp.CustomerGroups.length],
    ['erp', 'CustomersV3', counts.customers],
    ['erp', 'ContactPersons', counts.contactPersons],
    ['erp', 'ReleasedProducts', products],
    ['erp', 'ExchangeRates', ref.erp.ExchangeRates.length],
    ['erp', 'UnitOfMeasureConversions', ref.erp.UnitOfMeasureConversions.length],
    ['erp', 'PaymentTerms', ref.erp.PaymentTerms.length],
    ['erp', 'CustomerPaymentMethods', ref.erp.CustomerPaymentMethods.length],
    ['erp', 'VendorGroups', ref.erp.VendorGroups.length],
    ['erp', 'VendorsV2', vendors],
    ['crm', 'transactioncurrencies', ref.crm.transactioncurrencies.length],
    ['crm', 'uoms', ref.crm.uoms.length],
    ['crm', 'cdm_companies', ref.crm.cdm_companies.length],
    ['crm', 'msdyn_customergroups', ref.crm.msdyn_customergroups.length],
    ['crm', 'accounts', counts.accounts + crmOnly],
    ['crm', 'contacts', counts.contacts],
    ['crm', 'products', products],
    ['crm', 'msdyn_currencyexchangerates', ref.crm.msdyn_currencyexchangerates.length],
    ['crm', 'msdyn_unitofmeasureconversions', ref.crm.msdyn_unitofmeasureconversions.length],
    ['crm', 'msdyn_paymentterms', ref.crm.msdyn_paymentterms.length],
    ['crm', 'msdyn_customerpaymentmethods', ref.crm.msdyn_customerpaymentmethods.length],
    ['crm', 'msdyn_vendorgroups', ref.crm.msdyn_vendorgroups.length],
    ['crm', 'msdyn_vendors', crmVendors],
    ['erp', 'CustomerAssets', fs.assets * COMPANIES.length],
    ['erp', 'ServiceOrders', fs.orders * COMPANIES.length],
    ['erp', 'Notes', fs.notes * COMPANIES.length],
    ['crm', 'msdyn_customerassets', (fs.assets - 1 + CRM_ONLY_FIELD_SERVICE) * COMPANIES.length],
    ['crm', 'msdyn_workorders', (fs.orders - 1 + CRM_ONLY_FIELD_SERVICE) * COMPANIES.length],
    ['crm', 'annotations', (fs.notes - 1 + CRM_ONLY_FIELD_SERVICE) * COMPANIES.length],
    ['erp', 'InventoryOnHand', plan.stock.onHand * COMPANIES.length],
    ['erp', 'LoyaltyCards', plan.stock.cards * COMPANIES.length],
    ['crm', 'msdyn_inventoryonhandentries', (plan.stock.onHand - 1) * COMPANIES.length],
    ['crm', 'msdyn_loyaltycards', (plan.stock.cards - 1 + CRM_ONLY_LOYALTY_CARDS) * COMPANIES.length],
    ['erp', 'SalesOrderHeaders', plan.orders * COMPANIES.length],
    ['erp', 'SalesOrderLines', linesOf(plan.orders) * COMPANIES.length],
    ['crm', 'salesorders', (plan.orders - 1) * COMPANIES.length],
    ['crm', 'salesorderdetails', linesOf(plan.orders) * COMPANIES.length],
    ['erp', 'SalesQuotationHeadersV2', plan.orders * COMPANIES.length],
    ['erp', 'SalesQuotationLinesV2', linesOf(plan.orders) * COMPANIES.length],
    ['crm', 'quotes', (plan.orders - 1) * COMPANIES.length],
    ['crm', 'quotedetails', linesOf(plan.orders) * COMPANIES.length],
    ['erp', 'SalesInvoiceHeadersV2', invoiceCount(plan.orders) * COMPANIES.length],
    ['erp', 'SalesInvoiceLines', linesOf(plan.orders) * COMPANIES.length],
    ['crm', 'invoices', invoiceCount(plan.orders) * COMPANIES.length],
    ['crm', 'invoicedetails', linesOf(plan.orders) * COMPANIES.length],
    ['erp', 'CustomerPostalAddresses', addresses],
    ['erp', 'CustomerElectronicAddresses', addresses],
    ['crm', 'msdyn_partypostaladdresses', addresses],
    ['crm', 'msdyn_partyelectronicaddresses', addresses],
    ['erp', 'SalesPriceLists', PRICE_LISTS.length * COMPANIES.length],
    ['erp', 'SalesPriceAgreements', agreementCount(plan.products) * COMPANIES.length],
    ['crm', 'pricelevels', PRICE_LISTS.length * COMPANIES.length],
    ['crm', 'productpricelevels', agreementCount(plan.products) * COMPANIES.length],
    ['erp', 'Activities', fs.notes * COMPANIES.length],
    ...Object.entries(ACTIVITY_SETS).map(([type, set]) => ['crm', set, activitiesOf(fs.notes, type as keyof typeof ACTIVITY_SETS) * COMPANIES.length] as [StoreSpec['name'], string, number]),
  ];
  return new Sinks(await openSinks(db, order.map(([store, name, count]) => [setOf(store, name), count] as const)));
}

async function pushAll(sink: TableSink, rows: readonly Written[]): Promise<void> {
  for (const { row, times } of rows) await sink.push(row, times);
}

/** An ERP row and, unless it is ERP-only, its CRM counterpart. */
async function pushPair(erp: TableSink, crm: TableSink, pair: Pair): Promise<void> {
  await erp.push(pair.erp.row, pair.erp.times);
  if (pair.crm) await crm.push(pair.crm.row, pair.crm.times);
}

async function writeReference(ref: ReferenceRows, sinks: Sinks): Promise<void> {
  for (const [name, rows] of Object.entries(ref.erp)) await pushAll(sinks.get('erp', name), rows);
  for (const [name, rows] of Object.entries(ref.crm)) await pushAll(sinks.get('crm', name), rows);
}

async function writeCustomers(ctx: SeedContext, sinks: Sinks, perCompany: readonly number[]): Promise<void> {
  const [customers, contactPersons] = [sinks.get('erp', 'CustomersV3'), sinks.get('erp', 'ContactPersons')];
  const [accounts, contacts] = [sinks.get('crm', 'accounts'), sinks.get('crm', 'contacts')];
  for (const [c, n] of perCompany.entries()) {
    for (let index = 0; index < n; index++) {
      const generated = generateCustomer(ctx, c, index, n);
      await customers.push(generated.customer.row, generated.customer.times);
      await pushAll(contactPersons, generated.contactPersons);
      if (generated.account) await accounts.push(generated.account.row, generated.account.times);
      await pushAll(contacts, generated.contacts);
    }
  }
  for (const [c, n] of perCompany.entries()) {
    for (let index = 0; index < crmOnlyCount(n); index++) {
      const account = generateCrmOnlyAccount(ctx, c, index);
      await accounts.push(account.row, account.times);
    }
  }
}

async function writeVendors(ctx: SeedContext, sinks: Sinks, perCompany: number): Promise<void> {
  const [erp, crm] = [sinks.get('erp', 'VendorsV2'), sinks.get('crm', 'msdyn_vendors')];
  for (const c of COMPANIES.keys()) {
    for (let index = 0; index < perCompany; index++) {
      const vendor = generateVendor(ctx, c, index);
      await erp.push(vendor.erp.row, vendor.erp.times);
      if (vendor.crm) await crm.push(vendor.crm.row, vendor.crm.times);
    }
    for (let index = 0; index < CRM_ONLY_VENDORS; index++) {
      const vendor = generateCrmOnlyVendor(ctx, c, index);
      await crm.push(vendor.row, vendor.times);
    }
  }
}

async function writeProducts(ctx: SeedContext, sinks: Sinks, perCompany: number): Promise<void> {
  const [erp, crm] = [sinks.get('erp', 'ReleasedProducts'), sinks.get('crm', 'products')];
  for (const c of COMPANIES.keys()) {
    for (let index = 0; index < perCompany; index++) {
      const product = generateProduct(ctx, c, index);
      await erp.push(product.erp.row, product.erp.times);
      await crm.push(product.crm.row, product.crm.times);
    }
  }
}

function fieldServicePlan(plan: Plan, c: number): FieldServicePlan {
  return { customers: plan.customers[c] ?? 0, products: plan.products, ...plan.fieldService };
}

async function writeFieldService(ctx: SeedContext, sinks: Sinks, plan: Plan): Promise<void> {
  const kinds = [
    ['CustomerAssets', 'msdyn_customerassets', 'assets', generateAsset],
    ['ServiceOrders', 'msdyn_workorders', 'orders', generateServiceOrder],
    ['Notes', 'annotations', 'notes', generateNote],
  ] as const;
  for (const [erpSet, crmSet, count, generate] of kinds) {
    const [erp, crm] = [sinks.get('erp', erpSet), sinks.get('crm', crmSet)];
    for (const c of COMPANIES.keys()) {
      const p = fieldServicePlan(plan, c);
      for (let index = 0; index < p[count]; index++) {
        const pair = generate(ctx, p, c, index);
        await erp.push(pair.erp.row, pair.erp.times);
        if (pair.crm) await crm.push(pair.crm.row, pair.crm.times);
      }
      const only = generateCrmOnlyFieldService(ctx, c);
      const row = count === 'assets' ? only.asset : count === 'orders' ? only.order : only.note;
      await crm.push(row.row, row.times);
    }
  }
}

async function writeStockLoyalty(ctx: SeedContext, sinks: Sinks, plan: Plan): Promise<void> {
  const kinds = [
    ['InventoryOnHand', 'msdyn_inventoryonhandentries', 'onHand', generateOnHand],
    ['LoyaltyCards', 'msdyn_loyaltycards', 'cards', generateLoyaltyCard],
  ] as const;
  for (const [erpSet, crmSet, count, generate] of kinds) {
    const [erp, crm] = [sinks.get('erp', erpSet), sinks.get('crm', crmSet)];
    for (const c of COMPANIES.keys()) {
      const p: StockLoyaltyPlan = { customers: plan.customers[c] ?? 0, products: plan.products, ...plan.stock };
      for (let index = 0; index < p[count]; index++) {
        const pair = generate(ctx, p, c, index);
        await erp.push(pair.erp.row, pair.erp.times);
        if (pair.crm) await crm.push(pair.crm.row, pair.crm.times);
      }
      if (count === 'cards') {
        const only = generateCrmOnlyLoyaltyCard(ctx, c);
        await crm.push(only.row, only.times);
      }
    }
  }
}

async function writeSalesDocuments(ctx: SeedContext, sinks: Sinks, plan: Plan): Promise<void> {
  const kinds = [
    ['SalesOrderHeaders', 'SalesOrderLines', 'salesorders', 'salesorderdetails', generateSalesOrder, (n: number) => n],
    ['SalesQuotationHeadersV2', 'SalesQuotationLinesV2', 'quotes', 'quotedetails', generateSalesQuote, (n: number) => n],
    ['SalesInvoiceHeadersV2', 'SalesInvoiceLines', 'invoices', 'invoicedetails', generateInvoice, invoiceCount],
  ] as const;
  for (const [erpHeaderSet, erpLineSet, crmHeaderSet, crmLineSet, generate, count] of kinds) {
    const [erpHeaders, erpLines] = [sinks.get('erp', erpHeaderSet), sinks.get('erp', erpLineSet)];
    const [crmHeaders, crmLines] = [sinks.get('crm', crmHeaderSet), sinks.get('crm', crmLineSet)];
    for (const c of COMPANIES.keys()) {
      const p = { customers: plan.customers[c] ?? 0, products: plan.products, documents: plan.orders };
      for (let index = 0; index < count(p.documents); index++) {
        const { header, lines } = generate(ctx, p, c, index);
        await pushPair(erpHeaders, crmHeaders, header);
        for (const line of lines) await pushPair(erpLines, crmLines, line);
      }
    }
  }
}

/** Addresses of each kind of a company with `n` customers: ADDRESSES_PER_CUSTOMER per head office. */
const addressCount = (n: number): number => ADDRESSES_PER_CUSTOMER * hubCount(n);

async function writePartyAddresses(ctx: SeedContext, sinks: Sinks, plan: Plan): Promise<void> {
  const kinds = [
    ['CustomerPostalAddresses', 'msdyn_partypostaladdresses', generatePostalAddress],
    ['CustomerElectronicAddresses', 'msdyn_partyelectronicaddresses', generateElectronicAddress],
  ] as const;
  for (const [erpSet, crmSet, generate] of kinds) {
    const [erp, crm] = [sinks.get('erp', erpSet), sinks.get('crm', crmSet)];
    for (const [c, n] of plan.customers.entries()) {
      for (let index = 0; index < addressCount(n); index++) await pushPair(erp, crm, generate(ctx, c, index));
    }
  }
}

async function writePrices(ctx: SeedContext, sinks: Sinks, products: number): Promise<void> {
  const [erpLists, crmLists] = [sinks.get('erp', 'SalesPriceLists'), sinks.get('crm', 'pricelevels')];
  const [erpLines, crmLines] = [sinks.get('erp', 'SalesPriceAgreements'), sinks.get('crm', 'productpricelevels')];
  for (const c of COMPANIES.keys()) {
    for (let index = 0; index < PRICE_LISTS.length; index++) await pushPair(erpLists, crmLists, generatePriceList(ctx, c, index));
  }
  for (const c of COMPANIES.keys()) {
    for (let index = 0; index < agreementCount(products); index++) await pushPair(erpLines, crmLines, generatePriceAgreement(ctx, c, products, index));
  }
}

/** As many activities per company as notes, each kind into its own CRM set. */
async function writeActivities(ctx: SeedContext, sinks: Sinks, plan: Plan): Promise<void> {
  const erp = sinks.get('erp', 'Activities');
  for (const c of COMPANIES.keys()) {
    const p = fieldServicePlan(plan, c);
    for (let index = 0; index < p.notes; index++) await pushPair(erp, sinks.get('crm', ACTIVITY_SETS[activityTypeAt(index)]), generateActivity(ctx, p, c, index));
  }
}
