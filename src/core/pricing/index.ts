export { readSalesPriceInput, type InputCheck } from './input.ts';
export { salesPriceFrom, type AgreementRow, type PriceCustomer } from './sales-price.ts';
export type { SalesPrice, SalesPriceAnswer, SalesPriceInput } from './types.ts';
