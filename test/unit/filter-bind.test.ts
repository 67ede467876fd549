import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../src/core/schema/types.ts';
import { bindFilter, resolveFields, type FieldResolver } from '../../src/core/filter/bind.ts';
import type { BoundExpr } from '../../src/core/filter/bound-ast.ts';
import { FilterError } from '../../src/core/filter/errors.ts';
import { fieldsOf } from '../../src/core/filter/fields.ts';
import { parseFilter } from '../../src/core/filter/parse.ts';

const fields: FieldDef[] = [
  { name: 'Name', type: 'Edm.String', maxLength: 100 },
  { name: 'dataAreaId', type: 'Edm.String', maxLength: 4 },
  { name: 'Amount', type: 'Edm.Decimal', precision: 18, scale: 2 },
  { name: 'Cost', type: 'Edm.Decimal', precision: 18, scale: 2 },
  { name: 'Qty', type: 'Edm.Int32' },
  { name: 'Status', type: 'Edm.Int32', enumValues: [806380000, 806380001] },
  { name: 'IsActive', type: 'Edm.Boolean' },
  { name: 'Due', type: 'Edm.Date' },
  { name: 'Modified', type: 'Edm.DateTimeOffset' },
  { name: 'Id', type: 'Edm.Guid' },
];
const resolve = resolveFields(fields);
const bind = (source: string, resolver: FieldResolver = resolve): BoundExpr => bindFilter(parseFilter(source), resolver);

/** The literal value on the right of a single comparison. */
function boundValue(source: string): unknown {
  const expr = bind(source);
  if (expr.kind === 'compare' && expr.right.kind === 'literal') return expr.right.value;
  if (expr.kind === 'in') return expr.values;
  throw new Error(`not a comparison with a literal: ${source}`);
}

function bindError(source: string, resolver: FieldResolver = resolve): FilterError {
  try {
    bind(source, resolver);
  } catch (e) {
    if (e instanceof FilterError) return e;
    throw e;
  }
  throw new Error(`bound: ${source}`);
}

