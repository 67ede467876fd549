/**
 * Literal → canonical JSON value of the field type it meets (../schema/types.ts).
 *
 * Strings are accepted wherever the type has a textual form ('2021-06-23' for a date, '3'
 * for an Int32 option set, '12.50' for a decimal), because clients write them that way;
 * otherwise the literal's own kind must match. Returns undefined when the literal cannot
 * be a value of the type; the binder turns that into FILTER_TYPE.
 */
import type { FieldDef } from '../schema/types.ts';
import { canonicalDecimal } from '../values/decimal.ts';
import { normalizeDate, normalizeDateTime } from '../values/date-time.ts';
import { normalizeGuid } from '../values/guid.ts';
import type { Literal } from './ast.ts';
import type { Scalar } from './bound-ast.ts';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export function coerceLiteral(literal: Literal, field: FieldDef): Scalar | undefined {
  if (literal.kind === 'null') return null;
  const text = literal.kind === 'string' ? literal.value : undefined;
  switch (field.type) {
    case 'Edm.String':
      return text;
    case 'Edm.Boolean':
      return literal.kind === 'boolean' ? literal.value : undefined;
    case 'Edm.Decimal':
      return literal.kind === 'number' ? literal.value : orUndefined(text, canonicalDecimal);
    case 'Edm.Int32':
      return toInt32(literal.kind === 'number' ? literal.value : orUndefined(text, canonicalDecimal));
    case 'Edm.Date':
      return literal.kind === 'date' ? literal.value : orUndefined(text, normalizeDate);
    case 'Edm.DateTimeOffset':
      return literal.kind === 'datetime' ? literal.value : orUndefined(text, normalizeDateTime);
    case 'Edm.Guid':
      return literal.kind === 'guid' ? literal.value : orUndefined(text, normalizeGuid);
  }
}

function orUndefined(text: string | undefined, parse: (text: string) => string | null): string | undefined {
  return text === undefined ? undefined : (parse(text) ?? undefined);
}

/** Canonical decimal text of a whole number in Int32 range → that number. */
function toInt32(canonical: string | undefined): number | undefined {
  if (canonical === undefined || canonical.includes('.') || canonical.length > 11) return undefined;
  const n = Number(canonical);
  return n >= INT32_MIN && n <= INT32_MAX ? n : undefined;
}
