import type { Locale } from './catalog.ts';
import type { Ids } from './ids.ts';
import type { Pools } from './pools.ts';

/** What every generator needs: the seed, the clock, GUIDs and word pools. */
export interface SeedContext {
  readonly seed: number;
  /** Epoch ms; every generated timestamp lies before it. */
  readonly now: number;
  /** Epoch ms of the midnight starting the day service orders are planned around (work-plan.ts). */
  readonly workDay: number;
  readonly ids: Ids;
  readonly pools: Readonly<Record<Locale, Pools>>;
}

/** Generator streams: one per kind of row, so kinds never share random draws. */
export const STREAM = {
  customerFacts: 1,
  customer: 2,
  crmOnlyAccount: 3,
  product: 4,
  vendor: 5,
  crmOnlyVendor: 6,
  asset: 7,
  serviceOrder: 8,
  note: 9,
  crmOnlyFieldService: 10,
  onHand: 11,
  loyaltyCard: 12,
  crmOnlyLoyaltyCard: 13,
  salesOrder: 14,
  salesQuote: 15,
  invoice: 16,
  postalAddress: 17,
  electronicAddress: 18,
  priceList: 19,
  priceAgreement: 20,
  activity: 21,
} as const;
