/** The CSV writer of log exports: RFC 4180 quoting, a header row, formula-safe cells. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCell, toCsv } from '../../src/engine/csv.ts';
import { parseCsv } from '../support/csv.ts';

describe('csvCell', () => {
  it('leaves plain text alone and writes null and undefined as empty cells', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(true)).toBe('true');
  });

  it('quotes cells holding a comma, a quote, CR or LF, doubling the quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes objects as JSON', () => {
    expect(csvCell({ a: 1, b: 'x' })).toBe('"{""a"":1,""b"":""x""}"');
    expect(csvCell(['x', 'y'])).toBe('"[""x"",""y""]"');
  });

  it('prefixes cells that would start a formula with an apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('toCsv', () => {
  it('writes a header row and CRLF line ends', () => {
    expect(toCsv(['id', 'name'], [[1, 'A'], [2, 'B, Inc.']])).toBe('id,name\r\n1,A\r\n2,"B, Inc."\r\n');
  });

  it('round-trips any text through a CSV parser (formula starts come back with their apostrophe)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (rows) => {
        const parsed = parseCsv(toCsv(['a', 'b'], rows));
        expect(parsed[0]).toEqual(['a', 'b']);
        const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
        expect(parsed.slice(1)).toEqual(rows.map((r) => r.map(safe)));
      }),
    );
  });
});
