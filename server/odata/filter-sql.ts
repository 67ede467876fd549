/**
 * Compiles a bound filter (src/core/filter) to a SQL predicate with positional `?`
 * parameters. Literal values only ever travel as parameters; the SQL text is built from
 * column references, fixed keywords and the dialect's templates.
 *
 * Contract: for every row, the predicate is 1 exactly when evaluateFilter is true, and 0
 * otherwise; never NULL. Every atom is made two-valued where it is built (null guards,
 * null-safe equality), so NOT and AND/OR need no three-valued care and match the in-memory
 * semantics. A property test (test/server/filter-sql.property.test.ts) holds us to it.
 *
 * Storage encoding the server uses, and that parameters therefore follow: String, Decimal
 * (canonical text), Date, DateTimeOffset and Guid as TEXT; Int32 as INTEGER; Boolean as the
 * dialect encodes it (SQLite: INTEGER 0/1). Strings must be in a binary collation.
 */
import type { CompareOp, StringFunction } from '../../src/core/filter/ast.ts';
import type {
  BoundCall,
  BoundCompare,
  BoundExpr,
  BoundField,
  BoundIn,
  BoundOperand,
} from '../../src/core/filter/bound-ast.ts';
import type { EdmType, FieldDef } from '../../src/core/schema/types.ts';

/** SQL text with the values of its `?` placeholders, in order. */
export interface SqlFragment {
  readonly text: string;
  readonly params: readonly unknown[];
}

/**
 * What differs between databases. Predicate templates take fragments, not strings, so one
 * may use an operand more than once: its parameters are repeated along with its text.
 */
export interface SqlDialect {
  readonly name: string;
  /** Value of a parameter holding a non-null canonical value of `type`. */
  encode(value: string | number | boolean, type: EdmType): unknown;
  /** Null-safe, two-valued equality and inequality. */
  notDistinct(a: SqlFragment, b: SqlFragment): SqlFragment;
  distinct(a: SqlFragment, b: SqlFragment): SqlFragment;
  /** Case-sensitive, code-point string predicates; operands are known to be non-null. */
  contains(a: SqlFragment, b: SqlFragment): SqlFragment;
  startsWith(a: SqlFragment, b: SqlFragment): SqlFragment;
  endsWith(a: SqlFragment, b: SqlFragment): SqlFragment;
  /** Three-way numeric comparison of canonical decimal texts: negative, 0 or positive. */
  compareDecimal(a: SqlFragment, b: SqlFragment): SqlFragment;
  /** ORDER BY expression for a canonical decimal TEXT column. */
  decimalSortKey(column: string): string;
}

/** Tagged template joining fragments: sql`${a} = ${b}` keeps a's params before b's. */
export function sql(strings: TemplateStringsArray, ...parts: readonly SqlFragment[]): SqlFragment {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  parts.forEach((part, i) => {
    text += part.text + (strings[i + 1] ?? '');
    params.push(...part.params);
  });
  return { text, params };
}

const raw = (text: string): SqlFragment => ({ text, params: [] });

/**
 * SQLite (registerSqliteFunctions provides tandem_dec_*). String predicates work on the
 * UTF-8 bytes: length() and substr() on TEXT stop at the first NUL character, bytes do not,
 * and UTF-8 is self-synchronising, so byte matches are exactly code-point matches. (LIKE and
 * GLOB are out: LIKE ignores ASCII case, both treat characters of the value as wildcards.)
 */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  encode: (value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value),
  notDistinct: (a, b) => sql`${a} IS ${b}`,
  distinct: (a, b) => sql`${a} IS NOT ${b}`,
  contains: (a, b) => sql`instr(${bytes(a)}, ${bytes(b)}) > 0`,
  startsWith: (a, b) => affix(bytes(a), bytes(b), (x, y) => sql`substr(${x}, 1, length(${y}))`),
  endsWith: (a, b) => affix(bytes(a), bytes(b), (x, y) => sql`substr(${x}, length(${x}) - length(${y}) + 1)`),
  compareDecimal: (a, b) => sql`tandem_dec_cmp(${a}, ${b})`,
  decimalSortKey: (column) => `tandem_dec_key(${column})`,
};

function bytes(text: SqlFragment): SqlFragment {
  return sql`CAST(${text} AS BLOB)`;
}

/**
 * `y` is a prefix/suffix of `x` (both blobs): the part of x that `slice` cuts equals y.
 * substr() of an empty blob is NULL, not X'', so the length tests come first and keep the
 * result two-valued: x empty → only y empty matches; y empty → always true.
 */
function affix(x: SqlFragment, y: SqlFragment, slice: (x: SqlFragment, y: SqlFragment) => SqlFragment): SqlFragment {
  return sql`length(${x}) >= length(${y}) AND (length(${y}) = 0 OR ${slice(x, y)} = ${y})`;
}

export function compileFilterSql(
  bound: BoundExpr,
  columns: (field: FieldDef) => string,
  dialect: SqlDialect,
): { sql: string; params: unknown[] } {
  const fragment = new Compiler(columns, dialect).predicate(bound);
  return { sql: fragment.text, params: [...fragment.params] };
}

/** The ORDER BY expression for a field stored in `column` (already quoted). */
export function orderByColumnSql(field: FieldDef, column: string, dialect: SqlDialect): string {
  return field.type === 'Edm.Decimal' ? dialect.decimalSortKey(column) : column;
}

