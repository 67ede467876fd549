/**
 * The order form's pure pieces: a line's unit conversion and list price in the line's
 * unit (core/orders, exact), and where an engine error belongs on the form. No runes, no DOM.
 */
import type { ConversionRow, EngineError } from '../../engine/api.ts';
import { convertQuantity, priceInUnit, QUANTITY_SCALE, unitRatio } from '../../core/orders/index.ts';
import { canonicalDecimal } from '../decimal.ts';

export type LineField = 'itemNumber' | 'quantity' | 'unit' | 'unitPrice';
export type HeaderField = 'account' | 'requestedDate' | 'name' | 'lines' | 'form';

/** Why the line's unit cannot be used for the product ('' when it can). */
export function unitProblem(unit: string, productUnit: string | null, conversions: readonly ConversionRow[]): string {
  if (productUnit === null || unit === productUnit) return '';
  const ratio = unitRatio(unit, productUnit, conversions);
  return ratio.ok ? '' : ratio.message;
}

/** "= 24 ea" when the line's unit is not the product's; null when it is, or nothing to say. */
export function conversionNote(quantity: string, unit: string, productUnit: string | null, conversions: readonly ConversionRow[]): string | null {
  if (productUnit === null || unit === productUnit) return null;
  const amount = canonicalDecimal(quantity.trim());
  const ratio = unitRatio(unit, productUnit, conversions);
  if (!ratio.ok) return null;
  if (amount === null || amount.startsWith('-')) return `1 ${unit} = ${convertQuantity('1', ratio.ratio, QUANTITY_SCALE)} ${productUnit}`;
  return `= ${convertQuantity(amount, ratio.ratio, QUANTITY_SCALE)} ${productUnit}`;
}

/** The list price (per the product's unit) in the line's unit; an error when the units do not convert. */
export function listPriceIn(listPrice: string, unit: string, productUnit: string | null, conversions: readonly ConversionRow[]): { ok: true; price: string } | { ok: false; message: string } {
  if (productUnit === null || unit === productUnit) return { ok: true, price: listPrice };
  const ratio = unitRatio(unit, productUnit, conversions);
  return ratio.ok ? { ok: true, price: priceInUnit(listPrice, ratio.ratio) } : { ok: false, message: ratio.message };
}

const LINE_FIELDS: Readonly<Record<string, LineField>> = {
  itemNumber: 'itemNumber',
  ItemNumber: 'itemNumber',
  productid: 'itemNumber',
  quantity: 'quantity',
  OrderedSalesQuantity: 'quantity',
  RequestedSalesQuantity: 'quantity',
  unit: 'unit',
  SalesUnitSymbol: 'unit',
  uomid: 'unit',
  unitPrice: 'unitPrice',
  SalesPrice: 'unitPrice',
  priceperunit: 'unitPrice',
};

const HEADER_FIELDS: Readonly<Record<string, HeaderField>> = {
  account: 'account',
  OrderingCustomerAccountNumber: 'account',
  RequestingCustomerAccountNumber: 'account',
  customerid: 'account',
  CurrencyCode: 'account',
  transactioncurrencyid: 'account',
  requestedDate: 'requestedDate',
  RequestedShippingDate: 'requestedDate',
  requestdeliveryby: 'requestedDate',
  name: 'name',
  SalesQuotationName: 'name',
  lines: 'lines',
};

/** Where the engine's refusal goes: a line's field (details.line and a line field), a header field, or the form. */
export function errorTarget(error: EngineError): { readonly line: number; readonly field: LineField } | { readonly line: null; readonly field: HeaderField } {
  const field = error.details?.['field'];
  const line = error.details?.['line'];
  const name = typeof field === 'string' ? field : '';
  const lineField = LINE_FIELDS[name];
  if (typeof line === 'number' && lineField) return { line, field: lineField };
  return { line: null, field: HEADER_FIELDS[name] ?? 'form' };
}
