/**
 * The stores' $metadata (CSDL JSON, as server/odata/metadata.ts serves it) read into what
 * map validation checks against: per entity set its key, alternate keys, company field and
 * per field type, required, read-only, max length, precision/scale, allowed values and
 * default. Parsed defensively (it crosses a network); anything unreadable is skipped.
 */
import type { EdmType } from '../schema/types.ts';
import type { Side } from './types.ts';

/** Both stores' CSDL JSON documents, as GET $metadata returns them. */
export interface StoreMetadata {
  erp: unknown;
  crm: unknown;
}

export interface FieldInfo {
  name: string;
  type: EdmType;
  required: boolean;
  readOnly: boolean;
  maxLength?: number;
  precision?: number;
  scale?: number;
  enumValues?: readonly (string | number)[];
  hasDefault: boolean;
  /** The referenced entity set of a lookup. */
  references?: string;
}

export interface SetInfo {
  name: string;
  key: readonly string[];
  alternateKeys: readonly (readonly string[])[];
  company?: { field: string; kind: string };
  fields: ReadonlyMap<string, FieldInfo>;
}

export type StoreSchema = ReadonlyMap<string, SetInfo>;
export type ParsedMetadata = Readonly<Record<Side, StoreSchema>>;

const cache = new WeakMap<object, StoreSchema>();

export function parseMetadata(metadata: StoreMetadata): ParsedMetadata {
  return { erp: parseStore(metadata.erp), crm: parseStore(metadata.crm) };
}

export function parseStore(doc: unknown): StoreSchema {
  if (!isObject(doc)) return new Map();
  const hit = cache.get(doc);
  if (hit !== undefined) return hit;
  const sets = new Map<string, SetInfo>();
  const container = typeof doc['$EntityContainer'] === 'string' ? doc['$EntityContainer'] : '';
  const dot = container.lastIndexOf('.');
  const ns = container.slice(0, dot);
  const schema = own(doc, ns);
  const members = isObject(schema) ? own(schema, container.slice(dot + 1)) : undefined;
  if (isObject(schema) && isObject(members)) {
    for (const [name, member] of Object.entries(members)) {
      if (!isObject(member) || typeof member['$Type'] !== 'string') continue;
      const type = own(schema, member['$Type'].slice(ns.length + 1));
      if (isObject(type)) sets.set(name, setInfo(name, type));
    }
  }
  cache.set(doc, sets);
  return sets;
}

function setInfo(name: string, type: Record<string, unknown>): SetInfo {
  const fields = new Map<string, FieldInfo>();
  for (const [field, p] of Object.entries(type)) {
    if (field.startsWith('$') || field.startsWith('@') || !isObject(p)) continue;
    fields.set(field, fieldInfo(field, p));
  }
  const alternate = Array.isArray(type['@Core.AlternateKeys']) ? type['@Core.AlternateKeys'] : [];
  const company = type['@Tandem.Company'];
  return {
    name,
    key: strings(type['$Key']),
    alternateKeys: alternate.map((k: unknown) => (isObject(k) && Array.isArray(k['Key']) ? k['Key'].flatMap((p: unknown) => (isObject(p) && typeof p['Name'] === 'string' ? [p['Name']] : [])) : [])),
    ...(isObject(company) && typeof company['Property'] === 'string' ? { company: { field: company['Property'], kind: String(company['Kind']) } } : {}),
    fields,
  };
}

function fieldInfo(name: string, p: Record<string, unknown>): FieldInfo {
  const info: FieldInfo = {
    name,
    type: (typeof p['$Type'] === 'string' ? p['$Type'] : 'Edm.String') as EdmType,
    required: p['@Tandem.Required'] === true,
    readOnly: p['@Core.Computed'] === true,
    hasDefault: p['$DefaultValue'] !== undefined,
  };
  if (typeof p['$MaxLength'] === 'number') info.maxLength = p['$MaxLength'];
  if (typeof p['$Precision'] === 'number') info.precision = p['$Precision'];
  if (typeof p['$Scale'] === 'number') info.scale = p['$Scale'];
  const allowed = p['@Validation.AllowedValues'];
  if (Array.isArray(allowed)) info.enumValues = allowed.flatMap((v: unknown) => (isObject(v) && (typeof v['Value'] === 'string' || typeof v['Value'] === 'number') ? [v['Value']] : []));
  const refs = p['@Tandem.References'];
  if (isObject(refs) && typeof refs['EntitySet'] === 'string') info.references = refs['EntitySet'];
  return info;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
