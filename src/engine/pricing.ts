/**
 * The on-demand sales price through the engine (EngineApi.salesPrice):
 *
 *   online   ask the ERP (POST /erp/data/CalculateSalesPrice): source 'erp'
 *   offline  (or the ERP unreachable, or failing with a 5xx) compute it from the replica's
 *            sales price agreements and customer with the same function the ERP runs
 *            (core/pricing): source 'local', with when the replica last synced and how
 *            long ago that was, so the agent knows how fresh the price is
 *
 * A question the ERP refuses (400, 403) is answered with its error, the field named; it is
 * not retried locally. The input is checked here first, by the same reader as the ERP's.
 */
import { readSalesPriceInput, salesPriceFrom, type SalesPrice, type SalesPriceAnswer, type SalesPriceInput } from '../core/pricing/index.ts';
import type { EngineError, Result } from './api.ts';
import { ROOTS } from './connector/odata-client.ts';
import type { EngineContext } from './context.ts';

/** How to reach the ERP now, and when the replica last synced. */
export interface PricingRemote {
  readonly online: boolean;
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  readonly token: string | null;
  readonly lastSyncAt: string | null;
}

const failed = (code: string, message: string, details?: Record<string, unknown>): { ok: false; error: EngineError } => ({ ok: false, error: { code, message, ...(details ? { details } : {}) } });

export async function salesPrice(ctx: EngineContext, input: unknown, remote: PricingRemote): Promise<Result<SalesPriceAnswer>> {
  const checked = readSalesPriceInput(input);
  if (!checked.ok) return failed('INVALID_VALUE', checked.message, { field: checked.field });
  if (remote.online && remote.token !== null) {
    const asked = await askErp(ctx, checked.value, remote, remote.token);
    if (asked !== null) return asked;
  }
  return computeLocally(ctx, checked.value, remote.lastSyncAt);
}

/** The ERP's answer or refusal; null when it cannot be reached (the caller computes locally). */
async function askErp(ctx: EngineContext, input: SalesPriceInput, remote: PricingRemote, token: string): Promise<Result<SalesPriceAnswer> | null> {
  let response: Response;
  let body: unknown;
  try {
    response = await remote.fetch(`${remote.baseUrl}${ROOTS.erp}/CalculateSalesPrice`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(input),
    });
    body = await response.json();
  } catch {
    return null;
  }
  if (response.status >= 500 || typeof body !== 'object' || body === null) return null;
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown; target?: unknown } }).error;
    const message = typeof error?.message === 'string' ? error.message : `The ERP answered ${response.status}.`;
    return failed(typeof error?.code === 'string' ? error.code : 'ERP_REFUSED', message, { status: response.status, ...(typeof error?.target === 'string' ? { field: error.target } : {}) });
  }
  return { ok: true, value: { ...pricePart(body as Record<string, unknown>), source: 'erp', asOf: ctx.now().toISOString(), ageSeconds: 0 } };
}

function pricePart(body: Record<string, unknown>): SalesPrice {
  const text = (field: string): string | null => (typeof body[field] === 'string' ? (body[field] as string) : null);
  return { Price: text('Price'), LineAmount: text('LineAmount'), AgreementLineId: text('AgreementLineId'), PriceListId: text('PriceListId'), AccountCode: text('AccountCode') as SalesPrice['AccountCode'] };
}

async function computeLocally(ctx: EngineContext, input: SalesPriceInput, lastSyncAt: string | null): Promise<Result<SalesPriceAnswer>> {
  const customer = await ctx.db.rows('erp_CustomersV3').get([input.dataAreaId, input.CustomerAccount]);
  if (customer === undefined) {
    return failed('ReferenceNotFound', `CustomerAccount ${input.CustomerAccount} is not a customer of company ${input.dataAreaId} in this device's data.`, { field: 'CustomerAccount' });
  }
  const lines = await ctx.db.rows('erp_SalesPriceAgreements').where('[dataAreaId+ItemNumber]').equals([input.dataAreaId, input.ItemNumber]).toArray();
  const group = customer['CustomerGroupId'];
  const price = salesPriceFrom(lines, { CustomerAccount: input.CustomerAccount, CustomerGroupId: typeof group === 'string' ? group : null }, input);
  const ageSeconds = lastSyncAt === null ? null : Math.max(0, Math.floor((ctx.now().getTime() - Date.parse(lastSyncAt)) / 1000));
  return { ok: true, value: { ...price, source: 'local', asOf: lastSyncAt, ageSeconds } };
}
