/**
 * The rules checked against the stores' $metadata: sets and fields exist; the integration
 * key covers the ERP entity key and a CRM alternate key; company-specific pairs with
 * company-specific; required targets are written; read-only targets are not; and every
 * value that crosses fits its target (types, decimal places, lengths, allowed values).
 */
import { canonicalDecimal, normalizeDate, normalizeDateTime, normalizeGuid } from '../values/index.ts';
import { flows, mapFlows } from './directions.ts';
import type { MapError } from './errors.ts';
import type { FieldInfo, ParsedMetadata, SetInfo } from './metadata.ts';
import { crmPrimaryKey } from './primary-keys.ts';
import { other, type FieldMapping, type Scalar, type Side, type TableMap } from './types.ts';
import { problemFor, writes } from './validate-language.ts';

type Problem = ReturnType<typeof problemFor>;

export function checkMetadata(map: TableMap, at: string, metadata: ParsedMetadata, byId: ReadonlyMap<string, TableMap>): MapError[] {
  const problem = problemFor(map);
  const sets: Partial<Record<Side, SetInfo>> = {};
  const problems: MapError[] = [];
  for (const side of ['erp', 'crm'] as const) {
    const set = metadata[side].get(map[side].set);
    if (set === undefined) problems.push(problem('MAP_UNKNOWN_SET', `${at}.${side}.set`, `${side.toUpperCase()} set '${map[side].set}' is not in the store's $metadata`));
    else sets[side] = set;
  }
  const { erp, crm } = sets;
  if (erp === undefined || crm === undefined) return problems;
  return [
    ...problems,
    ...checkFields(map, at, sets as Record<Side, SetInfo>, problem),
    ...checkKeyCoverage(map, at, erp, crm, problem),
    ...checkCompany(map, at, erp, crm, problem),
    ...(['erp', 'crm'] as const).flatMap((from) => checkWrites(map, at, from, sets as Record<Side, SetInfo>, problem)),
    ...checkLookupSets(map, at, crm, byId, problem),
  ];
}

/** Every field the map names exists in its set. */
function checkFields(map: TableMap, at: string, sets: Record<Side, SetInfo>, problem: Problem): MapError[] {
  const named: [Side, string, string][] = [];
  map.keys.forEach((p, k) => named.push(['erp', p.erp, `keys[${k}].erp`], ['crm', p.crm, `keys[${k}].crm`]));
  map.fields.forEach((m, f) => {
    if (m.kind === 'constant') return void named.push([m.target, m.field, `fields[${f}].field`]);
    named.push(['erp', m.erp, `fields[${f}].erp`], ['crm', m.crm, `fields[${f}].crm`]);
    if (m.kind === 'lookup') for (const side of ['erp', 'crm'] as const) if (m.typeField?.[side] !== undefined) named.push([side, m.typeField[side], `fields[${f}].typeField.${side}`]);
    if (m.kind === 'lookup') for (const [ref, field] of Object.entries(m.with ?? {})) named.push(['erp', field, `fields[${f}].with.${ref}`]);
    if (m.kind === 'copy' && m.convert !== undefined) for (const side of ['erp', 'crm'] as const) if ('field' in m.convert[side]) named.push([side, (m.convert[side] as { field: string }).field, `fields[${f}].convert.${side}.field`]);
  });
  if (map.effective !== undefined) for (const side of ['erp', 'crm'] as const) for (const end of ['from', 'to'] as const) named.push([side, map.effective[side][end], `effective.${side}.${end}`]);
  return named.flatMap(([side, field, path]) => (sets[side].fields.has(field) ? [] : [problem('MAP_UNKNOWN_FIELD', `${at}.${path}`, `${side.toUpperCase()} set ${sets[side].name} has no field ${field}`, field)]));
}

/** The key covers the ERP entity key and one CRM alternate key (the integration key). */
function checkKeyCoverage(map: TableMap, at: string, erp: SetInfo, crm: SetInfo, problem: Problem): MapError[] {
  const problems: MapError[] = [];
  const erpKeys = new Set(map.keys.map((p) => p.erp));
  const missing = erp.key.filter((f) => !erpKeys.has(f));
  if (missing.length > 0) problems.push(problem('MAP_KEY_UNMAPPED', `${at}.keys`, `ERP key field(s) ${missing.join(', ')} of ${erp.name} are not in the map's key`, missing[0]));
  const crmKeys = new Set(map.keys.map((p) => p.crm));
  if (crm.alternateKeys.length > 0 && !crm.alternateKeys.some((key) => key.every((f) => crmKeys.has(f)))) {
    const first = crm.alternateKeys[0] ?? [];
    const absent = first.filter((f) => !crmKeys.has(f));
    problems.push(problem('MAP_KEY_UNMAPPED', `${at}.keys`, `CRM alternate key field(s) ${absent.join(', ')} of ${crm.name} are not in the map's key`, absent[0]));
  }
  return problems;
}

