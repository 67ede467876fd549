/**
 * Buffered inserts into one entity table. Each table's change sequence numbers are reserved
 * up front as one consecutive range (the seed counts its rows before it writes them), so a
 * table's rows carry consecutive `_seq` values in the order they were generated, and the
 * sink checks at the end that it wrote exactly what was counted.
 */
import type { JsonValue } from '../odata/codec.ts';
import { toSql } from '../odata/codec.ts';
import type { SetSpec } from '../schema/spec.ts';
import { reserveSeq } from '../storage/bootstrap.ts';
import type { Db, SqlValue } from '../storage/db.ts';
import { isoAt } from './text.ts';

export type SeedRow = Record<string, JsonValue | undefined>;

/** When a row was created and last changed (epoch ms); the author is always "seed". */
export interface RowTimes {
  readonly created: number;
  readonly modified: number;
}

/** A generated row and its timestamps. */
export interface Written {
  readonly row: SeedRow;
  readonly times: RowTimes;
}

export const SEED_AUTHOR = 'seed';
export const BATCH_SIZE = 10_000;

export class TableSink {
  readonly #columns: string[];
  #buffer: SqlValue[][] = [];
  #nextSeq: number;
  #written = 0;

  constructor(
    private readonly db: Db,
    readonly set: SetSpec,
    firstSeq: number,
    readonly expected: number,
  ) {
    this.#columns = [...set.fields.map((f) => f.name), '_seq'];
    this.#nextSeq = firstSeq;
  }

  get written(): number {
    return this.#written;
  }

  /** Adds a row; absent fields take their default (as a create through the API would), null stays null. */
  async push(row: SeedRow, times: RowTimes): Promise<void> {
    if (this.#written + this.#buffer.length >= this.expected) {
      throw new Error(`Seed bug: more ${this.set.name} rows than the ${this.expected} counted`);
    }
    const { stamps } = this.set;
    const values: SqlValue[] = this.set.fields.map((field) => {
      if (field.name === stamps.createdAt) return isoAt(times.created);
      if (field.name === stamps.modifiedAt) return isoAt(times.modified);
      if (field.name === stamps.modifiedBy) return SEED_AUTHOR;
      const value = row[field.name];
      return toSql(field, value === undefined ? (field.defaultValue ?? null) : value);
    });
    values.push(this.#nextSeq++);
    this.#buffer.push(values);
    if (this.#buffer.length >= BATCH_SIZE) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const rows = this.#buffer;
    this.#buffer = [];
    await this.db.insertMany(this.set.table, this.#columns, rows);
    this.#written += rows.length;
  }

  /** Flushes and checks the count against the reservation. */
  async close(): Promise<void> {
    await this.flush();
    if (this.#written !== this.expected) {
      throw new Error(`Seed bug: wrote ${this.#written} ${this.set.name} rows, counted ${this.expected}`);
    }
  }
}

/**
 * Reserves every table's sequence range in the order given (dependency order, so parents
 * get lower versions than their children) and returns one sink per set.
 */
export async function openSinks(db: Db, plan: readonly (readonly [SetSpec, number])[]): Promise<Map<SetSpec, TableSink>> {
  return db.transaction(async (tx) => {
    const sinks = new Map<SetSpec, TableSink>();
    for (const [set, count] of plan) {
      const first = count === 0 ? 0 : await reserveSeq(tx, set.store, count);
      sinks.set(set, new TableSink(db, set, first, count));
    }
    return sinks;
  });
}
