/**
 * Starts the reference server: opens (or creates and seeds) the SQLite database in the
 * data folder, and serves both stores, auth, health and the built app on one port.
 */
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOKEN_TTL_SECONDS } from './auth/users.ts';
import type { AppOptions } from './http/app.ts';
import { createApp } from './http/app.ts';
import type { Faults } from './http/faults.ts';
import { NO_FAULTS } from './http/faults.ts';
import { STORES } from './schema/index.ts';
import { bootstrapSchema } from './storage/bootstrap.ts';
import type { Db } from './storage/db.ts';
import { openSqlite } from './storage/sqlite.ts';
import type { SeedSize } from './seed/index.ts';
import { seedDatabase } from './seed/index.ts';
import { seedUsers } from './seed/users.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface StartOptions {
  readonly dataDir: string;
  readonly port?: number;
  readonly host?: string;
  /** Demo data written on first start (when the database is new). */
  readonly seedSize?: SeedSize;
  readonly distDir?: string;
  readonly faults?: Faults;
  readonly tokenTtlSeconds?: number;
  readonly now?: () => Date;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly db: Db;
  /** Live settings (fault injection can be changed while running). */
  readonly settings: AppOptions;
  /** What the first start seeded, or null when the database already existed. */
  readonly seeded: { size: SeedSize; rows: Record<string, number>; ms: number } | null;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openSqlite(join(options.dataDir, 'tandem.db'));
  await bootstrapSchema(db, STORES);
  let seeded: RunningServer['seeded'] = null;
  const marker = await db.get<{ value: string }>('SELECT value FROM tandem_meta WHERE name = ?', ['seeded']);
  if (!marker) {
    await seedUsers(db);
    seeded = await seedDatabase(db, { size: options.seedSize ?? 'demo' });
    await db.run('INSERT INTO tandem_meta (name, value) VALUES (?, ?)', ['seeded', seeded.size]);
  }
  const settings: AppOptions = {
    db,
    stores: STORES,
    version: packageVersion(),
    distDir: options.distDir ?? join(REPO_ROOT, 'dist'),
    tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    faults: options.faults ?? NO_FAULTS,
    ...(options.now ? { now: options.now } : {}),
  };
  const app = createApp(settings);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ServerType>((ready, fail) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, () => ready(s));
    s.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    settings,
    seeded,
    close: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await db.close();
    },
  };
}

function packageVersion(): string {
  const file = join(REPO_ROOT, 'package.json');
  if (!existsSync(file)) return '0.0.0';
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
