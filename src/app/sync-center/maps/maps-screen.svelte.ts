/**
 * The maps screen's state: every map's status, the bulk selection, and the play / pause /
 * resume / stop actions on the selection. A start refused with MAP_DEPENDENCIES_NOT_RUNNING
 * keeps the maps it needs in `needs`, so the screen can offer "start with dependencies";
 * skip-discard is asked in `confirmDiscard` before it is sent with confirm = true.
 */
import type { EngineApi, EngineError, MapStatus, Result, ResumeMode } from '../../../engine/api.ts';
import { allSelected, kept, none, toggled, toggledAll } from '../selection.ts';
import { describeError } from '../sync-format.ts';

export type MapsApi = Pick<EngineApi, 'mapStatuses' | 'startMaps' | 'pauseMaps' | 'resumeMaps' | 'stopMaps'>;

export class MapsScreen {
  maps = $state.raw<readonly MapStatus[] | null>(null);
  selected = $state.raw<ReadonlySet<string>>(none());
  /** Maps a refused start depends on that are not running (in dependency order). */
  needs = $state.raw<readonly string[] | null>(null);
  confirmDiscard = $state(false);
  busy = $state(false);
  problem = $state<string | null>(null);
  done = $state<string | null>(null);
  readonly #api: MapsApi;

  constructor(api: MapsApi) {
    this.#api = api;
  }

  get ids(): readonly string[] {
    return (this.maps ?? []).map((m) => m.id);
  }

  get allSelected(): boolean {
    return allSelected(this.selected, this.ids);
  }

  async load(): Promise<void> {
    try {
      this.maps = await this.#api.mapStatuses();
      this.selected = kept(this.selected, this.ids);
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  toggle(id: string): void {
    this.selected = toggled(this.selected, id);
  }

  toggleAll(): void {
    this.selected = toggledAll(this.selected, this.ids);
  }

  async start(withDependencies = false): Promise<void> {
    const ids = [...this.selected];
    const result = await this.#run('Started', () => this.#api.startMaps(ids, { withDependencies }));
    if (result && !result.ok && result.error.code === 'MAP_DEPENDENCIES_NOT_RUNNING') this.needs = needsOf(result.error);
  }

  pause(): Promise<unknown> {
    const ids = [...this.selected];
    return this.#run('Paused', () => this.#api.pauseMaps(ids));
  }

  stop(): Promise<unknown> {
    const ids = [...this.selected];
    return this.#run('Stopped', () => this.#api.stopMaps(ids));
  }

  /** skip-discard asks first: the dialog's yes calls `discard()`. */
  async resume(mode: ResumeMode): Promise<void> {
    if (mode === 'skip-discard') {
      this.confirmDiscard = true;
      return;
    }
    const ids = [...this.selected];
    await this.#run(mode === 'catch-up' ? 'Resuming with catch-up' : 'Resumed, held changes kept as catch-up items', () => this.#api.resumeMaps(ids, mode));
  }

  async answerDiscard(yes: boolean): Promise<void> {
    this.confirmDiscard = false;
    if (!yes) return;
    const ids = [...this.selected];
    await this.#run('Resumed, held changes discarded', () => this.#api.resumeMaps(ids, 'skip-discard', true));
  }

  /** Held changes the selected maps would lose with skip-discard. */
  get heldInSelection(): number {
    return (this.maps ?? []).filter((m) => this.selected.has(m.id)).reduce((sum, m) => sum + m.queued, 0);
  }

  async #run(verb: string, call: () => Promise<Result<unknown>>): Promise<Result<unknown> | null> {
    if (this.selected.size === 0 || this.busy) return null;
    this.busy = true;
    this.problem = this.done = null;
    this.needs = null;
    try {
      const result = await call();
      if (result.ok) this.done = `${verb}: ${[...this.selected].join(', ')}`;
      else this.problem = describeError(result.error);
      await this.load();
      return result;
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      this.busy = false;
    }
  }
}

function needsOf(error: EngineError): readonly string[] {
  const needs = error.details?.['needs'];
  return Array.isArray(needs) ? needs.map(String) : [];
}
