/**
 * Terse builders for field definitions, so the two store schemas read like the tables in
 * docs/server.md instead of a wall of object literals.
 */
import type { FieldDef, FieldReference } from '../../src/core/schema/types.ts';

type Extra = Omit<FieldDef, 'name' | 'type'>;

export const str = (name: string, maxLength: number, extra: Extra = {}): FieldDef => ({
  name,
  type: 'Edm.String',
  maxLength,
  ...extra,
});

export const dec = (name: string, precision: number, scale: number, extra: Extra = {}): FieldDef => ({
  name,
  type: 'Edm.Decimal',
  precision,
  scale,
  ...extra,
});

export const int = (name: string, extra: Extra = {}): FieldDef => ({ name, type: 'Edm.Int32', ...extra });
export const bool = (name: string, extra: Extra = {}): FieldDef => ({ name, type: 'Edm.Boolean', ...extra });
export const date = (name: string, extra: Extra = {}): FieldDef => ({ name, type: 'Edm.Date', ...extra });
export const guid = (name: string, extra: Extra = {}): FieldDef => ({ name, type: 'Edm.Guid', ...extra });
export const dateTime = (name: string, extra: Extra = {}): FieldDef => ({ name, type: 'Edm.DateTimeOffset', ...extra });

/** An ERP enum: the OData wire value is the enum's symbol name, e.g. "Yes", "Organization". */
export const enumOf = (name: string, values: readonly string[], extra: Extra = {}): FieldDef => ({
  name,
  type: 'Edm.String',
  maxLength: Math.max(...values.map((v) => v.length)),
  enumValues: values,
  ...extra,
});

/** A CRM option set: the wire value is an integer, e.g. 806380000. */
export const optionSet = (name: string, values: readonly number[], extra: Extra = {}): FieldDef => ({
  name,
  type: 'Edm.Int32',
  enumValues: values,
  ...extra,
});

/** A CRM lookup: a GUID naming a row of another set by its primary key. */
export const lookup = (name: string, set: string, extra: Extra = {}): FieldDef => ({
  name,
  type: 'Edm.Guid',
  references: { set },
  ...extra,
});

export const ref = (set: string, fields?: readonly string[], withFields?: readonly string[]): FieldReference => ({
  set,
  ...(fields ? { fields } : {}),
  ...(withFields ? { with: withFields } : {}),
});

export const stamp = (name: string): FieldDef => ({ name, type: 'Edm.DateTimeOffset', readOnly: true });
export const author = (name: string): FieldDef => ({ name, type: 'Edm.String', maxLength: 60, readOnly: true });

export const NO_YES = ['No', 'Yes'] as const;
