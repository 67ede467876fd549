/** The on-demand sales price: the question, the ERP's answer, and the engine's answer with its provenance. */

/** What to price: an item for a customer of a company, a quantity in a unit and currency, on a day. */
export interface SalesPriceInput {
  readonly dataAreaId: string;
  readonly CustomerAccount: string;
  readonly ItemNumber: string;
  /** Decimal text, more than 0, at most 6 decimals. */
  readonly Quantity: string;
  readonly UnitSymbol: string;
  readonly CurrencyCode: string;
  /** YYYY-MM-DD. */
  readonly Date: string;
}

/** The price found (all null when no agreement line applies). Decimal text, exact. */
export interface SalesPrice {
  readonly Price: string | null;
  /** Price × quantity, not rounded. */
  readonly LineAmount: string | null;
  readonly AgreementLineId: string | null;
  readonly PriceListId: string | null;
  readonly AccountCode: 'Table' | 'Group' | 'All' | null;
}

/**
 * The engine's answer: the ERP's (`source` 'erp', asked just now) or computed from the
 * replica (`source` 'local': offline or the ERP unreachable), with the time the replica
 * last synced and how old that is.
 */
export interface SalesPriceAnswer extends SalesPrice {
  readonly source: 'erp' | 'local';
  /** When the replica last synced (ISO), for a local answer; null when it never did in this session. */
  readonly asOf: string | null;
  readonly ageSeconds: number | null;
}
