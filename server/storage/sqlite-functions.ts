/**
 * SQL functions the SQLite store relies on, backed by src/core/values so that SQL and the
 * in-memory filter evaluator share one definition of decimal order.
 *
 *   tandem_dec_cmp(a, b)  -1, 0 or 1 comparing two decimal texts numerically; NULL if either is
 *   tandem_dec_key(a)     text whose binary order is a's numeric order (ORDER BY); NULL for NULL
 *
 * Both are deterministic, so SQLite may use them in indexes and factor them out of loops.
 * Stored decimals are canonical; anything else is canonicalised, and text that is no decimal
 * at all raises an SQL error rather than sorting somewhere arbitrary.
 */
import type { Database } from 'better-sqlite3';
import { canonicalDecimal, compareDecimal, isCanonicalDecimal } from '../../src/core/values/decimal.ts';
import { decimalSortKey } from '../../src/core/values/decimal-sort-key.ts';

export function registerSqliteFunctions(db: Database): void {
  const options = { deterministic: true, varargs: false };
  db.function('tandem_dec_cmp', options, (a: unknown, b: unknown) =>
    a === null || b === null ? null : compareDecimal(toDecimal(a), toDecimal(b)),
  );
  db.function('tandem_dec_key', options, (a: unknown) => (a === null ? null : decimalSortKey(toDecimal(a))));
}

function toDecimal(value: unknown): string {
  if (typeof value === 'string' && isCanonicalDecimal(value)) return value;
  const canonical = typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint'
    ? canonicalDecimal(String(value))
    : null;
  if (canonical === null) throw new TypeError(`Not a decimal: ${String(value).slice(0, 40)}`);
  return canonical;
}
