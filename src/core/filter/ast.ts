/**
 * The filter language's syntax tree, as parsed (unbound: field names are just paths).
 * Every node carries `pos`, the 0-based offset of its first character in the source, so
 * binding and later checks can point at the offending text.
 *
 *   expr     := or
 *   or       := and ("or" and)*                 n-ary, so long chains stay shallow
 *   and      := unary ("and" unary)*
 *   unary    := "not" unary | primary            not binds tightest
 *   primary  := "(" expr ")"
 *             | fn "(" operand "," operand ")"   contains / startswith / endswith
 *             | field "in" "(" literal ("," literal)* ")"
 *             | operand cmp operand              eq ne gt ge lt le
 *             | field                            a bare Boolean field: field eq true
 *
 * A bare field is desugared to `compare eq true` by the parser, so it has no node kind.
 * Parentheses leave no node either; an and/or written inside another of the same kind with
 * parentheses stays nested, which is what lets formatFilter round-trip exactly.
 */

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type StringFunction = 'contains' | 'startswith' | 'endswith';

export const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
export const STRING_FUNCTIONS: readonly StringFunction[] = ['contains', 'startswith', 'endswith'];

export interface FieldRef {
  readonly kind: 'field';
  /** Identifier segments of a path such as `Customer/Name`. */
  readonly path: readonly string[];
  readonly pos: number;
}

/**
 * Literal values are kept in their canonical text forms (../values): numbers as canonical
 * decimal text, never a JS float; date-times normalised to UTC; GUIDs lowercase.
 */
export type Literal =
  | { readonly kind: 'null'; readonly pos: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly pos: number }
  | { readonly kind: 'string'; readonly value: string; readonly pos: number }
  | { readonly kind: 'number'; readonly value: string; readonly pos: number }
  | { readonly kind: 'date'; readonly value: string; readonly pos: number }
  | { readonly kind: 'datetime'; readonly value: string; readonly pos: number }
  | { readonly kind: 'guid'; readonly value: string; readonly pos: number };

export type LiteralKind = Literal['kind'];
export type Operand = FieldRef | Literal;

export interface AndExpr {
  readonly kind: 'and';
  /** Two or more. */
  readonly operands: readonly FilterExpr[];
  readonly pos: number;
}

export interface OrExpr {
  readonly kind: 'or';
  /** Two or more. */
  readonly operands: readonly FilterExpr[];
  readonly pos: number;
}

export interface NotExpr {
  readonly kind: 'not';
  readonly operand: FilterExpr;
  readonly pos: number;
}

export interface CompareExpr {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: Operand;
  readonly right: Operand;
  readonly pos: number;
}

export interface InExpr {
  readonly kind: 'in';
  readonly field: FieldRef;
  /** One or more. */
  readonly values: readonly Literal[];
  readonly pos: number;
}

export interface CallExpr {
  readonly kind: 'call';
  readonly fn: StringFunction;
  readonly args: readonly [Operand, Operand];
  readonly pos: number;
}

export type FilterExpr = AndExpr | OrExpr | NotExpr | CompareExpr | InExpr | CallExpr;
