/**
 * When service orders are planned and where they stand, around the seed's work day (the
 * day the seed runs, so an agent signing in to a fresh demo finds work on the home screen).
 *
 * Per company, the first orders are the agent's agenda, fixed whatever the seed:
 *
 *   index   0        1          2         3          4          5       6       7
 *   day     today    today      today     −1 day     −4 days    +1      +2      +6
 *   status  Sched.   InProcess  Sched.    Sched.     InProcess  Sched.  Sched.  Unsched.
 *                                         └─ overdue: planned before today, still open ─┘
 *
 * The others are spread over the 400 days before and the 60 after the work day (never on
 * it): in the past done (Completed, Posted after a month, every fifth Cancelled), in the
 * future Scheduled or Unscheduled; one in ten has no date and is Unscheduled. So "today"
 * and "overdue" hold exactly the agenda's orders, at every seed size.
 */
import type { SERVICE_ORDER_STATUS } from '../schema/erp.ts';
import type { Rng } from './random.ts';
import { isoAt } from './text.ts';

type Status = (typeof SERVICE_ORDER_STATUS)[number];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Days from the work day, minutes from its midnight, status. */
export const AGENDA: readonly (readonly [day: number, minutes: number, status: Status])[] = [
  [0, 8 * 60, 'Scheduled'],
  [0, 10 * 60 + 30, 'InProcess'],
  [0, 14 * 60, 'Scheduled'],
  [-1, 13 * 60, 'Scheduled'],
  [-4, 9 * 60, 'InProcess'],
  [1, 9 * 60 + 30, 'Scheduled'],
  [2, 11 * 60, 'Scheduled'],
  [6, 8 * 60 + 30, 'Unscheduled'],
];

/** The CRM-only work order (US-WOC0001…): set up the demo unit the day after tomorrow. */
export const CRM_ONLY_ORDER_PLAN = { day: 2, minutes: 13 * 60 } as const;

export interface PlannedOrder {
  readonly plannedStart: string | null;
  readonly status: Status;
}

/** Where service order `index` of a company stands; draws from `rng` only past the agenda. */
export function planOrder(rng: Rng, workDay: number, index: number): PlannedOrder {
  const fixed = AGENDA[index];
  if (fixed) return { plannedStart: plannedAt(workDay, fixed[0], fixed[1]), status: fixed[2] };
  if (!rng.chance(0.9)) return { plannedStart: null, status: 'Unscheduled' };
  const drawn = rng.int(-400, 59);
  const day = drawn >= 0 ? drawn + 1 : drawn; // never the work day itself
  const plannedStart = plannedAt(workDay, day, rng.int(7 * 4, 17 * 4) * 15);
  if (day > 0) return { plannedStart, status: index % 3 === 0 ? 'Unscheduled' : 'Scheduled' };
  return { plannedStart, status: index % 5 === 0 ? 'Cancelled' : day < -30 ? 'Posted' : 'Completed' };
}

export const plannedAt = (workDay: number, day: number, minutes: number): string => isoAt(workDay + day * DAY + minutes * MINUTE);

/**
 * The work day's midnight (epoch ms): given, else the UTC midnight of the seed's `now` when
 * that is given (tests pin both), else the local midnight of the day the seed runs.
 */
export function workDayOf(options: { readonly workDay?: Date; readonly now?: Date }, clock: () => Date = () => new Date()): number {
  if (options.workDay) return options.workDay.getTime();
  if (options.now) return Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  const today = clock();
  return new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
}