const ORDERING: Readonly<Record<Exclude<CompareOp, 'eq' | 'ne'>, string>> = { gt: '>', ge: '>=', lt: '<', le: '<=' };

/** Every method returns a parenthesised, two-valued predicate. */
class Compiler {
  constructor(
    private readonly columns: (field: FieldDef) => string,
    private readonly dialect: SqlDialect,
  ) {}

  predicate(expr: BoundExpr): SqlFragment {
    switch (expr.kind) {
      case 'and':
      case 'or':
        return this.balanced(expr.operands.map((e) => this.predicate(e)), expr.kind === 'and' ? 'AND' : 'OR');
      case 'not':
        return sql`(NOT ${this.predicate(expr.operand)})`;
      case 'compare':
        return this.compare(expr);
      case 'in':
        return this.in(expr);
      case 'call':
        return this.call(expr);
    }
  }

  /**
   * Joins as a balanced tree: SQLite refuses expression trees deeper than 1000, which a
   * long `a or b or …` chain would reach if joined left to right.
   */
  private balanced(parts: readonly SqlFragment[], op: 'AND' | 'OR'): SqlFragment {
    if (parts.length === 1 && parts[0] !== undefined) return parts[0];
    const middle = Math.ceil(parts.length / 2);
    const left = this.balanced(parts.slice(0, middle), op);
    const right = this.balanced(parts.slice(middle), op);
    return sql`(${left} ${raw(op)} ${right})`;
  }

  private compare(expr: BoundCompare): SqlFragment {
    const { op, type, left, right } = expr;
    if (isNullLiteral(left)) return this.compareNull(op, right);
    if (isNullLiteral(right)) return this.compareNull(op, left);
    const [a, b] = [this.operand(left, type), this.operand(right, type)];
    if (op === 'eq') return sql`(${this.dialect.notDistinct(a, b)})`;
    if (op === 'ne') return sql`(${this.dialect.distinct(a, b)})`;
    const order = raw(ORDERING[op]);
    const test =
      type === 'Edm.Decimal' ? sql`${this.dialect.compareDecimal(a, b)} ${order} 0` : sql`${a} ${order} ${b}`;
    return this.guarded([left, right], test);
  }

  /** `x eq null` is a null test; ordering against null is never true. */
  private compareNull(op: CompareOp, other: BoundOperand): SqlFragment {
    if (op !== 'eq' && op !== 'ne') return FALSE;
    if (other.kind === 'literal') return (other.value === null) === (op === 'eq') ? TRUE : FALSE;
    const column = this.column(other);
    return op === 'eq' ? sql`(${column} IS NULL)` : sql`(${column} IS NOT NULL)`;
  }

  /** A null field matches only a null in the list; `IN` alone would yield NULL for it. */
  private in(expr: BoundIn): SqlFragment {
    const type = expr.field.field.type;
    const column = this.column(expr.field);
    const values = expr.values.filter((v): v is string | number | boolean => v !== null);
    if (values.length === 0) return sql`(${column} IS NULL)`;
    const test = sql`${column} IN (${join(values.map((v) => this.param(v, type)), ', ')})`;
    const listHasNull = values.length < expr.values.length;
    return listHasNull ? sql`(${column} IS NULL OR ${test})` : sql`(${column} IS NOT NULL AND ${test})`;
  }

  private call(expr: BoundCall): SqlFragment {
    const [left, right] = expr.args;
    if (isNullLiteral(left) || isNullLiteral(right)) return FALSE;
    const [a, b] = [this.operand(left, 'Edm.String'), this.operand(right, 'Edm.String')];
    return this.guarded(expr.args, this.stringTest(expr.fn, a, b));
  }

  private stringTest(fn: StringFunction, a: SqlFragment, b: SqlFragment): SqlFragment {
    switch (fn) {
      case 'contains':
        return this.dialect.contains(a, b);
      case 'startswith':
        return this.dialect.startsWith(a, b);
      case 'endswith':
        return this.dialect.endsWith(a, b);
    }
  }

  /** Prefixes `col IS NOT NULL AND` for each column operand, making `test` two-valued. */
  private guarded(operands: readonly BoundOperand[], test: SqlFragment): SqlFragment {
    const checks = operands.flatMap((o) => (o.kind === 'field' ? [sql`${this.column(o)} IS NOT NULL`] : []));
    return sql`(${join([...checks, sql`(${test})`], ' AND ')})`;
  }

  private operand(operand: BoundOperand, type: EdmType): SqlFragment {
    if (operand.kind === 'field') return this.column(operand);
    if (operand.value === null) throw new Error('unreachable: null literals compile to null tests');
    return this.param(operand.value, type);
  }

  private column(field: BoundField): SqlFragment {
    return raw(this.columns(field.field));
  }

  private param(value: string | number | boolean, type: EdmType): SqlFragment {
    return { text: '?', params: [this.dialect.encode(value, type)] };
  }
}

/** SQL's boolean constants (SQLite ≥ 3.23 and PostgreSQL both spell them so). */
const TRUE = raw('(TRUE)');
const FALSE = raw('(FALSE)');

function join(parts: readonly SqlFragment[], separator: string): SqlFragment {
  const text = parts.map((p) => p.text).join(separator);
  return { text, params: parts.flatMap((p) => p.params) };
}

function isNullLiteral(operand: BoundOperand): boolean {
  return operand.kind === 'literal' && operand.value === null;
}
