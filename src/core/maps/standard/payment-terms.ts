import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, NO_YES, same, text, valueMap } from './build.ts';

/** What the due date counts from: ERP enum ↔ CRM option set. */
const BASES: readonly (readonly [string, number])[] = [
  ['Net', 192350000],
  ['CurrentMonth', 192350001],
  ['CurrentQuarter', 192350002],
  ['CurrentYear', 192350003],
  ['COD', 192350004],
];

/** Terms of payment (msdyn_paymentterms), per company; vendors and vendor groups look them up. */
export const paymentTerms: TableMap = {
  id: 'payment-terms',
  name: 'Terms of payment (msdyn_paymentterms)',
  version: '1.0.0.0',
  erp: { set: 'PaymentTerms' },
  crm: { set: 'msdyn_paymentterms' },
  keys: [COMPANY_KEY, { erp: 'Name', crm: 'msdyn_name' }],
  fields: [
    copy('Description', 'msdyn_description', text(60, 100)),
    valueMap('PaymentMethodType', 'msdyn_paymentmethodtype', BASES),
    same('NumberOfDays', 'msdyn_numberofdays'),
    same('NumberOfMonths', 'msdyn_numberofmonths'),
    valueMap('IsCashPayment', 'msdyn_iscashpayment', NO_YES),
  ],
  dependsOn: ['companies'],
  conflict: 'server-wins',
};
