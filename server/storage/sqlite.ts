/**
 * The SQLite adapter of the storage port (better-sqlite3, synchronous underneath).
 * better-sqlite3 runs each statement to completion on the calling thread, so the only
 * concurrency to manage is between async request handlers: one FIFO mutex serialises
 * transactions and loose statements, which also makes change sequence numbers follow
 * commit order (the property delta links rely on).
 */
import Database from 'better-sqlite3';
import type { Db, SqlRow, SqlValue } from './db.ts';
import { quoteId, TransactionLost } from './db.ts';
import { Mutex } from './mutex.ts';
import { registerSqliteFunctions } from './sqlite-functions.ts';

type Statement = Database.Statement<unknown[], unknown>;

class SqliteSession implements Db {
  readonly kind = 'sqlite' as const;
  #depth = 0;
  /** Set when SQLite dropped the open transaction under a savepoint; cleared at depth 0. */
  #lost: TransactionLost | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly statements: Map<string, Statement>,
  ) {}

  #prepare(sql: string): Statement {
    this.#assertAlive();
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size > 2000) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async all<T = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#prepare(sql).all(...params) as T[];
  }

  async get<T = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.#prepare(sql).get(...params) as T | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    const info = this.#prepare(sql).run(...params);
    return { changes: info.changes };
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    this.#assertAlive();
    if (rows.length === 0) return;
    const sql = `INSERT INTO ${quoteId(table)} (${columns.map(quoteId).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    const statement = this.db.prepare(sql);
    const insertAll = this.db.transaction((all: readonly (readonly SqlValue[])[]) => {
      for (const row of all) statement.run(...row);
    });
    insertAll(rows);
  }

  async exec(sql: string): Promise<void> {
    this.#assertAlive();
    this.db.exec(sql);
  }

  async columns(table: string): Promise<string[]> {
    return (this.#prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    this.#assertAlive();
    const savepoint = `sp_${this.#depth}`;
    const nested = this.#depth > 0;
    this.db.exec(nested ? `SAVEPOINT ${savepoint}` : 'BEGIN IMMEDIATE');
    this.#depth++;
    try {
      const result = await fn(this);
      this.#assertAlive();
      this.db.exec(nested ? `RELEASE ${savepoint}` : 'COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) {
        this.db.exec(nested ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK');
      } else if (nested) {
        // SQLite rolled back the whole transaction (disk full, I/O error): our caller's
        // earlier writes are gone too, and further statements would run in autocommit.
        this.#lost ??= new TransactionLost(error);
        throw this.#lost;
      }
      throw error;
    } finally {
      // Exactly once, whether fn, COMMIT/RELEASE or the rollback threw.
      this.#depth--;
      if (this.#depth === 0) this.#lost = undefined;
    }
  }

  /**
   * Refuses statements between a lost transaction and the end of its outermost call, so
   * nothing runs in autocommit while a caller believes it is inside a transaction.
   */
  #assertAlive(): void {
    if (!this.#lost && this.#depth > 0 && !this.db.inTransaction) {
      this.#lost = new TransactionLost(new Error('SQLite ended the transaction unexpectedly.'));
    }
    if (this.#lost) throw this.#lost;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** The root handle: every call takes the mutex, so it never interleaves with a transaction. */
class SqliteDb implements Db {
  readonly kind = 'sqlite' as const;
  readonly #mutex = new Mutex();

  constructor(private readonly session: SqliteSession) {}

  all<T = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.#mutex.run(() => this.session.all<T>(sql, params));
  }
  get<T = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.#mutex.run(() => this.session.get<T>(sql, params));
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }> {
    return this.#mutex.run(() => this.session.run(sql, params));
  }
  insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    return this.#mutex.run(() => this.session.insertMany(table, columns, rows));
  }
  exec(sql: string): Promise<void> {
    return this.#mutex.run(() => this.session.exec(sql));
  }
  columns(table: string): Promise<string[]> {
    return this.#mutex.run(() => this.session.columns(table));
  }
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.#mutex.run(() => this.session.transaction(fn));
  }
  close(): Promise<void> {
    return this.#mutex.run(() => this.session.close());
  }
}

/** Opens (creating if needed) a SQLite database file, or `:memory:`. */
export function openSqlite(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  registerSqliteFunctions(db);
  return new SqliteDb(new SqliteSession(db, new Map()));
}
