/**
 * Referential integrity between rows of one store, checked by the server as the real
 * systems do: a lookup must name an existing row (of the same company when both sets are
 * company-scoped), and a row that others still reference cannot be deleted.
 */
import type { FieldDef } from '../../src/core/schema/types.ts';
import type { SetSpec, StoreSpec } from '../schema/spec.ts';
import { findSet } from '../schema/spec.ts';
import type { Db, SqlValue } from '../storage/db.ts';
import { quoteId } from '../storage/db.ts';
import type { Row } from './codec.ts';
import { toSql } from './codec.ts';
import type { ErrorDetail } from './errors.ts';
import { ODataError } from './errors.ts';

interface Link {
  readonly from: SetSpec;
  readonly field: FieldDef;
  readonly to: SetSpec;
  /** Pairs (column in `from`, column in `to`). */
  readonly pairs: readonly (readonly [string, string])[];
  /** Also require the same company (CRM lookups between company-scoped sets). */
  readonly sameCompany: boolean;
}

const linkCache = new WeakMap<StoreSpec, Link[]>();

function linksOf(store: StoreSpec): Link[] {
  let links = linkCache.get(store);
  if (links) return links;
  links = [];
  for (const from of store.sets) {
    for (const field of from.fields) {
      const ref = field.references;
      if (!ref) continue;
      const to = findSet(store, ref.set);
      if (!to) throw new Error(`${from.name}.${field.name} references unknown set ${ref.set}`);
      const source = [...(ref.with ?? []), field.name];
      const target = ref.fields ?? to.key;
      if (source.length !== target.length) throw new Error(`${from.name}.${field.name}: reference arity mismatch`);
      const sameCompany =
        from.company?.kind === 'lookup' && to.company?.kind === 'lookup' && field.name !== from.company.field;
      links.push({ from, field, to, pairs: source.map((s, i) => [s, target[i] as string] as const), sameCompany });
    }
  }
  linkCache.set(store, links);
  return links;
}

/** Throws 400 ReferenceNotFound listing every lookup of `row` that names no existing row. */
export async function assertReferencesExist(tx: Db, store: StoreSpec, set: SetSpec, row: Readonly<Row>, only?: ReadonlySet<string>): Promise<void> {
  const problems: ErrorDetail[] = [];
  for (const link of linksOf(store)) {
    if (link.from !== set || row[link.field.name] == null) continue;
    if (only && !link.pairs.some(([s]) => only.has(s))) continue;
    if (link.to === set && link.pairs.every(([s, t]) => row[s] === row[t])) continue; // points at itself
    const where = link.pairs.map(([, t]) => `${quoteId(t)} = ?`);
    const params: SqlValue[] = link.pairs.map(([s, t]) => toSql(fieldOf(link.to, t), row[s] ?? null));
    if (link.sameCompany && set.company && link.to.company) {
      where.push(`${quoteId(link.to.company.field)} = ?`);
      params.push(toSql(fieldOf(set, set.company.field), row[set.company.field] ?? null));
    }
    const found = await tx.get(`SELECT 1 AS found FROM ${quoteId(link.to.table)} WHERE ${where.join(' AND ')} LIMIT 1`, params);
    if (!found) {
      const named = link.pairs.map(([s, t]) => `${t} = ${JSON.stringify(row[s])}`).join(', ');
      problems.push({
        code: 'ReferenceNotFound',
        message: `${link.field.name}: no ${link.to.name} row with ${named}${link.sameCompany ? ' in the same company' : ''}.`,
        target: link.field.name,
      });
    }
  }
  if (problems.length > 0) throw ODataError.fromDetails(problems);
}

/** Throws 409 RowReferenced when other rows still point at `row`. */
export async function assertNotReferenced(tx: Db, store: StoreSpec, set: SetSpec, row: Readonly<Row>): Promise<void> {
  const problems: ErrorDetail[] = [];
  for (const link of linksOf(store)) {
    if (link.to !== set) continue;
    const where = link.pairs.map(([s]) => `${quoteId(s)} = ?`);
    const params: SqlValue[] = link.pairs.map(([s, t]) => toSql(fieldOf(link.from, s), row[t] ?? null));
    if (link.from === set) {
      // A row that references itself does not block its own deletion.
      where.push(`NOT (${set.key.map((k) => `${quoteId(k)} = ?`).join(' AND ')})`);
      params.push(...set.key.map((k) => toSql(fieldOf(set, k), row[k] ?? null)));
    }
    const hit = await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoteId(link.from.table)} WHERE ${where.join(' AND ')}`, params);
    const n = Number(hit?.n ?? 0);
    if (n > 0) {
      problems.push({
        code: 'RowReferenced',
        message: `${n} ${link.from.name} row${n === 1 ? '' : 's'} still reference${n === 1 ? 's' : ''} this row through ${link.field.name}.`,
        target: `${link.from.name}.${link.field.name}`,
      });
    }
  }
  if (problems.length > 0) {
    const error = ODataError.fromDetails(problems);
    throw new ODataError('RowReferenced', `Cannot delete this ${set.name} row: ${error.message}`, undefined, problems);
  }
}

function fieldOf(set: SetSpec, name: string): FieldDef {
  const field = set.fields.find((f) => f.name === name);
  if (!field) throw new Error(`${set.name} has no field ${name}`);
  return field;
}
