/**
 * Parses the resource path after a service root:
 *
 *   ""  |  "$metadata"  |  "$batch"  |  Set  |  Set/$count  |  Set(keyPredicate)
 *
 * Key predicates: a single value for a single-field key (`accounts(0f8f…)`,
 * `Units('ea')`) or named values for a composite key or an alternate key
 * (`CustomersV3(dataAreaId='usmf',CustomerAccount='C-1')`,
 * `accounts(accountnumber='C-1',msdyn_company=0f8f…)`). Values are single-quoted strings
 * ('' escapes a quote), GUIDs, integers or true/false. Everything is data: a key value
 * never becomes SQL text.
 */
import { ODataError } from './errors.ts';

export type KeyValue = string | number | boolean;

export type ResourcePath =
  | { readonly kind: 'service' }
  | { readonly kind: 'metadata' }
  | { readonly kind: 'batch' }
  | { readonly kind: 'collection'; readonly set: string; readonly count: boolean }
  | { readonly kind: 'entity'; readonly set: string; readonly key: KeyPredicate };

/** Either one positional value, or named values. */
export type KeyPredicate =
  | { readonly kind: 'single'; readonly value: KeyValue }
  | { readonly kind: 'named'; readonly values: ReadonlyMap<string, KeyValue> };

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/;
const INTEGER = /^-?\d{1,15}(?![\d.])/;

export function parseResourcePath(path: string): ResourcePath {
  const p = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (p === '') return { kind: 'service' };
  if (p === '$metadata') return { kind: 'metadata' };
  if (p === '$batch') return { kind: 'batch' };
  const name = IDENT.exec(p)?.[0];
  if (!name) throw badPath(path, 'expected an entity set name');
  const rest = p.slice(name.length);
  if (rest === '') return { kind: 'collection', set: name, count: false };
  if (rest === '/$count') return { kind: 'collection', set: name, count: true };
  if (!rest.startsWith('(')) throw badPath(path, `unexpected '${rest.slice(0, 20)}' after '${name}'`);
  const { key, end } = parseKeyPredicate(rest, 1);
  if (end !== rest.length) throw badPath(path, `unexpected '${rest.slice(end, end + 20)}' after the key`);
  return { kind: 'entity', set: name, key };
}

function badPath(path: string, why: string): ODataError {
  return new ODataError('InvalidKey', `Cannot read the resource path '${path.slice(0, 200)}': ${why}.`);
}

/** Parses from just after '(' to just after the matching ')'. */
function parseKeyPredicate(text: string, start: number): { key: KeyPredicate; end: number } {
  let i = start;
  const values = new Map<string, KeyValue>();
  const first = readValue(text, i);
  if (first) {
    i = first.end;
    if (text[i] !== ')') throw keyError(text, i, "')' after the key value");
    return { key: { kind: 'single', value: first.value }, end: i + 1 };
  }
  for (;;) {
    const name = IDENT.exec(text.slice(i))?.[0];
    if (!name) throw keyError(text, i, 'a key property name');
    i += name.length;
    if (text[i] !== '=') throw keyError(text, i, `'=' after '${name}'`);
    const value = readValue(text, i + 1);
    if (!value) throw keyError(text, i + 1, `a value for '${name}'`);
    if (values.has(name)) throw keyError(text, i, `'${name}' only once`);
    values.set(name, value.value);
    i = value.end;
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === ')') return { key: { kind: 'named', values }, end: i + 1 };
    throw keyError(text, i, "',' or ')'");
  }
}

function readValue(text: string, i: number): { value: KeyValue; end: number } | null {
  if (text[i] === "'") {
    let out = '';
    let j = i + 1;
    for (;;) {
      const c = text[j];
      if (c === undefined) throw keyError(text, j, "a closing quote (')");
      if (c === "'") {
        if (text[j + 1] === "'") {
          out += "'";
          j += 2;
          continue;
        }
        return { value: out, end: j + 1 };
      }
      out += c;
      j++;
    }
  }
  const rest = text.slice(i);
  const guid = GUID.exec(rest)?.[0];
  if (guid) return { value: guid.toLowerCase(), end: i + guid.length };
  const int = INTEGER.exec(rest)?.[0];
  if (int) return { value: Number(int), end: i + int.length };
  for (const literal of ['true', 'false'] as const) {
    if (rest.startsWith(literal) && !/[A-Za-z0-9_=]/.test(rest[literal.length] ?? '')) {
      return { value: literal === 'true', end: i + literal.length };
    }
  }
  return null;
}

function keyError(text: string, at: number, expected: string): ODataError {
  const found = at < text.length ? `'${text.slice(at, at + 12)}'` : 'the end';
  return new ODataError('InvalidKey', `Invalid key predicate: expected ${expected} at position ${at}, found ${found}.`);
}
