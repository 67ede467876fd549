/**
 * $metadata as CSDL JSON (OData 4.01 §"CSDL JSON"): every entity type with its key,
 * properties (type, max length, precision, scale, nullability), read-only properties
 * (Core.Computed), alternate keys (Core.AlternateKeys), enumerations, lookups and the
 * company field, plus the container listing the entity sets.
 */
import type { FieldDef } from '../../src/core/schema/types.ts';
import type { SetSpec, StoreSpec } from '../schema/spec.ts';

const cache = new WeakMap<StoreSpec, Record<string, unknown>>();

export function csdl(store: StoreSpec): Record<string, unknown> {
  let doc = cache.get(store);
  if (doc) return doc;
  const ns = store.namespace;
  const schema: Record<string, unknown> = {};
  const container: Record<string, unknown> = { $Kind: 'EntityContainer' };
  for (const set of store.sets) {
    schema[set.entityType] = entityType(set);
    container[set.name] = { $Collection: true, $Type: `${ns}.${set.entityType}` };
  }
  schema['Container'] = container;
  doc = { $Version: '4.01', $EntityContainer: `${ns}.Container`, [ns]: schema };
  cache.set(store, doc);
  return doc;
}

function entityType(set: SetSpec): Record<string, unknown> {
  const type: Record<string, unknown> = { $Kind: 'EntityType', $Key: [...set.key] };
  if (set.description) type['@Core.Description'] = set.description;
  if (set.alternateKeys?.length) {
    type['@Core.AlternateKeys'] = set.alternateKeys.map((fields) => ({
      Key: fields.map((name) => ({ Name: name, Alias: name })),
    }));
  }
  if (set.company) type['@Tandem.Company'] = { Property: set.company.field, Kind: set.company.kind };
  for (const field of set.fields) type[field.name] = property(set, field);
  return type;
}

function property(set: SetSpec, field: FieldDef): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (field.type !== 'Edm.String') p['$Type'] = field.type;
  if (!field.required && !set.key.includes(field.name)) p['$Nullable'] = true;
  if (field.maxLength !== undefined) p['$MaxLength'] = field.maxLength;
  if (field.precision !== undefined) p['$Precision'] = field.precision;
  if (field.scale !== undefined) p['$Scale'] = field.scale;
  if (field.defaultValue !== undefined) p['$DefaultValue'] = field.defaultValue;
  if (field.readOnly) p['@Core.Computed'] = true;
  if (field.required) p['@Tandem.Required'] = true;
  if (set.key.includes(field.name) || set.company?.field === field.name) p['@Core.Immutable'] = true;
  if (field.enumValues) p['@Validation.AllowedValues'] = field.enumValues.map((v) => ({ Value: v }));
  if (field.references) {
    p['@Tandem.References'] = {
      EntitySet: field.references.set,
      ...(field.references.fields ? { Properties: field.references.fields } : {}),
      ...(field.references.with ? { With: field.references.with } : {}),
    };
  }
  if (field.description) p['@Core.Description'] = field.description;
  return p;
}
