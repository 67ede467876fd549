/**
 * The SQL compiler against the reference semantics: for random rows over all seven types
 * (nulls, astral and NUL characters, decimals of any sign and scale) and random filters, the
 * rows SQLite selects are exactly those evaluateFilter accepts, and every predicate is 0 or 1.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareOp, FieldRef, FilterExpr, Literal, Operand, StringFunction } from '../../src/core/filter/ast.ts';
import { bindFilter, resolveFields } from '../../src/core/filter/bind.ts';
import { evaluateFilter, type Row } from '../../src/core/filter/evaluate.ts';
import { formatFilter } from '../../src/core/filter/format.ts';
import type { EdmType, FieldDef } from '../../src/core/schema/types.ts';
import { canonicalDecimal } from '../../src/core/values/decimal.ts';
import { compileFilterSql, sqliteDialect } from '../../server/odata/filter-sql.ts';
import { registerSqliteFunctions } from '../../server/storage/sqlite-functions.ts';

const fields: FieldDef[] = [
  { name: 'S1', type: 'Edm.String' },
  { name: 'S2', type: 'Edm.String' },
  { name: 'D1', type: 'Edm.Decimal' },
  { name: 'D2', type: 'Edm.Decimal' },
  { name: 'I', type: 'Edm.Int32' },
  { name: 'B', type: 'Edm.Boolean' },
  { name: 'DA', type: 'Edm.Date' },
  { name: 'TS', type: 'Edm.DateTimeOffset' },
  { name: 'G', type: 'Edm.Guid' },
];
const column = (field: FieldDef): string => `"${field.name}"`;
const pos = 0;

// Small pools make rows and literals collide, so equality and prefixes actually happen.
// Strings built from a tiny alphabet are often prefixes, suffixes and substrings of each other.
const piece = fc.constantFrom('a', 'b', 'A', 'é', '😀', '\uFFFF', '\uE000', '\u0000', "'");
const text = fc.oneof(
  { arbitrary: fc.array(piece, { maxLength: 3 }).map((p) => p.join('')), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 },
);
const decimal = fc.oneof(
  fc.constantFrom('0', '1', '-1', '0.5', '-0.5', '10', '9.99', '100', '-100', '0.001', '-0.001', '123456789012345678901234567890.5'),
  fc
    .tuple(fc.bigInt(-(10n ** 24n), 10n ** 24n), fc.integer({ min: -12, max: 12 }))
    .map(([m, e]) => canonicalDecimal(`${m}e${e}`) ?? '0'),
);
const int32 = fc.oneof(fc.constantFrom(-2, -1, 0, 1, 2, 2147483647, -2147483648), fc.integer());
const instant = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
const date = fc.oneof(fc.constantFrom('2024-01-31', '2024-02-29', '0001-01-01', '9999-12-31'), instant.map((d) => d.toISOString().slice(0, 10)));
const dateTime = fc.oneof(fc.constantFrom('2024-01-31T10:00:00.000Z', '2024-01-31T10:00:00.001Z'), instant.map((d) => d.toISOString()));
const guid = fc.oneof(fc.constantFrom('0f8fad5b-d9cb-469f-a165-70867728950e', 'ffffffff-ffff-ffff-ffff-ffffffffffff'), fc.uuid());

const valueOf: Record<EdmType, fc.Arbitrary<string | number | boolean>> = {
  'Edm.String': text,
  'Edm.Decimal': decimal,
  'Edm.Int32': int32,
  'Edm.Boolean': fc.boolean(),
  'Edm.Date': date,
  'Edm.DateTimeOffset': dateTime,
  'Edm.Guid': guid,
};

const rowArb: fc.Arbitrary<Row> = fc.record(
  Object.fromEntries(fields.map((f) => [f.name, fc.option(valueOf[f.type], { nil: null, freq: 4 })])),
);

/** A literal the binder coerces to a value of `type`, sometimes written as a string. */
function literalFor(type: EdmType): fc.Arbitrary<Literal> {
  const nullLiteral = fc.constant<Literal>({ kind: 'null', pos });
  return fc.oneof(
    { arbitrary: nullLiteral, weight: 1 },
    { arbitrary: valueOf[type].chain((v) => fc.constantFrom(...spellings(type, v))), weight: 5 },
  );
}

