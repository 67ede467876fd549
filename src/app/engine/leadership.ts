/**
 * The sync lock, held by the page for its worker's engine: exactly one tab syncs.
 *
 *   waiting ──granted──▶ leading ──freeze / stop──▶ released (worker told to stop syncing)
 *      │                                               │
 *      └──freeze: request withdrawn──▶ idle ◀──────────┘
 *                                       └──resume──▶ waiting
 *
 * Why the page and not the worker: a frozen page (Page Lifecycle) freezes its dedicated
 * worker with it, so a lock held by the worker would stay held and nobody would sync;
 * the page's `freeze` handler still runs, and a lock it releases there goes to the next
 * waiting tab at once. A waiting request is withdrawn on freeze too: granted to a frozen
 * page it would be held just the same. Closing or crashing the tab drops its locks.
 */
export interface Leader {
  setLeader(leader: boolean): Promise<void>;
}

export const SYNC_LOCK = 'tandem-sync';

/** Starts waiting for the lock; returns a function that gives it up for good (the worker failed). */
export function holdSyncLock(worker: Leader, doc: Document = document, locks: LockManager = navigator.locks): () => void {
  let waiting: AbortController | null = null;
  let release: (() => void) | null = null;
  let stopped = false;

  const granted = (): Promise<void> => {
    waiting = null;
    void worker.setLeader(true);
    return new Promise<void>((resolve) => {
      release = () => {
        release = null;
        resolve();
        void worker.setLeader(false);
      };
    });
  };
  const seek = (): void => {
    if (stopped || waiting !== null || release !== null) return;
    const request = new AbortController();
    waiting = request;
    locks.request(SYNC_LOCK, { signal: request.signal }, granted).catch(() => undefined); // AbortError: withdrawn
  };
  const yieldLock = (): void => {
    waiting?.abort();
    waiting = null;
    release?.();
  };

  doc.addEventListener('freeze', yieldLock);
  doc.addEventListener('resume', seek);
  seek();
  return () => {
    stopped = true;
    yieldLock();
  };
}
