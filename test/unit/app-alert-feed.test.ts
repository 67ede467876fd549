/** The in-app alert feed: newest first, at most a few, acknowledged ones gone, the engine told. */
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../src/engine/api.ts';
import { AlertFeed, SHOWN_ALERTS } from '../../src/app/status/alert-feed.svelte.ts';

const alert = (id: number, acknowledgedAt: string | null = null): AlertRecord => ({ id, ruleId: `r${id}`, name: `Rule ${id}`, metric: 'errors', value: 3, threshold: 1, mapId: null, action: 'notify', message: '3 errors in 10 min (threshold 1)', firedAt: '2026-11-22T06:00:00Z', clearedAt: null, acknowledgedAt });

describe('alert feed', () => {
  it('shows what fires, newest first, a few at most, and forgets what is acknowledged', async () => {
    const hub: { listener: ((a: AlertRecord) => void) | null } = { listener: null };
    const acknowledged: number[] = [];
    const feed = new AlertFeed({
      onAlert: async (l) => {
        hub.listener = l;
        return () => (hub.listener = null);
      },
      acknowledgeAlert: async (id) => {
        acknowledged.push(id);
        return { ok: true, value: alert(id, '2026-11-22T06:01:00Z') };
      },
    });
    const off = feed.connect();
    await Promise.resolve();
    for (let id = 1; id <= SHOWN_ALERTS + 1; id++) hub.listener?.(alert(id));
    hub.listener?.(alert(99, '2026-11-22T06:00:30Z'));
    expect(feed.shown.map((a) => a.id)).toEqual([4, 3, 2]);
    hub.listener?.(alert(3));
    expect(feed.shown.map((a) => a.id)).toEqual([3, 4, 2]);
    await feed.acknowledge(4);
    expect(acknowledged).toEqual([4]);
    feed.dismiss(2);
    expect(feed.shown.map((a) => a.id)).toEqual([3]);
    off();
    expect(hub.listener).toBeNull();
  });
});
