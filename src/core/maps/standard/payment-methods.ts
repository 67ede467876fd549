import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, text, valueMap } from './build.ts';

const PAYMENT_TYPES: readonly (readonly [string, number])[] = [
  ['Other', 192350000],
  ['Check', 192350001],
  ['Electronic', 192350002],
  ['CreditCard', 192350003],
  ['DirectDebit', 192350004],
  ['Cash', 192350005],
];

const ACCOUNT_TYPES: readonly (readonly [string, number])[] = [
  ['Ledger', 192350000],
  ['Bank', 192350001],
];

/** Customer payment methods (msdyn_customerpaymentmethods), per company. */
export const paymentMethods: TableMap = {
  id: 'payment-methods',
  name: 'Customer payment methods (msdyn_customerpaymentmethods)',
  version: '1.0.0.0',
  erp: { set: 'CustomerPaymentMethods' },
  crm: { set: 'msdyn_customerpaymentmethods' },
  keys: [COMPANY_KEY, { erp: 'Name', crm: 'msdyn_name' }],
  fields: [
    copy('Description', 'msdyn_description', text(60, 100)),
    valueMap('PaymentType', 'msdyn_paymenttype', PAYMENT_TYPES),
    valueMap('AccountType', 'msdyn_accounttype', ACCOUNT_TYPES),
  ],
  dependsOn: ['companies'],
  conflict: 'server-wins',
};
