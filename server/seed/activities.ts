/**
 * Activities per company (tasks, phone calls, appointments, in turn) and the CRM rows the
 * tasks / phone-calls / appointments maps make of them, as if dual-write had been
 * running. As many per company as notes; activity `index` is regarding what note
 * `index + floor(index / 3)` is attached to (so each kind is regarding every kind of row),
 * except every fifth, which is regarding nothing. Due dates lie in the 30 days before or
 * after `now`; appointments last an hour. Every activity is on both sides.
 */
import { ACTIVITY_STATUS, ACTIVITY_TYPES } from '../schema/erp.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import type { FieldServicePlan, Pair } from './field-service.ts';
import { noteTarget } from './field-service.ts';
import { rowNumber, rowRng } from './random.ts';
import { companyAt, DAY } from './sales-documents.ts';
import type { SeedRow } from './sink.ts';
import { isoAt, pad } from './text.ts';
import { mirroredTimes, rowTimes } from './times.ts';

const HOUR = 60 * 60_000;
const STATUS_BASE = 192350000;
const PURPOSES = ['Follow up on the quotation', 'Confirm the delivery date', 'Annual service visit', 'Call about the open invoice', 'Demo of the new range', 'Check the installation'];

/** The CRM set each activity type goes to. */
export const ACTIVITY_SETS = { Task: 'tasks', PhoneCall: 'phonecalls', Appointment: 'appointments' } as const;
export type ActivityType = keyof typeof ACTIVITY_SETS;

export const activityTypeAt = (index: number): ActivityType => ACTIVITY_TYPES[index % ACTIVITY_TYPES.length] ?? 'Task';
/** Activities of `type` among the first `count`. */
export const activitiesOf = (count: number, type: ActivityType): number => Math.max(0, Math.ceil((count - ACTIVITY_TYPES.indexOf(type)) / ACTIVITY_TYPES.length));

export function generateActivity(ctx: SeedContext, p: FieldServicePlan, c: number, index: number): Pair {
  const company = companyAt(c);
  const rng = rowRng(ctx.seed, STREAM.activity, rowNumber(c, index));
  const type = activityTypeAt(index);
  const target = index % 5 === 4 ? null : noteTarget(ctx, p, c, index + Math.floor(index / 3));
  const due = ctx.now + rng.int(-30, 30) * DAY + rng.int(8, 17) * HOUR;
  const status = due < ctx.now ? (rng.chance(0.8) ? 'Completed' : 'Cancelled') : rng.chance(0.7) ? 'NotStarted' : 'InProgress';
  const erp: SeedRow = {
    dataAreaId: company.id,
    ActivityNumber: `${company.prefix}-ACT${pad(index + 1, 6)}`,
    ActivityType: type,
    Purpose: rng.pick(PURPOSES),
    Notes: rng.chance(0.5) ? 'Agreed on the phone; see the notes of the account.' : null,
    Status: status,
    StartDateTime: type === 'Appointment' ? isoAt(due - HOUR) : null,
    EndDateTime: isoAt(due),
    PhoneNumber: type === 'PhoneCall' ? company.phone(rng) : null,
    Location: type === 'Appointment' ? 'On site' : null,
    RefTable: target?.table ?? null,
    RefKey: target?.key ?? null,
  };
  const crm: SeedRow = {
    activityid: ctx.ids.activity(c, index),
    msdyn_activitynumber: erp['ActivityNumber'],
    msdyn_company: ctx.ids.company(c),
    subject: erp['Purpose'],
    description: erp['Notes'],
    msdyn_activitystatus: STATUS_BASE + ACTIVITY_STATUS.indexOf(status),
    scheduledstart: erp['StartDateTime'],
    scheduledend: erp['EndDateTime'],
    regardingobjectid: target?.guid ?? null,
    regardingobjecttypecode: target?.type ?? null,
    ...(type === 'PhoneCall' ? { phonenumber: erp['PhoneNumber'] } : {}),
    ...(type === 'Appointment' ? { location: erp['Location'] } : {}),
  };
  const times = rowTimes(rng, ctx.now);
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
}
