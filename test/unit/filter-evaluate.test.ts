import { describe, expect, it } from 'vitest';
import { bindFilter, resolveFields } from '../../src/core/filter/bind.ts';
import { evaluateFilter, type Row } from '../../src/core/filter/evaluate.ts';
import { parseFilter } from '../../src/core/filter/parse.ts';
import { FILTER_FIELDS as fields } from '../support/filter-fields.ts';


const rows: Record<string, Row> = {
  alpha: {
    Name: 'Alpha',
    Amount: '10.5',
    Cost: '10.5',
    Qty: 3,
    IsActive: true,
    Due: '2024-01-31',
    Modified: '2024-01-31T10:00:00.000Z',
    Id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  },
  beta: { Name: 'beta 😀', Amount: '-0.25', Cost: '9.99', Qty: -1, IsActive: false, Due: '2023-12-01', Modified: '2023-12-01T00:00:00.000Z', Id: null },
  nulls: { Name: null, Amount: null, Cost: null, Qty: null, IsActive: null, Due: null, Modified: null, Id: null },
  missing: {},
  private: { Name: '\uFFFF', Amount: '100', Cost: null, Qty: 0, IsActive: true },
};

/** Names of the rows the filter selects. */
function select(source: string): string[] {
  const bound = bindFilter(parseFilter(source), resolveFields(fields));
  return Object.entries(rows)
    .filter(([, row]) => evaluateFilter(bound, row))
    .map(([name]) => name);
}

describe('evaluateFilter', () => {
  it.each([
    // eq / ne are null-safe; a missing key reads as null
    ['Name eq null', ['nulls', 'missing']],
    ['Name ne null', ['alpha', 'beta', 'private']],
    ["Name eq 'Alpha'", ['alpha']],
    ["Name ne 'Alpha'", ['beta', 'nulls', 'missing', 'private']],
    ['Amount eq Cost', ['alpha', 'nulls', 'missing']],
    ['Amount ne Cost', ['beta', 'private']],
    // ordering with a null on either side is false, and not is plain negation
    ['Qty gt null', []],
    ['not (Qty gt null)', ['alpha', 'beta', 'nulls', 'missing', 'private']],
    ['Qty gt 0', ['alpha']],
    ['not (Qty gt 0)', ['beta', 'nulls', 'missing', 'private']],
    ['Amount gt Cost', []],
    ['Amount lt Cost', ['beta']],
    // decimals compare numerically, not as text
    ['Amount gt 9.99', ['alpha', 'private']],
    ['Amount lt 100', ['alpha', 'beta']],
    ['Amount ge 100.00', ['private']],
    ['Amount le -0.25', ['beta']],
    // strings compare by code point: U+FFFF sorts below an astral character
    ["Name gt 'beta'", ['beta', 'private']],
    ["Name gt 'beta \uFFFF'", ['beta', 'private']],
    ["Name lt 'beta \uFFFF'", ['alpha']],
    ["Name lt 'a'", ['alpha']],
    // string functions: case-sensitive, false on null
    ["contains(Name, 'lph')", ['alpha']],
    ["contains(Name, 'ALPHA')", []],
    ["contains(Name, '')", ['alpha', 'beta', 'private']],
    ['contains(Name, null)', []],
    ['not contains(Name, null)', ['alpha', 'beta', 'nulls', 'missing', 'private']],
    ["not contains(Name, 'a')", ['nulls', 'missing', 'private']],
    ["startswith(Name, 'Al')", ['alpha']],
    ["endswith(Name, '😀')", ['beta']],
    ["endswith(Name, ' 😀')", ['beta']],
    ["startswith('Alphabet', Name)", ['alpha']],
    // in: a null field matches only a listed null
    ["Name in ('Alpha', 'x')", ['alpha']],
    ["Name in ('Alpha', null)", ['alpha', 'nulls', 'missing']],
    ['Name in (null)', ['nulls', 'missing']],
    ["not (Name in ('Alpha'))", ['beta', 'nulls', 'missing', 'private']],
    ['Amount in (10.50, 100)', ['alpha', 'private']],
    // booleans: bare field, false < true
    ['IsActive', ['alpha', 'private']],
    ['not IsActive', ['beta', 'nulls', 'missing']],
    ['IsActive lt true', ['beta']],
    ['IsActive eq false', ['beta']],
    // dates, date-times (offsets normalised at parse time), GUIDs
    ['Due ge 2024-01-01', ['alpha']],
    ["Due lt '2024-01-01'", ['beta']],
    ['Modified eq 2024-01-31T11:00:00+01:00', ['alpha']],
    ['Modified lt 2024-01-31T10:00:00.001Z', ['alpha', 'beta']],
    ['Id eq 0F8FAD5B-D9CB-469F-A165-70867728950E', ['alpha']],
    ['Id ne 0f8fad5b-d9cb-469f-a165-70867728950e', ['beta', 'nulls', 'missing', 'private']],
    // boolean structure
    ["Qty ge 0 and Name ne 'Alpha'", ['private']],
    ['Qty lt 0 or IsActive eq null', ['beta', 'nulls', 'missing']],
    ['5 gt Qty', ['alpha', 'beta', 'private']],
  ])('%s', (source, expected) => {
    expect(select(source)).toEqual(expected);
  });

  it('reads multi-segment paths by their joined name', () => {
    const bound = bindFilter(parseFilter("Customer/Name eq 'c'"), () => ({ name: 'Name', type: 'Edm.String' }));
    expect(evaluateFilter(bound, { 'Customer/Name': 'c', Name: 'x' })).toBe(true);
    expect(evaluateFilter(bound, { Name: 'c' })).toBe(false);
  });
});
