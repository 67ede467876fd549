/**
 * Transactions of the SQLite adapter and atomic first-start seeding:
 * - a COMMIT that fails (disk full or I/O error at commit; simulated with a deferred
 *   foreign key) rolls back and leaves the nesting depth right, so the next transaction's
 *   nested calls are savepoints again;
 * - when SQLite drops the whole transaction under a savepoint, the savepoint throws
 *   TransactionLost and every later statement of that transaction is refused, so nothing
 *   runs in autocommit;
 * - the server seeds a new database under `tandem.db.seeding` and renames it when done, so
 *   a start killed or failing mid-seed leaves no half-seeded `tandem.db`.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedSize } from '../../server/seed/index.ts';
import { startServer } from '../../server/start.ts';
import { TransactionLost } from '../../server/storage/db.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';

describe('SqliteSession.transaction after a failed COMMIT', () => {
  it('still runs nested transactions as savepoints', async () => {
    const db = openSqlite(':memory:');
    await db.exec(`PRAGMA foreign_keys = ON;
      CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TABLE t (x INTEGER)`);
    await expect(db.transaction(async (tx) => { await tx.run('INSERT INTO child VALUES (1, 99)'); })).rejects.toThrow(/FOREIGN KEY/);
    await db.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (1)');
      await tx.transaction(async (sp) => { await sp.run('INSERT INTO t VALUES (2)'); });
    });
    expect(await db.all('SELECT x FROM t ORDER BY x')).toEqual([{ x: 1 }, { x: 2 }]);
    expect(await db.all('SELECT id FROM child')).toEqual([]);
    await db.close();
  });
});

describe('SqliteSession.transaction when SQLite drops the transaction under a savepoint', () => {
  it('throws TransactionLost, refuses later statements, writes nothing, and recovers for the next transaction', async () => {
    const db = openSqlite(':memory:');
    await db.exec('CREATE TABLE t (x INTEGER)');
    let later: unknown;
    const outcome = db.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (1)');
      try {
        // What SQLITE_FULL or an I/O error does: the whole transaction is rolled back.
        await tx.transaction(async (sp) => { await sp.exec('ROLLBACK'); throw new Error('disk full'); });
      } catch {
        // Like a $batch part failing: the caller would carry on with the next part.
      }
      try {
        await tx.run('INSERT INTO t VALUES (2)');
      } catch (error) {
        later = error;
      }
    });
    await expect(outcome).rejects.toBeInstanceOf(TransactionLost);
    expect(later).toBeInstanceOf(TransactionLost);
    expect(await db.all('SELECT x FROM t')).toEqual([]); // neither the first insert nor an autocommitted second
    await db.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (3)');
      await tx.transaction(async (sp) => { await sp.run('INSERT INTO t VALUES (4)'); });
    });
    expect(await db.all('SELECT x FROM t ORDER BY x')).toEqual([{ x: 3 }, { x: 4 }]);
    await db.close();
  });
});

describe('first-start seeding', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-seed-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('recovers from a start killed mid-seed: the leftover .seeding file is replaced by a fully seeded tandem.db', async () => {
    const dir = dataDir();
    // A killed start leaves a partial database (here: unreadable bytes) and its WAL.
    writeFileSync(join(dir, 'tandem.db.seeding'), 'half a database');
    writeFileSync(join(dir, 'tandem.db.seeding-wal'), 'half a WAL');
    const server = await startServer({ dataDir: dir, port: 0, seedSize: 'tiny' });
    try {
      expect(server.seeded?.size).toBe('tiny');
      expect(await server.db.get('SELECT value FROM tandem_meta WHERE name = ?', ['seeded'])).toEqual({ value: 'tiny' });
    } finally {
      await server.close();
    }
    expect(readdirSync(dir).filter((f) => f.includes('.seeding'))).toEqual([]);
  });

  it('leaves no tandem.db when seeding fails, and seeds on the next start', async () => {
    const dir = dataDir();
    await expect(startServer({ dataDir: dir, port: 0, seedSize: 'no-such-size' as SeedSize })).rejects.toThrow(/seed size/);
    expect(readdirSync(dir)).toEqual([]);
    const server = await startServer({ dataDir: dir, port: 0, seedSize: 'tiny' });
    await server.close();
    expect(server.seeded?.size).toBe('tiny');
    const again = await startServer({ dataDir: dir, port: 0, seedSize: 'tiny' });
    await again.close();
    expect(again.seeded).toBeNull(); // the existing, complete database is used as it is
    expect(existsSync(join(dir, 'tandem.db'))).toBe(true);
  });
});
