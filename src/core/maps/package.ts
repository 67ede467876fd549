/**
 * Map packages: the ALM story (dual-write.md §1.8, §3.3).
 *
 *   exportPackage   maps → {format, formatVersion: 1, publisher, version, maps, alerts?, alertRules?}
 *   importPackage   untrusted JSON → parse (package-parse.ts) → validate the resulting
 *                   catalog → diff against the installed maps → an upgrade plan; on any
 *                   error nothing is returned but the errors (the caller installs the plan)
 *   saveMap         an edit, only while the map is stopped; bumps the version's last part
 *
 * A package adds and replaces maps by id; it never removes one (removing is its own act).
 * A replaced map must carry a higher version. Running maps touched by the upgrade — the
 * changed ones and every running map that depends on them, directly or through lookups —
 * are paused first (dependents before their dependencies) and resumed after (dependencies
 * first), so their queues hold only changes made under one version of the maps.
 */
import { MapError } from './errors.ts';
import type { ParsedMetadata, StoreMetadata } from './metadata.ts';
import { diffMaps, type CatalogDiff } from './package-diff.ts';
import { parseShaped } from './package-parse.ts';
import { MAP_PACKAGE } from './package-schema.ts';
import { edges } from './validate-graph.ts';
import { VERSION } from './validate-language.ts';
import { validateMaps } from './validate.ts';
import type { MapState, TableMap } from './types.ts';

export { diffMaps, type CatalogDiff, type MapDiff } from './package-diff.ts';

export const PACKAGE_FORMAT = 'tandem-map-package';
export const PACKAGE_FORMAT_VERSION = 1;

export interface AlertSetting {
  code?: string;
  threshold: number;
  windowMinutes: number;
  action: 'none' | 'pause' | 'stop';
  maps?: string[];
}

/**
 * An alert rule as data (evaluated by src/engine/alerts.ts; shape in package-schema.ts
 * ALERT_RULE). threshold: a count for errors / queue-length / conflicts, minutes for
 * queue-age / sync-lag, a percent of the quota for storage.
 */
export interface AlertRule {
  id: string;
  name: string;
  metric: 'errors' | 'queue-length' | 'queue-age' | 'sync-lag' | 'conflicts' | 'storage';
  /** errors only: count only errors with this code. */
  errorCode?: string;
  /** errors only (required there): count errors of the last N minutes. */
  windowMinutes?: number;
  threshold: number;
  /** Watch one map (and the map that 'pause' / 'stop' act on). */
  mapId?: string;
  action: 'notify' | 'pause' | 'stop';
  enabled: boolean;
}

export interface MapPackage {
  format: typeof PACKAGE_FORMAT;
  formatVersion: typeof PACKAGE_FORMAT_VERSION;
  publisher: string;
  version: string;
  maps: TableMap[];
  alerts?: AlertSetting[];
  alertRules?: AlertRule[];
}

export function exportPackage(input: { publisher: string; version: string; maps: readonly TableMap[]; alerts?: readonly AlertSetting[]; alertRules?: readonly AlertRule[] }): MapPackage {
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    publisher: input.publisher,
    version: input.version,
    maps: input.maps.map(copy),
    ...(input.alerts === undefined ? {} : { alerts: input.alerts.map(copy) }),
    ...(input.alertRules === undefined ? {} : { alertRules: input.alertRules.map(copy) }),
  };
}

export interface UpgradeStep {
  action: 'pause' | 'install' | 'resume';
  maps: string[];
}

export interface ImportPlan {
  publisher: string;
  version: string;
  diff: CatalogDiff;
  /** The catalog after the upgrade: installed maps, replaced or added by the package's. */
  catalog: TableMap[];
  /** pause (dependents first) → install → resume (dependencies first). */
  steps: UpgradeStep[];
  alerts: AlertSetting[];
  /** The package's alert rules (shape-checked; the engine checks ids and maps on save). */
  alertRules: AlertRule[];
}

export type ImportResult = { ok: true; plan: ImportPlan } | { ok: false; errors: MapError[] };

export function importPackage(
  json: unknown,
  installed: readonly TableMap[],
  metadata?: StoreMetadata | ParsedMetadata,
  states: Readonly<Record<string, MapState>> = {},
): ImportResult {
  const text = typeof json === 'string' ? parseText(json) : { ok: true as const, value: json };
  if (!text.ok) return text;
  const parsed = parseShaped<MapPackage>(text.value, MAP_PACKAGE);
  if (!parsed.ok) return parsed;
  const pkg = parsed.value;
  const errors: MapError[] = [];
  const incoming = new Map(pkg.maps.map((m, i) => [m.id, i]));
  const catalog: TableMap[] = installed.map((m) => (incoming.has(m.id) ? (pkg.maps[incoming.get(m.id) ?? 0] as TableMap) : copy(m)));
  for (const m of pkg.maps) if (!installed.some((x) => x.id === m.id)) catalog.push(m);
  const diff = diffMaps(installed, catalog);
  for (const changed of diff.changed) {
    if (newer(changed.to, changed.from)) continue;
    const at = incoming.get(changed.id) ?? 0;
    errors.push(new MapError('MAP_VERSION_NOT_NEWER', { mapId: changed.id, path: `$.maps[${at}].version` }, `version ${changed.to} changes the installed ${changed.from}; give it a higher version`));
  }
  const position = (id: string): number | undefined => incoming.get(id);
  for (const error of validateMaps(catalog, metadata)) {
    const at = position(error.mapId);
    if (at === undefined && error.code !== 'MAP_CYCLE' && error.code !== 'MAP_DUPLICATE_ID') continue;
    errors.push(at === undefined ? error : repath(error, catalog.findIndex((m) => m.id === error.mapId), at));
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, plan: { publisher: pkg.publisher, version: pkg.version, diff, catalog, steps: upgradeSteps(catalog, diff, states), alerts: pkg.alerts ?? [], alertRules: pkg.alertRules ?? [] } };
}