/** Company-specific pairs with company-specific, global with global (DIPV1002). */
function checkCompany(map: TableMap, at: string, erp: SetInfo, crm: SetInfo, problem: Problem): MapError[] {
  if ((erp.company === undefined) === (crm.company === undefined)) return [];
  const [scoped, global] = erp.company !== undefined ? [erp.name, crm.name] : [crm.name, erp.name];
  return [problem('MAP_COMPANY_MIX', `${at}`, `pairs company-specific ${scoped} with global ${global}: company-specific maps pair only with company-specific tables`)];
}

/** Targets written from `from`: required ones all written, none read-only, every value fits. */
function checkWrites(map: TableMap, at: string, from: Side, sets: Record<Side, SetInfo>, problem: Problem): MapError[] {
  if (!mapFlows(map, from)) return [];
  const to = other(from);
  const target = sets[to];
  const written = writes(map, from);
  const names = new Set(written.map((w) => w.field));
  const defaulted = new Set(map.fields.flatMap((m) => (m.kind !== 'constant' && m.kind !== 'lookup' && m.defaults?.[to] !== undefined ? [m[to]] : [])));
  const generated = to === 'crm' ? safePrimaryKey(map) : undefined;
  const problems: MapError[] = [];
  for (const field of target.fields.values()) {
    if (!field.required || field.readOnly || field.hasDefault || field.name === generated || names.has(field.name) || defaulted.has(field.name)) continue;
    problems.push(problem('MAP_REQUIRED_TARGET_UNMAPPED', `${at}.fields`, `${to.toUpperCase()} field ${field.name} is required but nothing writes it (${from} → ${to}); map it or give it a default`, field.name));
  }
  for (const w of written) {
    const info = target.fields.get(w.field);
    if (info?.readOnly) problems.push(problem('MAP_READONLY_TARGET', `${at}.${w.path}`, `${to.toUpperCase()} field ${w.field} is read-only and cannot be written`, w.field));
  }
  map.fields.forEach((m, f) => problems.push(...checkValueFit(m, `${at}.fields[${f}]`, from, sets, problem)));
  return problems;
}

function checkValueFit(m: FieldMapping, at: string, from: Side, sets: Record<Side, SetInfo>, problem: Problem): MapError[] {
  const to = other(from);
  if (m.kind === 'constant') {
    const info = m.target === to ? sets[to].fields.get(m.field) : undefined;
    return info === undefined ? [] : fits(m.value, info, `${at}.value`, problem);
  }
  if (!flows(m.direction, from)) return [];
  const source = sets[from].fields.get(m[from]);
  const target = sets[to].fields.get(m[to]);
  if (source === undefined || target === undefined) return [];
  const defaults = m.kind !== 'lookup' && m.defaults?.[to] !== undefined ? fits(m.defaults[to], target, `${at}.defaults.${to}`, problem) : [];
  switch (m.kind) {
    case 'value-map': {
      const col = to === 'erp' ? 0 : 1;
      return [...defaults, ...m.values.flatMap((pair, v) => fits(pair[col], target, `${at}.values[${v}][${col}]`, problem))];
    }
    case 'lookup':
      return target.type === 'Edm.Guid' || to === 'erp' ? [] : [problem('MAP_TYPE_MISMATCH', `${at}.crm`, `lookup ${m.crm} must be an Edm.Guid field (it is ${target.type})`, m.crm)];
    case 'copy':
      return [...defaults, ...checkCopy(m, at, from, source, target, problem)];
  }
}

type Copy = Extract<FieldMapping, { kind: 'copy' }>;

