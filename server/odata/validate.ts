/**
 * Validation of a request body against an entity set: unknown and read-only properties,
 * types, lengths, decimal precision and scale, enumerations, required values. Every
 * problem is collected (not just the first) and named by its property.
 */
import type { EntitySetDef, FieldDef } from '../../src/core/schema/types.ts';
import {
  canonicalDecimal,
  decimalPrecision,
  decimalScale,
  normalizeDate,
  normalizeDateTime,
  normalizeGuid,
} from '../../src/core/values/index.ts';
import type { JsonValue, Row } from './codec.ts';
import type { ErrorDetail } from './errors.ts';
import { ODataError } from './errors.ts';

export type WriteMode = 'create' | 'update';

/**
 * Checks `body` and returns its properties as canonical values; throws a 400 listing every
 * problem. `generated` names a key the server fills in when the client leaves it out.
 */
export function validateBody(set: EntitySetDef, body: unknown, mode: WriteMode, generated?: string): Row {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ODataError('InvalidBody', `The body must be a JSON object with ${set.name} properties.`);
  }
  const problems: ErrorDetail[] = [];
  const out: Row = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name.includes('@')) continue; // instance annotations such as @odata.etag are not data
    const field = set.fields.find((f) => f.name === name);
    if (!field) {
      problems.push({ code: 'UnknownProperty', message: `${set.name} has no property '${name}'.`, target: name });
      continue;
    }
    if (field.readOnly) {
      problems.push({ code: 'ReadOnlyProperty', message: `${name} is read-only; the server sets it.`, target: name });
      continue;
    }
    const checked = checkValue(set, field, value);
    if ('problem' in checked) problems.push(checked.problem);
    else out[name] = checked.value;
  }
  if (mode === 'create') {
    for (const field of set.fields) {
      if (field.required && !field.readOnly && field.name !== generated && isBlank(out[field.name]) && field.defaultValue === undefined) {
        if (problems.some((p) => p.target === field.name)) continue;
        problems.push({ code: 'RequiredProperty', message: `${field.name} is required on ${set.name}.`, target: field.name });
      }
    }
  }
  if (problems.length > 0) throw ODataError.fromDetails(problems);
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const isBlank = (v: JsonValue | undefined): boolean => v === undefined || v === null || v === '';

type Checked = { value: JsonValue } | { problem: ErrorDetail };

export function checkValue(set: EntitySetDef, field: FieldDef, value: unknown): Checked {
  const problem = (code: ErrorDetail['code'], message: string): Checked => ({
    problem: { code, message: `${field.name}: ${message}`, target: field.name },
  });
  if (value === null) {
    return field.required ? problem('RequiredProperty', `is required on ${set.name} and cannot be null.`) : { value: null };
  }
  switch (field.type) {
    case 'Edm.String': {
      if (typeof value !== 'string') return problem('InvalidValue', `expects a string, got ${describe(value)}.`);
      if (LONE_SURROGATE.test(value)) return problem('InvalidValue', 'contains a lone UTF-16 surrogate, which is not text.');
      if (field.required && value === '') return problem('RequiredProperty', `is required on ${set.name} and cannot be empty.`);
      const length = [...value].length;
      if (field.maxLength !== undefined && length > field.maxLength) {
        return problem('ValueTooLong', `is ${length} characters long; at most ${field.maxLength} allowed.`);
      }
      if (field.enumValues && !field.enumValues.includes(value)) {
        return problem('InvalidEnumValue', `'${value.slice(0, 40)}' is not one of ${field.enumValues.join(', ')}.`);
      }
      return { value };
    }
    case 'Edm.Decimal': {
      // Decimals travel as strings (IEEE754Compatible); a JSON number is accepted only
      // when it is a safe integer, because a fractional one has already lost precision.
      let text: string | null = null;
      if (typeof value === 'string') text = value;
      else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
      else if (typeof value === 'number') {
        return problem('InvalidValue', `send decimals as strings (e.g. "${value}"): a fractional JSON number is a float and loses precision.`);
      }
      const canonical = text === null ? null : canonicalDecimal(text);
      if (canonical === null) return problem('InvalidValue', `expects a decimal, got ${describe(value)}.`);
      const scale = decimalScale(canonical);
      if (field.scale !== undefined && scale > field.scale) {
        return problem('DecimalScale', `${canonical} has ${scale} decimal places; at most ${field.scale} allowed.`);
      }
      if (field.precision !== undefined && field.scale !== undefined) {
        const integerDigits = decimalPrecision(canonical) - scale;
        if (integerDigits > field.precision - field.scale) {
          return problem('DecimalPrecision', `${canonical} has ${integerDigits} integer digits; at most ${field.precision - field.scale} allowed.`);
        }
      }
      return { value: canonical };
    }
    case 'Edm.Int32': {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
        return problem('InvalidValue', `expects a 32-bit integer, got ${describe(value)}.`);
      }
      if (field.enumValues && !field.enumValues.includes(value)) {
        return problem('InvalidEnumValue', `${value} is not one of ${field.enumValues.join(', ')}.`);
      }
      return { value };
    }
    case 'Edm.Boolean':
      return typeof value === 'boolean' ? { value } : problem('InvalidValue', `expects true or false, got ${describe(value)}.`);
    case 'Edm.Date': {
      const date = typeof value === 'string' ? normalizeDate(value) : null;
      return date ? { value: date } : problem('InvalidValue', `expects a date YYYY-MM-DD, got ${describe(value)}.`);
    }
    case 'Edm.DateTimeOffset': {
      const dt = typeof value === 'string' ? normalizeDateTime(value) : null;
      return dt ? { value: dt } : problem('InvalidValue', `expects an ISO 8601 date-time with offset, got ${describe(value)}.`);
    }
    case 'Edm.Guid': {
      const guid = typeof value === 'string' ? normalizeGuid(value) : null;
      return guid ? { value: guid } : problem('InvalidValue', `expects a GUID, got ${describe(value)}.`);
    }
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
