/**
 * Tokenizer for filter text. Single pass, no backtracking regexes, O(length).
 *
 * Literal patterns are tried most-specific first: a GUID may start with eight digits or with
 * letters, a date starts like a number, so GUID → date/date-time → number → identifier.
 * Literal values are canonicalised here, so a malformed date or number is reported at the
 * position where it starts.
 */
import { canonicalDecimal } from '../values/decimal.ts';
import { normalizeDate, normalizeDateTime } from '../values/date-time.ts';
import { normalizeGuid } from '../values/guid.ts';
import type { Literal } from './ast.ts';
import { FilterError } from './errors.ts';

export type Keyword = 'and' | 'or' | 'not' | 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'in';
export type Punct = '(' | ')' | ',' | '/';

export type Token =
  | { readonly type: 'keyword'; readonly text: Keyword; readonly pos: number }
  | { readonly type: 'ident'; readonly text: string; readonly pos: number }
  | { readonly type: 'literal'; readonly text: string; readonly literal: Literal; readonly pos: number }
  | { readonly type: 'punct'; readonly text: Punct; readonly pos: number }
  | { readonly type: 'end'; readonly text: ''; readonly pos: number };

const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in']);
const PUNCT = '(),/';
const WHITESPACE = ' \t\r\n';

const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/y;
const TEMPORAL = /\d{4}-\d{2}-\d{2}(?:[Tt][0-9:.]*(?:[Zz]|[+-]\d{2}:\d{2})?)?/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What may not directly follow a literal: "12abc", "1.2.3" and "2024-01-01x" are errors. */
const WORD_CHAR = /[A-Za-z0-9_.\-:+]/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < source.length) {
    const ch = source.charAt(pos);
    if (WHITESPACE.includes(ch)) {
      pos++;
      continue;
    }
    const token = lexToken(source, pos, ch);
    tokens.push(token);
    pos += token.text.length;
  }
  tokens.push({ type: 'end', text: '', pos: source.length });
  return tokens;
}

function lexToken(source: string, pos: number, ch: string): Token {
  if (ch === "'") return lexString(source, pos);
  if (PUNCT.includes(ch)) return { type: 'punct', text: ch as Punct, pos };
  const guid = match(GUID, source, pos);
  if (guid !== null && !followedByWord(source, pos + guid.length)) {
    return literal(guid, pos, { kind: 'guid', value: normalizeGuid(guid) ?? guid, pos });
  }
  if (isDigit(ch)) {
    const temporal = match(TEMPORAL, source, pos);
    if (temporal !== null) return lexTemporal(source, pos, temporal);
  }
  if (isDigit(ch) || (ch === '-' && isDigit(source.charAt(pos + 1)))) return lexNumber(source, pos);
  const ident = match(IDENT, source, pos);
  if (ident !== null) return lexWord(ident, pos);
  const shown = describeChar(source, pos);
  throw new FilterError('FILTER_SYNTAX', pos, `Unexpected character ${shown} at position ${pos}`);
}

/** Strings are single-quoted; a quote inside is doubled: 'O''Brien'. */
function lexString(source: string, pos: number): Token {
  let value = '';
  let from = pos + 1;
  for (;;) {
    const quote = source.indexOf("'", from);
    if (quote < 0) {
      throw new FilterError('FILTER_SYNTAX', pos, `Unterminated string starting at position ${pos}`);
    }
    value += source.slice(from, quote);
    if (source.charAt(quote + 1) !== "'") {
      rejectLoneSurrogate(source, pos, quote);
      return literal(source.slice(pos, quote + 1), pos, { kind: 'string', value, pos });
    }
    value += "'";
    from = quote + 2;
  }
}

/**
 * A lone surrogate has no UTF-8 form: SQLite would store U+FFFD in its place and stop
 * agreeing with the in-memory evaluator, so such a literal is refused outright.
 */
function rejectLoneSurrogate(source: string, from: number, to: number): void {
  const m = LONE_SURROGATE.exec(source.slice(from, to));
  if (m === null) return;
  const at = from + m.index;
  throw new FilterError('FILTER_SYNTAX', at, `Unexpected character ${describeChar(source, at)} at position ${at}`);
}

function lexTemporal(source: string, pos: number, text: string): Token {
  const isDateTime = text.length > 10;
  const value = isDateTime ? normalizeDateTime(text) : normalizeDate(text);
  if (value === null || followedByWord(source, pos + text.length)) {
    const what = isDateTime ? 'date-time' : 'date';
    throw new FilterError('FILTER_SYNTAX', pos, `Invalid ${what} '${clip(text)}' at position ${pos}`);
  }
  return literal(text, pos, isDateTime ? { kind: 'datetime', value, pos } : { kind: 'date', value, pos });
}

function lexNumber(source: string, pos: number): Token {
  const text = match(NUMBER, source, pos) ?? '';
  const value = canonicalDecimal(text);
  const runOn = followedByWord(source, pos + text.length);
  if (value === null || runOn) {
    const shown = source.slice(pos, pos + text.length + (runOn ? 1 : 0));
    throw new FilterError('FILTER_SYNTAX', pos, `Invalid number '${clip(shown)}' at position ${pos}`);
  }
  return literal(text, pos, { kind: 'number', value, pos });
}

function lexWord(text: string, pos: number): Token {
  if (text === 'null') return literal(text, pos, { kind: 'null', pos });
  if (text === 'true' || text === 'false') {
    return literal(text, pos, { kind: 'boolean', value: text === 'true', pos });
  }
  if (KEYWORDS.has(text)) return { type: 'keyword', text: text as Keyword, pos };
  return { type: 'ident', text, pos };
}

function literal(text: string, pos: number, value: Literal): Token {
  return { type: 'literal', text, literal: value, pos };
}

function match(pattern: RegExp, source: string, pos: number): string | null {
  pattern.lastIndex = pos;
  const m = pattern.exec(source);
  return m ? m[0] : null;
}

function followedByWord(source: string, pos: number): boolean {
  return WORD_CHAR.test(source.charAt(pos));
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/** Control and non-printing characters are shown by code point, never raw. */
export function describeChar(source: string, pos: number): string {
  const code = source.codePointAt(pos) ?? 0;
  const ch = String.fromCodePoint(code);
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || ch.trim() === '' || isSurrogate(code)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${ch}'`;
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

export function clip(text: string): string {
  return text.length > 24 ? text.slice(0, 21) + '...' : text;
}
