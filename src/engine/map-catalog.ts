/**
 * The installed maps (issue 4's map packages, run by the engine): the catalog the engine
 * syncs with is kept in `meta.catalog` (absent: the standard catalog), and changes only
 * through these operations —
 *
 *   save      one edited map, only while it is stopped; its version's last part goes up
 *   export    a set of maps (and the alert rules) as one versioned package file
 *   preview   an import's diff against the installed maps and its upgrade steps, changing nothing
 *   import    validate (against both stores' $metadata when it can be had), then run the
 *             plan: pause the running maps it touches (dependents first), install, resume
 *             (dependencies first) — so a queue never holds changes made under two versions
 *
 * Every refusal is a list of MapErrors (code, JSON path, message), and nothing is installed.
 */
import { exportPackage, importPackage, saveMap, STANDARD_MAPS } from '../core/maps/index.ts';
import type { CatalogDiff, MapError, MapPackage, MapState, StoreMetadata, TableMap, UpgradeStep } from '../core/maps/index.ts';
import type { AlertRule } from '../core/maps/package.ts';
import type { EngineContext } from './context.ts';

const CATALOG = 'catalog';
const METADATA = 'storeMetadata';

/** What the catalog needs from the rest of the engine. */
export interface CatalogHost {
  /** Each map's state as the map language knows it (running, paused, or stopped for anything else). */
  states(): Readonly<Record<string, MapState>>;
  pause(ids: readonly string[]): Promise<void>;
  resume(ids: readonly string[]): Promise<void>;
  /** Both stores' $metadata, fetched when online; null when it cannot be had. */
  fetchMetadata(): Promise<StoreMetadata | null>;
  /** The engine starts using `maps` (after they are saved). */
  install(maps: readonly TableMap[]): void;
  alertRules(): Promise<readonly AlertRule[]>;
  saveAlertRules(rules: readonly AlertRule[]): Promise<void>;
}

export interface MapProblem {
  readonly code: string;
  readonly path: string | null;
  readonly mapId: string;
  readonly message: string;
}

export type CatalogResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly MapProblem[] };

export interface ImportPreview {
  readonly publisher: string;
  readonly version: string;
  readonly diff: CatalogDiff;
  readonly steps: readonly UpgradeStep[];
  readonly alertRules: number;
}

export async function loadCatalog(ctx: EngineContext): Promise<TableMap[]> {
  const saved = (await ctx.db.meta.get(CATALOG))?.value as TableMap[] | undefined;
  return saved ?? [...STANDARD_MAPS];
}

export class MapCatalog {
  constructor(
    private readonly ctx: EngineContext,
    private readonly host: CatalogHost,
  ) {}

  maps(): readonly TableMap[] {
    return this.ctx.maps;
  }

  async save(edited: TableMap): Promise<CatalogResult<TableMap>> {
    const state = this.host.states()[edited.id] ?? 'stopped';
    const result = saveMap(this.ctx.maps, edited, state, (await this.#metadata()) ?? undefined);
    if (!result.ok) return refused(result.errors);
    await this.#install(result.catalog);
    return { ok: true, value: result.map };
  }

  async export(ids: readonly string[] | null, publisher: string, version: string): Promise<MapPackage> {
    const maps = ids === null ? this.ctx.maps : this.ctx.maps.filter((m) => ids.includes(m.id));
    return exportPackage({ publisher, version, maps, alertRules: await this.host.alertRules() });
  }

  async preview(text: string): Promise<CatalogResult<ImportPreview>> {
    const result = importPackage(text, this.ctx.maps, (await this.#metadata()) ?? undefined, this.host.states());
    if (!result.ok) return refused(result.errors);
    const { publisher, version, diff, steps, alertRules } = result.plan;
    return { ok: true, value: { publisher, version, diff, steps, alertRules: alertRules.length } };
  }

  async import(text: string): Promise<CatalogResult<ImportPreview>> {
    const result = importPackage(text, this.ctx.maps, (await this.#metadata()) ?? undefined, this.host.states());
    if (!result.ok) return refused(result.errors);
    const plan = result.plan;
    for (const step of plan.steps) {
      if (step.action === 'pause') await this.host.pause(step.maps);
      else if (step.action === 'install') {
        await this.#install(plan.catalog);
        if (plan.alertRules.length > 0) await this.host.saveAlertRules(mergeRules(await this.host.alertRules(), plan.alertRules));
      } else await this.host.resume(step.maps);
    }
    const { publisher, version, diff, steps, alertRules } = plan;
    return { ok: true, value: { publisher, version, diff, steps, alertRules: alertRules.length } };
  }

  async #install(catalog: readonly TableMap[]): Promise<void> {
    await this.ctx.db.meta.put({ name: CATALOG, value: catalog });
    this.host.install(catalog);
  }

  /** Fresh $metadata when online (kept for offline use), else the last copy; null if never fetched. */
  async #metadata(): Promise<StoreMetadata | null> {
    const fresh = await this.host.fetchMetadata().catch(() => null);
    if (fresh) {
      await this.ctx.db.meta.put({ name: METADATA, value: fresh });
      return fresh;
    }
    return ((await this.ctx.db.meta.get(METADATA))?.value as StoreMetadata | undefined) ?? null;
  }
}

/** A package's rules replace installed rules with the same id; the others stay. */
function mergeRules(installed: readonly AlertRule[], incoming: readonly AlertRule[]): AlertRule[] {
  const ids = new Set(incoming.map((r) => r.id));
  return [...installed.filter((r) => !ids.has(r.id)), ...incoming];
}

function refused(errors: readonly MapError[]): { ok: false; problems: MapProblem[] } {
  return { ok: false, problems: errors.map((e) => ({ code: e.code, path: e.path ?? null, mapId: e.mapId, message: e.message })) };
}
