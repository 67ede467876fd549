/**
 * Table maps: the declarative pairing of one ERP set with one CRM set (types.ts), the
 * standard catalog, and the pure operations the engine runs on them — filter, mirror a row
 * through a map, diff, three-way merge, dependency order, validation.
 */
export type * from './types.ts';
export { MapError, type MapErrorCode, type MapErrorDetails, type MapRuleCode } from './errors.ts';
export { STANDARD_MAPS } from './standard/index.ts';
export { dependents, mapsForTable, orderMaps, withDependencies } from './order.ts';
export type { MapNode } from './order.ts';
export { compiledFilter, filterFields, matchesSide } from './filter.ts';
export { fieldTypes, type FieldTypes } from './field-types.ts';
export { flows, mapFields } from './directions.ts';
export { mirrorRow, type Mirror, type MirrorOptions } from './mirror.ts';
export { changedFields, sameValue } from './same-value.ts';
export { mergeRows, type Merge } from './merge.ts';
export { validateMaps } from './validate.ts';
export { parseMetadata, parseStore, type FieldInfo, type ParsedMetadata, type SetInfo, type StoreMetadata, type StoreSchema } from './metadata.ts';
export { ruleForField } from './conflict.ts';
export { readOnlyOn, type ReadOnly } from './read-only.ts';
export { companyPair } from './company.ts';
export { lookupTargets } from './mirror-lookup.ts';
export { roundDecimal, type MirrorNote } from './transform.ts';
export { exportPackage, importPackage, diffMaps, saveMap, bumpVersion, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION } from './package.ts';
export type { MapPackage, ImportPlan, ImportResult, CatalogDiff, MapDiff, SaveResult, UpgradeStep } from './package.ts';
export { CRM_PRIMARY_KEYS, crmPrimaryKey } from './primary-keys.ts';
export { memorySource, type MemorySource, type RowsBySet } from './memory-source.ts';
