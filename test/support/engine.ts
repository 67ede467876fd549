/**
 * An Engine in Node against the real server: fake-indexeddb for IndexedDB, the real
 * fetch over HTTP, with a switch to cut the network and a hook to fail a request after
 * the server has answered (a crash or a dropped connection mid-push).
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { TableMap } from '../../src/core/maps/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import { ReplicaDb } from '../../src/engine/replica/db.ts';
import type { TestServer } from './server.ts';

export interface Network {
  online: boolean;
  /** Called after the server answered; return true to drop the answer (the client sees a network error). */
  dropAnswer: ((url: string, method: string) => boolean) | null;
  readonly requests: { url: string; method: string }[];
  /** Awaited before a request goes out: lets a test change the server between two requests of one sync. */
  beforeRequest?: ((url: string, method: string) => Promise<void>) | null;
}

export interface TestEngine {
  readonly engine: Engine;
  readonly network: Network;
  readonly dbName: string;
  /** A new Engine over the same IndexedDB, as after a reload or a crash. */
  restart(): Promise<TestEngine>;
  close(): Promise<void>;
}

let counter = 0;

export async function startEngine(server: TestServer, username = 'agent.usmf', password = 'agent', dbName = `tandem-test-${++counter}-${Date.now()}`, network?: Network, pageSize = 500, maps?: readonly TableMap[]): Promise<TestEngine> {
  const net: Network = network ?? { online: true, dropAnswer: null, requests: [] };
  const fetchThroughNetwork: typeof fetch = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (!net.online) throw new TypeError('fetch failed (test network is offline)');
    net.requests.push({ url, method });
    await net.beforeRequest?.(url, method);
    const response = await fetch(input, init);
    if (net.dropAnswer?.(url, method)) {
      await response.arrayBuffer();
      throw new TypeError('fetch failed (test dropped the answer)');
    }
    return response;
  };
  const db = new ReplicaDb(dbName, { indexedDB, IDBKeyRange });
  const engine = new Engine({ db, baseUrl: server.url, fetch: fetchThroughNetwork, pollMs: 0, pageSize, ...(maps ? { maps } : {}) });
  await engine.open();
  if (!(await engine.session())) {
    const signedIn = await engine.signIn(username, password);
    if (!signedIn.ok) throw new Error(signedIn.error.message);
  }
  engine.setLeader(true);
  await engine.syncNow().catch(() => undefined);
  const self: TestEngine = {
    engine,
    network: net,
    dbName,
    restart: async () => {
      await engine.close();
      return startEngine(server, username, password, dbName, net, pageSize, maps);
    },
    close: () => engine.close(),
  };
  return self;
}
