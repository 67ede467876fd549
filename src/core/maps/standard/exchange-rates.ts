import type { TableMap } from '../types.ts';
import { copy, dateRule, decimal } from './build.ts';

/**
 * Exchange rates (msdyn_currencyexchangerates), global and date-effective, one way ERP → CRM
 * as in the real product. A row is one currency pair from one start date; both currencies
 * are lookups in the key. Rates keep all 12 decimal places on both sides (a 13th is
 * refused, never rounded). The ERP's open end, 2154-12-31 ("never"), is an empty
 * msdyn_validto. Mode 'range': every period is mirrored, past, present and future.
 */
export const exchangeRates: TableMap = {
  id: 'exchange-rates',
  name: 'Exchange rates (msdyn_currencyexchangerates)',
  version: '1.0.0.0',
  erp: { set: 'ExchangeRates' },
  crm: { set: 'msdyn_currencyexchangerates' },
  keys: [
    { erp: 'FromCurrency', crm: 'msdyn_fromcurrencyid', lookup: 'currencies' },
    { erp: 'ToCurrency', crm: 'msdyn_tocurrencyid', lookup: 'currencies' },
    { erp: 'StartDate', crm: 'msdyn_validfrom' },
  ],
  fields: [
    copy('EndDate', 'msdyn_validto', dateRule({ erp: '2154-12-31' }), { direction: 'erp-to-crm' }),
    copy('Rate', 'msdyn_rate', decimal(12, 12), { direction: 'erp-to-crm', required: 'crm' }),
  ],
  dependsOn: ['currencies'],
  conflict: 'server-wins',
  oneWay: 'erp-to-crm',
  effective: { mode: 'range', erp: { from: 'StartDate', to: 'EndDate' }, crm: { from: 'msdyn_validfrom', to: 'msdyn_validto' } },
};
