/**
 * Released products per company and the CRM products the one-way map makes of them
 * (Released products → products, §4): same number, name, unit and price.
 */
import type { Company, Unit } from './catalog.ts';
import { COMPANIES, UNITS } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import type { Written } from './sink.ts';
import { rowNumber, rowRng } from './random.ts';
import type { Rng } from './random.ts';
import { decimalText, searchName } from './text.ts';
import { mirroredTimes, rowTimes } from './times.ts';

export interface GeneratedProduct {
  readonly erp: Written;
  readonly crm: Written;
}

export const FIRST_ITEM_NUMBER = 1000;
/** Indexes of the units goods are sold in (everything but hours). */
const ITEM_UNITS = UNITS.flatMap((u, i) => (u.unitClass === 'Time' ? [] : [i]));

export function generateProduct(ctx: SeedContext, c: number, index: number): GeneratedProduct {
  const company = COMPANIES[c] as Company;
  const pools = ctx.pools[company.locale];
  const rng = rowRng(ctx.seed, STREAM.product, rowNumber(c, index));
  const service = rng.chance(0.1);
  const unitIndex = service ? UNITS.findIndex((u) => u.symbol === 'h') : rng.pick(ITEM_UNITS);
  const unit = UNITS[unitIndex] as Unit;
  // Inventory is kept in the sales unit or another unit of its class (box ↔ ea, g ↔ kg).
  const inventoryUnits = UNITS.filter((u) => u.unitClass === unit.unitClass);
  const name = rng.pick(pools.products);
  const description = rng.chance(0.7) ? rng.pick(pools.productDescriptions) : null;
  const price = salesPrice(rng);
  const erp = {
    dataAreaId: company.id,
    ItemNumber: `P-${FIRST_ITEM_NUMBER + index}`,
    ProductName: name,
    SearchName: searchName(name),
    ProductType: service ? 'Service' : 'Item',
    SalesUnitSymbol: unit.symbol,
    InventoryUnitSymbol: rng.chance(0.7) ? unit.symbol : rng.pick(inventoryUnits).symbol,
    SalesPrice: price,
    NetWeight: service ? null : decimalText(rng.int(1, 50_000_000), 6),
    ProductDescription: description,
  };
  const times = rowTimes(rng, ctx.now);
  const crm = {
    productid: ctx.ids.product(c, index),
    productnumber: erp.ItemNumber,
    name,
    msdyn_company: ctx.ids.company(c),
    defaultuomid: ctx.ids.uom(unitIndex),
    price,
    description,
    producttypecode: service ? 3 : 1,
    statecode: 0,
  };
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
}

/** Mostly cents; a few tiny unit prices that need all 10 decimals (e.g. "0.0123456789"). */
function salesPrice(rng: Rng): string {
  if (rng.chance(0.05)) return decimalText(rng.int(1, 999_999_999), 10);
  if (rng.chance(0.3)) return decimalText(rng.int(1, 2_000) * 500, 2);
  return decimalText(rng.int(99, 2_500_000), 2);
}
