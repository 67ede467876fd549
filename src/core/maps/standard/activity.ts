/**
 * What the three activity maps share (dual-write.md §4 "notes and activities"): one ERP
 * table, Activities, split by ActivityType into the CRM's tasks, phone calls and
 * appointments — as one F&O entity feeds several Dataverse tables by filters (§1.1). Per
 * company, both ways; the activity number is the integration key. Subject, notes, status
 * (a value map), start and due/end date travel both ways, and what the activity is
 * regarding is a polymorphic lookup like a note's (an account, a person's contact, an
 * asset or a work order; empty: regarding nothing).
 */
import type { FieldMapping, TableMap } from '../types.ts';
import { COMPANY_KEY, constant, copy, text, valueMap } from './build.ts';
import { ATTACHABLE } from './notes.ts';

/** Activity status ↔ msdyn_activitystatus (one-to-one). */
export const ACTIVITY_STATUS: readonly (readonly [string, number])[] = [
  ['NotStarted', 192350000],
  ['InProgress', 192350001],
  ['Completed', 192350002],
  ['Cancelled', 192350003],
];

const INSTANT = { type: 'date', erp: 'datetime', crm: 'datetime' } as const;
const REGARDING: FieldMapping = {
  kind: 'lookup',
  erp: 'RefKey',
  crm: 'regardingobjectid',
  direction: 'both',
  map: 'customers-accounts',
  targets: ATTACHABLE,
  typeField: { erp: 'RefTable', crm: 'regardingobjecttypecode' },
};

/** The map of activities of `type` into CRM `set`, with the kind's own fields. */
export function activityMap(id: string, type: string, set: string, name: string, own: readonly FieldMapping[]): TableMap {
  return {
    id,
    name,
    version: '1.0.0.0',
    erp: { set: 'Activities', filter: `ActivityType eq '${type}'` },
    crm: { set },
    keys: [COMPANY_KEY, { erp: 'ActivityNumber', crm: 'msdyn_activitynumber' }],
    fields: [
      copy('Purpose', 'subject', text(200, 200), { required: 'both' }),
      copy('Notes', 'description', text(2000, 2000)),
      valueMap('Status', 'msdyn_activitystatus', ACTIVITY_STATUS, { required: 'erp' }),
      copy('StartDateTime', 'scheduledstart', INSTANT),
      copy('EndDateTime', 'scheduledend', INSTANT),
      REGARDING,
      ...own,
      constant('erp', 'ActivityType', type),
    ],
    dependsOn: ['companies', 'customers-accounts', 'customers-contacts', 'customer-assets', 'work-orders'],
    conflict: 'server-wins',
  };
}
