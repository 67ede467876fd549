/**
 * The first-run setup wizard's state against a fake engine: what each step needs before
 * it lets the admin on, the choice sent to the engine (maps closed under dependencies, in
 * dependency order), the engine's refusals shown with the field they concern, and when
 * the initial sync counts as finished.
 */
import { describe, expect, it } from 'vitest';
import type { InitialSyncStatus, MapStatus, Result, SetupChoice, SetupState } from '../../src/engine/api.ts';
import type { SetupApi } from '../../src/app/setup/setup-wizard.svelte.ts';
import { SetupWizard } from '../../src/app/setup/setup-wizard.svelte.ts';
import { ServerChoice } from '../../src/app/setup/server-choice.svelte.ts';

const map = (id: string, dependsOn: string[] = []): MapStatus => ({ id, name: id, state: 'running', dependsOn, queued: 0, catchUpItems: 0, pendingWrites: 0, catchUp: null });
const MAPS = [map('companies'), map('groups', ['companies']), map('customers', ['companies', 'groups']), map('products', ['companies'])];
const STATE: SetupState = { server: 'http://tandem.test', completedAt: null, skipped: false, companies: null, maps: null };

function fakeEngine(overrides: Partial<SetupApi> = {}) {
  const sent: SetupChoice[] = [];
  const started: { ids: readonly string[]; companies: readonly string[] | undefined }[] = [];
  let status: InitialSyncStatus = { maps: [], overall: { done: 0, total: 0, rate: 0, etaSeconds: null } };
  const api: SetupApi = {
    setup: async () => STATE,
    setServer: async (url) => ({ ok: true, value: { url, version: '0.1.0', stores: { erp: { root: '/erp/data', sets: 29 }, crm: { root: '/crm', sets: 31 } } } }),
    setupCompanies: async () => ({ ok: true, value: [{ value: 'usmf', label: 'Contoso US' }, { value: 'demf', label: 'Contoso DE' }] }),
    mapStatuses: async () => MAPS,
    completeSetup: async (choice): Promise<Result<SetupState>> => {
      if (choice) sent.push(choice);
      return { ok: true, value: { ...STATE, completedAt: '2026-11-22T00:00:00Z', companies: choice?.companies ?? null, maps: choice?.maps ?? null } };
    },
    startInitialSync: async (ids, options) => {
      started.push({ ids, companies: options?.companies });
      return { ok: true, value: status };
    },
    initialSyncStatus: async () => status,
    syncNow: async () => undefined,
    ...overrides,
  };
  const run = (mapId: string, state: 'running' | 'done' | 'failed') => ({ mapId, state, phase: 'done' as const, master: 'erp' as const, companies: null, created: 1, updated: 0, failed: 0, startedAt: null, finishedAt: null, done: 1, total: 1, rate: 0, etaSeconds: 0 });
  return { api, sent, started, setRuns: (runs: ReturnType<typeof run>[]) => (status = { maps: runs, overall: status.overall }), run };
}

describe('setup wizard', () => {
  it('starts with every company and every map chosen, and checks the server', async () => {
    const { api } = fakeEngine();
    const wizard = new SetupWizard(api);
    await wizard.load();
    expect(wizard.server?.url).toBe('http://tandem.test');
    expect([...wizard.chosenCompanies]).toEqual(['usmf', 'demf']);
    expect(wizard.mapIds).toEqual(['companies', 'groups', 'customers', 'products']);
    expect(wizard.problem).toBeNull();
  });

  it('does not leave a step until it is complete, and names what is missing', async () => {
    const { api } = fakeEngine({ setServer: async () => ({ ok: false, error: { code: 'SERVER_UNREACHABLE', message: 'No answer.', details: { field: 'server' } } }) });
    const wizard = new SetupWizard(api);
    await wizard.load();
    expect(wizard.problem).toEqual({ field: 'server', message: 'No answer. (SERVER_UNREACHABLE)' });
    await wizard.next();
    expect(wizard.step).toBe('server');

    wizard.server = { url: 'http://tandem.test', version: '1', stores: {} };
    await wizard.next();
    expect(wizard.step).toBe('companies');
    wizard.toggleCompany('usmf');
    wizard.toggleCompany('demf');
    await wizard.next();
    expect(wizard.step).toBe('companies');
    expect(wizard.problem?.field).toBe('companies');
  });

  it('keeps the map choice closed under dependencies and sends it in dependency order', async () => {
    const { api, sent, started } = fakeEngine();
    const wizard = new SetupWizard(api);
    await wizard.load();
    wizard.toggleMap('groups'); // leaves out customers, which need groups
    expect(wizard.mapIds).toEqual(['companies', 'products']);
    wizard.toggleMap('customers'); // brings groups back
    expect(wizard.mapIds).toEqual(['companies', 'groups', 'customers', 'products']);
    wizard.toggleMap('products');
    wizard.toggleCompany('demf');
    wizard.go('maps');
    await wizard.next();
    expect(sent).toEqual([{ companies: ['usmf'], maps: ['companies', 'groups', 'customers'] }]);
    expect(wizard.step).toBe('initial-sync');

    await wizard.startSync();
    expect(started).toEqual([{ ids: ['companies', 'groups', 'customers'], companies: ['usmf'] }]);
  });

  it("shows the engine's refusal of the choice at the field it names and stays", async () => {
    const { api } = fakeEngine({ completeSetup: async () => ({ ok: false, error: { code: 'UNKNOWN_COMPANY', message: 'You cannot sync demf.', details: { field: 'companies' } } }) });
    const wizard = new SetupWizard(api);
    await wizard.load();
    wizard.go('maps');
    await wizard.next();
    expect(wizard.step).toBe('maps');
    expect(wizard.problem).toEqual({ field: 'companies', message: 'You cannot sync demf. (UNKNOWN_COMPANY)' });
  });

  it('counts the initial sync finished only when every chosen map is done or failed', async () => {
    const fake = fakeEngine();
    const wizard = new SetupWizard(fake.api);
    await wizard.load();
    expect(wizard.syncFinished).toBe(false);
    await wizard.startSync();
    fake.setRuns([fake.run('companies', 'done'), fake.run('groups', 'running')]);
    await wizard.poll();
    expect(wizard.syncFinished).toBe(false);
    fake.setRuns(['companies', 'groups', 'customers', 'products'].map((id) => fake.run(id, id === 'products' ? 'failed' : 'done')));
    await wizard.poll();
    expect(wizard.syncFinished).toBe(true);
  });
});

describe('server choice', () => {
  it('keeps the current server until the engine takes a new one, and says why it did not', async () => {
    let current = 'http://a.test';
    const choice = new ServerChoice({
      setup: async () => ({ ...STATE, server: current }),
      setServer: async (url) => (url.includes('bad') ? { ok: false, error: { code: 'NOT_A_TANDEM_SERVER', message: `${url} is not Tandem.` } } : { ok: true, value: { url: (current = url.replace(/\/$/, '')), version: '2', stores: {} } }),
    });
    await choice.load();
    expect(choice.current).toBe('http://a.test');
    choice.edit();
    choice.text = 'http://bad.test';
    expect(await choice.save()).toBe(false);
    expect(choice.error).toContain('NOT_A_TANDEM_SERVER');
    expect(choice.current).toBe('http://a.test');
    choice.text = 'http://b.test/';
    expect(await choice.save()).toBe(true);
    expect(choice.current).toBe('http://b.test');
    expect(choice.editing).toBe(false);
    expect(choice.confirmed).toContain('Tandem 2');
  });
});
