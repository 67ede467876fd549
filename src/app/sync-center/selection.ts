/**
 * Bulk selection of rows by id, as immutable sets (a `$state.raw` holder replaces the
 * set whole). Pure, so the rules — toggle one, select all, keep only ids still listed —
 * are tested without mounting.
 */
export function toggled<T>(selected: ReadonlySet<T>, id: T): ReadonlySet<T> {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** Every id when not all are selected yet, none when they all are. */
export function toggledAll<T>(selected: ReadonlySet<T>, ids: readonly T[]): ReadonlySet<T> {
  return allSelected(selected, ids) ? new Set() : new Set(ids);
}

export function allSelected<T>(selected: ReadonlySet<T>, ids: readonly T[]): boolean {
  return ids.length > 0 && ids.every((id) => selected.has(id));
}

/** The selection after a reload: ids no longer listed drop out. */
export function kept<T>(selected: ReadonlySet<T>, ids: readonly T[]): ReadonlySet<T> {
  const listed = new Set(ids);
  return new Set([...selected].filter((id) => listed.has(id)));
}

/** The empty selection (a `$state.raw` holder's start and reset value). */
export function none<T>(): ReadonlySet<T> {
  return new Set<T>();
}

/** A selection of these ids (a `$state.raw` holder's start value). */
export function selectionOf<T>(ids: Iterable<T>): ReadonlySet<T> {
  return new Set(ids);
}
