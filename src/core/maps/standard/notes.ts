import type { LookupTarget, TableMap } from '../types.ts';
import { COMPANY_KEY, copy, text } from './build.ts';

/**
 * Notes ↔ annotations, per company, both ways. What a note is attached to is a polymorphic
 * lookup: the ERP holds the table (RefTable) and the row's key (RefKey), the CRM the row's
 * GUID (objectid) and its table (objecttypecode). A customer note goes to the account of an
 * organisation or the sellable contact of a person (both ERP 'Customer', tried in that
 * order); assets and service orders to their CRM rows. The body keeps up to 10,000
 * characters in the ERP; a longer CRM note text is refused on its way there.
 */
/**
 * What a note or an activity can be attached to, in the order tried: an organisation's
 * account, a person's contact (both ERP 'Customer'), a customer asset, a work order.
 */
export const ATTACHABLE: readonly LookupTarget[] = [
  { map: 'customers-accounts', erpType: 'Customer', crmType: 'account' },
  { map: 'customers-contacts', erpType: 'Customer', crmType: 'contact' },
  { map: 'customer-assets', erpType: 'Asset', crmType: 'msdyn_customerasset' },
  { map: 'work-orders', erpType: 'ServiceOrder', crmType: 'msdyn_workorder' },
];

export const notes: TableMap = {
  id: 'notes',
  name: 'Notes (annotations)',
  version: '1.0.0.0',
  erp: { set: 'Notes' },
  crm: { set: 'annotations' },
  keys: [COMPANY_KEY, { erp: 'NoteId', crm: 'msdyn_noteid' }],
  fields: [
    copy('Title', 'subject', text(100, 500)),
    copy('Body', 'notetext', text(10000, 100000)),
    {
      kind: 'lookup',
      erp: 'RefKey',
      crm: 'objectid',
      direction: 'both',
      map: 'customers-accounts',
      required: 'both',
      targets: ATTACHABLE,
      typeField: { erp: 'RefTable', crm: 'objecttypecode' },
    },
  ],
  dependsOn: ['companies', 'customers-accounts', 'customers-contacts', 'customer-assets', 'work-orders'],
  conflict: 'server-wins',
};
