/** The field paths a filter mentions, each once, in order of first appearance. */
import type { FilterExpr, Operand } from './ast.ts';
import type { BoundExpr, BoundOperand } from './bound-ast.ts';

type AnyExpr = FilterExpr | BoundExpr;
type AnyOperand = Operand | BoundOperand;

export function fieldsOf(expr: AnyExpr): string[][] {
  const seen = new Map<string, string[]>();
  const visit = (operand: AnyOperand): void => {
    if (operand.kind !== 'field') return;
    const key = operand.path.join('/');
    if (!seen.has(key)) seen.set(key, [...operand.path]);
  };
  walk(expr, visit);
  return [...seen.values()];
}

function walk(expr: AnyExpr, visit: (operand: AnyOperand) => void): void {
  switch (expr.kind) {
    case 'and':
    case 'or':
      for (const e of expr.operands) walk(e, visit);
      return;
    case 'not':
      return walk(expr.operand, visit);
    case 'compare':
      visit(expr.left);
      return visit(expr.right);
    case 'in':
      return visit(expr.field);
    case 'call':
      return expr.args.forEach(visit);
  }
}
