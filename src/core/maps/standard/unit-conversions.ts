import type { TableMap } from '../types.ts';
import { copy, decimal, same, valueMap } from './build.ts';

const ROUNDING: readonly (readonly [string, number])[] = [
  ['Nearest', 192350000],
  ['Up', 192350001],
  ['Down', 192350002],
];

/**
 * Unit conversions (msdyn_unitofmeasureconversions), global, both ways (§4: conversions `=`):
 * the pair of units is the key, each a lookup through the units map; factor and offsets keep
 * 10 decimal places on both sides.
 */
export const unitConversions: TableMap = {
  id: 'unit-conversions',
  name: 'Unit conversions (msdyn_unitofmeasureconversions)',
  version: '1.0.0.0',
  erp: { set: 'UnitOfMeasureConversions' },
  crm: { set: 'msdyn_unitofmeasureconversions' },
  keys: [
    { erp: 'FromUnitSymbol', crm: 'msdyn_fromunit', lookup: 'units' },
    { erp: 'ToUnitSymbol', crm: 'msdyn_tounit', lookup: 'units' },
  ],
  fields: [
    copy('Factor', 'msdyn_factor', decimal(10, 10), { required: 'both' }),
    same('Numerator', 'msdyn_numerator'),
    same('Denominator', 'msdyn_denominator'),
    copy('InnerOffset', 'msdyn_inneroffset', decimal(10, 10)),
    copy('OuterOffset', 'msdyn_outeroffset', decimal(10, 10)),
    valueMap('Rounding', 'msdyn_rounding', ROUNDING),
  ],
  dependsOn: ['units'],
  conflict: 'server-wins',
};
