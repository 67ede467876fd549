/**
 * Binding: resolve every field path to its FieldDef and coerce every literal to the type of
 * the field it meets (coerce.ts). After binding, a filter is well-typed: evaluation and SQL
 * compilation never see a value of the wrong type.
 *
 * Typing rules:
 *   compare   one side at least is a field; field vs field needs equal types; every type
 *             is ordered (strings by code point, false < true), so gt/ge/lt/le apply to all.
 *   in        the field's type for every list item.
 *   call      contains/startswith/endswith take Edm.String fields, string or null literals.
 */
import type { FieldDef } from '../schema/types.ts';
import type { CallExpr, CompareExpr, FieldRef, FilterExpr, InExpr, Literal, Operand } from './ast.ts';
import type {
  BoundCall,
  BoundCompare,
  BoundExpr,
  BoundField,
  BoundIn,
  BoundLiteral,
  BoundOperand,
} from './bound-ast.ts';
import { coerceLiteral } from './coerce.ts';
import { FilterError } from './errors.ts';
import { formatLiteral } from './format.ts';
import { clip } from './lex.ts';

/** Gets the whole path (`Customer/Name` as two segments); undefined means no such field. */
export type FieldResolver = (path: string[], pos: number) => FieldDef | undefined;

export function bindFilter(expr: FilterExpr, resolve: FieldResolver): BoundExpr {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return { kind: expr.kind, operands: expr.operands.map((e) => bindFilter(e, resolve)), pos: expr.pos };
    case 'not':
      return { kind: 'not', operand: bindFilter(expr.operand, resolve), pos: expr.pos };
    case 'compare':
      return bindCompare(expr, resolve);
    case 'in':
      return bindIn(expr, resolve);
    case 'call':
      return bindCall(expr, resolve);
  }
}

/** A resolver over one entity set's fields: single-segment paths, exact names. */
export function resolveFields(fields: readonly FieldDef[]): FieldResolver {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return (path) => (path.length === 1 && path[0] !== undefined ? byName.get(path[0]) : undefined);
}

function bindCompare(expr: CompareExpr, resolve: FieldResolver): BoundCompare {
  const { op, pos } = expr;
  if (expr.left.kind === 'field') {
    const left = bindField(expr.left, resolve);
    const right = bindAgainst(expr.right, left, resolve, `'${op}'`);
    return { kind: 'compare', op, type: left.field.type, left, right, pos };
  }
  if (expr.right.kind === 'field') {
    const right = bindField(expr.right, resolve);
    const left = bindLiteral(expr.left, right, `'${op}'`);
    return { kind: 'compare', op, type: right.field.type, left, right, pos };
  }
  const message = `Comparison at position ${pos} needs a field on one side`;
  throw new FilterError('FILTER_TYPE', pos, message);
}

/** The other side of a comparison with `field`: a literal of its type or a field of its type. */
function bindAgainst(operand: Operand, field: BoundField, resolve: FieldResolver, context: string): BoundOperand {
  if (operand.kind !== 'field') return bindLiteral(operand, field, context);
  const other = bindField(operand, resolve);
  if (other.field.type !== field.field.type) {
    const message =
      `Cannot compare ${describeField(field)} with ${describeField(other)} ` +
      `in ${context} at position ${operand.pos}`;
    throw new FilterError('FILTER_TYPE', operand.pos, message);
  }
  return other;
}

function bindIn(expr: InExpr, resolve: FieldResolver): BoundIn {
  const field = bindField(expr.field, resolve);
  const values = expr.values.map((v) => bindLiteral(v, field, "'in'").value);
  return { kind: 'in', field, values, pos: expr.pos };
}

function bindCall(expr: CallExpr, resolve: FieldResolver): BoundCall {
  const [a, b] = expr.args;
  return { kind: 'call', fn: expr.fn, args: [bindText(a, expr, resolve), bindText(b, expr, resolve)], pos: expr.pos };
}

/** A string-function argument: an Edm.String field, a string or null. */
function bindText(operand: Operand, call: CallExpr, resolve: FieldResolver): BoundOperand {
  if (operand.kind === 'field') {
    const field = bindField(operand, resolve);
    if (field.field.type === 'Edm.String') return field;
    const message = `'${call.fn}' needs text, but ${describeField(field)} at position ${operand.pos} is not`;
    throw new FilterError('FILTER_TYPE', operand.pos, message);
  }
  if (operand.kind === 'string' || operand.kind === 'null') {
    return { kind: 'literal', value: operand.kind === 'null' ? null : operand.value, pos: operand.pos };
  }
  const message = `'${call.fn}' needs text, but ${formatLiteral(operand)} at position ${operand.pos} is not`;
  throw new FilterError('FILTER_TYPE', operand.pos, message);
}

function bindField(ref: FieldRef, resolve: FieldResolver): BoundField {
  const field = resolve([...ref.path], ref.pos);
  if (field === undefined) {
    const message = `Unknown field '${clip(ref.path.join('/'))}' at position ${ref.pos}`;
    throw new FilterError('FILTER_UNKNOWN_FIELD', ref.pos, message);
  }
  return { kind: 'field', path: ref.path, field, pos: ref.pos };
}

function bindLiteral(literal: Literal, field: BoundField, context: string): BoundLiteral {
  const value = coerceLiteral(literal, field.field);
  if (value === undefined) {
    const message =
      `Cannot compare ${describeField(field)} with ${clip(formatLiteral(literal))} ` +
      `in ${context} at position ${literal.pos}`;
    throw new FilterError('FILTER_TYPE', literal.pos, message);
  }
  return { kind: 'literal', value, pos: literal.pos };
}

function describeField(field: BoundField): string {
  return `${field.field.type} field '${clip(field.path.join('/'))}'`;
}
