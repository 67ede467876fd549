/**
 * The ERP's on-demand price: POST /erp/data/CalculateSalesPrice (an unbound OData action,
 * like F&O's pricing service that the CRM's "Price order" calls). The body names an item,
 * a customer, a quantity, unit, currency and day; the answer is the price from the sales
 * price agreements by the rules of core/pricing (the same function the engine runs offline
 * over its replica), exact to the last decimal.
 *
 *   400  a field missing or malformed (target: the field), or an unknown customer
 *   403  a company the user is not granted
 */
import { readSalesPriceInput, salesPriceFrom } from '../../src/core/pricing/index.ts';
import { findSet } from '../schema/spec.ts';
import type { SetSpec } from '../schema/spec.ts';
import type { SqlRow } from '../storage/db.ts';
import { quoteId } from '../storage/db.ts';
import { rowFromSql } from './codec.ts';
import { ODataError } from './errors.ts';
import { CompanyScope } from './scope.ts';
import { columnsSql, findByKey } from './table.ts';
import type { ODataResponse, ServiceContext } from './types.ts';

export const SALES_PRICE_ACTION = 'CalculateSalesPrice';

function setOf(ctx: ServiceContext, name: string): SetSpec {
  const set = findSet(ctx.store, name);
  if (!set) throw new ODataError('InternalError', `The ${ctx.store.name} store has no ${name} set.`);
  return set;
}

export async function calculateSalesPrice(ctx: ServiceContext, body: unknown): Promise<ODataResponse> {
  const input = readSalesPriceInput(body);
  if (!input.ok) throw new ODataError('InvalidValue', input.message, input.field);
  const { dataAreaId, CustomerAccount, ItemNumber, CurrencyCode } = input.value;
  const [customers, agreements] = [setOf(ctx, 'CustomersV3'), setOf(ctx, 'SalesPriceAgreements')];
  const scope = await CompanyScope.resolve(ctx.db, ctx.store.name, ctx.principal);
  scope.assertRow(customers, { dataAreaId });
  const customer = await findByKey(ctx.db, customers, { kind: 'primary', values: new Map([['dataAreaId', dataAreaId], ['CustomerAccount', CustomerAccount]]) });
  if (!customer) throw new ODataError('ReferenceNotFound', `CustomerAccount ${CustomerAccount} is not a customer of company ${dataAreaId}.`, 'CustomerAccount');
  const rows = await ctx.db.all<SqlRow>(
    `SELECT ${columnsSql(agreements)} FROM ${quoteId(agreements.table)} WHERE "dataAreaId" = ? AND "ItemNumber" = ? AND "CurrencyCode" = ?`,
    [dataAreaId, ItemNumber, CurrencyCode],
  );
  const lines = rows.map((r) => rowFromSql(agreements, r).row);
  const group = customer.row['CustomerGroupId'];
  const price = salesPriceFrom(lines, { CustomerAccount, CustomerGroupId: typeof group === 'string' ? group : null }, input.value);
  return { status: 200, headers: {}, body: { '@odata.context': `${ctx.serviceRoot}/$metadata#Tandem.ERP.SalesPrice`, ...input.value, ...price } };
}
