import type { TableMap } from '../types.ts';
import { constant, copy, text } from './build.ts';

/**
 * Currencies (transactioncurrencies), global: no company in the key. The exchange rate is
 * CRM's own and required there; it gets 1 only when the currency is created in the CRM,
 * so a later change of the name does not reset a rate maintained in the CRM.
 */
export const currencies: TableMap = {
  id: 'currencies',
  name: 'Currencies (transactioncurrencies)',
  version: '1.0.0.0',
  erp: { set: 'Currencies' },
  crm: { set: 'transactioncurrencies' },
  keys: [{ erp: 'CurrencyCode', crm: 'isocurrencycode' }],
  fields: [
    copy('Name', 'currencyname', text(60, 100), { required: 'both' }),
    copy('Symbol', 'currencysymbol', text(5, 10), { required: 'crm' }),
    constant('crm', 'exchangerate', '1', true),
  ],
  dependsOn: [],
  conflict: 'server-wins',
};
