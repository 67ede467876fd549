/**
 * The pure part of the sync history (src/engine/sync-history.ts): one sample per minute,
 * the latest of a minute wins, none 24 hours old, oldest first — as properties over any
 * sequence of rounds, including a clock that goes back — and the defensive read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SyncSample } from '../../src/engine/api.ts';
import { HISTORY_MINUTES, readSamples, samplesSince, withSample } from '../../src/engine/sync-history.ts';

const MINUTE = 60_000;
const DAY = HISTORY_MINUTES * MINUTE;
const T0 = Date.parse('2026-11-22T04:00:00.000Z');
const sample = (ms: number, pending = 0, queued = 0, errors = 0): SyncSample => ({ at: new Date(ms).toISOString(), pending, queued, errors });
const minute = (s: SyncSample) => Math.floor(Date.parse(s.at) / MINUTE);

/** Rounds a few seconds to a few hours apart, now and then a step back in time. */
const rounds = fc.array(
  fc.record({ step: fc.oneof(fc.integer({ min: 0, max: 90_000 }), fc.integer({ min: 0, max: 3 * 3_600_000 }), fc.integer({ min: -600_000, max: 0 })), pending: fc.nat(50), queued: fc.nat(50) }),
  { maxLength: 300 },
);

function replay(steps: readonly { step: number; pending: number; queued: number }[]): { history: SyncSample[]; last: SyncSample | null } {
  let now = T0;
  let history: SyncSample[] = [];
  let last: SyncSample | null = null;
  for (const { step, pending, queued } of steps) {
    now += step;
    last = sample(now, pending, queued);
    history = withSample(history, last);
  }
  return { history, last };
}

describe('sync history samples', () => {
  it('keeps one sample per minute, none a day old, sorted, the newest last', () => {
    fc.assert(
      fc.property(rounds, (steps) => {
        const { history, last } = replay(steps);
        const minutes = history.map(minute);
        expect(new Set(minutes).size).toBe(minutes.length);
        expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
        expect(history.length).toBeLessThanOrEqual(HISTORY_MINUTES);
        expect(history.at(-1) ?? null).toBe(last);
        if (last === null) return;
        const now = Date.parse(last.at);
        expect(history.every((s) => now - Date.parse(s.at) < DAY)).toBe(true);
      }),
    );
  });

  it('replaces a minute’s sample with the latest round of that minute', () => {
    const first = withSample([], sample(T0 + 5_000, 1));
    const second = withSample(first, sample(T0 + 59_999, 2));
    expect(second).toEqual([sample(T0 + 59_999, 2)]);
    expect(withSample(second, sample(T0 + MINUTE, 3))).toEqual([sample(T0 + 59_999, 2), sample(T0 + MINUTE, 3)]);
  });

  it('keeps 1440 minutes at most: a full day of rounds trims the oldest', () => {
    let history: SyncSample[] = [];
    for (let i = 0; i <= HISTORY_MINUTES; i++) history = withSample(history, sample(T0 + i * MINUTE, i));
    expect(history).toHaveLength(HISTORY_MINUTES);
    expect(history[0]).toEqual(sample(T0 + MINUTE, 1));
  });

  it('answers since a time, never older than a day at now', () => {
    const history = [sample(T0), sample(T0 + MINUTE), sample(T0 + 2 * MINUTE)];
    expect(samplesSince(history, new Date(T0 + MINUTE).toISOString(), new Date(T0 + 3 * MINUTE))).toEqual(history.slice(1));
    expect(samplesSince(history, new Date(0).toISOString(), new Date(T0 + DAY + MINUTE))).toEqual(history.slice(2));
    expect(samplesSince(history, 'not a date', new Date(T0 + 3 * MINUTE))).toEqual(history);
  });

  it('reads only well-formed samples from storage', () => {
    expect(readSamples(undefined)).toEqual([]);
    expect(readSamples({ at: 'x' })).toEqual([]);
    const good = sample(T0, 1, 2, 3);
    expect(readSamples([good, null, { ...good, at: 'yesterday' }, { ...good, pending: -1 }, { ...good, errors: 1.5 }, { at: good.at }])).toEqual([good]);
  });
});
