/**
 * Prints a filter in canonical text: single spaces, keywords lower-case, literals in their
 * canonical forms, and only the parentheses the tree needs. The contract, pinned by a
 * property test: parseFilter(formatFilter(e)) equals e apart from positions.
 */
import type { FilterExpr, Literal, Operand } from './ast.ts';

export function formatFilter(expr: FilterExpr): string {
  switch (expr.kind) {
    case 'or':
      // `and` binds tighter than `or`, so only a nested `or` needs parentheses to stay nested.
      return expr.operands.map((e) => (e.kind === 'or' ? group(e) : formatFilter(e))).join(' or ');
    case 'and':
      return expr.operands.map((e) => (isJunction(e) ? group(e) : formatFilter(e))).join(' and ');
    case 'not':
      return `not ${isJunction(expr.operand) ? group(expr.operand) : formatFilter(expr.operand)}`;
    case 'compare':
      return `${formatOperand(expr.left)} ${expr.op} ${formatOperand(expr.right)}`;
    case 'in':
      return `${formatOperand(expr.field)} in (${expr.values.map(formatLiteral).join(', ')})`;
    case 'call':
      return `${expr.fn}(${formatOperand(expr.args[0])}, ${formatOperand(expr.args[1])})`;
  }
}

function isJunction(expr: FilterExpr): boolean {
  return expr.kind === 'and' || expr.kind === 'or';
}

function group(expr: FilterExpr): string {
  return `(${formatFilter(expr)})`;
}

export function formatOperand(operand: Operand): string {
  return operand.kind === 'field' ? operand.path.join('/') : formatLiteral(operand);
}

export function formatLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(literal.value);
    case 'string':
      return `'${literal.value.replaceAll("'", "''")}'`;
    default:
      return literal.value;
  }
}
