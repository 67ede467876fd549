/** A row as it goes on the wire: `@odata.etag` first, then its properties. */
import type { SetSpec } from '../schema/spec.ts';
import { etagOf } from './codec.ts';
import type { StoredRow } from './table.ts';
import type { ServiceContext } from './types.ts';

export interface RepresentationOptions {
  /** Include `@odata.context` (single-entity responses). */
  readonly context?: boolean;
  /** Properties to include (key properties are always included). */
  readonly select?: readonly string[] | undefined;
}

export function representation(ctx: ServiceContext, set: SetSpec, stored: StoredRow, options: RepresentationOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (options.context) out['@odata.context'] = `${ctx.serviceRoot}/$metadata#${set.name}/$entity`;
  out['@odata.etag'] = etagOf(stored.seq);
  const names = options.select ? selectedNames(set, options.select) : set.fields.map((f) => f.name);
  for (const name of names) out[name] = stored.row[name] ?? null;
  return out;
}

export function selectedNames(set: SetSpec, select: readonly string[]): string[] {
  return set.fields.map((f) => f.name).filter((n) => set.key.includes(n) || select.includes(n));
}
