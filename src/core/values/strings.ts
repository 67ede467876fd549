/**
 * String order by Unicode code point. This is UTF-8 byte order, which is what SQLite's
 * BINARY collation (memcmp) and PostgreSQL's "C" collation use, so the client-side filter
 * evaluator and the server agree. JS's `<` compares UTF-16 code units instead, which puts
 * astral characters (surrogates, 0xD800–0xDFFF) below U+E000–U+FFFF.
 */
export function compareStrings(a: string, b: string): -1 | 0 | 1 {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  if (a.length === b.length) return 0;
  return a.length < b.length ? -1 : 1;
}

/**
 * At the first differing code unit of well-formed strings, only the relative order of
 * surrogates and U+E000–U+FFFF is wrong in UTF-16. Swapping the two ranges (surrogates up to
 * 0xF800–0xFFFF, U+E000–U+FFFF down to 0xD800–0xF7FF) fixes it: ICU's "code point order" fix-up.
 */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  return unit >= 0xd800 ? unit + 0x2000 : unit;
}
