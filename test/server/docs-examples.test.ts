/**
 * Keeps the protocol docs honest.
 *
 * docs/server.md: every ```sh block that starts with `curl` (or `NAME=$(curl … | jq -r …)`)
 * is run, in document order, against a fresh test server (seed 'tiny'), with $TANDEM and
 * $TOKEN (and any variable an earlier block set) substituted. The comment right above each
 * block says what must come back:
 *
 *   <!-- expect: 200 -->                   status
 *   <!-- expect: 400 InvalidFilter -->     status and error.code
 *   <!-- expect: 200 parts=201,424 -->     status and the $batch parts' statuses
 *   <!-- expect: dropped -->               the connection is closed without an answer
 *
 * curl is translated to fetch here (no curl binary needed): the block is split into words
 * with POSIX shell quoting, and the curl options the docs use are supported (-X, -H, -d,
 * --data, --data-raw, --data-urlencode, -G, -i, -s, -g, -o). Anything else fails the test,
 * so the docs cannot drift into commands this runner does not understand.
 *
 * Also checked: the generated entity-set tables (against server/schema), the error
 * catalogue (against server/odata/errors.ts), and the examples of docs/filter-language.md
 * (parse, bind, evaluate and SQL output).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindFilter, evaluateFilter, FilterError, parseFilter, resolveFields } from '../../src/core/filter/index.ts';
import type { FieldDef } from '../../src/core/schema/types.ts';
import { ERROR_STATUS } from '../../server/odata/errors.ts';
import { compileFilterSql, sqliteDialect } from '../../server/odata/filter-sql.ts';
import { crm, STORES } from '../../server/schema/index.ts';
import type { SetSpec, StoreSpec } from '../../server/schema/spec.ts';
import { quoteId } from '../../server/storage/db.ts';
import type { TestServer } from '../support/server.ts';
import { startTestServer } from '../support/server.ts';

const doc = (name: string): string => readFileSync(fileURLToPath(new URL(`../../docs/${name}`, import.meta.url)), 'utf8');
const SERVER_MD = doc('server.md');
const FILTER_MD = doc('filter-language.md');

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

// ---------------------------------------------------------------------------------------
// Shell words (the subset of POSIX quoting the docs use)

type Token = { readonly kind: 'word'; readonly text: string } | { readonly kind: 'pipe' };

/** Splits a command into words: quotes, backslash escapes and continuations, $VAR / ${VAR}. */
function shellWords(source: string, env: Readonly<Record<string, string>>): Token[] {
  const tokens: Token[] = [];
  let word: string | null = null;
  let i = 0;
  const append = (text: string) => {
    word = (word ?? '') + text;
  };
  const end = () => {
    if (word !== null) tokens.push({ kind: 'word', text: word });
    word = null;
  };
  const expand = (): string => {
    // at '$'
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(source.slice(i));
    const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(i));
    const match = braced ?? plain;
    if (!match) {
      if (source[i + 1] === '(') throw new Error('command substitution $(…) is only supported as NAME=$(curl … | jq -r …)');
      i++;
      return '$';
    }
    const name = match[1] as string;
    const value = env[name];
    if (value === undefined) throw new Error(`$${name} is not set by an earlier example`);
    i += match[0].length;
    return value;
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === '\n') i += 2;
      else if (next === undefined) throw new Error('trailing backslash');
      else {
        append(next);
        i += 2;
      }
    } else if (c === ' ' || c === '\t' || c === '\n') {
      end();
      i++;
    } else if (c === "'") {
      const close = source.indexOf("'", i + 1);
      if (close < 0) throw new Error('unterminated single quote');
      append(source.slice(i + 1, close));
      i = close + 1;
    } else if (c === '"') {
      append('');
      i++;
      for (;;) {
        const d = source[i];
        if (d === undefined) throw new Error('unterminated double quote');
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\' && source[i + 1] !== undefined && '$`"\\\n'.includes(source[i + 1] as string)) {
          if (source[i + 1] !== '\n') append(source[i + 1] as string);
          i += 2;
        } else if (d === '$') {
          append(expand());
        } else if (d === '`') {
          throw new Error('backticks are not supported');
        } else {
          append(d);
          i++;
        }
      }
    } else if (c === '$') {
      append(expand());
    } else if (c === '|') {
      end();
      tokens.push({ kind: 'pipe' });
      i++;
    } else if (c === '#' && word === null) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (';&<>()`'.includes(c)) {
      throw new Error(`shell operator '${c}' is not supported`);
    } else {
      append(c);
      i++;
    }
  }
  end();
  return tokens;
}

