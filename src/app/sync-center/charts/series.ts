/**
 * Time series for the charts, one point per minute over a recent window. Pure: times in,
 * counts out, so the bucketing is tested without a chart or a clock.
 */
import type { SyncSample } from '../../../engine/api.ts';

export const MINUTE = 60_000;

/** One series of a chart: its name (the legend's, the caption's) and colour. */
export interface Line {
  readonly label: string;
  readonly color: string;
}

/** The window's minute starts (epoch seconds, as uPlot's x axis wants), oldest first, ending at `now`'s minute. */
export function minuteAxis(now: number, minutes: number): number[] {
  const last = Math.floor(now / MINUTE) * MINUTE;
  return Array.from({ length: minutes }, (_, i) => (last - (minutes - 1 - i) * MINUTE) / 1000);
}

/** The axis's first minute as ISO text (the `since` of the queries behind a chart). */
export function axisStart(axis: readonly number[]): string {
  return new Date((axis[0] ?? 0) * 1000).toISOString();
}

/** How many of `times` (ISO) fall in each minute of the axis; times outside it are ignored. */
export function countPerMinute(times: readonly string[], axis: readonly number[]): number[] {
  const counts: number[] = axis.map(() => 0);
  const first = (axis[0] ?? 0) * 1000;
  for (const iso of times) {
    const index = Math.floor((Date.parse(iso) - first) / MINUTE);
    if (index >= 0 && index < counts.length) counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

/** Samples (time, value) reduced to the axis: each minute shows its last sample, null where none was taken. */
export function lastPerMinute(samples: readonly { at: number; value: number }[], axis: readonly number[]): (number | null)[] {
  const out: (number | null)[] = axis.map(() => null);
  const first = (axis[0] ?? 0) * 1000;
  for (const s of samples) {
    const index = Math.floor((s.at - first) / MINUTE);
    if (index >= 0 && index < out.length) out[index] = s.value;
  }
  return out;
}

/** The largest total of the lines minute by minute (0 when every value is null). */
export function peak(...lines: readonly (readonly (number | null)[])[]): number {
  const minutes = Math.max(0, ...lines.map((l) => l.length));
  return Array.from({ length: minutes }, (_, i) => sum(lines.map((l) => l[i] ?? null))).reduce((a, b) => Math.max(a, b), 0);
}

export function sum(values: readonly (number | null)[]): number {
  return values.reduce<number>((total, v) => total + (v ?? 0), 0);
}

/**
 * Like lastPerMinute, but a minute without a sample keeps the value before it: the queue
 * changes only through writes and sync rounds, and every round leaves a sample. Minutes
 * before the first sample stay null.
 */
export function carriedPerMinute(samples: readonly { at: number; value: number }[], axis: readonly number[]): (number | null)[] {
  let carried: number | null = null;
  return lastPerMinute(samples, axis).map((v) => (carried = v ?? carried));
}

export interface QueueSeries {
  /** Outbox entries waiting to be sent. */
  readonly pending: (number | null)[];
  /** Changes held for paused or resuming maps. */
  readonly held: (number | null)[];
}

/** The queue chart's two lines: the engine's sync history, then `now` (the live status) as the last point. */
export function queueSeries(history: readonly SyncSample[], now: { at: number; pending: number; queued: number }, axis: readonly number[]): QueueSeries {
  const points = [...history.map((s) => ({ at: Date.parse(s.at), pending: s.pending, queued: s.queued })), now];
  return {
    pending: carriedPerMinute(points.map((p) => ({ at: p.at, value: p.pending })), axis),
    held: carriedPerMinute(points.map((p) => ({ at: p.at, value: p.queued })), axis),
  };
}
