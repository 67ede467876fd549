/**
 * What the agent sees of a row: its last known server state with every pending local op
 * on it applied in outbox order. Recomputed whenever the server state or the ops change
 * (rebasing local edits onto pulled rows).
 */
import type { OutboxEntry } from './outbox.ts';
import type { StoredRow } from './replica/db.ts';

/** The view, or null when the row does not exist (never created, or deleted locally). */
export function viewOf(server: StoredRow | null, entries: readonly OutboxEntry[], rowId: string): StoredRow | null {
  let row: StoredRow | null = server ? { ...server } : null;
  for (const entry of [...entries].sort((a, b) => (a.id ?? 0) - (b.id ?? 0))) {
    for (const op of entry.ops) {
      if (op.done || op.rowId !== rowId) continue;
      if (op.kind === 'delete') row = null;
      else row = { ...(row ?? { _etag: '' }), ...op.key, ...op.patch } as StoredRow;
    }
  }
  return row;
}
