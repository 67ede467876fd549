/**
 * The shape of a map package, as data: one description drives both the defensive parser
 * (package-parse.ts) and the published JSON Schema (docs/table-map.schema.json, generated
 * by toJsonSchema and pinned by a test). Sizes are capped so a hostile file cannot make
 * the import do unbounded work.
 */
export type Shape =
  | { t: 'string'; max: number; pattern?: string; enum?: readonly string[] }
  | { t: 'number'; integer?: true; min?: number; max?: number }
  | { t: 'boolean' }
  | { t: 'const'; value: string | number | boolean }
  | { t: 'scalar' }
  | { t: 'array'; of: Shape; max: number; min?: number }
  | { t: 'tuple'; of: readonly Shape[] }
  | { t: 'object'; props: Readonly<Record<string, Shape>>; required: readonly string[]; description?: string }
  | { t: 'record'; of: Shape; max: number }
  | { t: 'variant'; key: string; options: Readonly<Record<string, Extract<Shape, { t: 'object' }>>> }
  | { t: 'oneOf'; of: readonly Shape[] };

export const LIMITS = { maps: 500, fields: 500, string: 10_000, values: 10_000, keys: 20, depth: 32, nodes: 2_000_000 } as const;

const FIELD = '^[A-Za-z_][A-Za-z0-9_]{0,127}$';
const ID = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$';
export const VERSION_PATTERN = '^[0-9]{1,9}\\.[0-9]{1,9}\\.[0-9]{1,9}\\.[0-9]{1,9}$';

const str = (max: number = LIMITS.string, pattern?: string): Shape => ({ t: 'string', max, ...(pattern === undefined ? {} : { pattern }) });
const field = str(128, FIELD);
const id = str(100, ID);
const oneOfStrings = (...values: string[]): Shape => ({ t: 'string', max: 100, enum: values });
const obj = (props: Record<string, Shape>, required: string[], description?: string): Extract<Shape, { t: 'object' }> => ({ t: 'object', props, required, ...(description === undefined ? {} : { description }) });
const side = oneOfStrings('erp', 'crm');
const direction = oneOfStrings('both', 'erp-to-crm', 'crm-to-erp');
const required = oneOfStrings('erp', 'crm', 'both');
const constValue: Shape = { t: 'oneOf', of: [str(), { t: 'number' }, { t: 'boolean' }] };
const defaults = obj({ erp: constValue, crm: constValue }, [], 'Value written into that side when the source is empty');
const perSideField = obj({ erp: field, crm: field }, []);
const decimalText = str(1000, '^[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$');
const conflict = obj({ rule: oneOfStrings('server-wins', 'client-wins', 'last-writer-wins', 'primary', 'manual'), primary: side }, ['rule']);
const unitRef: Shape = { t: 'oneOf', of: [obj({ unit: str(100) }, ['unit']), obj({ field }, ['field'])] };
const scale: Shape = { t: 'number', integer: true, min: 0, max: 40 };
const length: Shape = { t: 'number', integer: true, min: 0, max: 1_000_000 };

const rule: Shape = {
  t: 'variant',
  key: 'type',
  options: {
    decimal: obj({ type: { t: 'const', value: 'decimal' }, erpScale: scale, crmScale: scale, onLoss: oneOfStrings('refuse', 'round'), rounding: oneOfStrings('half-even', 'half-up', 'down', 'up') }, ['type', 'erpScale', 'crmScale']),
    text: obj({ type: { t: 'const', value: 'text' }, erpMaxLength: length, crmMaxLength: length, onTooLong: oneOfStrings('refuse', 'truncate') }, ['type', 'erpMaxLength', 'crmMaxLength']),
    date: obj({ type: { t: 'const', value: 'date' }, erp: oneOfStrings('date', 'datetime'), crm: oneOfStrings('date', 'datetime'), empty: obj({ erp: str(40), crm: str(40) }, []), onLoss: oneOfStrings('refuse', 'round') }, ['type', 'erp', 'crm']),
  },
};

