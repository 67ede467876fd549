import type { TableMap } from '../types.ts';
import { COMPANY_KEY, copy, lookup, text, valueMap } from './build.ts';

/** Service order status ↔ Field Service work order system status (one-to-one). */
export const WORK_ORDER_STATUS: readonly (readonly [string, number])[] = [
  ['Unscheduled', 690970000],
  ['Scheduled', 690970001],
  ['InProcess', 690970002],
  ['Completed', 690970003],
  ['Posted', 690970004],
  ['Cancelled', 690970005],
];

/**
 * Service orders ↔ work orders (msdyn_workorders), per company, both ways. The order id
 * is the work order's name (its alternate key with the company); the service account and
 * the customer asset are lookups; the status crosses through a value map; the planned
 * start is a point in time on both sides.
 */
export const workOrders: TableMap = {
  id: 'work-orders',
  name: 'Service orders (msdyn_workorders)',
  version: '1.0.0.0',
  erp: { set: 'ServiceOrders' },
  crm: { set: 'msdyn_workorders' },
  keys: [COMPANY_KEY, { erp: 'ServiceOrderId', crm: 'msdyn_name' }],
  fields: [
    lookup('CustomerAccount', 'msdyn_serviceaccount', 'customers-accounts', { required: 'erp' }),
    lookup('AssetId', 'msdyn_customerasset', 'customer-assets'),
    copy('Description', 'msdyn_instructions', text(1000, 2000)),
    valueMap('Status', 'msdyn_systemstatus', WORK_ORDER_STATUS),
    copy('Stage', 'msdyn_substatusname', text(10, 100)),
    copy('PlannedStart', 'msdyn_timefrompromised', { type: 'date', erp: 'datetime', crm: 'datetime' }),
  ],
  dependsOn: ['companies', 'customers-accounts', 'customer-assets'],
  conflict: 'server-wins',
};
