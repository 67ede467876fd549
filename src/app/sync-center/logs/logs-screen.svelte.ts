/**
 * The logs screen's state: which log, its filter, a page of entries, the selected errors
 * and the retry / skip / discard actions on them, export, and the retention bounds.
 */
import type { ActivityLogEntry, ConflictEntry, EngineApi, ErrorLogEntry, LogName, LogRetentionInfo, RecordHistory } from '../../../engine/api.ts';
import { kept, none, toggled, toggledAll } from '../selection.ts';
import { describeError } from '../sync-format.ts';
import type { LogFilter } from './log-filter.ts';
import { logQuery, NO_FILTER, parseRetention } from './log-filter.ts';
import { summarize } from './summary.ts';

export { summarize } from './summary.ts';

export type LogsApi = Pick<EngineApi, 'activityLog' | 'errorLog' | 'conflictLog' | 'retryErrors' | 'skipErrors' | 'discardErrors' | 'exportLog' | 'logRetention' | 'setLogRetention' | 'recordHistory'>;
export type ErrorAction = 'retry' | 'skip' | 'discard';

export const LOG_PAGE = 25;

type Entry = ActivityLogEntry | ErrorLogEntry | ConflictEntry;

export class LogsScreen {
  log = $state<LogName>('activity');
  filter = $state<LogFilter>({ ...NO_FILTER });
  offset = $state(0);
  rows = $state.raw<readonly Entry[] | null>(null);
  total = $state(0);
  selected = $state.raw<ReadonlySet<number>>(none());
  retention = $state.raw<LogRetentionInfo | null>(null);
  retentionForm = $state({ maxEntries: '', maxAgeDays: '' });
  retentionProblem = $state<{ field: string; message: string } | null>(null);
  problem = $state<string | null>(null);
  done = $state<string | null>(null);
  /** One record's history across both stores, when the admin asked for it. */
  history = $state.raw<RecordHistory | null>(null);
  readonly #api: LogsApi;

  constructor(api: LogsApi) {
    this.#api = api;
  }

  async load(offset = this.offset): Promise<void> {
    const query = logQuery(this.log, this.filter, { offset, limit: LOG_PAGE });
    const call = this.log === 'activity' ? this.#api.activityLog(query) : this.log === 'errors' ? this.#api.errorLog(query) : this.#api.conflictLog(query);
    const result = await call;
    if (!result.ok) {
      this.problem = describeError(result.error);
      return;
    }
    this.problem = null;
    this.offset = offset;
    this.rows = result.value.rows;
    this.total = result.value.total;
    this.selected = kept(this.selected, this.rows.map((r) => r.id));
  }

  show(log: LogName): Promise<void> {
    this.log = log;
    this.filter = { ...NO_FILTER };
    this.selected = none();
    this.done = null;
    return this.load(0);
  }

  /** Everything that happened to a record and its counterparts, oldest first. */
  async showHistory(rowId: string): Promise<void> {
    const result = await this.#api.recordHistory(rowId);
    if (!result.ok) {
      this.problem = describeError(result.error);
      return;
    }
    this.history = result.value;
  }

  closeHistory(): void {
    this.history = null;
  }

  toggle(id: number): void {
    this.selected = toggled(this.selected, id);
  }

  toggleAll(): void {
    this.selected = toggledAll(this.selected, (this.rows ?? []).map((r) => r.id));
  }

  async act(action: ErrorAction, ids: readonly number[] = [...this.selected]): Promise<void> {
    if (ids.length === 0) return;
    const method = action === 'retry' ? 'retryErrors' : action === 'skip' ? 'skipErrors' : 'discardErrors';
    const results = await this.#api[method](ids);
    this.done = summarize(results);
    this.selected = none();
    await this.load();
  }

  /** The whole filtered log (no paging) as CSV or JSON text, or null with `problem` set. */
  async exportText(format: 'csv' | 'json'): Promise<string | null> {
    const result = await this.#api.exportLog(this.log, format, logQuery(this.log, this.filter));
    if (result.ok) return result.value;
    this.problem = describeError(result.error);
    return null;
  }

  async loadRetention(): Promise<void> {
    this.retention = await this.#api.logRetention();
    this.retentionForm = { maxEntries: String(this.retention.maxEntries), maxAgeDays: String(this.retention.maxAgeDays) };
  }

  async saveRetention(): Promise<void> {
    const parsed = parseRetention(this.retentionForm);
    if (!parsed.ok) {
      this.retentionProblem = { field: parsed.field, message: parsed.message };
      return;
    }
    const result = await this.#api.setLogRetention(parsed.value);
    if (!result.ok) {
      this.retentionProblem = { field: String(result.error.details?.['field'] ?? 'maxEntries'), message: describeError(result.error) };
      return;
    }
    this.retentionProblem = null;
    this.retention = result.value;
    this.done = 'Retention saved; older entries were dropped at once.';
    await this.load();
  }
}