const mapping: Shape = {
  t: 'variant',
  key: 'kind',
  options: {
    copy: obj({ kind: { t: 'const', value: 'copy' }, erp: field, crm: field, direction, rule, required, defaults, convert: obj({ erp: unitRef, crm: unitRef }, ['erp', 'crm']) }, ['kind', 'erp', 'crm', 'direction']),
    'value-map': obj(
      { kind: { t: 'const', value: 'value-map' }, erp: field, crm: field, direction, values: { t: 'array', of: { t: 'tuple', of: [{ t: 'scalar' }, { t: 'scalar' }] }, max: LIMITS.values }, required, defaults },
      ['kind', 'erp', 'crm', 'direction', 'values'],
    ),
    constant: obj({ kind: { t: 'const', value: 'constant' }, target: side, field, value: constValue, onCreate: { t: 'const', value: true } }, ['kind', 'target', 'field', 'value']),
    lookup: obj(
      {
        kind: { t: 'const', value: 'lookup' },
        erp: field,
        crm: field,
        direction,
        map: id,
        required,
        keyField: field,
        with: { t: 'record', of: field, max: LIMITS.keys },
        targets: { t: 'array', of: obj({ map: id, erpType: { t: 'scalar' }, crmType: { t: 'scalar' } }, ['map']), max: LIMITS.keys, min: 1 },
        typeField: perSideField,
        twoPass: { t: 'const', value: true },
      },
      ['kind', 'erp', 'crm', 'direction', 'map'],
    ),
  },
};

export const TABLE_MAP: Shape = obj(
  {
    id,
    name: str(200),
    version: str(40, VERSION_PATTERN),
    erp: obj({ set: field, filter: str(LIMITS.string) }, ['set']),
    crm: obj({ set: field, filter: str(LIMITS.string), primaryKey: field }, ['set']),
    keys: { t: 'array', of: obj({ erp: field, crm: field, lookup: id, company: { t: 'const', value: true }, direction }, ['erp', 'crm']), max: LIMITS.keys },
    fields: { t: 'array', of: mapping, max: LIMITS.fields },
    dependsOn: { t: 'array', of: id, max: LIMITS.maps },
    conflict: oneOfStrings('server-wins', 'client-wins'),
    conflictPolicy: conflict,
    fieldConflicts: { t: 'record', of: conflict, max: LIMITS.fields },
    initialSyncMaster: side,
    oneWay: { t: 'const', value: 'erp-to-crm' },
    companies: { t: 'array', of: str(40), max: 1000 },
    effective: obj({ mode: oneOfStrings('current', 'range'), erp: obj({ from: field, to: field }, ['from', 'to']), crm: obj({ from: field, to: field }, ['from', 'to']) }, ['mode', 'erp', 'crm']),
    conversions: { t: 'array', of: obj({ from: str(100), to: str(100), factor: decimalText, offset: decimalText }, ['from', 'to', 'factor']), max: LIMITS.values },
  },
  ['id', 'name', 'version', 'erp', 'crm', 'keys', 'fields', 'dependsOn', 'conflict'],
  'A table map: one ERP entity set paired with one CRM entity set (docs/maps.md)',
);

export const ALERT: Shape = obj(
  { code: str(100), threshold: { t: 'number', integer: true, min: 1, max: 1_000_000 }, windowMinutes: { t: 'number', integer: true, min: 1, max: 100_000 }, action: oneOfStrings('none', 'pause', 'stop'), maps: { t: 'array', of: id, max: LIMITS.maps } },
  ['threshold', 'windowMinutes', 'action'],
);

/**
 * An alert rule (src/engine/alerts.ts): one option per metric, so a key that means
 * nothing for the metric (a window on queue length) is refused with its path.
 * Thresholds: a count (errors, queue-length, conflicts), minutes (queue-age, sync-lag)
 * or a percent of the quota (storage).
 */
