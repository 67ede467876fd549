/**
 * Initial-sync test support: a server seeded with the tiny data plus ERP customers that
 * have no CRM counterpart (some invalid for the CRM), and an engine with initial-sync
 * hooks whose writes to the stores are counted (every op of every $batch).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { ErpOnlyCustomers, ErpOnlyCustomersOptions } from '../../server/seed/erp-only-customers.ts';
import { seedErpOnlyCustomers } from '../../server/seed/erp-only-customers.ts';
import { seedNewDatabase } from '../../server/start.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';
import type { TableMap } from '../../src/core/maps/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { InitialSyncHooks } from '../../src/engine/initial-sync.ts';
import { ReplicaDb } from '../../src/engine/replica/db.ts';
import type { TestServer } from './server.ts';
import { CRM, startTestServer } from './server.ts';

export interface SeededServer extends TestServer {
  readonly erpOnly: ErpOnlyCustomers;
}

export async function serverWithErpOnlyCustomers(options: ErpOnlyCustomersOptions): Promise<SeededServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-initial-sync-'));
  const file = join(dataDir, 'tandem.db');
  await seedNewDatabase(file, { size: 'tiny' });
  const db = openSqlite(file);
  const erpOnly = await seedErpOnlyCustomers(db, options);
  await db.close();
  const server = await startTestServer({ dataDir });
  return {
    ...server,
    erpOnly,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Ops the engine sent in $batch requests, by store (a write the server was asked to do). */
export interface Writes {
  readonly ops: { side: 'erp' | 'crm'; method: string; url: string }[];
}

export interface HookedEngine {
  readonly engine: Engine;
  readonly dbName: string;
  close(): Promise<void>;
}

let counter = 0;

export async function hookedEngine(server: TestServer, options: { dbName?: string; hooks?: InitialSyncHooks; maps?: readonly TableMap[]; writes?: Writes; user?: string; pageSize?: number } = {}): Promise<HookedEngine> {
  const dbName = options.dbName ?? `tandem-initial-sync-${++counter}-${Date.now()}`;
  const counting: typeof fetch = async (input, init) => {
    const url = String(input);
    if (options.writes && url.endsWith('/$batch') && typeof init?.body === 'string') {
      const side = url.includes(CRM) ? 'crm' : 'erp';
      for (const r of (JSON.parse(init.body) as { requests: { method: string; url: string }[] }).requests) options.writes.ops.push({ side, method: r.method, url: r.url });
    }
    return fetch(input, init);
  };
  const db = new ReplicaDb(dbName, { indexedDB, IDBKeyRange });
  const engine = new Engine({ db, baseUrl: server.url, fetch: counting, pollMs: 0, pageSize: options.pageSize ?? 2000, ...(options.maps ? { maps: options.maps } : {}), ...(options.hooks ? { initialSync: options.hooks } : {}) });
  await engine.open();
  if (!(await engine.session())) {
    const signedIn = await engine.signIn(options.user ?? 'agent.usmf', 'agent');
    if (!signedIn.ok) throw new Error(signedIn.error.message);
  }
  engine.setLeader(true);
  await engine.syncNow();
  return { engine, dbName, close: () => engine.close() };
}
