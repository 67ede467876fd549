/**
 * A table map as data: it pairs one ERP entity set with one CRM entity set and says which
 * fields flow which way and how they are transformed (the dual-write reference, §1).
 * Everything here is plain JSON so maps can be exported, imported, versioned and edited
 * (package.ts); docs/maps.md teaches the language, docs/table-map.schema.json pins it.
 *
 * Map symbols of the reference, and the shapes that express them:
 *   =    copy       direction 'both'          ><  value-map  direction 'both'
 *   >    copy       direction 'erp-to-crm'    >>  value-map 'erp-to-crm', or constant target 'crm'
 *   <    copy       direction 'crm-to-erp'    <<  value-map 'crm-to-erp', or constant target 'erp'
 */

export type Side = 'erp' | 'crm';

/** A row of either store: canonical JSON values (decimals are strings, GUIDs lowercase). */
export type Row = Readonly<Record<string, unknown>>;

export type Direction = 'both' | 'erp-to-crm' | 'crm-to-erp';
export type Scalar = string | number | boolean | null;

/** The conflict rules today's engine applies (`TableMap.conflict`). */
export type ConflictRule = 'server-wins' | 'client-wins';
/** Every rule of the language; see ConflictSetting. */
export type ConflictRuleName = ConflictRule | 'last-writer-wins' | 'primary' | 'manual';
/**
 * A conflict rule as data. 'primary' names the side that wins (`primary`); the other
 * rules take none. The engine decides every rule (ruleForField, conflict.ts).
 */
export interface ConflictSetting {
  rule: ConflictRuleName;
  primary?: Side;
}

/** How a value with too many decimals is rounded (big.js modes). */
export type RoundingMode = 'half-even' | 'half-up' | 'down' | 'up';

/**
 * What a map knows of a copied field's values on each side, so that a value one store would
 * reject (or silently change) fails in the map, where the agent sees why, instead of at push.
 *   decimal  decimal text; more digits after the point than the target keeps is refused
 *            (MAP_PRECISION_LOSS) or, with onLoss 'round', rounded and reported in `notes`
 *   text     strings; longer than the target allows is refused (MAP_TOO_LONG) or, with
 *            onTooLong 'truncate', cut to the limit (in code points) and reported
 *   date     Edm.Date ('date') or Edm.DateTimeOffset ('datetime') on each side, normalised;
 *            `empty` names sentinel values that mean "no date" on a side (ERP '1900-01-01')
 */
export type ValueRule =
  | { type: 'decimal'; erpScale: number; crmScale: number; onLoss?: 'refuse' | 'round'; rounding?: RoundingMode }
  | { type: 'text'; erpMaxLength: number; crmMaxLength: number; onTooLong?: 'refuse' | 'truncate' }
  | { type: 'date'; erp: DateKind; crm: DateKind; empty?: Partial<Record<Side, string>>; onLoss?: 'refuse' | 'round' };

export type DateKind = 'date' | 'datetime';

/** Where a quantity's unit comes from: a fixed unit, or a field of the row on that side. */
export type UnitRef = { unit: string } | { field: string };

/**
 * Converts a quantity between units through the map's `conversions`: the source value is
 * in the source side's unit, the written value in the target side's.
 */
export interface Conversion {
  erp: UnitRef;
  crm: UnitRef;
}

/** One row of a map's conversions table: `to = from × factor + offset` (decimal strings). */
export interface UnitConversion {
  from: string;
  to: string;
  factor: string;
  offset?: string;
}

/** The side(s) on which a mapped field must get a value (MAP_REQUIRED_MISSING otherwise). */
export type RequiredOn = Side | 'both';

/** Values written into a side when the source is empty (null, undefined or ''), by target side. */
export type Defaults = Partial<Record<Side, string | number | boolean>>;

/** One candidate of a (polymorphic) lookup, with its value of the type discriminator per side. */
export interface LookupTarget {
  map: string;
  erpType?: Scalar;
  crmType?: Scalar;
}

