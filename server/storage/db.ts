/**
 * The storage port: the few operations the reference server needs from a SQL database.
 * SQLite (better-sqlite3) implements it today; a PostgreSQL adapter can implement it later
 * because everything above this port writes portable SQL with `?` placeholders.
 *
 * Contract:
 * - Values are bound parameters, never spliced into SQL text.
 * - `transaction` runs `fn` with exclusive use of the database; nested calls on the `tx`
 *   it hands out become savepoints, so an OData atomicity group can roll back alone.
 * - Statements issued on the root object outside a transaction are serialised with
 *   transactions, so no reader ever sees another request's uncommitted rows.
 * - If the database itself rolls back the whole transaction (disk full, I/O error) under a
 *   savepoint, the savepoint throws TransactionLost and every later statement of that
 *   transaction throws it too: nothing ever runs in autocommit by accident.
 */
export type SqlValue = string | number | bigint | null;
export type SqlRow = Record<string, SqlValue>;

export interface Db {
  readonly kind: 'sqlite' | 'postgres';
  all<T = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Inserts many rows into one table with one prepared statement (seeding, bulk loads). */
  insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void>;
  /** Runs DDL (several statements allowed). */
  exec(sql: string): Promise<void>;
  /** Column names of a table (empty when it does not exist): for additive schema migrations. */
  columns(table: string): Promise<string[]>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Double-quotes an identifier for SQL; our identifiers come from the schema, never from users. */
export function quoteId(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Refusing to quote unsafe SQL identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/**
 * Thrown by a nested transaction (savepoint) when the database has already rolled back the
 * whole enclosing transaction (disk full, I/O error): everything the request wrote is gone,
 * so whoever runs further steps must stop rather than carry on outside any transaction.
 * `cause` is what made the database give up.
 */
export class TransactionLost extends Error {
  constructor(cause: unknown) {
    super('The database rolled back the whole transaction; nothing of it was written.', { cause });
    this.name = 'TransactionLost';
  }
}
