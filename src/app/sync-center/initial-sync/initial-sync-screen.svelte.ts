/**
 * The initial sync wizard's state: the maps and companies chosen, the run's progress
 * (polled while the screen is open), and one map's failures, searched and paged, with
 * re-run failed and re-sync one record.
 */
import type { Choice, EngineApi, InitialSyncFailure, InitialSyncStatus, MapStatus } from '../../../engine/api.ts';
import { none, toggled } from '../selection.ts';
import { describeError, keyText } from '../sync-format.ts';
import { inOrder, toggleMap } from './plan.ts';

export type InitialSyncApi = Pick<EngineApi, 'mapStatuses' | 'choices' | 'startInitialSync' | 'initialSyncStatus' | 'initialSyncFailures' | 'resyncRecord'>;

export const FAILURE_PAGE = 20;

export class InitialSyncScreen {
  maps = $state.raw<readonly MapStatus[]>([]);
  companies = $state.raw<readonly Choice[]>([]);
  chosenMaps = $state.raw<ReadonlySet<string>>(none());
  chosenCompanies = $state.raw<ReadonlySet<string>>(none());
  status = $state.raw<InitialSyncStatus | null>(null);
  failuresOf = $state<string | null>(null);
  failureSearch = $state('');
  failures = $state.raw<readonly InitialSyncFailure[]>([]);
  failureTotal = $state(0);
  failureOffset = $state(0);
  problem = $state<string | null>(null);
  done = $state<string | null>(null);
  readonly #api: InitialSyncApi;

  constructor(api: InitialSyncApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    const [maps, choices] = await Promise.all([this.#api.mapStatuses(), this.#api.choices()]);
    this.maps = maps;
    this.companies = choices.companies;
    await this.poll();
  }

  async poll(): Promise<void> {
    this.status = await this.#api.initialSyncStatus();
  }

  toggleMap(id: string): void {
    this.chosenMaps = toggleMap(this.chosenMaps, id, this.maps);
  }

  toggleCompany(code: string): void {
    this.chosenCompanies = toggled(this.chosenCompanies, code);
  }

  async start(mapIds = inOrder(this.chosenMaps, this.maps), rerun?: 'all' | 'failed'): Promise<void> {
    this.problem = this.done = null;
    const companies = [...this.chosenCompanies];
    const options = { ...(companies.length > 0 ? { companies } : {}), ...(rerun ? { rerun } : {}) };
    const result = await this.#api.startInitialSync(mapIds, options);
    if (!result.ok) {
      const missing = result.error.details?.['missing'];
      this.problem = describeError(result.error) + (Array.isArray(missing) ? ` — needs ${missing.join(', ')}` : '');
      return;
    }
    this.status = result.value;
    this.done = rerun === 'failed' ? `Re-running the failed rows of ${mapIds.join(', ')}.` : `Initial sync started for ${mapIds.join(', ')}.`;
  }

  async showFailures(mapId: string, offset = 0): Promise<void> {
    this.failuresOf = mapId;
    const search = this.failureSearch.trim();
    const result = await this.#api.initialSyncFailures(mapId, { offset, limit: FAILURE_PAGE, ...(search ? { search } : {}) });
    if (!result.ok) {
      this.problem = describeError(result.error);
      return;
    }
    this.failureOffset = offset;
    this.failures = result.value.rows;
    this.failureTotal = result.value.total;
  }

  async resync(failure: InitialSyncFailure): Promise<void> {
    const result = await this.#api.resyncRecord(failure.mapId, failure.side, failure.key);
    if (!result.ok) this.problem = describeError(result.error);
    else if (result.value.failure) this.problem = `Still failing: ${result.value.failure.message} (${result.value.failure.code})`;
    else this.done = `${keyText(failure.key)}: ${result.value.created} created, ${result.value.updated} updated.`;
    await this.showFailures(failure.mapId, this.failureOffset);
    await this.poll();
  }
}