/** Splits at pipes into commands, each a list of words. */
function pipeline(tokens: readonly Token[]): string[][] {
  const commands: string[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'pipe') commands.push([]);
    else commands[commands.length - 1]?.push(t.text);
  }
  if (commands.some((c) => c.length === 0)) throw new Error('empty command in a pipeline');
  return commands;
}

// ---------------------------------------------------------------------------------------
// curl → fetch

interface CurlRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** curl's --data-urlencode escaping: everything but unreserved characters. */
const curlEscape = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

function curlRequest(words: readonly string[]): CurlRequest {
  if (words[0] !== 'curl') throw new Error(`expected curl, got ${words[0]}`);
  let method: string | undefined;
  const headers: Record<string, string> = {};
  const data: string[] = [];
  let get = false;
  let head = false;
  let globoff = false;
  const urls: string[] = [];
  const flags: Record<string, () => void> = {
    s: () => {},
    S: () => {},
    i: () => {},
    g: () => {
      globoff = true;
    },
    G: () => {
      get = true;
    },
    I: () => {
      head = true;
    },
  };
  const long: Record<string, string> = {
    '--silent': 's',
    '--show-error': 'S',
    '--include': 'i',
    '--globoff': 'g',
    '--get': 'G',
    '--head': 'I',
    '--request': 'X',
    '--header': 'H',
    '--data': 'd',
    '--data-ascii': 'd',
    '--data-binary': 'd',
    '--output': 'o',
  };
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as string;
    const takeValue = (): string => {
      const value = words[++i];
      if (value === undefined) throw new Error(`${word} needs a value`);
      return value;
    };
    if (word === '--data-raw') {
      data.push(takeValue());
      continue;
    }
    if (word === '--data-urlencode') {
      const content = takeValue();
      const eq = content.indexOf('=');
      if (content.startsWith('@') || (eq > 0 && content.slice(0, eq).includes('@'))) throw new Error('--data-urlencode from a file is not supported');
      data.push(eq < 0 ? curlEscape(content) : `${content.slice(0, eq)}${eq > 0 ? '=' : ''}${curlEscape(content.slice(eq + 1))}`);
      continue;
    }
    const letters = word.startsWith('--') ? long[word] : word.startsWith('-') && word.length > 1 ? word.slice(1) : undefined;
    if (word.startsWith('-') && letters === undefined) throw new Error(`unsupported curl option ${word}`);
    if (letters === undefined) {
      urls.push(word);
      continue;
    }
    [...letters].forEach((letter, at) => {
      const last = at === letters.length - 1;
      const valued = 'XHdo'.includes(letter);
      if (valued && !last) throw new Error(`-${letter} must come last in ${word}`);
      if (letter === 'X') method = takeValue();
      else if (letter === 'H') {
        const header = takeValue();
        const colon = header.indexOf(':');
        if (colon < 1) throw new Error(`bad header '${header}'`);
        headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
      } else if (letter === 'd') {
        const value = takeValue();
        if (value.startsWith('@')) throw new Error('-d @file is not supported');
        data.push(value);
      } else if (letter === 'o') takeValue();
      else {
        const flag = flags[letter];
        if (!flag) throw new Error(`unsupported curl option -${letter}`);
        flag();
      }
    });
  }
  if (urls.length !== 1) throw new Error(`expected one URL, got ${urls.length}`);
  let url = urls[0] as string;
  if (/\s/.test(url)) throw new Error(`the URL contains whitespace, which curl sends unencoded: ${url}`);
  if (!globoff && /[[\]{}]/.test(url)) throw new Error(`the URL contains curl glob characters; add -g: ${url}`);
  const joined = data.join('&');
  let body: string | undefined;
  if (data.length > 0 && get) url += (url.includes('?') ? '&' : '?') + joined;
  else if (data.length > 0) {
    body = joined;
    const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
    if (!hasType) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  const defaultMethod = head ? 'HEAD' : body !== undefined ? 'POST' : 'GET';
  return { url, method: method ?? defaultMethod, headers, ...(body !== undefined ? { body } : {}) };
}

// ---------------------------------------------------------------------------------------
// jq paths (.a, ."@odata.deltaLink", .value[0].b)

