/**
 * The conflict inbox's state: open conflicts (or the conflict log, every decided one),
 * a page at a time, the one opened in the three-way view and the draft of its decision.
 */
import type { ConflictEntry, EngineApi } from '../../../engine/api.ts';
import { describeError } from '../sync-format.ts';
import type { Choice, Draft } from './conflict-draft.ts';
import { choose, chooseAll, emptyDraft, resolution } from './conflict-draft.ts';

export type ConflictsApi = Pick<EngineApi, 'conflicts' | 'conflictLog' | 'resolveConflict'>;
export type ConflictView = 'inbox' | 'log';

export const CONFLICT_PAGE = 20;

export class ConflictsScreen {
  view = $state<ConflictView>('inbox');
  search = $state('');
  offset = $state(0);
  rows = $state.raw<readonly ConflictEntry[] | null>(null);
  total = $state(0);
  open = $state.raw<ConflictEntry | null>(null);
  draft = $state.raw<Draft>({});
  problem = $state<string | null>(null);
  done = $state<string | null>(null);
  readonly #api: ConflictsApi;

  constructor(api: ConflictsApi) {
    this.#api = api;
  }

  async load(offset = this.offset): Promise<void> {
    const query = { offset, limit: CONFLICT_PAGE, ...(this.search.trim() ? { search: this.search.trim() } : {}) };
    const result = this.view === 'inbox' ? await this.#api.conflicts({ ...query, status: 'open' }) : await this.#api.conflictLog(query);
    if (!result.ok) {
      this.problem = describeError(result.error);
      return;
    }
    this.offset = offset;
    this.rows = result.value.rows;
    this.total = result.value.total;
  }

  show(view: ConflictView): Promise<void> {
    this.view = view;
    this.open = null;
    return this.load(0);
  }

  select(conflict: ConflictEntry): void {
    this.open = conflict;
    this.draft = emptyDraft(conflict);
    this.problem = this.done = null;
  }

  choose(field: string, choice: Choice, edit?: string): void {
    this.draft = choose(this.draft, field, choice, edit);
  }

  chooseAll(choice: 'local' | 'server'): void {
    this.draft = chooseAll(this.draft, choice);
  }

  get ready(): boolean {
    return this.open !== null && this.open.status === 'open' && resolution(this.open, this.draft) !== null;
  }

  async resolve(): Promise<void> {
    const conflict = this.open;
    const decided = conflict && resolution(conflict, this.draft);
    if (!conflict || !decided) return;
    const result = await this.#api.resolveConflict(conflict.id, decided);
    if (!result.ok) {
      this.problem = describeError(result.error);
      return;
    }
    this.done = `Conflict on ${conflict.set} resolved; the chosen values are on their way to both stores.`;
    this.open = null;
    await this.load();
  }
}
