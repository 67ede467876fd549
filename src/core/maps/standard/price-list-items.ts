import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, dateRule, decimal, lookup, text, valueMap } from './build.ts';

/** Whom an agreement line is for ↔ msdyn_accountcode. */
export const PRICE_ACCOUNT_CODE: readonly (readonly [string, number])[] = [
  ['Table', 192350000],
  ['Group', 192350001],
  ['All', 192350002],
];

/**
 * Sales price agreement lines (productpricelevels), per company, one way ERP → CRM: one
 * price list item per agreement line, so the CRM holds every price the ERP's pricing
 * (core/pricing) chooses from — for a customer, a customer group or everyone, by quantity
 * break, unit and currency. The line id is the integration key; the list, product, unit
 * and currency are lookups; quantities keep 6 decimals and prices 10, exactly.
 * Date-effective (mode 'range'), the open end empty in the CRM.
 */
export const priceListItems: TableMap = {
  id: 'price-list-items',
  name: 'Sales price agreement lines (productpricelevels)',
  version: '1.0.0.0',
  erp: { set: 'SalesPriceAgreements' },
  crm: { set: 'productpricelevels' },
  keys: [COMPANY_KEY, { erp: 'AgreementLineId', crm: 'msdyn_agreementlineid' }],
  fields: [
    lookup('PriceListId', 'pricelevelid', 'price-lists', { direction: 'erp-to-crm' }),
    lookup('ItemNumber', 'productid', 'products', { direction: 'erp-to-crm' }),
    lookup('UnitSymbol', 'uomid', 'units', { direction: 'erp-to-crm' }),
    lookup('CurrencyCode', 'transactioncurrencyid', 'currencies', { direction: 'erp-to-crm' }),
    valueMap('AccountCode', 'msdyn_accountcode', PRICE_ACCOUNT_CODE, { direction: 'erp-to-crm' }),
    copy('AccountRelation', 'msdyn_accountrelation', text(20, 20), { direction: 'erp-to-crm' }),
    copy('QuantityFrom', 'msdyn_quantityfrom', decimal(6, 6), { direction: 'erp-to-crm' }),
    copy('QuantityTo', 'msdyn_quantityto', decimal(6, 6), { direction: 'erp-to-crm' }),
    copy('Price', 'amount', decimal(10, 10), { direction: 'erp-to-crm' }),
    copy('ValidFrom', 'msdyn_validfrom', dateRule(), { direction: 'erp-to-crm' }),
    copy('ValidTo', 'msdyn_validto', dateRule({ erp: '2154-12-31' }), { direction: 'erp-to-crm' }),
  ],
  dependsOn: ['companies', 'price-lists', 'products', 'units', 'currencies'],
  conflict: 'server-wins',
  oneWay: 'erp-to-crm',
  effective: { mode: 'range', erp: { from: 'ValidFrom', to: 'ValidTo' }, crm: { from: 'msdyn_validfrom', to: 'msdyn_validto' } },
};
