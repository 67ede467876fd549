/**
 * Both stores' $metadata as the reference server serves it (CSDL JSON built from
 * server/schema), in the StoreMetadata shape map validation reads.
 */
import type { StoreMetadata } from '../../src/core/maps/index.ts';
import { csdl } from '../../server/odata/metadata.ts';
import { crm, erp } from '../../server/schema/index.ts';

export function storeMetadata(): StoreMetadata {
  return { erp: csdl(erp), crm: csdl(crm) };
}
