/**
 * Time series for the charts, one point per minute over a recent window. Pure: times in,
 * counts out, so the bucketing is tested without a chart or a clock.
 */
export const MINUTE = 60_000;

/** The window's minute starts (epoch seconds, as uPlot's x axis wants), oldest first, ending at `now`'s minute. */
export function minuteAxis(now: number, minutes: number): number[] {
  const last = Math.floor(now / MINUTE) * MINUTE;
  return Array.from({ length: minutes }, (_, i) => (last - (minutes - 1 - i) * MINUTE) / 1000);
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

export function sum(values: readonly (number | null)[]): number {
  return values.reduce<number>((total, v) => total + (v ?? 0), 0);
}
