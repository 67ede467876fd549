/**
 * The filter preview's binding (src/engine/filter-preview.ts bindPreview): as the sync binds
 * a map's filter — field types from the maps that read the set, else the literal's — and
 * FILTER_INVALID with the 0-based position and the filter language's own problem.
 */
import { describe, expect, it } from 'vitest';
import { evaluateFilter } from '../../src/core/filter/index.ts';
import { mapsForTable, STANDARD_MAPS } from '../../src/core/maps/index.ts';
import { bindPreview } from '../../src/engine/filter-preview.ts';

const customers = mapsForTable(STANDARD_MAPS, 'erp', 'CustomersV3');

function matches(filter: string, row: Record<string, unknown>): boolean {
  const bound = bindPreview(customers, 'erp', filter);
  if (!bound.ok) throw new Error(bound.error.message);
  return evaluateFilter(bound.value, row);
}

describe('filter preview binding', () => {
  it('types a field as the maps do: CreditLimit is a decimal, compared by value', () => {
    expect(customers.length).toBeGreaterThan(1);
    expect(matches('CreditLimit gt 900', { CreditLimit: '1000.5' })).toBe(true);
    expect(matches('CreditLimit gt 900', { CreditLimit: '95' })).toBe(false);
  });

  it('types a field no map names from its literal', () => {
    expect(matches("NameAlias eq 'ACME'", { NameAlias: 'ACME' })).toBe(true);
    expect(matches('SomeCount ge 10', { SomeCount: 9 })).toBe(false);
  });

  it('answers FILTER_INVALID with the position of a syntax error', () => {
    expect(bindPreview(customers, 'erp', "PartyType eq 'Organization' and (")).toEqual({
      ok: false,
      error: {
        code: 'FILTER_INVALID',
        message: expect.stringMatching(/^The ERP filter is invalid: .*position 33/),
        details: { position: 33, problems: [{ code: 'FILTER_SYNTAX', message: expect.any(String), details: { position: 33 } }] },
      },
    });
  });

  it('answers FILTER_INVALID where a literal does not fit the field’s type', () => {
    const result = bindPreview(customers, 'erp', "PartyType eq 'Organization' and CreditLimit lt true");
    expect(result).toMatchObject({ ok: false, error: { code: 'FILTER_INVALID', details: { position: 47, problems: [{ code: 'FILTER_TYPE' }] } } });
  });
});