function jqPath(filter: string, value: unknown): unknown {
  let rest = filter.trim();
  if (rest === '.') return value;
  let current = value;
  while (rest.length > 0) {
    const m = /^\.([A-Za-z_][A-Za-z0-9_]*)|^\."((?:[^"\\]|\\.)*)"|^\[(\d+)\]|^\.\[(\d+)\]/.exec(rest);
    if (!m) throw new Error(`unsupported jq filter '${filter}'`);
    const key = m[1] ?? (m[2] !== undefined ? (JSON.parse(`"${m[2]}"`) as string) : undefined);
    const index = m[3] ?? m[4];
    if (key !== undefined) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
    else current = Array.isArray(current) ? current[Number(index)] : undefined;
    rest = rest.slice(m[0].length);
  }
  return current;
}

// ---------------------------------------------------------------------------------------
// The examples of docs/server.md

type Expectation = { readonly status: number; readonly code?: string; readonly parts?: readonly number[] } | { readonly dropped: true };

interface Example {
  readonly line: number;
  readonly source: string;
  readonly expectation: Expectation | string;
}

function parseExpectation(text: string): Expectation | string {
  const words = text.trim().split(/\s+/);
  if (words[0] === 'dropped' && words.length === 1) return { dropped: true };
  const status = Number(words[0]);
  if (!Number.isInteger(status)) return `bad expectation '${text}'`;
  let code: string | undefined;
  let parts: number[] | undefined;
  for (const word of words.slice(1)) {
    if (word.startsWith('parts=')) parts = word.slice(6).split(',').map(Number);
    else if (/^[A-Z][A-Za-z]+$/.test(word)) code = word;
    else return `bad expectation word '${word}'`;
  }
  return { status, ...(code ? { code } : {}), ...(parts ? { parts } : {}) };
}

function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const m of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const source = (m[1] as string).trim();
    if (!/^(curl\s|[A-Z_][A-Z0-9_]*=\$\(curl\s)/.test(source)) continue;
    const before = markdown.slice(0, m.index).trimEnd();
    const comment = /<!--\s*expect:\s*(.*?)\s*-->$/.exec(before);
    const line = lineOf(markdown, m.index ?? 0);
    examples.push({ line, source, expectation: comment ? parseExpectation(comment[1] as string) : 'no <!-- expect: … --> comment above the block' });
  }
  return examples;
}

interface Outcome {
  readonly status: number;
  readonly text: string;
}

async function run(request: CurlRequest): Promise<Outcome | 'dropped'> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      redirect: 'manual',
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
  } catch {
    return 'dropped';
  }
  return { status: response.status, text: await response.text() };
}

function check(outcome: Outcome | 'dropped', expectation: Expectation): void {
  if ('dropped' in expectation) {
    expect(outcome).toBe('dropped');
    return;
  }
  if (outcome === 'dropped') throw new Error(`the connection was dropped; expected ${expectation.status}`);
  expect(outcome.status, outcome.text.slice(0, 500)).toBe(expectation.status);
  if (expectation.status !== 503) expect(outcome.status, 'a server error in a doc example').toBeLessThan(500);
  if (expectation.code !== undefined) {
    const body = JSON.parse(outcome.text) as { error?: { code?: string } };
    expect(body.error?.code).toBe(expectation.code);
  }
  if (expectation.parts !== undefined) {
    const body = JSON.parse(outcome.text) as { responses: { status: number }[] };
    expect(body.responses.map((r) => r.status)).toEqual(expectation.parts);
  }
}

