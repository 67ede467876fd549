import { crm } from './crm.ts';
import { erp } from './erp.ts';
import type { StoreSpec } from './spec.ts';

export const STORES: readonly StoreSpec[] = [erp, crm];
export { erp, crm };
export * from './spec.ts';