/** A copied value fits its target: same type (or a rule that converts), no silent loss. */
function checkCopy(m: Copy, at: string, from: Side, source: FieldInfo, target: FieldInfo, problem: Problem): MapError[] {
  const to = other(from);
  const arrow = `${m[from]} → ${m[to]}`;
  const dates = new Set(['Edm.Date', 'Edm.DateTimeOffset']);
  const compatible =
    source.type === target.type ||
    (source.type === 'Edm.Int32' && target.type === 'Edm.Decimal') ||
    (m.rule?.type === 'date' && dates.has(source.type) && dates.has(target.type));
  if (!compatible) return [problem('MAP_TYPE_MISMATCH', `${at}`, `${arrow}: ${source.type} cannot be copied into ${target.type} without a transform`, m[from])];
  const rule = m.rule;
  if (target.type === 'Edm.Decimal' && source.type === 'Edm.Decimal' && m.convert === undefined) {
    const kept = rule?.type === 'decimal' ? Math.min(rule[`${to}Scale`], target.scale ?? Infinity) : (target.scale ?? Infinity);
    const declared = rule?.type === 'decimal' ? rule[`${to}Scale`] : undefined;
    if (declared !== undefined && target.scale !== undefined && declared > target.scale) {
      return [problem('MAP_SCALE_LOSS', `${at}.rule.${to}Scale`, `${arrow}: the rule keeps ${declared} decimals but ${to.toUpperCase()} ${m[to]} keeps ${target.scale}`, m[from])];
    }
    const lossy = (source.scale ?? Infinity) > kept;
    if (lossy && (rule?.type !== 'decimal' || rule.onLoss === undefined)) {
      return [problem('MAP_SCALE_LOSS', `${at}`, `${arrow}: ${source.scale ?? 'any number of'} decimals into ${target.scale} without a rule; add rule {type: 'decimal', onLoss: 'refuse' | 'round'}`, m[from])];
    }
  }
  if (target.type === 'Edm.String' && source.type === 'Edm.String' && target.maxLength !== undefined) {
    const declared = rule?.type === 'text' ? rule[`${to}MaxLength`] : undefined;
    if (declared !== undefined && declared > target.maxLength) {
      return [problem('MAP_LENGTH_OVERFLOW', `${at}.rule.${to}MaxLength`, `${arrow}: the rule allows ${declared} characters but ${to.toUpperCase()} ${m[to]} keeps ${target.maxLength}`, m[from])];
    }
    const longer = (source.maxLength ?? Infinity) > target.maxLength;
    if (longer && (rule?.type !== 'text' || rule.onTooLong === undefined)) {
      return [problem('MAP_LENGTH_OVERFLOW', `${at}`, `${arrow}: up to ${source.maxLength ?? 'any number of'} characters into ${target.maxLength} without a rule; add rule {type: 'text', onTooLong: 'refuse' | 'truncate'}`, m[from])];
    }
  }
  if (target.enumValues !== undefined && source.enumValues !== undefined) {
    const stray = source.enumValues.filter((v) => !target.enumValues?.includes(v));
    if (stray.length > 0) return [problem('MAP_ENUM_VALUE', `${at}`, `${arrow}: ${stray.map((v) => JSON.stringify(v)).join(', ')} not allowed in ${m[to]}; use a value map`, m[from])];
  }
  return [];
}

/** Does a literal (constant, default, value-map entry) fit a target field? */
function fits(value: Scalar, field: FieldInfo, path: string, problem: Problem): MapError[] {
  if (value === null) return field.required ? [problem('MAP_TYPE_MISMATCH', path, `${field.name} is required and cannot take null`, field.name)] : [];
  if (!typeFits(value, field)) return [problem('MAP_TYPE_MISMATCH', path, `${JSON.stringify(value)} is not a valid ${field.type} for ${field.name}`, field.name)];
  if (field.enumValues !== undefined && !field.enumValues.includes(value as string | number)) {
    return [problem('MAP_ENUM_VALUE', path, `${JSON.stringify(value)} is not an allowed value of ${field.name} (${field.enumValues.map((v) => JSON.stringify(v)).join(', ')})`, field.name)];
  }
  if (typeof value === 'string' && field.maxLength !== undefined && [...value].length > field.maxLength) {
    return [problem('MAP_LENGTH_OVERFLOW', path, `${JSON.stringify(value)} is longer than ${field.name} allows (${field.maxLength})`, field.name)];
  }
  return [];
}

function typeFits(value: Exclude<Scalar, null>, field: FieldInfo): boolean {
  switch (field.type) {
    case 'Edm.Boolean':
      return typeof value === 'boolean';
    case 'Edm.Int32':
      return typeof value === 'number' && Number.isInteger(value);
    case 'Edm.Decimal':
      return (typeof value === 'string' && canonicalDecimal(value) !== null) || (typeof value === 'number' && Number.isFinite(value));
    case 'Edm.Date':
      return typeof value === 'string' && normalizeDate(value) !== null;
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && normalizeDateTime(value) !== null;
    case 'Edm.Guid':
      return typeof value === 'string' && normalizeGuid(value) !== null;
    case 'Edm.String':
      return typeof value === 'string';
  }
}

/** A CRM lookup field that names its set must name the set of the lookup's map. */
function checkLookupSets(map: TableMap, at: string, crm: SetInfo, byId: ReadonlyMap<string, TableMap>, problem: Problem): MapError[] {
  return map.fields.flatMap((m, f) => {
    if (m.kind !== 'lookup' || m.targets !== undefined) return [];
    const declared = crm.fields.get(m.crm)?.references;
    const ref = m.map === map.id ? map : byId.get(m.map);
    if (declared === undefined || ref === undefined || declared === ref.crm.set) return [];
    return [problem('MAP_TYPE_MISMATCH', `${at}.fields[${f}].map`, `${m.crm} refers to ${declared} but the lookup goes through ${ref.id} (${ref.crm.set})`, m.crm)];
  });
}

function safePrimaryKey(map: TableMap): string | undefined {
  try {
    return crmPrimaryKey(map);
  } catch {
    return map.crm.primaryKey;
  }
}

