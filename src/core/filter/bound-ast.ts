/**
 * A filter after binding (bind.ts): every field operand carries its FieldDef and every
 * literal has been coerced to the canonical JSON value of the type it is compared with
 * (../schema/types.ts). Evaluation (evaluate.ts) and SQL compilation read only this form,
 * so both see exactly the same typed values.
 */
import type { EdmType, FieldDef } from '../schema/types.ts';
import type { CompareOp, StringFunction } from './ast.ts';

/** A canonical JSON value of some EdmType, or null. */
export type Scalar = string | number | boolean | null;

export interface BoundField {
  readonly kind: 'field';
  readonly path: readonly string[];
  readonly field: FieldDef;
  readonly pos: number;
}

export interface BoundLiteral {
  readonly kind: 'literal';
  readonly value: Scalar;
  readonly pos: number;
}

export type BoundOperand = BoundField | BoundLiteral;

export interface BoundAnd {
  readonly kind: 'and';
  readonly operands: readonly BoundExpr[];
  readonly pos: number;
}

export interface BoundOr {
  readonly kind: 'or';
  readonly operands: readonly BoundExpr[];
  readonly pos: number;
}

export interface BoundNot {
  readonly kind: 'not';
  readonly operand: BoundExpr;
  readonly pos: number;
}

export interface BoundCompare {
  readonly kind: 'compare';
  readonly op: CompareOp;
  /** The type both sides share; at least one side is a field of this type. */
  readonly type: EdmType;
  readonly left: BoundOperand;
  readonly right: BoundOperand;
  readonly pos: number;
}

export interface BoundIn {
  readonly kind: 'in';
  readonly field: BoundField;
  /** Canonical values of field.field.type, possibly including null. */
  readonly values: readonly Scalar[];
  readonly pos: number;
}

/** Both arguments are Edm.String (fields) or string / null (literals). */
export interface BoundCall {
  readonly kind: 'call';
  readonly fn: StringFunction;
  readonly args: readonly [BoundOperand, BoundOperand];
  readonly pos: number;
}

export type BoundExpr = BoundAnd | BoundOr | BoundNot | BoundCompare | BoundIn | BoundCall;
