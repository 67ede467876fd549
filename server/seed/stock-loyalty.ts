/**
 * On-hand inventory and loyalty cards per company, and the CRM rows the inventory-onhand /
 * loyalty-cards maps make of them (msdyn_inventoryonhandentries, msdyn_loyaltycards), as
 * if dual-write had been running.
 *
 * On-hand row `index` is released product `index % products` at warehouse
 * `floor(index / products)` of WAREHOUSES; quantities keep up to 6 decimals. Loyalty cards
 * belong to the head-office customers (the first hubCount(n) of a company: always
 * organisations mirrored in the CRM).
 *
 * One side only, per company: the last on-hand row and the last loyalty card exist in the
 * ERP only (their references all exist in the CRM); one loyalty card was entered in the
 * CRM only (`US-LCC0001`).
 */
import { LOYALTY_TIERS } from '../schema/erp.ts';
import type { Company } from './catalog.ts';
import { COMPANIES } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import { hubCount } from './customer-facts.ts';
import { accountNumber } from './customers.ts';
import type { Pair } from './field-service.ts';
import { FIRST_ITEM_NUMBER } from './products.ts';
import { rowNumber, rowRng } from './random.ts';
import type { SeedRow, Written } from './sink.ts';
import { decimalText, isoAt, pad } from './text.ts';
import { mirroredTimes, rowTimes } from './times.ts';

export interface StockLoyaltyPlan {
  /** Per company: customer count (decides the hubs), products, on-hand rows, loyalty cards. */
  readonly customers: number;
  readonly products: number;
  readonly onHand: number;
  readonly cards: number;
}

export const CRM_ONLY_LOYALTY_CARDS = 1;
/** Site and warehouse pairs stock is kept in. */
export const WAREHOUSES = [
  ['1', '11'],
  ['1', '12'],
  ['2', '21'],
] as const;
const DAY = 24 * 60 * 60_000;
const TIER_BASE = 192350000;

export const loyaltyCardNumber = (company: Company, index: number): string => `${company.prefix}-LC${pad(index + 1, 6)}`;

const erpOnly = (index: number, count: number): boolean => index === count - 1;

export function generateOnHand(ctx: SeedContext, p: StockLoyaltyPlan, c: number, index: number): Pair {
  const company = COMPANIES[c] as Company;
  const rng = rowRng(ctx.seed, STREAM.onHand, rowNumber(c, index));
  const product = index % p.products;
  const [site, warehouse] = WAREHOUSES[Math.floor(index / p.products) % WAREHOUSES.length] as readonly [string, string];
  // Mostly whole units; some weighed goods with all 6 decimals.
  const units = rng.chance(0.3) ? rng.int(0, 900_000_000) : rng.int(0, 5_000) * 1_000_000;
  const reserved = Math.min(units, rng.int(0, 50) * 1_000_000);
  const erp: SeedRow = {
    dataAreaId: company.id,
    ItemNumber: `P-${FIRST_ITEM_NUMBER + product}`,
    SiteId: site,
    WarehouseId: warehouse,
    AvailableQuantity: decimalText(units - reserved, 6),
    OnHandQuantity: decimalText(units, 6),
  };
  const times = rowTimes(rng, ctx.now);
  if (erpOnly(index, p.onHand)) return { erp: { row: erp, times }, crm: null };
  const crm: SeedRow = {
    msdyn_inventoryonhandentryid: ctx.ids.onHand(c, index),
    msdyn_itemnumber: erp['ItemNumber'],
    msdyn_site: site,
    msdyn_warehouse: warehouse,
    msdyn_company: ctx.ids.company(c),
    msdyn_product: ctx.ids.product(c, product),
    msdyn_availablequantity: erp['AvailableQuantity'],
    msdyn_onhandquantity: erp['OnHandQuantity'],
  };
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
}

export function generateLoyaltyCard(ctx: SeedContext, p: StockLoyaltyPlan, c: number, index: number): Pair {
  const company = COMPANIES[c] as Company;
  const rng = rowRng(ctx.seed, STREAM.loyaltyCard, rowNumber(c, index));
  const owner = index % hubCount(p.customers);
  const tier = rng.chance(0.6) ? 0 : rng.chance(0.7) ? 1 : 2;
  const erp: SeedRow = {
    dataAreaId: company.id,
    CardNumber: loyaltyCardNumber(company, index),
    CustomerAccount: accountNumber(company, owner),
    LoyaltyProgramId: rng.chance(0.8) ? 'STANDARD' : 'PARTNER',
    Tier: LOYALTY_TIERS[tier],
    IssueDate: isoAt(ctx.now - rng.int(30, 3 * 365) * DAY).slice(0, 10),
    Points: rng.int(0, 50_000),
  };
  const times = rowTimes(rng, ctx.now);
  if (erpOnly(index, p.cards)) return { erp: { row: erp, times }, crm: null };
  const crm: SeedRow = {
    msdyn_loyaltycardid: ctx.ids.loyaltyCard(c, index),
    msdyn_cardnumber: erp['CardNumber'],
    msdyn_company: ctx.ids.company(c),
    msdyn_account: ctx.ids.account(c, owner),
    msdyn_tier: TIER_BASE + tier,
    msdyn_issuedate: erp['IssueDate'],
    msdyn_points: erp['Points'],
  };
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
}

/** The CRM-only loyalty card of company `c` (issued at a CRM-run event; the ERP does not know it yet). */
export function generateCrmOnlyLoyaltyCard(ctx: SeedContext, c: number): Written {
  const company = COMPANIES[c] as Company;
  const rng = rowRng(ctx.seed, STREAM.crmOnlyLoyaltyCard, rowNumber(c, 0));
  const row: SeedRow = {
    msdyn_loyaltycardid: ctx.ids.crmOnlyLoyaltyCard(c, 0),
    msdyn_cardnumber: `${company.prefix}-LCC0001`,
    msdyn_company: ctx.ids.company(c),
    msdyn_account: ctx.ids.account(c, 0),
    msdyn_tier: TIER_BASE,
    msdyn_issuedate: isoAt(ctx.now - rng.int(1, 29) * DAY).slice(0, 10),
    msdyn_points: 0,
  };
  return { row, times: rowTimes(rng, ctx.now) };
}
