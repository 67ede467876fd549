import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompareOp, FieldRef, FilterExpr, Literal, Operand, StringFunction } from '../../src/core/filter/ast.ts';
import { formatFilter } from '../../src/core/filter/format.ts';
import { parseFilter } from '../../src/core/filter/parse.ts';
import { canonicalDecimal } from '../../src/core/values/decimal.ts';

function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'pos').map(([k, v]) => [k, shape(v)]));
}

const pos = 0;
const identifier = fc.constantFrom('Name', 'Qty', 'a', '_x1', 'Customer', 'contains', 'T', 'e', 'INF');
const fieldRef: fc.Arbitrary<FieldRef> = fc
  .array(identifier, { minLength: 1, maxLength: 2 })
  .map((path) => ({ kind: 'field', path, pos }));
const instant = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
const literal: fc.Arbitrary<Literal> = fc.oneof(
  fc.constant<Literal>({ kind: 'null', pos }),
  fc.boolean().map((value): Literal => ({ kind: 'boolean', value, pos })),
  fc.string({ unit: 'binary', maxLength: 8 }).map((value): Literal => ({ kind: 'string', value, pos })),
  fc.constantFrom("'", "''", 'O\'Brien', '', ' eq ').map((value): Literal => ({ kind: 'string', value, pos })),
  fc
    .tuple(fc.bigInt(-(10n ** 20n), 10n ** 20n), fc.integer({ min: -10, max: 10 }))
    .map(([m, e]): Literal => ({ kind: 'number', value: canonicalDecimal(`${m}e${e}`) ?? '0', pos })),
  instant.map((d): Literal => ({ kind: 'date', value: d.toISOString().slice(0, 10), pos })),
  instant.map((d): Literal => ({ kind: 'datetime', value: d.toISOString(), pos })),
  fc.uuid().map((value): Literal => ({ kind: 'guid', value, pos })),
);
const operand: fc.Arbitrary<Operand> = fc.oneof(fieldRef, literal);

/** Any tree the parser could produce (and/or have two or more operands). */
const filterExpr: fc.Arbitrary<FilterExpr> = fc.letrec<{ expr: FilterExpr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'filter' },
    fc.record({
      kind: fc.constant('compare' as const),
      op: fc.constantFrom<CompareOp>('eq', 'ne', 'gt', 'ge', 'lt', 'le'),
      left: operand,
      right: operand,
      pos: fc.constant(pos),
    }),
    fc.record({ kind: fc.constant('in' as const), field: fieldRef, values: fc.array(literal, { minLength: 1, maxLength: 3 }), pos: fc.constant(pos) }),
    fc.record({
      kind: fc.constant('call' as const),
      fn: fc.constantFrom<StringFunction>('contains', 'startswith', 'endswith'),
      args: fc.tuple(operand, operand),
      pos: fc.constant(pos),
    }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('expr'), pos: fc.constant(pos) }),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), operands: fc.array(tie('expr'), { minLength: 2, maxLength: 3 }), pos: fc.constant(pos) }),
  ),
})).expr;

describe('formatFilter', () => {
  it.each([
    ['a  eq   1', 'a eq 1'],
    ['IsActive', 'IsActive eq true'],
    ['a or b and not c', 'a eq true or b eq true and not c eq true'],
    ['(a or b) and c', '(a eq true or b eq true) and c eq true'],
    ['(a and b) and c', '(a eq true and b eq true) and c eq true'],
    ['a and (b and c)', 'a eq true and (b eq true and c eq true)'],
    ['not (a or b)', 'not (a eq true or b eq true)'],
    ['not (not a)', 'not not a eq true'],
    ["x in('a','b''c',null)", "x in ('a', 'b''c', null)"],
    ['x eq 3.50', 'x eq 3.5'],
    ['x eq 1e3', 'x eq 1000'],
    ['x eq 2024-01-31T10:00:00.5+02:00', 'x eq 2024-01-31T08:00:00.500Z'],
    ['x eq 0F8FAD5B-D9CB-469F-A165-70867728950E', 'x eq 0f8fad5b-d9cb-469f-a165-70867728950e'],
    ["endswith( Customer/Name ,'x')", "endswith(Customer/Name, 'x')"],
  ])('%s → %s', (source, expected) => {
    expect(formatFilter(parseFilter(source))).toBe(expected);
  });

  it('round-trips through the parser', () => {
    fc.assert(
      fc.property(filterExpr, (expr) => {
        expect(shape(parseFilter(formatFilter(expr)))).toEqual(shape(expr));
      }),
      { numRuns: 500 },
    );
  });

  it('is a fixed point on its own output', () => {
    fc.assert(
      fc.property(filterExpr, (expr) => {
        const text = formatFilter(expr);
        expect(formatFilter(parseFilter(text))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
