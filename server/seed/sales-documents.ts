/**
 * What sales orders and quotations (and the invoices billed from orders) share in the seed:
 * their lines and their totals.
 *
 * A line sells a released product of the company in its sales unit: a whole quantity at a
 * price in cents, so that every amount (line amounts, discount, tax, total) has at most
 * 2 decimals and fits the CRM's 4. Each generator names the fields; the draws from `rng`
 * happen here, in a fixed order (per line: quantity, price, then the row times), so a
 * document type's rows depend only on its own stream.
 */
import type { Company } from './catalog.ts';
import { COMPANIES, CURRENCIES, UNITS } from './catalog.ts';
import type { SeedContext } from './context.ts';
import type { Pair } from './field-service.ts';
import { FIRST_ITEM_NUMBER, generateProduct } from './products.ts';
import type { Rng } from './random.ts';
import type { SeedRow } from './sink.ts';
import { decimalText } from './text.ts';
import { mirroredTimes, rowTimes } from './times.ts';

export interface SalesDocumentPlan {
  /** Per company: customer count (decides the hubs), products, documents. */
  readonly customers: number;
  readonly products: number;
  readonly documents: number;
}

export interface GeneratedDocument {
  readonly header: Pair;
  readonly lines: readonly Pair[];
}

/** One line's facts, before a generator names its fields. */
export interface LineFacts {
  /** 1-based LineNumber. */
  readonly number: number;
  /** Index of the company's product, and its ERP item number. */
  readonly product: number;
  readonly itemNumber: string;
  readonly productName: string;
  /** Index into UNITS of the product's sales unit, and its symbol. */
  readonly unit: number;
  readonly unitSymbol: string | null;
  readonly quantity: string;
  readonly price: string;
  readonly amount: string;
}

export interface Totals {
  readonly total: string;
  readonly discount: string;
  readonly tax: string;
}

export const DAY = 24 * 60 * 60_000;
/** The first value of the CRM status option sets of orders and quotations. */
export const STATUS_BASE = 192350000;

/** Lines of document `index` of `documents`: 1 to 3, none for the last (ERP-only) one. */
export const lineCount = (index: number, documents: number): number => (index === documents - 1 ? 0 : 1 + (index % 3));
/** Lines of all `documents` documents of a company. */
export const linesOf = (documents: number): number => Array.from({ length: documents }, (_, i) => lineCount(i, documents)).reduce((a, b) => a + b, 0);

export const companyAt = (c: number): Company => COMPANIES[c] as Company;
/** Index into CURRENCIES of the company's currency. */
export const currencyOf = (company: Company): number => CURRENCIES.findIndex((x) => x.code === company.currency);

/**
 * The lines of document `index`, products from `index * 3` on; `build` names the fields of
 * both rows. Returns the lines and their net amount in cents.
 */
export function generateLines(
  ctx: SeedContext,
  rng: Rng,
  p: SalesDocumentPlan,
  c: number,
  index: number,
  build: (line: LineFacts) => { erp: SeedRow; crm: SeedRow },
): { lines: Pair[]; net: number } {
  const lines: Pair[] = [];
  let net = 0;
  for (let l = 0; l < lineCount(index, p.documents); l++) {
    const product = (index * 3 + l) % p.products;
    const { row } = generateProduct(ctx, c, product).erp;
    const unit = UNITS.findIndex((u) => u.symbol === row['SalesUnitSymbol']);
    const quantity = rng.int(1, 20);
    const cents = rng.int(99, 250_000);
    net += quantity * cents;
    const facts: LineFacts = {
      number: l + 1,
      product,
      itemNumber: `P-${FIRST_ITEM_NUMBER + product}`,
      productName: String(row['ProductName']),
      unit,
      unitSymbol: UNITS[unit]?.symbol ?? null,
      quantity: decimalText(quantity, 0),
      price: decimalText(cents, 2),
      amount: decimalText(quantity * cents, 2),
    };
    const { erp, crm } = build(facts);
    const times = rowTimes(rng, ctx.now);
    lines.push({ erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } });
  }
  return { lines, net };
}

/** The ERP line fields every kind of sales document names alike. */
export const erpLineFields = (company: Company, line: LineFacts): SeedRow => ({
  dataAreaId: company.id,
  LineNumber: line.number,
  ItemNumber: line.itemNumber,
  SalesUnitSymbol: line.unitSymbol,
  SalesPrice: line.price,
  LineAmount: line.amount,
});

/** The CRM line fields every kind of sales document names alike. */
export const crmLineFields = (ctx: SeedContext, c: number, line: LineFacts): SeedRow => ({
  msdyn_linenumber: line.number,
  msdyn_company: ctx.ids.company(c),
  productid: ctx.ids.product(c, line.product),
  quantity: line.quantity,
  uomid: ctx.ids.uom(line.unit),
  priceperunit: line.price,
  extendedamount: line.amount,
});

/** The CRM header fields every kind of sales document names alike: company, customer account, currency, totals. */
export const crmHeaderFields = (ctx: SeedContext, c: number, customer: number, totals: Totals): SeedRow => ({
  msdyn_company: ctx.ids.company(c),
  customerid: ctx.ids.account(c, customer),
  transactioncurrencyid: ctx.ids.currency(currencyOf(companyAt(c))),
  totalamount: totals.total,
  discountamount: totals.discount,
  totaltax: totals.tax,
});

/** A discount on 3 documents in 10 (5 %), then 8 % tax, on `net` cents. */
export function generateTotals(rng: Rng, net: number): Totals {
  const discount = rng.chance(0.3) ? Math.floor(net / 20) : 0;
  const tax = Math.floor(((net - discount) * 8) / 100);
  return { total: decimalText(net - discount + tax, 2), discount: decimalText(discount, 2), tax: decimalText(tax, 2) };
}

/** A status index: the first in half the documents, any other in the rest. */
export const statusIndex = (rng: Rng, statuses: number): number => (rng.chance(0.5) ? 0 : rng.int(1, statuses - 1));

/** The header pair; the CRM row only when `crm` is given (an ERP-only header otherwise). */
export function headerPair(ctx: SeedContext, rng: Rng, erp: SeedRow, crm: SeedRow | null): Pair {
  const times = rowTimes(rng, ctx.now);
  return { erp: { row: erp, times }, crm: crm ? { row: crm, times: mirroredTimes(rng, times) } : null };
}
