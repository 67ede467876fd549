import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindFilter, resolveFields } from '../../src/core/filter/bind.ts';
import type { BoundExpr } from '../../src/core/filter/bound-ast.ts';
import { evaluateFilter, type Row } from '../../src/core/filter/evaluate.ts';
import { parseFilter } from '../../src/core/filter/parse.ts';
import type { FieldDef } from '../../src/core/schema/types.ts';
import { compileFilterSql, orderByColumnSql, sqliteDialect } from '../../server/odata/filter-sql.ts';
import { registerSqliteFunctions } from '../../server/storage/sqlite-functions.ts';
import { FILTER_FIELDS as fields } from '../support/filter-fields.ts';

const column = (field: FieldDef): string => `"${field.name}"`;

const rows: (Row & { key: string })[] = [
  {
    key: 'alpha',
    Name: 'Alpha',
    Amount: '10.5',
    Cost: '10.5',
    Qty: 3,
    IsActive: true,
    Due: '2024-01-31',
    Modified: '2024-01-31T10:00:00.000Z',
    Id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  },
  { key: 'beta', Name: 'beta 😀', Amount: '-0.25', Cost: '9.99', Qty: -1, IsActive: false, Due: '2023-12-01', Modified: '2023-12-01T00:00:00.000Z' },
  { key: 'nulls' },
  { key: 'private', Name: '\uFFFF', Amount: '100', Qty: 0, IsActive: true },
  { key: 'nul', Name: 'a\u0000b', Amount: '0.001' },
  { key: 'hostile', Name: "x' OR 1=1 --", Amount: '99999999999999999999.99' },
];

let db: Database.Database;

beforeAll(() => {
  db = new Database(':memory:');
  registerSqliteFunctions(db);
  const columns = fields.map((f) => `${column(f)} ${f.type === 'Edm.Int32' || f.type === 'Edm.Boolean' ? 'INTEGER' : 'TEXT'}`);
  db.exec(`CREATE TABLE t (key TEXT PRIMARY KEY, ${columns.join(', ')}) STRICT`);
  const insert = db.prepare(`INSERT INTO t VALUES (${['key', ...fields].map(() => '?').join(', ')})`);
  for (const row of rows) insert.run(row.key, ...fields.map((f) => encode(row[f.name])));
});

afterAll(() => db.close());

function encode(value: unknown): unknown {
  if (value === undefined) return null;
  return typeof value === 'boolean' ? Number(value) : value;
}

function compile(source: string): { sql: string; params: unknown[] } {
  return compileFilterSql(bindFilter(parseFilter(source), resolveFields(fields)), column, sqliteDialect);
}

function viaSql(source: string): string[] {
  const { sql, params } = compile(source);
  const result = db.prepare(`SELECT key, (${sql}) AS v FROM t ORDER BY rowid`).all(...params) as { key: string; v: unknown }[];
  for (const { v } of result) expect([0, 1]).toContain(v);
  return result.filter((r) => r.v === 1).map((r) => r.key);
}

function inMemory(source: string): string[] {
  const bound = bindFilter(parseFilter(source), resolveFields(fields));
  return rows.filter((row) => evaluateFilter(bound, row)).map((row) => row.key);
}

