import type { FieldDef } from '../../src/core/schema/types.ts';

/** One field of each type, shared by the filter evaluator and filter → SQL tests. */
export const FILTER_FIELDS: FieldDef[] = [
  { name: 'Name', type: 'Edm.String' },
  { name: 'Amount', type: 'Edm.Decimal' },
  { name: 'Cost', type: 'Edm.Decimal' },
  { name: 'Qty', type: 'Edm.Int32' },
  { name: 'IsActive', type: 'Edm.Boolean' },
  { name: 'Due', type: 'Edm.Date' },
  { name: 'Modified', type: 'Edm.DateTimeOffset' },
  { name: 'Id', type: 'Edm.Guid' },
];
