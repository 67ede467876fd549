/**
 * The charts screen's queue chart from the engine's sync history
 * (src/app/sync-center/charts/series.ts, charts-screen.svelte.ts): a minute without a sample
 * keeps the value before it, the live status ends the line, and a refresh against a fake
 * engine draws history from before the screen opened; a late answer never replaces a newer.
 */
import { describe, expect, it } from 'vitest';
import type { ChartsApi } from '../../src/app/sync-center/charts/charts-screen.svelte.ts';
import { ChartsScreen, WINDOW_MINUTES } from '../../src/app/sync-center/charts/charts-screen.svelte.ts';
import { carriedPerMinute, minuteAxis, peak, queueSeries } from '../../src/app/sync-center/charts/series.ts';
import type { EngineStatus, MapStatus, SyncSample } from '../../src/engine/api.ts';

const NOW = Date.parse('2026-11-22T04:10:30Z');
const at = (hhmmss: string) => Date.parse(`2026-11-22T${hhmmss}Z`);
const sample = (hhmmss: string, pending: number, queued: number): SyncSample => ({ at: new Date(at(hhmmss)).toISOString(), pending, queued, errors: 0 });

describe('queue series', () => {
  const axis = minuteAxis(NOW, 5); // 04:06 … 04:10

  it('carries a minute’s value forward until the next sample, null before the first', () => {
    expect(carriedPerMinute([{ at: at('04:07:10'), value: 4 }, { at: at('04:09:59'), value: 2 }], axis)).toEqual([null, 4, 4, 2, 2]);
    expect(carriedPerMinute([], axis)).toEqual([null, null, null, null, null]);
  });

  it('draws the history, then the live status in the current minute', () => {
    const history = [sample('04:06:05', 3, 0), sample('04:08:40', 5, 12)];
    expect(queueSeries(history, { at: NOW, pending: 1, queued: 9 }, axis)).toEqual({
      pending: [3, 3, 5, 5, 1],
      held: [0, 0, 12, 12, 9],
    });
    expect(peak([3, 3, 5, 5, 1], [0, 0, 12, 12, 9])).toBe(17);
    expect(peak([null, null], [null, 2])).toBe(2);
    expect(peak()).toBe(0);
  });
});

function fakeEngine(history: readonly SyncSample[]) {
  const gates: (() => void)[] = [];
  let pending = 2;
  let slow = false;
  const api: ChartsApi = {
    activityLog: async () => ({ ok: true, value: { rows: [{ at: new Date(NOW - 30_000).toISOString() }], total: 1 } }) as never,
    errorLog: async () => ({ ok: true, value: { rows: [], total: 0 } }) as never,
    mapStatuses: async () => [{ id: 'm', queued: 7, catchUpItems: 3 } as MapStatus],
    status: async () => {
      const answer = { pending } as EngineStatus;
      if (slow) await new Promise<void>((resolve) => gates.push(resolve));
      return answer;
    },
    syncHistory: async (since) => history.filter((s) => s.at >= since),
  };
  return { api, gates, setPending: (n: number) => (pending = n), setSlow: (s: boolean) => (slow = s) };
}

describe('charts screen', () => {
  it('shows the queue from before the screen opened, ending at the live status', async () => {
    const { api } = fakeEngine([sample('03:05:00', 40, 0), sample('03:50:10', 8, 5)]);
    const charts = new ChartsScreen(api, () => NOW);
    await charts.refresh();
    expect(charts.xs).toHaveLength(WINDOW_MINUTES);
    const fiftyAgo = charts.xs.indexOf(at('03:50:00') / 1000);
    expect(charts.pending.slice(0, fiftyAgo).every((v) => v === null)).toBe(true);
    expect(charts.pending[fiftyAgo]).toBe(8);
    expect(charts.held[fiftyAgo]).toBe(5);
    expect(charts.pending.at(-1)).toBe(2);
    expect(charts.held.at(-1)).toBe(7);
    expect(charts.now).toEqual({ pending: 2, held: 7 });
    expect(charts.pushed.at(-1)).toBe(1);
  });

  it('keeps the newer refresh when an older one answers late', async () => {
    const engine = fakeEngine([]);
    const charts = new ChartsScreen(engine.api, () => NOW);
    engine.setSlow(true);
    const late = charts.refresh();
    engine.setSlow(false);
    engine.setPending(9);
    await charts.refresh();
    engine.gates.forEach((open) => open());
    await late;
    expect(charts.now.pending).toBe(9);
    expect(charts.pending.at(-1)).toBe(9);
  });

  it('shows a failed read as a problem', async () => {
    const { api } = fakeEngine([]);
    const charts = new ChartsScreen({ ...api, syncHistory: async () => Promise.reject(new Error('worker gone')) }, () => NOW);
    await charts.refresh();
    expect(charts.problem).toBe('worker gone');
  });
});