describe('bindFilter: coercion to the field type', () => {
  it.each([
    ["Name eq 'x'", 'x'],
    ['Name eq null', null],
    ["Due eq '2021-06-23'", '2021-06-23'],
    ['Due eq 2021-06-23', '2021-06-23'],
    ["Qty eq '3'", 3],
    ['Qty eq 3', 3],
    ['Qty eq 3.0', 3],
    ['Qty eq -2147483648', -2147483648],
    ["Status eq '806380001'", 806380001],
    ['Amount eq 12.50', '12.5'],
    ["Amount eq '12.50'", '12.5'],
    ['Amount eq 1e2', '100'],
    ['Amount eq -0.000', '0'],
    ['IsActive eq false', false],
    ['Id eq 0F8FAD5B-D9CB-469F-A165-70867728950E', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ["Id eq '0F8FAD5B-D9CB-469F-A165-70867728950E'", '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['Modified gt 2024-01-31T10:00:00+02:00', '2024-01-31T08:00:00.000Z'],
    ["Modified gt '2024-01-31T10:00:00+02:00'", '2024-01-31T08:00:00.000Z'],
    ["Qty in (1, '2', null)", [1, 2, null]],
    ["Amount in (1.50, '2')", ['1.5', '2']],
  ])('%s → %j', (source, expected) => {
    expect(boundValue(source)).toEqual(expected);
  });

  it('attaches field definitions and the comparison type', () => {
    expect(bind('5 lt Qty')).toMatchObject({
      kind: 'compare',
      type: 'Edm.Int32',
      left: { kind: 'literal', value: 5, pos: 0 },
      right: { kind: 'field', path: ['Qty'], field: { name: 'Qty', type: 'Edm.Int32' }, pos: 5 },
    });
    expect(bind('Amount ge Cost')).toMatchObject({ type: 'Edm.Decimal', left: { field: { name: 'Amount' } }, right: { field: { name: 'Cost' } } });
    expect(bind('IsActive')).toMatchObject({ op: 'eq', type: 'Edm.Boolean', right: { value: true } });
    expect(bind("not contains(Name, 'x') or startswith('abc', null)")).toMatchObject({
      kind: 'or',
      operands: [
        { kind: 'not', operand: { kind: 'call', fn: 'contains', args: [{ kind: 'field' }, { kind: 'literal', value: 'x' }] } },
        { kind: 'call', args: [{ value: 'abc' }, { value: null }] },
      ],
    });
  });

  it('hands the whole path to the resolver', () => {
    const seen: unknown[] = [];
    const nested: FieldResolver = (path, pos) => {
      seen.push([path, pos]);
      return path.join('/') === 'Customer/Name' ? { name: 'Name', type: 'Edm.String' } : undefined;
    };
    expect(bindError("Customer/Name eq 'c'")).toMatchObject({ code: 'FILTER_UNKNOWN_FIELD', position: 0 });
    expect(bind("Customer/Name eq 'c'", nested)).toMatchObject({ left: { path: ['Customer', 'Name'], field: { name: 'Name' } } });
    expect(seen).toContainEqual([['Customer', 'Name'], 0]);
  });
});

describe('bindFilter: errors', () => {
  it.each([
    ["Missing eq 'x'", 'FILTER_UNKNOWN_FIELD', 0, "Unknown field 'Missing' at position 0"],
    ["Name eq 'x' and Qty gt Nope", 'FILTER_UNKNOWN_FIELD', 23, "Unknown field 'Nope' at position 23"],
    ["contains(Customer/Name, 'x')", 'FILTER_UNKNOWN_FIELD', 9, "Unknown field 'Customer/Name' at position 9"],
    ['Bogus in (1)', 'FILTER_UNKNOWN_FIELD', 0, "Unknown field 'Bogus'"],
    ['Name gt true', 'FILTER_TYPE', 8, "Cannot compare Edm.String field 'Name' with true in 'gt' at position 8"],
    ['Name eq 1', 'FILTER_TYPE', 8, "Cannot compare Edm.String field 'Name' with 1"],
    ["contains(Qty, '1')", 'FILTER_TYPE', 9, "'contains' needs text, but Edm.Int32 field 'Qty' at position 9 is not"],
    ['endswith(Name, 1)', 'FILTER_TYPE', 15, "'endswith' needs text, but 1 at position 15 is not"],
    ['Qty eq 3.5', 'FILTER_TYPE', 7, "Cannot compare Edm.Int32 field 'Qty' with 3.5 in 'eq' at position 7"],
    ['Qty eq 3000000000', 'FILTER_TYPE', 7, 'Cannot compare Edm.Int32'],
    ["Qty eq 'three'", 'FILTER_TYPE', 7, "with 'three'"],
    ['Qty', 'FILTER_TYPE', 0, "Cannot compare Edm.Int32 field 'Qty' with true"],
    ['Due eq 2024-01-31T10:00:00Z', 'FILTER_TYPE', 7, 'Cannot compare Edm.Date'],
    ["Due eq '2021-02-30'", 'FILTER_TYPE', 7, 'Cannot compare Edm.Date'],
    ['Modified eq 2024-01-31', 'FILTER_TYPE', 12, 'Cannot compare Edm.DateTimeOffset'],
    ['IsActive eq 1', 'FILTER_TYPE', 12, 'Cannot compare Edm.Boolean'],
    ["Id eq 'nope'", 'FILTER_TYPE', 6, 'Cannot compare Edm.Guid'],
    ["Amount eq 'abc'", 'FILTER_TYPE', 10, 'Cannot compare Edm.Decimal'],
    ['Amount gt Qty', 'FILTER_TYPE', 10, "Cannot compare Edm.Decimal field 'Amount' with Edm.Int32 field 'Qty' in 'gt' at position 10"],
    ["Qty in (1, 'x')", 'FILTER_TYPE', 11, "in 'in' at position 11"],
    ['1 eq 1', 'FILTER_TYPE', 0, 'Comparison at position 0 needs a field on one side'],
  ])('%j', (source, code, position, message) => {
    const error = bindError(source);
    expect(error.code).toBe(code);
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
  });
});

describe('fieldsOf', () => {
  it('lists each path once, in order of first use, for parsed and bound trees', () => {
    const source = "Qty gt 1 and (contains(Name, 'x') or Qty in (2)) and not Amount eq Cost and Name eq 'y'";
    const expected = [['Qty'], ['Name'], ['Amount'], ['Cost']];
    expect(fieldsOf(parseFilter(source))).toEqual(expected);
    expect(fieldsOf(bind(source))).toEqual(expected);
    expect(fieldsOf(parseFilter("Customer/Name eq 'c' or 5 lt Customer/Name"))).toEqual([['Customer', 'Name']]);
  });
});
