import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, dateRule, lookup, text } from './build.ts';

/**
 * Sales price lists (pricelevels), per company, one way ERP → CRM: prices are maintained in
 * the ERP (dual-write.md §4: the real product has no price-list map and fills one CRM price
 * list per currency; Tandem mirrors the ERP's lists as they are). The list id is the CRM
 * name and, with the company, the integration key. Date-effective (mode 'range'): past and
 * future lists are mirrored; the ERP's 2154-12-31 ("never") is an empty enddate.
 */
export const priceLists: TableMap = {
  id: 'price-lists',
  name: 'Sales price lists (pricelevels)',
  version: '1.0.0.0',
  erp: { set: 'SalesPriceLists' },
  crm: { set: 'pricelevels' },
  keys: [COMPANY_KEY, { erp: 'PriceListId', crm: 'name' }],
  fields: [
    copy('Description', 'description', text(60, 2000), { direction: 'erp-to-crm' }),
    lookup('CurrencyCode', 'transactioncurrencyid', 'currencies', { direction: 'erp-to-crm' }),
    copy('ValidFrom', 'begindate', dateRule(), { direction: 'erp-to-crm' }),
    copy('ValidTo', 'enddate', dateRule({ erp: '2154-12-31' }), { direction: 'erp-to-crm' }),
  ],
  dependsOn: ['companies', 'currencies'],
  conflict: 'server-wins',
  oneWay: 'erp-to-crm',
  effective: { mode: 'range', erp: { from: 'ValidFrom', to: 'ValidTo' }, crm: { from: 'begindate', to: 'enddate' } },
};
