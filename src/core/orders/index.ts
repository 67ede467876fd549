export { checkAmount, currencyScale, lineAmount, MAX_AMOUNT_SCALE, orderTotals, PRICE_SCALE, QUANTITY_SCALE, sumDecimals, type LineInput, type LineProblem, type Totals, type TotalsResult } from './totals.ts';
export { convertQuantity, priceInUnit, unitRatio, type ConversionRow, type RatioResult, type UnitRatio } from './units.ts';