describe('docs/server.md curl examples', () => {
  let server: TestServer;
  const env: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer({ seedSize: 'tiny' });
    env['TANDEM'] = server.url;
  });
  afterAll(() => server.stop());

  const examples = examplesOf(SERVER_MD);
  it('has examples, each with an expectation', () => {
    expect(examples.length).toBeGreaterThan(40);
    for (const ex of examples) expect(typeof ex.expectation === 'string' ? `line ${ex.line}: ${ex.expectation}` : 'ok').toBe('ok');
  });

  for (const ex of examples) {
    const title = `line ${ex.line}: ${ex.source.split('\n')[0]?.slice(0, 110)}`;
    it(title, async () => {
      if (typeof ex.expectation === 'string') throw new Error(ex.expectation);
      const assignment = /^([A-Z_][A-Z0-9_]*)=\$\(([\s\S]*)\)$/.exec(ex.source);
      const commands = pipeline(shellWords(assignment ? (assignment[2] as string) : ex.source, env));
      const request = curlRequest(commands[0] as string[]);
      const outcome = await run(request);
      check(outcome, ex.expectation);
      if (assignment) {
        const jq = commands[1];
        if (!jq || jq[0] !== 'jq' || jq[1] !== '-r' || jq.length !== 3) throw new Error('an assignment pipes curl into jq -r <path>');
        if (outcome === 'dropped') throw new Error('dropped');
        const value = jqPath(jq[2] as string, JSON.parse(outcome.text));
        if (typeof value !== 'string' || value === '') throw new Error(`${jq[2]} gave ${JSON.stringify(value)}`);
        env[assignment[1] as string] = value;
      } else {
        for (const command of commands.slice(1)) expect(command[0], 'only jq may follow curl in a pipeline').toBe('jq');
      }
    });
  }
});

