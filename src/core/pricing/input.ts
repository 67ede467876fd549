/**
 * Reads a price question from untrusted data (an HTTP body, an RPC argument): every field
 * checked, the first problem named by its field, decimals and dates canonical. Floats are
 * refused: a quantity is decimal text.
 */
import { canonicalDecimal, decimalScale, normalizeDate } from '../values/index.ts';
import type { SalesPriceInput } from './types.ts';

export type InputCheck = { readonly ok: true; readonly value: SalesPriceInput } | { readonly ok: false; readonly field: string; readonly message: string };

/** Text fields and their maximum lengths (the ERP's). */
const TEXT_FIELDS = { dataAreaId: 4, CustomerAccount: 20, ItemNumber: 20, UnitSymbol: 10, CurrencyCode: 3 } as const;
const FIELDS = new Set<string>([...Object.keys(TEXT_FIELDS), 'Quantity', 'Date']);
const MAX_QUANTITY_SCALE = 6;

const bad = (field: string, message: string): InputCheck => ({ ok: false, field, message });

export function readSalesPriceInput(body: unknown): InputCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('', 'The request body must be a JSON object.');
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).find((k) => !FIELDS.has(k));
  if (unknown !== undefined) return bad(unknown, `Unknown field '${unknown.slice(0, 60)}'; expected ${[...FIELDS].join(', ')}.`);
  for (const [field, max] of Object.entries(TEXT_FIELDS)) {
    const value = record[field];
    if (typeof value !== 'string' || value === '') return bad(field, `${field} is required (text).`);
    if (value.length > max) return bad(field, `${field} has at most ${max} characters.`);
  }
  const quantity = typeof record['Quantity'] === 'string' ? canonicalDecimal(record['Quantity']) : null;
  if (quantity === null) return bad('Quantity', 'Quantity is required as decimal text (e.g. "2.5"), not a number.');
  if (quantity.startsWith('-') || quantity === '0') return bad('Quantity', 'Quantity must be more than 0.');
  if (decimalScale(quantity) > MAX_QUANTITY_SCALE) return bad('Quantity', `Quantity has at most ${MAX_QUANTITY_SCALE} decimals.`);
  const date = typeof record['Date'] === 'string' ? normalizeDate(record['Date']) : null;
  if (date === null) return bad('Date', 'Date is required as YYYY-MM-DD.');
  const s = (f: keyof typeof TEXT_FIELDS) => record[f] as string;
  return {
    ok: true,
    value: { dataAreaId: s('dataAreaId'), CustomerAccount: s('CustomerAccount'), ItemNumber: s('ItemNumber'), Quantity: quantity, UnitSymbol: s('UnitSymbol'), CurrencyCode: s('CurrencyCode'), Date: date },
  };
}
