/**
 * Starts the reference server: opens (or creates and seeds) the SQLite database in the
 * data folder, and serves both stores, auth, health and the built app on one port.
 */
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
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
import type { SeedOptions, SeedSize, SeedSummary } from './seed/index.ts';
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
  readonly seeded: SeedSummary | null;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, 'tandem.db');
  // tandem.db appears only once seeded (see seedNewDatabase), so its existence is the test.
  const seeded = existsSync(file) ? null : await seedNewDatabase(file, { size: options.seedSize ?? 'demo' });
  const db = openSqlite(file);
  await bootstrapSchema(db, STORES);
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

/**
 * Seeds a new database under a temporary name and renames it to `file` when complete, so
 * `file` exists only fully seeded (with its `seeded` marker): a start killed mid-seed
 * leaves `file.seeding`, which the next start deletes before seeding again.
 */
export async function seedNewDatabase(file: string, options: SeedOptions): Promise<SeedSummary> {
  const partial = `${file}.seeding`;
  removeDatabase(partial);
  const db = openSqlite(partial);
  let summary: SeedSummary;
  try {
    await bootstrapSchema(db, STORES);
    await seedUsers(db);
    summary = await seedDatabase(db, options);
    await db.run('INSERT INTO tandem_meta (name, value) VALUES (?, ?)', ['seeded', summary.size]);
  } catch (error) {
    await db.close();
    removeDatabase(partial);
    throw error;
  }
  await db.close(); // checkpoints the WAL into the file, so the file alone is the database
  renameSync(partial, file);
  return summary;
}

/** Deletes a SQLite database file with its WAL and shared-memory files. */
function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

function packageVersion(): string {
  const file = join(REPO_ROOT, 'package.json');
  if (!existsSync(file)) return '0.0.0';
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
