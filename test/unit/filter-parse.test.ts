import { describe, expect, it } from 'vitest';
import type { FilterExpr } from '../../src/core/filter/ast.ts';
import { FilterError } from '../../src/core/filter/errors.ts';
import { parseFilter } from '../../src/core/filter/parse.ts';

/** The tree without positions, for comparing shapes. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'pos').map(([k, v]) => [k, shape(v)]));
}

const field = (...path: string[]) => ({ kind: 'field', path });
const num = (value: string) => ({ kind: 'number', value });
const cmp = (left: unknown, op: string, right: unknown) => ({ kind: 'compare', op, left, right });
const isTrue = (name: string) => cmp(field(name), 'eq', { kind: 'boolean', value: true });

function parseError(source: string): FilterError {
  try {
    parseFilter(source);
  } catch (e) {
    if (e instanceof FilterError) return e;
    throw e;
  }
  throw new Error(`parsed: ${source.slice(0, 40)}`);
}

describe('parseFilter: structure and precedence', () => {
  it('binds not tighter than and, and tighter than or', () => {
    expect(shape(parseFilter('a or b and not c'))).toEqual({
      kind: 'or',
      operands: [isTrue('a'), { kind: 'and', operands: [isTrue('b'), { kind: 'not', operand: isTrue('c') }] }],
    });
    expect(shape(parseFilter('not a and b'))).toEqual({
      kind: 'and',
      operands: [{ kind: 'not', operand: isTrue('a') }, isTrue('b')],
    });
  });

  it('keeps chains n-ary and parenthesised groups nested', () => {
    expect(shape(parseFilter('a and b and c'))).toEqual({ kind: 'and', operands: [isTrue('a'), isTrue('b'), isTrue('c')] });
    expect(shape(parseFilter('(a and b) and c'))).toEqual({
      kind: 'and',
      operands: [{ kind: 'and', operands: [isTrue('a'), isTrue('b')] }, isTrue('c')],
    });
    expect(shape(parseFilter('(a or b) and c'))).toEqual({
      kind: 'and',
      operands: [{ kind: 'or', operands: [isTrue('a'), isTrue('b')] }, isTrue('c')],
    });
    expect(shape(parseFilter('not not ((a))'))).toEqual({ kind: 'not', operand: { kind: 'not', operand: isTrue('a') } });
  });

  it('parses comparisons, in lists, functions and paths', () => {
    for (const op of ['eq', 'ne', 'gt', 'ge', 'lt', 'le']) {
      expect(shape(parseFilter(`Qty ${op} 5`))).toEqual(cmp(field('Qty'), op, num('5')));
    }
    expect(shape(parseFilter('5 lt Qty'))).toEqual(cmp(num('5'), 'lt', field('Qty')));
    expect(shape(parseFilter('Amount ge Cost'))).toEqual(cmp(field('Amount'), 'ge', field('Cost')));
    expect(shape(parseFilter("dataAreaId in ('usmf','demf', null)"))).toEqual({
      kind: 'in',
      field: field('dataAreaId'),
      values: [{ kind: 'string', value: 'usmf' }, { kind: 'string', value: 'demf' }, { kind: 'null' }],
    });
    expect(shape(parseFilter("startswith(Customer/Name, 'Con')"))).toEqual({
      kind: 'call',
      fn: 'startswith',
      args: [field('Customer', 'Name'), { kind: 'string', value: 'Con' }],
    });
    expect(shape(parseFilter('contains ( a , b )'))).toMatchObject({ kind: 'call', fn: 'contains' });
    expect(shape(parseFilter('contains eq 1'))).toEqual(cmp(field('contains'), 'eq', num('1')));
  });

  it('records positions of every node', () => {
    const expr = parseFilter("x eq 1 or not contains(Name, 'a')");
    expect(expr).toMatchObject({
      kind: 'or',
      pos: 0,
      operands: [
        { kind: 'compare', pos: 0, left: { pos: 0 }, right: { pos: 5 } },
        { kind: 'not', pos: 10, operand: { kind: 'call', pos: 14, args: [{ pos: 23 }, { pos: 29 }] } },
      ],
    });
  });
});

describe('parseFilter: literals', () => {
  const literal = (source: string): unknown => {
    const expr = parseFilter(`x eq ${source}`);
    return expr.kind === 'compare' ? shape(expr.right) : undefined;
  };

  it.each([
    ['null', { kind: 'null' }],
    ['true', { kind: 'boolean', value: true }],
    ['false', { kind: 'boolean', value: false }],
    ["'O''Brien'", { kind: 'string', value: "O'Brien" }],
    ["''", { kind: 'string', value: '' }],
    ["''''", { kind: 'string', value: "'" }],
    ["'a\tb 😀 eq'", { kind: 'string', value: 'a\tb 😀 eq' }],
    ['-12', num('-12')],
    ['3.50', num('3.5')],
    ['1e3', num('1000')],
    ['1.5E-2', num('0.015')],
    ['-0', num('0')],
    ['2024-01-31', { kind: 'date', value: '2024-01-31' }],
    ['2024-01-31T10:00:00Z', { kind: 'datetime', value: '2024-01-31T10:00:00.000Z' }],
    ['2024-01-31T10:00:00.5+02:00', { kind: 'datetime', value: '2024-01-31T08:00:00.500Z' }],
    ['2024-01-31T10:00Z', { kind: 'datetime', value: '2024-01-31T10:00:00.000Z' }],
    ['0f8fad5b-d9cb-469f-a165-70867728950e', { kind: 'guid', value: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
    ['F8FAD5B0-D9CB-469F-A165-70867728950E', { kind: 'guid', value: 'f8fad5b0-d9cb-469f-a165-70867728950e' }],
    ['20240131-1234-1234-1234-123456789012', { kind: 'guid', value: '20240131-1234-1234-1234-123456789012' }],
  ])('%s', (source, expected) => {
    expect(literal(source)).toEqual(expected);
  });

  it('lexes literals without surrounding spaces', () => {
    expect(shape(parseFilter("a in(1,'x',2024-01-31)"))).toMatchObject({ values: [num('1'), { value: 'x' }, { kind: 'date' }] });
    expect(shape(parseFilter('(a eq -1)'))).toEqual(cmp(field('a'), 'eq', num('-1')));
  });
});

describe('parseFilter: errors name code, position and what was expected', () => {
  it.each([
    ['', 'FILTER_SYNTAX', 0, 'Expected a condition at position 0, found end of input'],
    ['   ', 'FILTER_SYNTAX', 3, 'Expected a condition at position 3, found end of input'],
    ['Name eq', 'FILTER_SYNTAX', 7, "Expected a value after 'eq' at position 7, found end of input"],
    ['Amount gt 5 and Name eq', 'FILTER_SYNTAX', 23, "Expected a value after 'eq' at position 23, found end of input"],
    ['a eq eq', 'FILTER_SYNTAX', 5, "Expected a value after 'eq' at position 5, found 'eq'"],
    ["Name eq 'abc", 'FILTER_SYNTAX', 8, 'Unterminated string starting at position 8'],
    ['(a eq 1', 'FILTER_SYNTAX', 7, "Expected 'and', 'or' or ')' at position 7, found end of input"],
    ['a eq 1)', 'FILTER_SYNTAX', 6, "Expected 'and', 'or' or end of input at position 6, found ')'"],
    ["a eq 1 b eq 'x'", 'FILTER_SYNTAX', 7, "Expected 'and', 'or' or end of input at position 7, found 'b'"],
    ['a eq 1 and', 'FILTER_SYNTAX', 10, 'Expected a condition at position 10, found end of input'],
    ['not', 'FILTER_SYNTAX', 3, 'Expected a condition at position 3, found end of input'],
    ['true', 'FILTER_SYNTAX', 4, "Expected a comparison operator after 'true' at position 4, found end of input"],
    ["'x' in ('x')", 'FILTER_SYNTAX', 4, "Expected a comparison operator after string 'x' at position 4, found 'in'"],
    ['foo(a, b)', 'FILTER_SYNTAX', 0, "Unknown function 'foo' at position 0"],
    ['contains(a b)', 'FILTER_SYNTAX', 11, "Expected ',' after the first argument of 'contains' at position 11, found 'b'"],
    ['contains(a, b', 'FILTER_SYNTAX', 13, "Expected ')' after the arguments of 'contains' at position 13"],
    ['contains(, b)', 'FILTER_SYNTAX', 9, "Expected an argument of 'contains' at position 9, found ','"],
    ['a in ()', 'FILTER_SYNTAX', 6, "Expected a literal in the 'in' list at position 6, found ')'"],
    ['a in (1, b)', 'FILTER_SYNTAX', 9, "Expected a literal in the 'in' list at position 9, found 'b'"],
    ['a in 1', 'FILTER_SYNTAX', 5, "Expected '(' after 'in' at position 5, found '1'"],
    ['a in (1 2)', 'FILTER_SYNTAX', 8, "Expected ',' or ')' in the 'in' list at position 8, found '2'"],
    ['a/ eq 1', 'FILTER_SYNTAX', 3, "Expected a field name after '/' at position 3, found 'eq'"],
    ['a eq 12abc', 'FILTER_SYNTAX', 5, "Invalid number '12a' at position 5"],
    ['a eq 1.2.3', 'FILTER_SYNTAX', 5, "Invalid number '1.2.' at position 5"],
    ['a eq 1e5000', 'FILTER_SYNTAX', 5, "Invalid number '1e5000' at position 5"],
    ['a eq 2024-02-30', 'FILTER_SYNTAX', 5, "Invalid date '2024-02-30' at position 5"],
    ['a eq 2024-01-31T10:00', 'FILTER_SYNTAX', 5, "Invalid date-time '2024-01-31T10:00' at position 5"],
    ['a eq 2024-01-31T25:00:00Z', 'FILTER_SYNTAX', 5, 'Invalid date-time'],
    ['a eq #', 'FILTER_SYNTAX', 5, "Unexpected character '#' at position 5"],
    ['a eq \u0001', 'FILTER_SYNTAX', 5, 'Unexpected character U+0001 at position 5'],
    ['a eq\u00a0b', 'FILTER_SYNTAX', 4, 'Unexpected character U+00A0 at position 4'],
    ['a eq 😀', 'FILTER_SYNTAX', 5, "Unexpected character '😀' at position 5"],
    ['a eq "x"', 'FILTER_SYNTAX', 5, `Unexpected character '"' at position 5`],
    ["a eq 'x\uD800'", 'FILTER_SYNTAX', 7, 'Unexpected character U+D800 at position 7'],
    ["a eq '\uDE00x' or b eq '😀'", 'FILTER_SYNTAX', 6, 'Unexpected character U+DE00 at position 6'],
    ['a EQ 1', 'FILTER_SYNTAX', 2, "Expected 'and', 'or' or end of input at position 2, found 'EQ'"],
  ])('%j', (source, code, position, message) => {
    const error = parseError(source);
    expect(error).toBeInstanceOf(FilterError);
    expect(error.code).toBe(code);
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
  });

  it('serialises as plain data', () => {
    expect(JSON.parse(JSON.stringify(parseError('a eq')))).toEqual({
      code: 'FILTER_SYNTAX',
      message: "Expected a value after 'eq' at position 4, found end of input",
      details: { position: 4 },
    });
  });
});

describe('parseFilter: hostile input', () => {
  const fast = (source: string): FilterError => {
    const started = performance.now();
    const error = parseError(source);
    expect(performance.now() - started).toBeLessThan(500);
    return error;
  };

  it('limits the length', () => {
    expect(fast('('.repeat(100_000))).toMatchObject({ code: 'FILTER_TOO_COMPLEX', position: 4000 });
    expect(fast('a eq ' + "'x".repeat(5000))).toMatchObject({ code: 'FILTER_TOO_COMPLEX', position: 4000 });
  });

  it('limits nesting of parentheses and not', () => {
    const ok = '('.repeat(64) + 'a' + ')'.repeat(64);
    expect(shape(parseFilter(ok))).toEqual(isTrue('a'));
    expect(fast('('.repeat(65) + 'a' + ')'.repeat(65))).toMatchObject({ code: 'FILTER_TOO_COMPLEX', position: 64 });
    expect(fast('('.repeat(3999))).toMatchObject({ code: 'FILTER_TOO_COMPLEX', position: 64 });
    expect(fast('not '.repeat(999) + 'a')).toMatchObject({ code: 'FILTER_TOO_COMPLEX', position: 256 });
    expect(fast('not('.repeat(999) + 'a')).toMatchObject({ code: 'FILTER_TOO_COMPLEX' });
  });

  it('limits the number of nodes', () => {
    const list = `a in (${Array.from({ length: 1200 }, () => '1').join(',')})`;
    expect(fast(list)).toMatchObject({ code: 'FILTER_TOO_COMPLEX' });
    expect(fast(Array.from({ length: 600 }, () => 'a').join(' or '))).toMatchObject({ code: 'FILTER_TOO_COMPLEX' });
  });

  it('reports unterminated and odd input without hanging', () => {
    expect(fast("'".repeat(3999))).toMatchObject({ code: 'FILTER_SYNTAX', position: 0 });
    expect(fast("'".repeat(3990) + ' eq')).toMatchObject({ code: 'FILTER_SYNTAX', position: 3993 });
    expect(fast("a eq '" + "''".repeat(1990))).toMatchObject({ code: 'FILTER_SYNTAX', position: 5 });
    expect(fast('\u0000'.repeat(10))).toMatchObject({ code: 'FILTER_SYNTAX', position: 0 });
    expect(fast('a eq ' + '1'.repeat(3990))).toMatchObject({ code: 'FILTER_SYNTAX', position: 5 });
    expect(fast('a eq ' + '9'.repeat(999) + 'e-9999')).toMatchObject({ code: 'FILTER_SYNTAX', position: 5 });
  });

  it('parses the longest legal filters quickly', () => {
    const source = Array.from({ length: 300 }, (_, i) => `f${i % 10} eq ${i}`).join(' or ').slice(0, 4000);
    const started = performance.now();
    const expr: FilterExpr = parseFilter(source.slice(0, source.lastIndexOf(' or ')));
    expect(expr.kind).toBe('or');
    expect(performance.now() - started).toBeLessThan(200);
  });
});
