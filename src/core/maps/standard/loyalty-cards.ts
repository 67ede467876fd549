import type { TableMap } from '../types.ts';
import { COMPANY_KEY, dateRule, copy, lookup, same, valueMap } from './build.ts';

/** Loyalty card tier ↔ msdyn_tier (one-to-one). */
export const LOYALTY_TIER: readonly (readonly [string, number])[] = [
  ['Basic', 192350000],
  ['Silver', 192350001],
  ['Gold', 192350002],
];

/**
 * Loyalty cards (msdyn_loyaltycards), per company. The card number is the integration
 * key; the customer (an account lookup through customers-accounts), the tier (a value
 * map) and the issue date travel both ways. Points are earned in the ERP and travel one
 * way, ERP → CRM: a points edit in the CRM never goes back.
 */
export const loyaltyCards: TableMap = {
  id: 'loyalty-cards',
  name: 'Loyalty cards (msdyn_loyaltycards)',
  version: '1.0.0.0',
  erp: { set: 'LoyaltyCards' },
  crm: { set: 'msdyn_loyaltycards' },
  keys: [COMPANY_KEY, { erp: 'CardNumber', crm: 'msdyn_cardnumber' }],
  fields: [
    lookup('CustomerAccount', 'msdyn_account', 'customers-accounts', { required: 'erp' }),
    valueMap('Tier', 'msdyn_tier', LOYALTY_TIER),
    copy('IssueDate', 'msdyn_issuedate', dateRule()),
    same('Points', 'msdyn_points', { direction: 'erp-to-crm' }),
  ],
  dependsOn: ['companies', 'customers-accounts'],
  conflict: 'server-wins',
};
