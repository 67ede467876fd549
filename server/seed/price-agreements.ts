/**
 * Sales price lists and their agreement lines per company, and the CRM rows the
 * price-lists / price-list-items maps make of them (pricelevels, productpricelevels), as if
 * dual-write had been running.
 *
 * Two lists per company, in its currency, valid from go-live and open-ended: BASE (prices
 * for all customers) and KEY (deals for a group or one customer). The lines, in order:
 *   every released product   All, its sales unit, its sales price
 *   the first 10 products    All, from 10 units, 5 % off
 *   the first 5 products     Group 10 (wholesale), 10 % off
 *   the first 3 products     Table: the first head-office customer, 15 % off
 * Reduced prices keep 4 decimals (rounded half up when seeding). Every row is on both sides.
 */
import Big from 'big.js';
import { NEVER } from '../schema/erp.ts';
import { UNITS } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import { accountNumber } from './customers.ts';
import type { Pair } from './field-service.ts';
import { generateProduct } from './products.ts';
import { rowNumber, rowRng } from './random.ts';
import { companyAt, currencyOf, DAY } from './sales-documents.ts';
import type { SeedRow } from './sink.ts';
import { isoAt, pad } from './text.ts';
import { mirroredTimes, rowTimes } from './times.ts';

export const PRICE_LISTS = ['BASE', 'KEY'] as const;
const ACCOUNT_CODE_BASE = 192350000;
const ACCOUNT_CODES = ['Table', 'Group', 'All'] as const;

interface Tier {
  readonly count: (products: number) => number;
  readonly list: (typeof PRICE_LISTS)[number];
  readonly code: (typeof ACCOUNT_CODES)[number];
  readonly relation: (c: number) => string | null;
  readonly quantityFrom: string;
  readonly factor: string;
}

const TIERS: readonly Tier[] = [
  { count: (p) => p, list: 'BASE', code: 'All', relation: () => null, quantityFrom: '0', factor: '1' },
  { count: (p) => Math.min(p, 10), list: 'BASE', code: 'All', relation: () => null, quantityFrom: '10', factor: '0.95' },
  { count: (p) => Math.min(p, 5), list: 'KEY', code: 'Group', relation: () => '10', quantityFrom: '0', factor: '0.9' },
  { count: (p) => Math.min(p, 3), list: 'KEY', code: 'Table', relation: (c) => accountNumber(companyAt(c), 0), quantityFrom: '0', factor: '0.85' },
];

/** Agreement lines of a company with `products` released products. */
export const agreementCount = (products: number): number => TIERS.reduce((sum, t) => sum + t.count(products), 0);

const goLive = (ctx: SeedContext): string => isoAt(ctx.now - 3 * 365 * DAY).slice(0, 10);

export function generatePriceList(ctx: SeedContext, c: number, index: number): Pair {
  const company = companyAt(c);
  const rng = rowRng(ctx.seed, STREAM.priceList, rowNumber(c, index));
  const list = PRICE_LISTS[index] ?? 'BASE';
  const erp: SeedRow = { dataAreaId: company.id, PriceListId: `${company.prefix}-${list}`, Description: list === 'BASE' ? 'Base prices' : 'Key account deals', CurrencyCode: company.currency, ValidFrom: goLive(ctx), ValidTo: NEVER };
  const crm: SeedRow = {
    pricelevelid: ctx.ids.priceList(c, index),
    name: erp['PriceListId'],
    msdyn_company: ctx.ids.company(c),
    description: erp['Description'],
    transactioncurrencyid: ctx.ids.currency(currencyOf(company)),
    begindate: erp['ValidFrom'],
    enddate: null,
  };
  const times = rowTimes(rng, ctx.now);
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
}

/** The tier and product of agreement line `index` (tiers in order, products within). */
function lineAt(products: number, index: number): { tier: Tier; product: number } {
  let rest = index;
  for (const tier of TIERS) {
    if (rest < tier.count(products)) return { tier, product: rest };
    rest -= tier.count(products);
  }
  throw new Error(`Seed: no agreement line ${index} for ${products} products`);
}

export function generatePriceAgreement(ctx: SeedContext, c: number, products: number, index: number): Pair {
  const company = companyAt(c);
  const rng = rowRng(ctx.seed, STREAM.priceAgreement, rowNumber(c, index));
  const { tier, product } = lineAt(products, index);
  const item = generateProduct(ctx, c, product).erp.row;
  const base = new Big(String(item['SalesPrice']));
  const price = tier.factor === '1' ? base.toFixed() : base.times(tier.factor).round(4, Big.roundHalfUp).toFixed();
  const unit = String(item['SalesUnitSymbol']);
  const erp: SeedRow = {
    dataAreaId: company.id,
    AgreementLineId: `${company.prefix}-PA${pad(index + 1, 6)}`,
    PriceListId: `${company.prefix}-${tier.list}`,
    AccountCode: tier.code,
    AccountRelation: tier.relation(c),
    ItemNumber: item['ItemNumber'],
    CurrencyCode: company.currency,
    UnitSymbol: unit,
    QuantityFrom: tier.quantityFrom,
    QuantityTo: '0',
    Price: price,
    ValidFrom: goLive(ctx),
    ValidTo: NEVER,
  };
  const crm: SeedRow = {
    productpricelevelid: ctx.ids.priceListItem(c, index),
    msdyn_agreementlineid: erp['AgreementLineId'],
    msdyn_company: ctx.ids.company(c),
    pricelevelid: ctx.ids.priceList(c, PRICE_LISTS.indexOf(tier.list)),
    productid: ctx.ids.product(c, product),
    uomid: ctx.ids.uom(UNITS.findIndex((u) => u.symbol === unit)),
    transactioncurrencyid: ctx.ids.currency(currencyOf(company)),
    msdyn_accountcode: ACCOUNT_CODE_BASE + ACCOUNT_CODES.indexOf(tier.code),
    msdyn_accountrelation: erp['AccountRelation'],
    msdyn_quantityfrom: erp['QuantityFrom'],
    msdyn_quantityto: '0',
    amount: price,
    msdyn_validfrom: erp['ValidFrom'],
    msdyn_validto: null,
  };
  const times = rowTimes(rng, ctx.now);
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
}
