/**
 * The map editor's state: the installed maps and their run states, the map being edited
 * as a draft, each side's live filter preview (filter-preview.svelte.ts), and saving it
 * (only while it is stopped; the engine lists every problem with its JSON path when it
 * refuses).
 */
import type { ConflictRule, TableMap } from '../../../core/maps/index.ts';
import type { EngineApi, MapProblem, MapStatus, Side } from '../../../engine/api.ts';
import { describeError } from '../sync-format.ts';
import { FilterPreviewField, type PreviewApi } from './filter-preview.svelte.ts';
import { editable, withConflict, withFilter, withPairAdded, withPairRemoved, withValuePair } from './map-draft.ts';

export type EditorApi = Pick<EngineApi, 'maps' | 'mapStatuses' | 'saveMap'> & PreviewApi;

const SIDES: readonly Side[] = ['erp', 'crm'];

export class MapEditor {
  maps = $state.raw<readonly TableMap[]>([]);
  statuses = $state.raw<readonly MapStatus[]>([]);
  draft = $state.raw<TableMap | null>(null);
  problems = $state.raw<readonly MapProblem[]>([]);
  problem = $state<string | null>(null);
  done = $state<string | null>(null);
  readonly previews: Readonly<Record<Side, FilterPreviewField>>;
  readonly #api: EditorApi;

  constructor(api: EditorApi) {
    this.#api = api;
    const field = (side: Side) => new FilterPreviewField(api, side, () => this.draft?.[side].set ?? null);
    this.previews = { erp: field('erp'), crm: field('crm') };
  }

  async load(): Promise<void> {
    [this.maps, this.statuses] = await Promise.all([this.#api.maps(), this.#api.mapStatuses()]);
    if (!this.draft && this.maps[0]) this.open(this.maps[0].id);
  }

  open(id: string): void {
    this.draft = this.maps.find((m) => m.id === id) ?? null;
    this.problems = [];
    this.problem = this.done = null;
    for (const side of SIDES) void this.previews[side].check(this.draft?.[side].filter ?? '');
  }

  /** Text typed in a side's filter (not yet the draft's: that is on change): previewed after a pause. */
  typeFilter(side: Side, text: string): void {
    this.previews[side].type(text);
  }

  dispose(): void {
    for (const side of SIDES) this.previews[side].dispose();
  }

  get state() {
    return this.statuses.find((s) => s.id === this.draft?.id)?.state;
  }

  get editable(): boolean {
    return editable(this.state);
  }

  get dirty(): boolean {
    return this.draft !== null && this.draft !== this.maps.find((m) => m.id === this.draft?.id);
  }

  setFilter(side: 'erp' | 'crm', text: string): void {
    if (this.draft) this.draft = withFilter(this.draft, side, text);
  }

  setConflict(rule: ConflictRule): void {
    if (this.draft) this.draft = withConflict(this.draft, rule);
  }

  setPair(field: number, pair: number, side: 'erp' | 'crm', text: string): void {
    if (this.draft) this.draft = withValuePair(this.draft, field, pair, side, text);
  }

  addPair(field: number): void {
    if (this.draft) this.draft = withPairAdded(this.draft, field);
  }

  removePair(field: number, pair: number): void {
    if (this.draft) this.draft = withPairRemoved(this.draft, field, pair);
  }

  async save(): Promise<void> {
    if (!this.draft) return;
    this.problem = this.done = null;
    const result = await this.#api.saveMap($state.snapshot(this.draft) as TableMap);
    if (!result.ok) {
      const problems = result.error.details?.['problems'];
      this.problems = Array.isArray(problems) ? (problems as MapProblem[]) : [];
      this.problem = describeError(result.error);
      return;
    }
    this.problems = [];
    this.done = `Saved ${result.value.name} as version ${result.value.version}.`;
    this.draft = null;
    await this.load();
    this.open(result.value.id);
    this.done = `Saved ${result.value.name} as version ${result.value.version}.`;
  }
}