/** pause → install → resume, for the running maps the upgrade touches. */
function upgradeSteps(catalog: readonly TableMap[], diff: CatalogDiff, states: Readonly<Record<string, MapState>>): UpgradeStep[] {
  const changed = new Set(diff.changed.map((d) => d.id));
  const touched = new Set(changed);
  for (let grew = true; grew; ) {
    grew = false;
    for (const map of catalog) {
      if (touched.has(map.id) || !edges(map).some((e) => touched.has(e.to))) continue;
      touched.add(map.id);
      grew = true;
    }
  }
  const order = dependencyOrder(catalog);
  const running = order.filter((id) => touched.has(id) && states[id] === 'running');
  const install = [...diff.added, ...diff.changed.map((d) => d.id)];
  return [
    ...(running.length > 0 ? [{ action: 'pause' as const, maps: [...running].reverse() }] : []),
    ...(install.length > 0 ? [{ action: 'install' as const, maps: install }] : []),
    ...(running.length > 0 ? [{ action: 'resume' as const, maps: running }] : []),
  ];
}

/** Map ids, dependencies first (two-pass edges ignored: they never block). */
function dependencyOrder(catalog: readonly TableMap[]): string[] {
  const byId = new Map(catalog.map((m) => [m.id, m]));
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (id: string, path: Set<string>): void => {
    const map = byId.get(id);
    if (done.has(id) || path.has(id) || map === undefined) return;
    path.add(id);
    for (const e of edges(map)) if (!e.deferrable) visit(e.to, path);
    path.delete(id);
    done.add(id);
    out.push(id);
  };
  for (const m of catalog) visit(m.id, new Set());
  return out;
}

export type SaveResult = { ok: true; map: TableMap; catalog: TableMap[] } | { ok: false; errors: MapError[] };

/** Saves an edited map into the catalog: only while stopped; the version's last part goes up by one. */
export function saveMap(installed: readonly TableMap[], edited: TableMap, state: MapState, metadata?: StoreMetadata | ParsedMetadata): SaveResult {
  if (state !== 'stopped') {
    return { ok: false, errors: [new MapError('MAP_RUNNING', { mapId: edited.id, path: '$' }, `is ${state}; stop it before saving changes`)] };
  }
  const before = installed.find((m) => m.id === edited.id);
  const version = before === undefined ? edited.version : bumpVersion(before.version);
  const map = { ...copy(edited), version };
  const catalog = before === undefined ? [...installed.map(copy), map] : installed.map((m) => (m.id === map.id ? map : copy(m)));
  const at = catalog.findIndex((m) => m.id === map.id);
  const errors = validateMaps(catalog, metadata).filter((e) => e.mapId === map.id || e.code === 'MAP_CYCLE');
  return errors.length > 0 ? { ok: false, errors: errors.map((e) => repath(e, at, 0, '$', '$')) } : { ok: true, map, catalog };
}

/** 'a.b.c.d' → 'a.b.c.(d+1)'; anything else is MAP_BAD_VERSION. */
export function bumpVersion(version: string): string {
  if (!VERSION.test(version)) throw new MapError('MAP_BAD_VERSION', { mapId: 'version' }, `'${version}' is not four numbers a.b.c.d`);
  const parts = version.split('.').map(Number);
  parts[3] = (parts[3] ?? 0) + 1;
  return parts.join('.');
}

/** Is version a (a.b.c.d) greater than b? */
function newer(a: string, b: string): boolean {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}

function repath(error: MapError, from: number, to: number, prefix = `$.maps[${to}]`, root?: string): MapError {
  const path = error.path?.replace(`$.maps[${from}]`, prefix) ?? root ?? prefix;
  const details = { mapId: error.mapId, path, ...(error.field === undefined ? {} : { field: error.field }), ...(error.side === undefined ? {} : { side: error.side }) };
  return new MapError(error.code, details, error.message.slice(error.mapId.length + 2));
}

const MAX_TEXT = 50_000_000;

function parseText(text: string): { ok: true; value: unknown } | { ok: false; errors: MapError[] } {
  const fail = (message: string) => ({ ok: false as const, errors: [new MapError('MAP_PACKAGE', { mapId: 'package', path: '$' }, message)] });
  if (text.length > MAX_TEXT) return fail(`the file is larger than ${MAX_TEXT} characters`);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return fail(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A deep copy through JSON: maps are plain JSON by contract. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