function spellings(type: EdmType, v: string | number | boolean): Literal[] {
  const asString: Literal = { kind: 'string', value: String(v), pos };
  switch (type) {
    case 'Edm.String':
      return [asString];
    case 'Edm.Boolean':
      return [{ kind: 'boolean', value: v === true, pos }];
    case 'Edm.Decimal':
    case 'Edm.Int32':
      return [{ kind: 'number', value: String(v), pos }, asString];
    case 'Edm.Date':
      return [{ kind: 'date', value: String(v), pos }, asString];
    case 'Edm.DateTimeOffset':
      return [{ kind: 'datetime', value: String(v), pos }, asString];
    case 'Edm.Guid':
      return [{ kind: 'guid', value: String(v), pos }, { ...asString, value: String(v).toUpperCase() }];
  }
}

const ref = (f: FieldDef): FieldRef => ({ kind: 'field', path: [f.name], pos });
const sameType = (f: FieldDef): FieldDef[] => fields.filter((g) => g.type === f.type);
const stringFields = fields.filter((f) => f.type === 'Edm.String');

const compareArb: fc.Arbitrary<FilterExpr> = fc.constantFrom(...fields).chain((f) =>
  fc
    .tuple(
      fc.constantFrom<CompareOp>('eq', 'ne', 'gt', 'ge', 'lt', 'le'),
      fc.oneof(literalFor(f.type), fc.constantFrom(...sameType(f)).map(ref)),
      fc.boolean(),
    )
    .map(([op, other, swap]): FilterExpr => {
      const [left, right]: [Operand, Operand] = swap ? [other, ref(f)] : [ref(f), other];
      return { kind: 'compare', op, left, right, pos };
    }),
);

const inArb: fc.Arbitrary<FilterExpr> = fc
  .constantFrom(...fields)
  .chain((f) => fc.array(literalFor(f.type), { minLength: 1, maxLength: 4 }).map((values): FilterExpr => ({ kind: 'in', field: ref(f), values, pos })));

const textOperand: fc.Arbitrary<Operand> = fc.oneof(fc.constantFrom(...stringFields).map(ref), literalFor('Edm.String'));
const callArb: fc.Arbitrary<FilterExpr> = fc
  .tuple(fc.constantFrom<StringFunction>('contains', 'startswith', 'endswith'), textOperand, textOperand)
  .map(([fn, a, b]): FilterExpr => ({ kind: 'call', fn, args: [a, b], pos }));

const filterArb: fc.Arbitrary<FilterExpr> = fc.letrec<{ expr: FilterExpr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'filter' },
    compareArb,
    inArb,
    callArb,
    fc.record({ kind: fc.constant('not' as const), operand: tie('expr'), pos: fc.constant(pos) }),
    fc.record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      operands: fc.array(tie('expr'), { minLength: 2, maxLength: 3 }),
      pos: fc.constant(pos),
    }),
  ),
})).expr;

let db: Database.Database;

beforeAll(() => {
  db = new Database(':memory:');
  registerSqliteFunctions(db);
  const columns = fields.map((f) => `${column(f)} ${f.type === 'Edm.Int32' || f.type === 'Edm.Boolean' ? 'INTEGER' : 'TEXT'}`);
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, ${columns.join(', ')}) STRICT`);
});

afterAll(() => db.close());

function load(rows: readonly Row[]): void {
  const insert = db.prepare(`INSERT INTO t VALUES (?, ${fields.map(() => '?').join(', ')})`);
  db.transaction(() => {
    db.exec('DELETE FROM t');
    rows.forEach((row, id) => insert.run(id, ...fields.map((f) => encode(row[f.name]))));
  })();
}

function encode(value: unknown): unknown {
  return typeof value === 'boolean' ? Number(value) : (value ?? null);
}

describe('compileFilterSql agrees with evaluateFilter', () => {
  it('selects the same rows, with two-valued predicates', () => {
    const resolve = resolveFields(fields);
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 12 }), filterArb, (rows, filter) => {
        load(rows);
        const bound = bindFilter(filter, resolve);
        const { sql, params } = compileFilterSql(bound, column, sqliteDialect);
        const result = db.prepare(`SELECT id, (${sql}) AS v FROM t ORDER BY id`).all(...params) as { id: number; v: unknown }[];
        const expected = rows.map((row) => (evaluateFilter(bound, row) ? 1 : 0));
        expect(result.map((r) => r.v), formatFilter(filter)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
