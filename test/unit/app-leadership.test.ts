/**
 * The page's hold on the sync lock (src/app/engine/leadership.ts) against a fake lock
 * manager: granted → the worker leads; freeze → released (or the waiting request
 * withdrawn) and the worker told; resume → waits again; stop → gives up for good.
 */
import { describe, expect, it } from 'vitest';
import { holdSyncLock } from '../../src/app/engine/leadership.ts';

/** One exclusive lock, FIFO, with AbortSignal support: enough of LockManager. */
function fakeLocks() {
  const queue: { grant: () => void; signal?: AbortSignal }[] = [];
  let held = false;
  const next = () => {
    if (held) return;
    const waiter = queue.shift();
    if (waiter) waiter.grant();
  };
  const manager = {
    request: (_name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>) =>
      new Promise<void>((resolve, reject) => {
        const entry = {
          grant: () => {
            held = true;
            void callback().then(() => {
              held = false;
              resolve();
              next();
            });
          },
          ...(options.signal ? { signal: options.signal } : {}),
        };
        options.signal?.addEventListener('abort', () => {
          const at = queue.indexOf(entry);
          if (at >= 0) queue.splice(at, 1);
          reject(new DOMException('withdrawn', 'AbortError'));
        });
        queue.push(entry);
        queueMicrotask(next);
      }),
  };
  return { manager: manager as unknown as LockManager, waiting: () => queue.length, held: () => held };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function tab(locks: LockManager) {
  const calls: boolean[] = [];
  const doc = new EventTarget() as unknown as Document;
  const stop = holdSyncLock({ setLeader: async (leader) => void calls.push(leader) }, doc, locks);
  return { calls, doc, stop, fire: (type: string) => doc.dispatchEvent(new Event(type)) };
}

describe('sync lock held by the page', () => {
  it('leads when granted, hands over on freeze, and waits again on resume', async () => {
    const locks = fakeLocks();
    const first = tab(locks.manager);
    const second = tab(locks.manager);
    await settle();
    expect(first.calls).toEqual([true]);
    expect(second.calls).toEqual([]);
    expect(locks.waiting()).toBe(1);

    first.fire('freeze');
    await settle();
    expect(first.calls).toEqual([true, false]);
    expect(second.calls).toEqual([true]);

    first.fire('resume');
    await settle();
    expect(locks.waiting()).toBe(1); // queued behind the new leader
    expect(first.calls).toEqual([true, false]);
  });

  it('withdraws a waiting request on freeze, so a frozen tab is never granted the lock', async () => {
    const locks = fakeLocks();
    const leader = tab(locks.manager);
    const sleeper = tab(locks.manager);
    await settle();
    sleeper.fire('freeze');
    expect(locks.waiting()).toBe(0);
    leader.stop(); // the leader's worker failed: it gives the lock up for good
    await settle();
    expect(locks.held()).toBe(false);
    expect(sleeper.calls).toEqual([]);
    leader.fire('resume');
    await settle();
    expect(locks.held()).toBe(false); // stopped stays stopped
    sleeper.fire('resume');
    await settle();
    expect(sleeper.calls).toEqual([true]);
  });
});
