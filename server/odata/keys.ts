/** Matching a key predicate to a set's primary or alternate key, and printing keys back. */
import type { EntitySetDef, FieldDef } from '../../src/core/schema/types.ts';
import { normalizeDate, normalizeGuid } from '../../src/core/values/index.ts';
import { ODataError } from './errors.ts';
import type { KeyPredicate, KeyValue } from './resource-path.ts';

export interface ResolvedKey {
  readonly kind: 'primary' | 'alternate';
  /** Field name → canonical JSON value, in the key's field order. */
  readonly values: ReadonlyMap<string, string | number | boolean>;
}

export function resolveKey(set: EntitySetDef, predicate: KeyPredicate): ResolvedKey {
  if (predicate.kind === 'single') {
    const only = set.key.length === 1 ? set.key[0] : undefined;
    if (!only) {
      throw new ODataError('InvalidKey', `${set.name} has a composite key (${set.key.join(', ')}): name every key property.`);
    }
    return { kind: 'primary', values: new Map([[only, coerce(set, only, predicate.value)]]) };
  }
  const names = [...predicate.values.keys()];
  const candidates: { kind: 'primary' | 'alternate'; fields: readonly string[] }[] = [
    { kind: 'primary', fields: set.key },
    ...(set.alternateKeys ?? []).map((fields) => ({ kind: 'alternate' as const, fields })),
  ];
  const match = candidates.find((c) => c.fields.length === names.length && c.fields.every((f) => predicate.values.has(f)));
  if (!match) {
    const keys = candidates.map((c) => `(${c.fields.join(', ')})`).join(' or ');
    throw new ODataError('InvalidKey', `(${names.join(', ')}) is not a key of ${set.name}; use ${keys}.`);
  }
  const values = new Map<string, string | number | boolean>();
  for (const field of match.fields) values.set(field, coerce(set, field, predicate.values.get(field) as KeyValue));
  return { kind: match.kind, values };
}

function coerce(set: EntitySetDef, name: string, value: KeyValue): string | number | boolean {
  const field = set.fields.find((f) => f.name === name) as FieldDef;
  const wrong = () => new ODataError('InvalidKey', `Key property ${name} of ${set.name} expects ${field.type}, got ${JSON.stringify(value)}.`, name);
  switch (field.type) {
    case 'Edm.Guid': {
      const guid = typeof value === 'string' ? normalizeGuid(value) : null;
      if (!guid) throw wrong();
      return guid;
    }
    case 'Edm.Date': {
      // Quoted like a string ('2026-01-01'), as the engine and formatKey write it.
      const date = typeof value === 'string' ? normalizeDate(value) : null;
      if (!date) throw wrong();
      return date;
    }
    case 'Edm.Int32':
      if (typeof value !== 'number') throw wrong();
      return value;
    case 'Edm.Boolean':
      if (typeof value !== 'boolean') throw wrong();
      return value;
    default:
      if (typeof value !== 'string') throw wrong();
      return value;
  }
}

/** The canonical key predicate of a row, e.g. `CustomersV3(dataAreaId='usmf',CustomerAccount='C-1')`, for messages. */
export function formatKey(set: EntitySetDef, row: Readonly<Record<string, unknown>>): string {
  return keyPredicate(set, row, (literal) => literal);
}

/**
 * The key predicate as a URL path segment (Location, OData-EntityId, @id): each literal is
 * percent-encoded, so a key holding '#', '?', '/', a line feed or '€' still leads back to
 * its row and is a valid header value.
 */
export function formatKeyLink(set: EntitySetDef, row: Readonly<Record<string, unknown>>): string {
  return keyPredicate(set, row, encodeURIComponent);
}

function keyPredicate(set: EntitySetDef, row: Readonly<Record<string, unknown>>, encode: (literal: string) => string): string {
  const literal = (name: string): string => {
    const value = row[name];
    const field = set.fields.find((f) => f.name === name);
    if (field?.type === 'Edm.Guid' || typeof value !== 'string') return encode(String(value));
    return encode(`'${value.replace(/'/g, "''")}'`);
  };
  const inner = set.key.length === 1 ? literal(set.key[0] as string) : set.key.map((k) => `${k}=${literal(k)}`).join(',');
  return `${set.name}(${inner})`;
}
