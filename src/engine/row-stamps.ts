/**
 * The audit stamps both stores put on every row (server/schema: STAMPS): when it last
 * changed and who changed it. Last-writer-wins compares the modification time; record
 * histories name the author.
 */
import type { Side } from '../core/maps/index.ts';

export const MODIFIED_AT: Readonly<Record<Side, string>> = { erp: 'ModifiedDateTime', crm: 'modifiedon' };
export const MODIFIED_BY: Readonly<Record<Side, string>> = { erp: 'ModifiedBy', crm: 'modifiedby' };
/** Stamps are not changes of their own: a row whose only difference is a stamp did not change. */
export const STAMP_FIELDS: ReadonlySet<string> = new Set(['CreatedDateTime', 'ModifiedDateTime', 'ModifiedBy', 'createdon', 'modifiedon', 'modifiedby', '_etag']);

export function modifiedAt(side: Side, row: Readonly<Record<string, unknown>> | null | undefined): string | null {
  const value = row?.[MODIFIED_AT[side]];
  return typeof value === 'string' ? value : null;
}

export function modifiedBy(side: Side, row: Readonly<Record<string, unknown>> | null | undefined): string | null {
  const value = row?.[MODIFIED_BY[side]];
  return typeof value === 'string' ? value : null;
}
