/**
 * Terse builders so the standard maps read like the mapping tables of the reference
 * (dual-write.md §4.1): one line per column mapping.
 */
import type { Direction, FieldMapping, KeyPair, RequiredOn, Scalar, Side, ValueRule } from '../types.ts';

interface Options {
  direction?: Direction;
  required?: RequiredOn;
}

/** The company part of every company-specific key: dataAreaId ↔ msdyn_company (a cdm_company lookup). */
export const COMPANY_KEY: KeyPair = { erp: 'dataAreaId', crm: 'msdyn_company', lookup: 'companies', company: true };

/** Text limits per side; a longer value is refused (never cut silently). */
export const text = (erpMaxLength: number, crmMaxLength: number): ValueRule => ({ type: 'text', erpMaxLength, crmMaxLength, onTooLong: 'refuse' });
/** Decimal places per side; a value with more than the target keeps is refused (never rounded silently). */
export const decimal = (erpScale: number, crmScale: number): ValueRule => ({ type: 'decimal', erpScale, crmScale, onLoss: 'refuse' });

/** `=` (or `>` / `<` with a direction). */
export function copy(erp: string, crm: string, rule: ValueRule, options: Options = {}): FieldMapping {
  return { kind: 'copy', erp, crm, direction: options.direction ?? 'both', rule, ...required(options) };
}

/** `=` (or `>` / `<`) for values that cross unchanged and need no rule (integers, same-typed dates). */
export function same(erp: string, crm: string, options: Options = {}): FieldMapping {
  return { kind: 'copy', erp, crm, direction: options.direction ?? 'both', ...required(options) };
}

/** A date rule; `empty` names a side's sentinel for "no date" (mapped to the other side's null). */
export const dateRule = (empty?: Partial<Record<Side, string>>): ValueRule => ({ type: 'date', erp: 'date', crm: 'date', ...(empty ? { empty } : {}) });

type Pairs = readonly (readonly [erp: Scalar, crm: Scalar])[];

/** `><` (or `>>` / `<<` with a direction). */
export function valueMap(erp: string, crm: string, values: Pairs, options: Options = {}): FieldMapping {
  return { kind: 'value-map', erp, crm, direction: options.direction ?? 'both', values, ...required(options) };
}

/** A reference resolved through the map `map`. */
export function lookup(erp: string, crm: string, map: string, options: Options & { twoPass?: true } = {}): FieldMapping {
  return { kind: 'lookup', erp, crm, direction: options.direction ?? 'both', map, ...required(options), ...(options.twoPass ? { twoPass: true as const } : {}) };
}

/** `none >> field` (target 'crm') or `field << none` (target 'erp'). */
export function constant(target: Side, field: string, value: string | number | boolean, onCreate = false): FieldMapping {
  return { kind: 'constant', target, field, value, ...(onCreate ? { onCreate: true as const } : {}) };
}

/** ERP OnHoldStatus (customers and vendors) ↔ CRM 806380000…806380005. */
export const ONHOLD_STATUS: Pairs = [
  ['No', 806380000],
  ['Invoice', 806380001],
  ['All', 806380002],
  ['Payment', 806380003],
  ['Requisition', 806380004],
  ['Never', 806380005],
];

export const NO_YES: Pairs = [
  ['No', false],
  ['Yes', true],
];

function required(options: Options): { required?: RequiredOn } {
  return options.required === undefined ? {} : { required: options.required };
}
