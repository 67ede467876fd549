import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedFields, mergeRows, sameValue, type ConflictRule, type Row } from '../../src/core/maps/index.ts';

const FIELDS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
const ABSENT = Symbol('absent');
type Cell = unknown;

/** Values from disjoint domains, so strict and canonical equality agree. */
const scalar = fc.oneof(
  fc.string({ maxLength: 4 }).map((s) => `s:${s}`),
  fc.integer({ min: -3, max: 3 }),
  fc.boolean(),
  fc.constant(null),
);
const cell = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.constant<typeof ABSENT>(ABSENT) });

const rowOf = (cells: readonly Cell[]): Record<string, unknown> =>
  Object.fromEntries(FIELDS.flatMap((f, i) => (cells[i] === ABSENT ? [] : [[f, cells[i]]])));

/** For each field: keep the base value (most of the time) or replace it with another cell. */
const edit = (base: readonly Cell[]) => fc.tuple(...base.map((v) => fc.oneof({ weight: 2, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: cell })));
const triple = fc
  .tuple(...FIELDS.map(() => cell))
  .chain((base) => fc.tuple(fc.constant(base), edit(base), edit(base)))
  .map(([b, l, s]) => ({ base: rowOf(b), local: rowOf(l), server: rowOf(s) }));
const rule = fc.constantFrom<ConflictRule>('server-wins', 'client-wins');

const has = (row: Row, f: string) => Object.hasOwn(row, f);
const same = (x: Row, y: Row, f: string) => has(x, f) === has(y, f) && x[f] === y[f];
const cellOf = (row: Row, f: string) => (has(row, f) ? row[f] : ABSENT);

describe('mergeRows (properties)', () => {
  it('per field: one-sided changes win, overlaps follow the rule, the rest stays; conflicts exact', () => {
    fc.assert(
      fc.property(triple, rule, ({ base, local, server }, r) => {
        const { merged, conflicts } = mergeRows(base, local, server, r);
        const expectedConflicts: string[] = [];
        for (const f of FIELDS) {
          const localChanged = !same(base, local, f);
          const serverChanged = !same(base, server, f);
          let expected: Row = base;
          if (localChanged && serverChanged) {
            const agree = same(local, server, f);
            if (!agree) expectedConflicts.push(f);
            expected = agree || r === 'server-wins' ? server : local;
          } else if (localChanged) expected = local;
          else if (serverChanged) expected = server;
          expect([f, cellOf(merged, f)]).toEqual([f, cellOf(expected, f)]);
        }
        expect(conflicts).toEqual(expectedConflicts);
      }),
    );
  });

  it('is deterministic, whatever the order of the rows’ fields', () => {
    fc.assert(
      fc.property(triple, rule, ({ base, local, server }, r) => {
        const reversed = (row: Row) => Object.fromEntries(Object.entries(row).reverse());
        const once = mergeRows(base, local, server, r);
        expect(mergeRows(base, local, server, r)).toEqual(once);
        const shuffled = mergeRows(reversed(base), reversed(local), reversed(server), r);
        expect(shuffled.conflicts).toEqual(once.conflicts);
        expect(shuffled.merged).toEqual(once.merged);
      }),
    );
  });

  it('never drops a one-sided change: merging with an untouched side gives the other side', () => {
    fc.assert(
      fc.property(triple, rule, ({ base, local, server }, r) => {
        expect(mergeRows(base, local, base, r)).toEqual({ merged: local, conflicts: [] });
        expect(mergeRows(base, base, server, r)).toEqual({ merged: server, conflicts: [] });
        expect(mergeRows(base, local, local, r)).toEqual({ merged: local, conflicts: [] });
      }),
    );
  });

  it('server-wins with the sides swapped is client-wins', () => {
    fc.assert(
      fc.property(triple, ({ base, local, server }) => {
        const a = mergeRows(base, local, server, 'server-wins');
        const b = mergeRows(base, server, local, 'client-wins');
        expect(b).toEqual(a);
      }),
    );
  });
});

describe('mergeRows (examples)', () => {
  const base = { name: 'Forest', credit: '100', group: '10', phone: '1' };

  it('merges non-overlapping edits and decides an overlap by the rule', () => {
    const local = { ...base, name: 'Forest Ltd', credit: '200' };
    const server = { ...base, phone: '2', credit: '300' };
    expect(mergeRows(base, local, server, 'server-wins')).toEqual({
      merged: { name: 'Forest Ltd', credit: '300', group: '10', phone: '2' },
      conflicts: ['credit'],
    });
    expect(mergeRows(base, local, server, 'client-wins').merged['credit']).toBe('200');
  });

  it('a removal is a change', () => {
    const { group: _, ...local } = base;
    expect(mergeRows(base, local, { ...base, phone: '2' }, 'server-wins')).toEqual({ merged: { name: 'Forest', credit: '100', phone: '2' }, conflicts: [] });
  });

  it('a GUID that only changed case is no change', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const result = mergeRows({ ref: id }, { ref: id.toUpperCase() }, { ref: id, x: 1 }, 'client-wins');
    expect(result).toEqual({ merged: { ref: id, x: 1 }, conflicts: [] });
  });

  it('a nested value is one field', () => {
    const result = mergeRows({ o: { a: 1, b: 1 } }, { o: { a: 2, b: 1 } }, { o: { a: 1, b: 2 } }, 'server-wins');
    expect(result).toEqual({ merged: { o: { a: 1, b: 2 } }, conflicts: ['o'] });
  });

  it('treats undefined as absent and keeps odd field names as data', () => {
    const odd = JSON.parse('{"__proto__": "x", "a/b": 1, "c~d": 1}') as Row;
    const result = mergeRows(odd, { ...odd, 'a/b': 2, u: undefined }, odd, 'server-wins');
    expect(result.conflicts).toEqual([]);
    expect(Object.entries(result.merged)).toEqual([['__proto__', 'x'], ['a/b', 2], ['c~d', 1]]);
    expect(Object.getPrototypeOf(result.merged)).toBe(Object.prototype);
  });
});

describe('changedFields', () => {
  it('all fields when there is no current row', () => {
    expect(changedFields({ a: 1, b: null }, undefined)).toEqual(['a', 'b']);
  });

  it('compares canonically: GUIDs ignore case, null equals missing, numbers equal their decimal text', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const values = { id: id.toUpperCase(), empty: null, n: 1250.5, s: 'x', t: true };
    expect(changedFields(values, { id, n: '1250.5', s: 'x', t: true })).toEqual([]);
    expect(changedFields(values, { id, n: '1250.50001', s: 'y', t: 'true' })).toEqual(['n', 's', 't']);
  });

  it('decimals by value when the field is known to be a decimal, text exactly otherwise', () => {
    const types = new Map([['credit', 'Edm.Decimal' as const]]);
    expect(changedFields({ credit: '1.50', account: '007' }, { credit: '1.5', account: '7' }, types)).toEqual(['account']);
    expect(changedFields({ credit: '1.50' }, { credit: '1.5' })).toEqual(['credit']);
  });

  it('sameValue is an equivalence on canonical values', () => {
    fc.assert(
      fc.property(scalar, scalar, (x, y) => {
        expect(sameValue(x, x)).toBe(true);
        expect(sameValue(x, y)).toBe(sameValue(y, x));
        expect(sameValue(x, y)).toBe(x === y);
      }),
    );
  });
});
