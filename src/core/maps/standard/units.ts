import type { TableMap } from '../types.ts';
import { copy, NO_YES, same, text, valueMap } from './build.ts';

/**
 * Units (uoms), global, one way ERP → CRM (§4.1 "Units"). The symbol is the integration key
 * (msdyn_symbol, unique in the CRM). The reference also copies the symbol into `name`; a
 * key field feeds only the key here (MAP_DUPLICATE_SOURCE), so `name` takes the unit's
 * description. ISBASEUNIT / SYSTEMOFUNITS `>>` are value maps.
 */
export const units: TableMap = {
  id: 'units',
  name: 'Units (uoms)',
  version: '1.0.0.0',
  erp: { set: 'Units' },
  crm: { set: 'uoms' },
  keys: [{ erp: 'UnitSymbol', crm: 'msdyn_symbol' }],
  fields: [
    copy('Description', 'name', text(60, 100), { direction: 'erp-to-crm', required: 'crm' }),
    copy('UnitClass', 'msdyn_externalunitclassname', text(8, 100), { direction: 'erp-to-crm' }),
    same('DecimalPrecision', 'msdyn_decimalprecision', { direction: 'erp-to-crm' }),
    valueMap('IsBaseUnit', 'msdyn_isbaseunit', NO_YES, { direction: 'erp-to-crm' }),
    valueMap(
      'SystemOfUnits',
      'msdyn_systemofunits',
      [
        ['None', 192350000],
        ['Metric', 192350001],
        ['UnitedStates', 192350002],
      ],
      { direction: 'erp-to-crm' },
    ),
  ],
  dependsOn: [],
  conflict: 'server-wins',
  oneWay: 'erp-to-crm',
};
