/**
 * The queue browser's state: held and catch-up items filtered by map, kind and key, a page
 * at a time, with a selection of catch-up items to replay (held items wait for their
 * map's resume, so they cannot be selected).
 */
import type { EngineApi, QueueEntry, QueueQuery } from '../../../engine/api.ts';
import { kept, none, toggled } from '../selection.ts';
import { describeError } from '../sync-format.ts';

export type QueueApi = Pick<EngineApi, 'queue' | 'retryQueued'>;

export const QUEUE_PAGE = 25;

/** The engine's query for the form's values: empty filters are left out. */
export function queueQuery(filter: { mapId: string; key: string; kind: string }, offset: number): QueueQuery {
  const key = filter.key.trim();
  return {
    offset,
    limit: QUEUE_PAGE,
    ...(filter.mapId ? { mapId: filter.mapId } : {}),
    ...(key ? { key } : {}),
    ...(filter.kind === 'held' || filter.kind === 'catch-up' ? { kind: filter.kind } : {}),
  };
}

export class QueueScreen {
  /** kind: '' (both), 'held' or 'catch-up'. */
  filter = $state({ mapId: '', key: '', kind: '' });
  offset = $state(0);
  items = $state.raw<readonly QueueEntry[] | null>(null);
  total = $state(0);
  selected = $state.raw<ReadonlySet<number>>(none());
  problem = $state<string | null>(null);
  done = $state<string | null>(null);
  readonly #api: QueueApi;

  constructor(api: QueueApi) {
    this.#api = api;
  }

  async load(offset = this.offset): Promise<void> {
    const result = await this.#api.queue(queueQuery(this.filter, offset));
    if (!result.ok) {
      this.problem = describeError(result.error);
      return;
    }
    this.offset = offset;
    this.items = result.value.items;
    this.total = result.value.total;
    this.selected = kept(this.selected, this.retryable.map((i) => i.id));
  }

  get retryable(): readonly QueueEntry[] {
    return (this.items ?? []).filter((i) => i.kind === 'catch-up');
  }

  toggle(id: number): void {
    this.selected = toggled(this.selected, id);
  }

  /** Replays the selected catch-up items, or every one of the filtered map's. */
  async retry(target: 'selected' | 'map'): Promise<void> {
    this.problem = this.done = null;
    const call = target === 'selected' ? { ids: [...this.selected] } : { mapId: this.filter.mapId };
    const result = await this.#api.retryQueued(call);
    if (result.ok) {
      this.done = `Replayed ${result.value.retried} catch-up item${result.value.retried === 1 ? '' : 's'}.`;
      this.selected = none();
    } else this.problem = describeError(result.error);
    await this.load();
  }
}