const ruleBase = { id, name: str(200), mapId: id, action: oneOfStrings('notify', 'pause', 'stop'), enabled: { t: 'boolean' } } as const;
const ruleRequired = ['id', 'name', 'metric', 'threshold', 'action', 'enabled'];
const count: Shape = { t: 'number', integer: true, min: 1, max: 1_000_000_000 };
const minutes: Shape = { t: 'number', integer: true, min: 1, max: 1_000_000 };
const alertRule = (metric: string, threshold: Shape, extra: Record<string, Shape> = {}, required: string[] = []) =>
  obj({ ...ruleBase, metric: { t: 'const', value: metric }, threshold, ...extra }, [...ruleRequired, ...required]);

export const ALERT_RULE: Shape = {
  t: 'variant',
  key: 'metric',
  options: {
    errors: alertRule('errors', count, { errorCode: str(100), windowMinutes: minutes }, ['windowMinutes']),
    'queue-length': alertRule('queue-length', count),
    'queue-age': alertRule('queue-age', minutes),
    'sync-lag': alertRule('sync-lag', minutes),
    conflicts: alertRule('conflicts', count),
    storage: alertRule('storage', { t: 'number', min: 1, max: 100 }),
  },
};

export const ALERT_RULES_MAX = 200;

export const MAP_PACKAGE: Shape = obj(
  {
    format: { t: 'const', value: 'tandem-map-package' },
    formatVersion: { t: 'const', value: 1 },
    publisher: str(200),
    version: str(40, VERSION_PATTERN),
    maps: { t: 'array', of: TABLE_MAP, max: LIMITS.maps },
    alerts: { t: 'array', of: ALERT, max: 100 },
    alertRules: { t: 'array', of: ALERT_RULE, max: ALERT_RULES_MAX },
  },
  ['format', 'formatVersion', 'publisher', 'version', 'maps'],
  'A Tandem map package: a versioned set of table maps (docs/maps.md)',
);

/** The JSON Schema (draft 2020-12) of a shape; the root gets $schema, $id and $defs for the map. */
export function toJsonSchema(shape: Shape): Record<string, unknown> {
  const schema = convert(shape);
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://tandem.example/schemas/table-map-package.schema.json', ...schema };
}

function convert(shape: Shape): Record<string, unknown> {
  switch (shape.t) {
    case 'string':
      return { type: 'string', maxLength: shape.max, ...(shape.pattern === undefined ? {} : { pattern: shape.pattern }), ...(shape.enum === undefined ? {} : { enum: shape.enum }) };
    case 'number':
      return { type: shape.integer ? 'integer' : 'number', ...(shape.min === undefined ? {} : { minimum: shape.min }), ...(shape.max === undefined ? {} : { maximum: shape.max }) };
    case 'boolean':
      return { type: 'boolean' };
    case 'const':
      return { const: shape.value };
    case 'scalar':
      return { type: ['string', 'number', 'boolean', 'null'] };
    case 'array':
      return { type: 'array', items: convert(shape.of), maxItems: shape.max, ...(shape.min === undefined ? {} : { minItems: shape.min }) };
    case 'tuple':
      return { type: 'array', prefixItems: shape.of.map(convert), items: false, minItems: shape.of.length };
    case 'object':
      return {
        type: 'object',
        ...(shape.description === undefined ? {} : { description: shape.description }),
        properties: Object.fromEntries(Object.entries(shape.props).map(([k, v]) => [k, convert(v)])),
        required: shape.required,
        additionalProperties: false,
      };
    case 'record':
      return { type: 'object', propertyNames: { pattern: FIELD }, additionalProperties: convert(shape.of), maxProperties: shape.max };
    case 'variant':
      return { oneOf: Object.values(shape.options).map(convert) };
    case 'oneOf':
      return { oneOf: shape.of.map(convert) };
  }
}

export const FIELD_PATTERN = FIELD;
