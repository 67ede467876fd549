/**
 * Recursive-descent parser for the grammar in ast.ts.
 *
 * Recursion happens only through "(" and "not", and both count against MAX_FILTER_DEPTH
 * before descending, so hostile input ends in a FilterError, never a stack overflow; and/or
 * chains are loops. Every token is consumed at most once: parsing is linear in the length.
 */
import type { FieldRef, FilterExpr, Literal, Operand } from './ast.ts';
import { COMPARE_OPS, STRING_FUNCTIONS } from './ast.ts';
import { FilterError } from './errors.ts';
import { clip, tokenize, type Token } from './lex.ts';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_FILTER_NODES } from './limits.ts';

export function parseFilter(source: string): FilterExpr {
  if (source.length > MAX_FILTER_LENGTH) {
    const message = `Filter is longer than ${MAX_FILTER_LENGTH} characters at position ${MAX_FILTER_LENGTH}`;
    throw new FilterError('FILTER_TOO_COMPLEX', MAX_FILTER_LENGTH, message);
  }
  const parser = new Parser(tokenize(source));
  const expr = parser.parseOr();
  parser.expectEnd();
  return expr;
}

class Parser {
  private index = 0;
  private depth = 0;
  private nodes = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseOr(): FilterExpr {
    const operands = [this.parseAnd()];
    while (this.acceptKeyword('or')) operands.push(this.parseAnd());
    return operands.length === 1 ? first(operands) : this.node({ kind: 'or', operands, pos: first(operands).pos });
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.type !== 'end') this.fail(token, "'and', 'or' or end of input");
  }

  private parseAnd(): FilterExpr {
    const operands = [this.parseUnary()];
    while (this.acceptKeyword('and')) operands.push(this.parseUnary());
    return operands.length === 1 ? first(operands) : this.node({ kind: 'and', operands, pos: first(operands).pos });
  }

  private parseUnary(): FilterExpr {
    const token = this.peek();
    if (!this.acceptKeyword('not')) return this.parsePrimary();
    const operand = this.nested(token, () => this.parseUnary());
    return this.node({ kind: 'not', operand, pos: token.pos });
  }

  private parsePrimary(): FilterExpr {
    const token = this.peek();
    if (token.type === 'punct' && token.text === '(') return this.parseGroup(token);
    if (token.type === 'ident' && this.peek(1).text === '(') return this.parseCall(token);
    const left = this.parseOperand('a condition', token);
    return this.parseCondition(left);
  }

  private parseGroup(open: Token): FilterExpr {
    this.index++;
    const expr = this.nested(open, () => this.parseOr());
    const close = this.peek();
    if (close.type === 'punct' && close.text === ')') this.index++;
    else this.fail(close, "'and', 'or' or ')'");
    return expr;
  }

  private parseCall(name: Token): FilterExpr {
    const fn = STRING_FUNCTIONS.find((f) => f === name.text);
    if (fn === undefined) {
      throw new FilterError('FILTER_SYNTAX', name.pos, `Unknown function '${clip(name.text)}' at position ${name.pos}`);
    }
    this.index++;
    this.expectPunct('(', `'(' after '${fn}'`);
    const a = this.parseOperand(`an argument of '${fn}'`, this.peek());
    this.expectPunct(',', `',' after the first argument of '${fn}'`);
    const b = this.parseOperand(`a second argument of '${fn}'`, this.peek());
    this.expectPunct(')', `')' after the arguments of '${fn}'`);
    return this.node({ kind: 'call', fn, args: [a, b], pos: name.pos });
  }

  /** After an operand: a comparison, an `in` list, or nothing (a bare Boolean field). */
  private parseCondition(left: Operand): FilterExpr {
    const token = this.peek();
    const op = COMPARE_OPS.find((o) => token.type === 'keyword' && o === token.text);
    if (op !== undefined) {
      this.index++;
      const right = this.parseOperand(`a value after '${op}'`, this.peek());
      return this.node({ kind: 'compare', op, left, right, pos: left.pos });
    }
    if (left.kind !== 'field') this.fail(token, `a comparison operator after ${describe(this.tokens[this.index - 1])}`);
    if (token.type === 'keyword' && token.text === 'in') return this.parseIn(left);
    const bareTrue: Literal = this.node({ kind: 'boolean', value: true, pos: left.pos });
    return this.node({ kind: 'compare', op: 'eq', left, right: bareTrue, pos: left.pos });
  }

  private parseIn(field: FieldRef): FilterExpr {
    this.index++;
    this.expectPunct('(', "'(' after 'in'");
    const values = [this.parseLiteral()];
    while (this.acceptPunct(',')) values.push(this.parseLiteral());
    this.expectPunct(')', "',' or ')' in the 'in' list");
    return this.node({ kind: 'in', field, values, pos: field.pos });
  }

  private parseLiteral(): Literal {
    const token = this.peek();
    if (token.type !== 'literal') this.fail(token, "a literal in the 'in' list");
    this.index++;
    return this.node(token.literal);
  }

  private parseOperand(expected: string, token: Token): Operand {
    if (token.type === 'literal') {
      this.index++;
      return this.node(token.literal);
    }
    if (token.type !== 'ident') this.fail(token, expected);
    const path = [token.text];
    this.index++;
    while (this.acceptPunct('/')) {
      const segment = this.peek();
      if (segment.type !== 'ident') this.fail(segment, "a field name after '/'");
      path.push(segment.text);
      this.index++;
    }
    return this.node({ kind: 'field', path, pos: token.pos });
  }

  /** Runs `parse` one nesting level deeper, refusing before the level exceeds the limit. */
  private nested<T>(at: Token, parse: () => T): T {
    if (this.depth >= MAX_FILTER_DEPTH) {
      const message = `Filter nests deeper than ${MAX_FILTER_DEPTH} levels at position ${at.pos}`;
      throw new FilterError('FILTER_TOO_COMPLEX', at.pos, message);
    }
    this.depth++;
    const result = parse();
    this.depth--;
    return result;
  }

  private node<T extends { readonly pos: number }>(node: T): T {
    if (++this.nodes > MAX_FILTER_NODES) {
      const message = `Filter has more than ${MAX_FILTER_NODES} terms at position ${node.pos}`;
      throw new FilterError('FILTER_TOO_COMPLEX', node.pos, message);
    }
    return node;
  }

  private peek(ahead = 0): Token {
    const last = this.tokens.length - 1;
    return this.tokens[Math.min(this.index + ahead, last)] ?? { type: 'end', text: '', pos: 0 };
  }

  private acceptKeyword(keyword: string): boolean {
    const token = this.peek();
    if (token.type !== 'keyword' || token.text !== keyword) return false;
    this.index++;
    return true;
  }

  private acceptPunct(punct: string): boolean {
    const token = this.peek();
    if (token.type !== 'punct' || token.text !== punct) return false;
    this.index++;
    return true;
  }

  private expectPunct(punct: string, expected: string): void {
    if (!this.acceptPunct(punct)) this.fail(this.peek(), expected);
  }

  private fail(found: Token, expected: string): never {
    const message = `Expected ${expected} at position ${found.pos}, found ${describe(found)}`;
    throw new FilterError('FILTER_SYNTAX', found.pos, message);
  }
}

function describe(token: Token | undefined): string {
  if (token === undefined || token.type === 'end') return 'end of input';
  const isString = token.type === 'literal' && token.literal.kind === 'string';
  return isString ? `string ${clip(token.text)}` : `'${clip(token.text)}'`;
}

function first<T>(items: readonly T[]): T {
  const item = items[0];
  if (item === undefined) throw new Error('unreachable: a list parsed with at least one item');
  return item;
}
