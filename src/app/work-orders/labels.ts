/** How work orders read on screen. Pure: no runes, no DOM. */
import type { WorkOrderQuery, WorkOrderStatus, WorkOrderSummary } from '../../engine/api.ts';

export const STATUS_LABEL: Readonly<Record<WorkOrderStatus, string>> = {
  Unscheduled: 'Unscheduled',
  Scheduled: 'Scheduled',
  InProcess: 'In progress',
  Completed: 'Completed',
  Posted: 'Posted',
  Cancelled: 'Cancelled',
};

/** What an agent may move a work order to: the ERP posts, the agent does not. */
export const AGENT_STATUSES: readonly WorkOrderStatus[] = ['Scheduled', 'InProcess', 'Completed', 'Cancelled'];

export const statusLabel = (status: WorkOrderStatus | null): string => (status ? STATUS_LABEL[status] : 'No status');

/** [midnight, next midnight) of the day `now` falls on, in the tablet's time zone, as ISO instants. */
export function dayWindow(now: Date): { readonly from: string; readonly until: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: start.toISOString(), until: end.toISOString() };
}

/** Open work orders planned before today (the tablet's day): overdue, the longest overdue first. */
export function overdueQuery(now: Date, limit: number): WorkOrderQuery {
  return { until: dayWindow(now).from, status: 'open', offset: 0, limit };
}

const OPEN: ReadonlySet<WorkOrderStatus | null> = new Set(['Unscheduled', 'Scheduled', 'InProcess']);

/** Planned before today and still open (not completed, posted or cancelled). */
export function isOverdue(order: Pick<WorkOrderSummary, 'plannedStart' | 'status'>, now: Date): boolean {
  return order.plannedStart !== null && order.plannedStart < dayWindow(now).from && OPEN.has(order.status);
}

/** "09:30" today, else "Tue 24 Nov, 09:30"; "Not planned" without a time. */
export function plannedLabel(iso: string | null, now: Date): string {
  if (!iso) return 'Not planned';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return time;
  return `${at.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: at.getFullYear() === now.getFullYear() ? undefined : 'numeric' })}, ${time}`;
}

/** A datetime-local input's value (local time, minutes) from an instant, and back. */
export function localInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The clock the screens' state classes use unless a test gives them one. */
export const systemNow = (): Date => new Date();

/** The local date-time inputs of a visit that ended at `now` after an hour. */
export function lastHour(now: Date): { readonly arrived: string; readonly left: string } {
  return { arrived: localInput(new Date(now.getTime() - 60 * 60_000)), left: localInput(now) };
}