/** A field mapping. Exactly one of these shapes. */
export type FieldMapping =
  | {
      kind: 'copy';
      erp: string;
      crm: string;
      direction: Direction;
      rule?: ValueRule;
      required?: RequiredOn;
      defaults?: Defaults;
      convert?: Conversion;
    }
  | {
      kind: 'value-map';
      erp: string;
      crm: string;
      direction: Direction;
      /** Pairs applied in the mapping's direction; a bidirectional map must be one-to-one. */
      values: readonly (readonly [erpValue: Scalar, crmValue: Scalar])[];
      required?: RequiredOn;
      defaults?: Defaults;
    }
  | {
      kind: 'constant';
      target: Side;
      field: string;
      value: string | number | boolean;
      /** Written only when the counterpart is created (mirrorRow's `defaults`), never over an existing value. */
      onCreate?: true;
    }
  | {
      kind: 'lookup';
      /** The ERP field holding the referenced row's natural key part (CustomerGroupId). */
      erp: string;
      /** The CRM GUID lookup field (msdyn_customergroupid). */
      crm: string;
      direction: Direction;
      /** Id of the map pairing the referenced tables (customer-groups); the first of `targets`. */
      map: string;
      required?: RequiredOn;
      /**
       * The referenced map's ERP key field that `erp` holds (default: its one key pair
       * without a lookup). Needed when every pair of that key is itself a lookup (multi-hop).
       */
      keyField?: string;
      /** The referenced map's other ERP key fields → this row's fields that hold them (default: same name). */
      with?: Readonly<Record<string, string>>;
      /** Polymorphic: candidate maps tried in order (the first is `map`). */
      targets?: readonly LookupTarget[];
      /** Polymorphic: the field on each side that says which candidate a value names. */
      typeField?: Partial<Record<Side, string>>;
      /**
       * Write the row first without this reference and patch it once the referenced row
       * exists (self and circular references). Implied for a lookup through its own map.
       */
      twoPass?: true;
    };

/**
 * One pair of the integration key. `lookup`: the CRM side is a GUID lookup resolved through
 * that map. `company`: this pair is the company (dataAreaId ↔ msdyn_company).
 * `direction`: declared for validation only (MAP_KEY_NOT_BIDIRECTIONAL); a key always
 * identifies the row both ways.
 */
export interface KeyPair {
  erp: string;
  crm: string;
  lookup?: string;
  company?: true;
  direction?: Direction;
}

/**
 * Date-effective rows (valid from / valid to, dual-write.md §5). The range is [from, to):
 * `to` exclusive, a null bound open. mode 'current' mirrors only the row effective at
 * MirrorOptions.asOf (every row when no asOf is given); mode 'range' mirrors every row and
 * the range fields travel as ordinary mapped fields.
 */
export interface Effective {
  mode: 'current' | 'range';
  erp: { from: string; to: string };
  crm: { from: string; to: string };
}

export type MapState = 'stopped' | 'running' | 'paused';

export interface TableMap {
  id: string;
  name: string;
  /** Four-part version a.b.c.d; every save bumps d (package.ts). */
  version: string;
  /** Filters in the shared filter language (../filter). */
  erp: { set: string; filter?: string };
  /** `primaryKey`: the set's GUID key field when it is not in CRM_PRIMARY_KEYS (primary-keys.ts). */
  crm: { set: string; filter?: string; primaryKey?: string };
  /** The integration key; key fields are not repeated in `fields`, they are written from here. */
  keys: readonly KeyPair[];
  fields: readonly FieldMapping[];
  /** Map ids that must sync first (every lookup's map that is not two-pass, validate.ts). */
  dependsOn: readonly string[];
  /** The rule the engine applies today. */
  conflict: ConflictRule;
  /** The full rule of the language (ruleForField); absent: `conflict`. */
  conflictPolicy?: ConflictSetting;
  /** Per-field overrides, by ERP or CRM field name. */
  fieldConflicts?: Readonly<Record<string, ConflictSetting>>;
  /** Which side wins differences in the initial sync (data; the engine adopts it later). */
  initialSyncMaster?: Side;
  oneWay?: 'erp-to-crm';
  /** Only rows of these company codes are mirrored (needs a company key pair). */
  companies?: readonly string[];
  effective?: Effective;
  /** Unit conversions used by `convert` mappings. */
  conversions?: readonly UnitConversion[];
}

/** Reads rows of the local replica; injected by the engine (async: it reads inside its transaction). */
export interface RowSource {
  /** By primary key (ERP: natural key fields; CRM: the GUID field). */
  get(side: Side, set: string, key: Readonly<Record<string, unknown>>): Promise<Row | undefined>;
  /** First row whose fields equal `where` (CRM alternate keys, ERP natural keys). */
  find(side: Side, set: string, where: Readonly<Record<string, unknown>>): Promise<Row | undefined>;
}

export const other = (side: Side): Side => (side === 'erp' ? 'crm' : 'erp');