describe('compileFilterSql on SQLite', () => {
  it.each([
    'Name eq null',
    'Name ne null',
    "Name ne 'Alpha'",
    'Amount eq Cost',
    'Amount ne Cost',
    'Qty gt null',
    'not (Qty gt null)',
    'not (Qty gt 0)',
    'Amount gt 9.99',
    'Amount lt 100',
    'Amount ge 1e2',
    'Amount lt Cost',
    'not (Amount lt Cost)',
    "Name gt 'beta \uFFFF'",
    "Name lt 'b'",
    "contains(Name, 'lph')",
    "contains(Name, 'ALPHA')",
    "contains(Name, '')",
    'not contains(Name, null)',
    "not contains(Name, 'a')",
    "startswith(Name, 'Al')",
    "startswith(Name, '')",
    "endswith(Name, '😀')",
    "endswith(Name, '')",
    "endswith(Name, 'b')",
    "startswith('Alphabet', Name)",
    "contains(Name, 'a\u0000')",
    "startswith(Name, 'a\u0000')",
    "endswith(Name, '\u0000b')",
    "Name in ('Alpha', null)",
    "not (Name in ('Alpha'))",
    'Name in (null)',
    'Amount in (10.50, 100)',
    'IsActive',
    'not IsActive',
    'IsActive lt true',
    'Due ge 2024-01-01',
    'Modified eq 2024-01-31T11:00:00+01:00',
    'Id eq 0F8FAD5B-D9CB-469F-A165-70867728950E',
    'Id ne 0f8fad5b-d9cb-469f-a165-70867728950e',
    "Qty ge 0 and Name ne 'Alpha' or not (Amount gt 0 and IsActive)",
    '5 gt Qty',
  ])('%s matches the in-memory evaluator', (source) => {
    expect(viaSql(source)).toEqual(inMemory(source));
  });

  it('binds every literal as a parameter and keeps hostile strings as data', () => {
    const hostile = "Name eq 'x'' OR 1=1 --'";
    const { sql, params } = compile(hostile);
    expect(sql).toBe('("Name" IS ?)');
    expect(params).toEqual(["x' OR 1=1 --"]);
    expect(viaSql(hostile)).toEqual(['hostile']);
    expect(viaSql("Name eq 'x'' OR ''1''=''1'")).toEqual([]);
    const many = compile(`contains(Name, '"; DROP TABLE t; --') or Due eq '2024-01-31' or Amount in (1, 2.5)`);
    expect(many.sql).not.toMatch(/DROP|2024|2\.5|'/);
    expect(many.params).toEqual(['"; DROP TABLE t; --', '2024-01-31', '1', '2.5']);
  });

  it('compiles to two-valued, guarded predicates', () => {
    expect(compile('Qty gt 5')).toEqual({ sql: '("Qty" IS NOT NULL AND ("Qty" > ?))', params: [5] });
    expect(compile('Amount le Cost')).toEqual({
      sql: '("Amount" IS NOT NULL AND "Cost" IS NOT NULL AND (tandem_dec_cmp("Amount", "Cost") <= 0))',
      params: [],
    });
    expect(compile('IsActive eq false')).toEqual({ sql: '("IsActive" IS ?)', params: [0] });
    expect(compile('IsActive')).toEqual({ sql: '("IsActive" IS ?)', params: [1] });
    expect(compile('Name eq null or Qty gt null')).toEqual({ sql: '(("Name" IS NULL) OR (FALSE))', params: [] });
    expect(compile("Name in ('a', null)")).toEqual({ sql: '("Name" IS NULL OR "Name" IN (?))', params: ['a'] });
    expect(compile("Name in ('a', 'b')")).toEqual({ sql: '("Name" IS NOT NULL AND "Name" IN (?, ?))', params: ['a', 'b'] });
  });

  it('balances long and/or chains below SQLite expression depth limits', () => {
    const longest = Array.from({ length: 330 }, (_, i) => `Qty eq ${i % 10}`).join(' or ');
    expect(longest.length).toBeLessThanOrEqual(4000);
    expect(viaSql(longest)).toEqual(inMemory(longest));
    const qty = { kind: 'field', path: ['Qty'], field: { name: 'Qty', type: 'Edm.Int32' }, pos: 0 } as const;
    const built: BoundExpr = {
      kind: 'or',
      pos: 0,
      operands: Array.from({ length: 3000 }, (_, i) => ({
        kind: 'compare',
        op: 'eq',
        type: 'Edm.Int32',
        left: qty,
        right: { kind: 'literal', value: i + 3, pos: 0 },
        pos: 0,
      })),
    };
    const { sql, params } = compileFilterSql(built, column, sqliteDialect);
    expect(db.prepare(`SELECT key FROM t WHERE ${sql}`).pluck().all(...params)).toEqual(['alpha']);
    const deep = '(not '.repeat(32) + "contains(Name, 'a')" + ')'.repeat(32);
    expect(viaSql(deep)).toEqual(inMemory(deep));
    const nested = '('.repeat(63) + 'Qty eq 1 or (Qty eq 3' + ')'.repeat(64);
    expect(viaSql(nested)).toEqual(['alpha']);
  });

  it('orders decimals numerically through the sort key', () => {
    const amount = fields[1];
    if (amount === undefined) throw new Error('fixture');
    const orderBy = orderByColumnSql(amount, column(amount), sqliteDialect);
    expect(orderBy).toBe('tandem_dec_key("Amount")');
    const keys = db.prepare(`SELECT key FROM t ORDER BY ${orderBy}, key`).pluck().all();
    // NULL first, then -0.25, 0.001, 10.5, 100, 99999999999999999999.99 (text order would differ)
    expect(keys).toEqual(['nulls', 'beta', 'nul', 'alpha', 'private', 'hostile']);
    expect(orderByColumnSql({ name: 'Qty', type: 'Edm.Int32' }, '"Qty"', sqliteDialect)).toBe('"Qty"');
  });
});

describe('registerSqliteFunctions', () => {
  it('compares decimal text numerically, NULL-propagating, canonicalising stray forms', () => {
    const cmp = db.prepare('SELECT tandem_dec_cmp(?, ?)').pluck();
    expect(cmp.get('9.99', '10')).toBe(-1);
    expect(cmp.get('-0.5', '-0.50')).toBe(0);
    expect(cmp.get('1e3', '999')).toBe(1);
    expect(cmp.get(null, '1')).toBeNull();
    expect(cmp.get('1', null)).toBeNull();
    expect(() => cmp.get('abc', '1')).toThrow(/Not a decimal/);
    const key = db.prepare('SELECT tandem_dec_key(?)').pluck();
    expect(key.get(null)).toBeNull();
    expect(key.get('0')).toBe('1');
  });
});
