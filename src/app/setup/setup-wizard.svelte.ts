/**
 * The first-run setup wizard an admin walks after signing in on a new device: the server
 * (checked), the companies, the maps (the installed standard catalog preselected; a map
 * brings the maps it depends on), an initial sync with its progress, and going live.
 * The server address itself is chosen before signing in (ServerField on the sign-in
 * screen): a device moves to another server only while it holds nothing of the first.
 */
import type { Choice, EngineApi, InitialSyncStatus, MapStatus, ServerInfo, SetupState } from '../../engine/api.ts';
import { none, selectionOf, toggled } from '../sync-center/selection.ts';
import { describeError } from '../sync-center/sync-format.ts';
import { inOrder, toggleMap } from '../sync-center/initial-sync/plan.ts';

export type SetupApi = Pick<EngineApi, 'setup' | 'setServer' | 'setupCompanies' | 'mapStatuses' | 'completeSetup' | 'startInitialSync' | 'initialSyncStatus' | 'syncNow'>;

export const STEPS = [
  { id: 'server', label: 'Server' },
  { id: 'companies', label: 'Companies' },
  { id: 'maps', label: 'Maps' },
  { id: 'initial-sync', label: 'Initial sync' },
  { id: 'live', label: 'Go live' },
] as const;

export type SetupStep = (typeof STEPS)[number]['id'];

export interface StepProblem {
  /** The part of the step it concerns ('server', 'companies', 'maps'), for aria-describedby. */
  readonly field: string | null;
  readonly message: string;
}

export class SetupWizard {
  step = $state<SetupStep>('server');
  state = $state.raw<SetupState | null>(null);
  server = $state.raw<ServerInfo | null>(null);
  companies = $state.raw<readonly Choice[]>([]);
  chosenCompanies = $state.raw<ReadonlySet<string>>(none());
  maps = $state.raw<readonly MapStatus[]>([]);
  chosenMaps = $state.raw<ReadonlySet<string>>(none());
  sync = $state.raw<InitialSyncStatus | null>(null);
  /** The initial sync of this setup was started (its runs are the ones shown). */
  syncStarted = $state(false);
  problem = $state.raw<StepProblem | null>(null);
  busy = $state(false);
  readonly #api: SetupApi;

  constructor(api: SetupApi) {
    this.#api = api;
  }

  get index(): number {
    return STEPS.findIndex((s) => s.id === this.step);
  }

  /** Maps to run: the chosen ones, in dependency order (the choice is closed under dependencies). */
  get mapIds(): string[] {
    return inOrder(this.chosenMaps, this.maps);
  }

  /** Whether the initial sync of this setup has finished (every run done or failed). */
  get syncFinished(): boolean {
    const runs = this.sync?.maps.filter((m) => this.mapIds.includes(m.mapId)) ?? [];
    return this.syncStarted && runs.length > 0 && runs.every((r) => r.state === 'done' || r.state === 'failed');
  }

  async load(): Promise<void> {
    await this.#work(async () => {
      const state = await this.#api.setup();
      this.state = state;
      const [server, companies, maps] = await Promise.all([this.#api.setServer(state.server), this.#api.setupCompanies(), this.#api.mapStatuses()]);
      this.maps = maps;
      // What was chosen before, else every company and every installed map (the standard catalog).
      this.chosenMaps = selectionOf(state.maps ?? maps.map((m) => m.id));
      if (companies.ok) {
        this.companies = companies.value;
        this.chosenCompanies = selectionOf(state.companies ?? companies.value.map((c) => c.value));
      }
      if (!server.ok) return this.#fail(server.error.details?.['field'], describeError(server.error));
      this.server = server.value;
      if (!companies.ok) this.#fail('companies', describeError(companies.error));
    });
  }

  toggleCompany(code: string): void {
    this.chosenCompanies = toggled(this.chosenCompanies, code);
  }

  toggleMap(id: string): void {
    this.chosenMaps = toggleMap(this.chosenMaps, id, this.maps);
  }

  go(step: SetupStep): void {
    this.problem = null;
    this.step = step;
  }

  /** Leaves the current step if what it asks is complete; the maps step applies the choice in the engine. */
  async next(): Promise<void> {
    this.problem = null;
    if (this.step === 'server') {
      if (!this.server) return this.#fail('server', 'The server has not answered yet: check the connection, then try again.');
      return this.go('companies');
    }
    if (this.step === 'companies') {
      if (this.chosenCompanies.size === 0) return this.#fail('companies', 'Choose at least one company.');
      return this.go('maps');
    }
    if (this.step === 'maps') {
      if (this.chosenMaps.size === 0) return this.#fail('maps', 'Choose at least one map.');
      await this.#work(async () => {
        const done = await this.#api.completeSetup({ companies: [...this.chosenCompanies], maps: this.mapIds });
        if (!done.ok) return this.#fail(done.error.details?.['field'], describeError(done.error));
        this.state = done.value;
        this.maps = await this.#api.mapStatuses();
        this.go('initial-sync');
      });
      return;
    }
    if (this.step === 'initial-sync') return this.go('live');
  }

  back(): void {
    const previous = STEPS[this.index - 1];
    if (previous) this.go(previous.id);
  }

  async startSync(): Promise<void> {
    await this.#work(async () => {
      const started = await this.#api.startInitialSync(this.mapIds, { companies: [...this.chosenCompanies], rerun: 'all' });
      if (!started.ok) return this.#fail(null, describeError(started.error));
      this.sync = started.value;
      this.syncStarted = true;
    });
  }

  async poll(): Promise<void> {
    if (this.syncStarted) this.sync = await this.#api.initialSyncStatus();
  }

  /** The last step: the maps are running already; sync once more so the agent's data is current. */
  async goLive(): Promise<void> {
    await this.#work(() => this.#api.syncNow());
  }

  #fail(field: unknown, message: string): void {
    this.problem = { field: typeof field === 'string' ? field : null, message };
  }

  async #work(job: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await job();
    } catch (error) {
      this.#fail(null, error instanceof Error ? error.message : String(error));
    } finally {
      this.busy = false;
    }
  }
}
