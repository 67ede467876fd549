/**
 * In-memory evaluation of a bound filter over a row of canonical JSON values — the
 * reference semantics that the SQL compiler (server/odata/filter-sql.ts) reproduces.
 *
 * Two-valued logic, no SQL UNKNOWN, so `not` is plain negation:
 *   eq / ne             null-safe: null eq null is true, x ne null is true for non-null x
 *   gt / ge / lt / le   false when either side is null
 *   contains & co.      false when either argument is null; case-sensitive, by code point
 *   in                  a null field matches only a null in the list
 * Order: strings by code point (compareStrings), decimals numerically, dates, date-times
 * and GUIDs as their canonical text, false < true.
 */
import type { EdmType } from '../schema/types.ts';
import { compareDecimal } from '../values/decimal.ts';
import { compareStrings } from '../values/strings.ts';
import type { CompareOp } from './ast.ts';
import type { BoundCall, BoundExpr, BoundField, BoundOperand, Scalar } from './bound-ast.ts';

export type Row = Readonly<Record<string, unknown>>;

export function evaluateFilter(expr: BoundExpr, row: Row): boolean {
  switch (expr.kind) {
    case 'and':
      return expr.operands.every((e) => evaluateFilter(e, row));
    case 'or':
      return expr.operands.some((e) => evaluateFilter(e, row));
    case 'not':
      return !evaluateFilter(expr.operand, row);
    case 'compare':
      return compare(expr.op, expr.type, operandValue(expr.left, row), operandValue(expr.right, row));
    case 'in': {
      const value = fieldValue(expr.field, row);
      const type = expr.field.field.type;
      return expr.values.some((v) => compare('eq', type, value, v));
    }
    case 'call':
      return call(expr, row);
  }
}

/**
 * The row key of a field: its FieldDef name for a one-segment path (the resolver may have
 * matched loosely), the joined path for a longer one (flattened navigation values).
 */
export function fieldKey(field: BoundField): string {
  return field.path.length === 1 ? field.field.name : field.path.join('/');
}

function fieldValue(field: BoundField, row: Row): Scalar {
  return (row[fieldKey(field)] ?? null) as Scalar;
}

function operandValue(operand: BoundOperand, row: Row): Scalar {
  return operand.kind === 'field' ? fieldValue(operand, row) : operand.value;
}

function compare(op: CompareOp, type: EdmType, a: Scalar, b: Scalar): boolean {
  if (a === null || b === null) {
    if (op === 'eq') return a === b;
    return op === 'ne' ? a !== b : false;
  }
  const order = compareValues(type, a, b);
  switch (op) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

function compareValues(type: EdmType, a: string | number | boolean, b: string | number | boolean): number {
  switch (type) {
    case 'Edm.Decimal':
      return compareDecimal(String(a), String(b));
    case 'Edm.Int32':
    case 'Edm.Boolean':
      return Number(a) - Number(b);
    default:
      return compareStrings(String(a), String(b));
  }
}

function call(expr: BoundCall, row: Row): boolean {
  const a = operandValue(expr.args[0], row);
  const b = operandValue(expr.args[1], row);
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  switch (expr.fn) {
    case 'contains':
      return a.includes(b);
    case 'startswith':
      return a.startsWith(b);
    case 'endswith':
      return a.endsWith(b);
  }
}
