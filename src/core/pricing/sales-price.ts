/**
 * The on-demand sales price (dual-write.md §4 "Pricing … can call F&O's pricing engine on
 * demand"): the price of an item for a customer, from the ERP's sales price agreements
 * (trade agreement lines). One pure function, used by the ERP's CalculateSalesPrice action
 * and by the engine offline over its replica, so the two cannot disagree.
 *
 * A line applies when it is for the item, the currency and the unit (a line without a
 * unit applies to any), to this customer (AccountCode 'Table': AccountRelation is the
 * customer account; 'Group': the customer's group; 'All'), the quantity is in
 * [QuantityFrom, QuantityTo) (QuantityTo 0 or empty: no upper bound) and the date in
 * [ValidFrom, ValidTo) (ValidTo empty or 2154-12-31: never ends). Of the lines that apply
 * the most specific wins: customer before group before all, then the highest quantity
 * break, then the latest start, then the smallest line id (so the answer is deterministic).
 * Amounts are exact: the price keeps its 10 decimals and the line amount is price ×
 * quantity, never rounded.
 */
import Big from 'big.js';
import type { SalesPrice, SalesPriceInput } from './types.ts';

export type AgreementRow = Readonly<Record<string, unknown>>;

/** What the rules need to know of the customer: its account and group. */
export interface PriceCustomer {
  readonly CustomerAccount: string;
  readonly CustomerGroupId: string | null;
}

const SPECIFICITY: Readonly<Record<string, number>> = { Table: 0, Group: 1, All: 2 };
const NEVER = '2154-12-31';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function appliesTo(line: AgreementRow, customer: PriceCustomer): boolean {
  const relation = text(line['AccountRelation']);
  switch (line['AccountCode']) {
    case 'Table':
      return relation === customer.CustomerAccount;
    case 'Group':
      return relation !== null && relation === customer.CustomerGroupId;
    case 'All':
      return true;
    default:
      return false;
  }
}

function inQuantity(line: AgreementRow, quantity: Big): boolean {
  const from = new Big(text(line['QuantityFrom']) ?? '0');
  const to = text(line['QuantityTo']);
  return quantity.gte(from) && (to === null || new Big(to).eq(0) || quantity.lt(to));
}

function inPeriod(line: AgreementRow, day: string): boolean {
  const from = text(line['ValidFrom']);
  const to = text(line['ValidTo']);
  return (from === null || from.slice(0, 10) <= day) && (to === null || to === NEVER || day < to.slice(0, 10));
}

function applies(line: AgreementRow, customer: PriceCustomer, input: SalesPriceInput): boolean {
  const unit = text(line['UnitSymbol']);
  return (
    line['dataAreaId'] === input.dataAreaId &&
    line['ItemNumber'] === input.ItemNumber &&
    line['CurrencyCode'] === input.CurrencyCode &&
    (unit === null || unit === input.UnitSymbol) &&
    appliesTo(line, customer) &&
    inQuantity(line, new Big(input.Quantity)) &&
    inPeriod(line, input.Date)
  );
}

/** Negative when `a` wins over `b`. */
function compareLines(a: AgreementRow, b: AgreementRow): number {
  const bySpecificity = (SPECIFICITY[String(a['AccountCode'])] ?? 3) - (SPECIFICITY[String(b['AccountCode'])] ?? 3);
  if (bySpecificity !== 0) return bySpecificity;
  const byBreak = new Big(text(b['QuantityFrom']) ?? '0').cmp(text(a['QuantityFrom']) ?? '0');
  if (byBreak !== 0) return byBreak;
  const [fromA, fromB] = [text(a['ValidFrom']) ?? '', text(b['ValidFrom']) ?? ''];
  if (fromA !== fromB) return fromA < fromB ? 1 : -1;
  const [idA, idB] = [String(a['AgreementLineId']), String(b['AgreementLineId'])];
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/** The price of `input` from `lines` (any rows; those that do not apply are ignored). */
export function salesPriceFrom(lines: readonly AgreementRow[], customer: PriceCustomer, input: SalesPriceInput): SalesPrice {
  const best = lines.filter((line) => applies(line, customer, input)).sort(compareLines)[0];
  if (best === undefined) return { Price: null, LineAmount: null, AgreementLineId: null, PriceListId: null, AccountCode: null };
  const price = new Big(text(best['Price']) ?? '0');
  return {
    Price: price.toFixed(),
    LineAmount: price.times(input.Quantity).toFixed(),
    AgreementLineId: String(best['AgreementLineId']),
    PriceListId: text(best['PriceListId']),
    AccountCode: best['AccountCode'] as SalesPrice['AccountCode'],
  };
}
