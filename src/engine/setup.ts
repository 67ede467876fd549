/**
 * First-run setup of a device: which server it syncs with, and — for an admin — which
 * companies and maps. What was chosen is kept in the replica's `meta` table:
 *
 *   meta.server  the server's origin (absent: the origin the app was served from)
 *   meta.setup   { completedAt, skipped, companies, maps }
 *
 * The server can only change while the device holds nothing of the old one: no queued
 * change (it would be sent to the wrong place) and no pulled data (checkpoints are links
 * into the old server, and its rows would mix with the new one's).
 */
import { orderMaps, withDependencies } from '../core/maps/index.ts';
import type { TableMap } from '../core/maps/index.ts';
import type { Choice, EngineError, Result, ServerInfo, SetupChoice, SetupState } from './api.ts';
import type { EngineContext } from './context.ts';

const SERVER_KEY = 'server';
const SETUP_KEY = 'setup';
/** How long a server may take to answer /health before it counts as unreachable. */
const PROBE_TIMEOUT_MS = 10_000;

type Stored = Omit<SetupState, 'server'>;

const fail = (code: string, message: string, details?: Record<string, unknown>): { ok: false; error: EngineError } => ({
  ok: false,
  error: { code, message, ...(details ? { details } : {}) },
});

/**
 * The origin (and path, for a server behind a prefix) of a server address typed by a
 * person: http or https only, no query, fragment or credentials; a trailing slash dropped.
 * Null when it is not such an address.
 */
export function normaliseServerUrl(text: string): string | null {
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export async function storedServer(ctx: EngineContext): Promise<string | null> {
  const value = (await ctx.db.meta.get(SERVER_KEY))?.value;
  return typeof value === 'string' ? value : null;
}

export async function readSetup(ctx: EngineContext, server: string): Promise<SetupState> {
  const stored = (await ctx.db.meta.get(SETUP_KEY))?.value as Stored | undefined;
  return { server, completedAt: stored?.completedAt ?? null, skipped: stored?.skipped ?? false, companies: stored?.companies ?? null, maps: stored?.maps ?? null };
}

/** Asks `url` for /health and checks that a Tandem server (both stores) answered. */
export async function probeServer(fetcher: typeof fetch, text: string): Promise<Result<ServerInfo>> {
  const url = normaliseServerUrl(text);
  if (!url) return fail('INVALID_SERVER_URL', `"${text.trim()}" is not a server address: write it as https://host[:port], with no query or password.`, { field: 'server' });
  let response: Response;
  try {
    response = await fetcher(`${url}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch {
    return fail('SERVER_UNREACHABLE', `No answer from ${url}. Check the address and the connection (the server must allow this app's origin).`, { field: 'server', url });
  }
  const body = (await response.json().catch(() => null)) as { status?: unknown; version?: unknown; stores?: Record<string, { root?: unknown; sets?: unknown }> } | null;
  const stores = body?.stores;
  const store = (name: string) => {
    const s = stores?.[name];
    return s && typeof s.root === 'string' && typeof s.sets === 'number' ? { root: s.root, sets: s.sets } : null;
  };
  const erp = store('erp');
  const crm = store('crm');
  if (!response.ok || body?.status !== 'ok' || !erp || !crm) {
    return fail('NOT_A_TANDEM_SERVER', `${url} answered, but not as a Tandem server (its /health ${response.ok ? 'does not list an ERP and a CRM' : `said ${response.status}`}).`, { field: 'server', url });
  }
  return { ok: true, value: { url, version: typeof body.version === 'string' ? body.version : 'unknown', stores: { erp, crm } } };
}

/** Whether the device holds anything of its current server: queued changes or pulled data. */
export async function serverInUse(ctx: EngineContext): Promise<string | null> {
  const queued = await ctx.db.outbox.count();
  if (queued > 0) return `${queued} change${queued === 1 ? ' is' : 's are'} waiting to be sent to the current server`;
  if ((await ctx.db.checkpoints.count()) > 0) return 'this device already holds data from the current server';
  return null;
}

export async function saveServer(ctx: EngineContext, url: string): Promise<void> {
  await ctx.db.meta.put({ name: SERVER_KEY, value: url });
}

/**
 * The legal entities the signed-in user may sync, as choices (code and name), from the
 * server: `/auth/me` says which companies the user has, the ERP's LegalEntities names them.
 */
export async function companiesFor(fetcher: typeof fetch, baseUrl: string, token: string): Promise<Result<readonly Choice[]>> {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  try {
    const me = await fetcher(`${baseUrl}/auth/me`, { headers });
    if (me.status === 401) return fail('SIGN_IN_REQUIRED', 'Sign in again to choose companies.');
    const who = (await me.json().catch(() => null)) as { companies?: unknown } | null;
    const allowed = who?.companies === '*' ? null : Array.isArray(who?.companies) ? new Set(who.companies.map(String)) : new Set<string>();
    const reply = await fetcher(`${baseUrl}/erp/data/LegalEntities?$select=LegalEntityId,Name&$orderby=LegalEntityId`, { headers });
    const body = (await reply.json().catch(() => null)) as { value?: unknown } | null;
    if (!reply.ok || !Array.isArray(body?.value)) return fail('SERVER_ERROR', `The server did not list its companies (${reply.status}).`);
    const choices: Choice[] = [];
    for (const row of body.value as Array<{ LegalEntityId?: unknown; Name?: unknown }>) {
      if (typeof row.LegalEntityId !== 'string') continue;
      if (allowed && !allowed.has(row.LegalEntityId)) continue;
      choices.push({ value: row.LegalEntityId, label: typeof row.Name === 'string' ? row.Name : row.LegalEntityId });
    }
    return { ok: true, value: choices };
  } catch {
    return fail('OFFLINE', 'Cannot reach the server to list the companies. Check the connection and try again.');
  }
}

/** Checks a setup choice against the installed maps and the companies offered; the maps to run (with dependencies) on success. */
export function checkChoice(maps: readonly TableMap[], companies: readonly Choice[], choice: SetupChoice): Result<readonly string[]> {
  const unknownMaps = choice.maps.filter((id) => !maps.some((m) => m.id === id));
  if (unknownMaps.length) return fail('UNKNOWN_MAP', `No installed map is called ${unknownMaps.join(', ')}.`, { field: 'maps', mapIds: unknownMaps });
  if (choice.maps.length === 0) return fail('INVALID_VALUE', 'Choose at least one map to sync.', { field: 'maps' });
  const offered = new Set(companies.map((c) => c.value));
  const unknownCompanies = choice.companies.filter((c) => !offered.has(c));
  if (unknownCompanies.length) return fail('UNKNOWN_COMPANY', `You cannot sync ${unknownCompanies.join(', ')}: not one of your companies (${[...offered].join(', ')}).`, { field: 'companies', companies: unknownCompanies });
  if (choice.companies.length === 0) return fail('INVALID_VALUE', 'Choose at least one company.', { field: 'companies' });
  const run = withDependencies(choice.maps, maps);
  return { ok: true, value: orderMaps(maps).filter((m) => run.has(m.id)).map((m) => m.id) };
}

export async function saveSetup(ctx: EngineContext, stored: Stored): Promise<void> {
  await ctx.db.meta.put({ name: SETUP_KEY, value: stored });
}