describe('the curl translation', () => {
  it('splits words like a POSIX shell', () => {
    const words = pipeline(shellWords(`curl -s "$A/x?\\$top=1" -H 'B: "$A"' \\\n  -d a\\ b | jq -r .c`, { A: 'http://h' }));
    expect(words).toEqual([
      ['curl', '-s', 'http://h/x?$top=1', '-H', 'B: "$A"', '-d', 'a b'],
      ['jq', '-r', '.c'],
    ]);
    expect(() => shellWords('curl "$NOPE"', {})).toThrow(/not set/);
  });

  it('maps curl options to a fetch request', () => {
    expect(curlRequest(['curl', '-s', '-G', 'http://h/a', '--data-urlencode', "$filter=x eq 'y'", '--data-urlencode', '$top=2'])).toEqual({
      url: "http://h/a?$filter=x%20eq%20%27y%27&$top=2",
      method: 'GET',
      headers: {},
    });
    expect(curlRequest(['curl', '-X', 'PATCH', 'http://h/a', '-H', 'Content-Type: application/json', '-d', '{}'])).toEqual({
      url: 'http://h/a',
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(curlRequest(['curl', '-si', 'http://h/t', '-d', 'a=1'])).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(() => curlRequest(['curl', '-k', 'http://h/'])).toThrow(/unsupported/);
  });

  it('reads jq paths', () => {
    expect(jqPath('."@odata.deltaLink"', { '@odata.deltaLink': 'x' })).toBe('x');
    expect(jqPath('.value[1].a', { value: [{}, { a: 2 }] })).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------
// Generated tables and the error catalogue

const code = (s: string) => `\`${s}\``;

function ranges(values: readonly (string | number)[]): string {
  if (!values.every((v) => typeof v === 'number')) return values.join(', ');
  const nums = values as readonly number[];
  const out: string[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === (nums[j] as number) + 1) j++;
    out.push(j - i >= 2 ? `${nums[i]}…${nums[j]}` : nums.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return out.join(', ');
}

function setsTable(store: StoreSpec): string {
  const rows = store.sets.map((s) => {
    const alternate = (s.alternateKeys ?? []).map((k) => `(${k.join(', ')})`).join(' ') || '—';
    const company = s.company ? `${code(s.company.field)} (${s.company.kind})` : 'global';
    return `| ${code(s.name)} | ${code(s.entityType)} | ${s.key.join(', ')} | ${alternate} | ${company} | ${s.description ?? ''} |`;
  });
  return ['| Set | Entity type | Key | Alternate keys | Company field | About |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

function reference(f: FieldDef): string {
  const r = f.references;
  if (!r) return '';
  const withs = r.with?.length ? ` (with ${r.with.join(', ')})` : '';
  return `${code(f.name)} → ${r.set}${withs}`;
}

function fieldLine(store: StoreSpec, s: SetSpec): string {
  const own = s.fields.filter((f) => !f.readOnly);
  const required = own.filter((f) => f.required && f.defaultValue === undefined && f.name !== s.generatedKey).map((f) => code(f.name));
  const refs = own.filter((f) => f.references).map(reference);
  const enums = own.filter((f) => f.enumValues).map((f) => `${code(f.name)} (${ranges(f.enumValues ?? [])})`);
  const decimals = own.filter((f) => f.type === 'Edm.Decimal').map((f) => `${code(f.name)} (${f.precision}, ${f.scale})`);
  const defaults = own.filter((f) => f.defaultValue !== undefined).map((f) => `${code(f.name)} = ${JSON.stringify(f.defaultValue)}`);
  const parts = [
    `${own.length} writable fields`,
    `required on create: ${required.join(', ') || 'none'}`,
    ...(s.generatedKey ? [`${code(s.generatedKey)} generated when omitted`] : []),
    ...(refs.length ? [`lookups: ${refs.join(', ')}`] : []),
    ...(enums.length ? [`${store.name === 'erp' ? 'enums' : 'option sets'}: ${enums.join(', ')}`] : []),
    ...(decimals.length ? [`decimals (precision, scale): ${decimals.join(', ')}`] : []),
    ...(defaults.length ? [`defaults: ${defaults.join(', ')}`] : []),
  ];
  return `- **${s.name}** — ${parts.join('; ')}.`;
}

/** The text between <!-- generated:NAME --> and <!-- /generated:NAME --> in docs/server.md. */
function generated(name: string): string {
  const [storeName, what] = name.split('-');
  const store = STORES.find((s) => s.name === storeName);
  if (!store) throw new Error(`no store ${storeName}`);
  return what === 'sets' ? setsTable(store) : store.sets.map((s) => fieldLine(store, s)).join('\n');
}

describe('docs/server.md reference tables', () => {
  it('lists every entity set as server/schema defines it', () => {
    const sections = [...SERVER_MD.matchAll(/<!-- generated:([a-z-]+) -->\n([\s\S]*?)\n<!-- \/generated:\1 -->/g)];
    expect(sections.map((m) => m[1])).toEqual(['erp-sets', 'erp-fields', 'crm-sets', 'crm-fields']);
    for (const [, name, text] of sections) expect(text, `regenerate the ${name} section`).toBe(generated(name as string));
  });

  it('lists the error catalogue of server/odata/errors.ts', () => {
    const section = SERVER_MD.slice(SERVER_MD.indexOf('\n## Errors'), SERVER_MD.indexOf('\n## Validation rules'));
    const rows = [...section.matchAll(/^\| `([A-Za-z]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(rows)).toEqual(ERROR_STATUS);
    expect(rows.map((r) => r[0])).toEqual(Object.keys(ERROR_STATUS));
  });
});

// ---------------------------------------------------------------------------------------
// docs/filter-language.md

const accounts = crm.sets.find((s) => s.name === 'accounts') as SetSpec;
const bindAccounts = (text: string) => bindFilter(parseFilter(text), resolveFields(accounts.fields));

describe('docs/filter-language.md examples', () => {
  const outcomes = [...FILTER_MD.matchAll(/^\| `([^`]+)` \| (ok|`(FILTER_[A-Z_]+)` at (\d+)) \|$/gm)];
  const evaluations = [...FILTER_MD.matchAll(/^\| `([^`]+)` \| `(\{[^`]*\})` \| (true|false) \|$/gm)];
  const sqlExamples = [...FILTER_MD.matchAll(/<!-- sql: (.+?) -->\n```sql\n(.+)\n-- params: (.+)\n```/g)];

  it('has examples', () => {
    expect(outcomes.length).toBeGreaterThan(30);
    expect(evaluations.length).toBeGreaterThan(10);
    expect(sqlExamples.length).toBeGreaterThan(1);
  });

  it('binds, or fails with the code and position shown', () => {
    for (const [, text, , errorCode, position] of outcomes) {
      let result = 'ok';
      try {
        bindAccounts(text as string);
      } catch (error) {
        if (!(error instanceof FilterError)) throw error;
        result = `${error.code} at ${error.position}`;
      }
      expect(result, text).toBe(errorCode ? `${errorCode} at ${position}` : 'ok');
    }
  });

  it('evaluates as shown', () => {
    for (const [, text, row, value] of evaluations) {
      expect(evaluateFilter(bindAccounts(text as string), JSON.parse(row as string) as Record<string, unknown>), text).toBe(value === 'true');
    }
  });

  it('compiles to the SQL shown', () => {
    for (const [, text, sqlText, params] of sqlExamples) {
      const compiled = compileFilterSql(bindAccounts(text as string), (f) => quoteId(f.name), sqliteDialect);
      expect(compiled.sql, text).toBe(sqlText);
      expect(compiled.params, text).toEqual(JSON.parse(params as string));
    }
  });
});
