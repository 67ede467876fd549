/**
 * Writes: POST create, PATCH update or upsert, DELETE. Each runs inside the caller's
 * transaction and stamps the row with a fresh change sequence number (its version and
 * ETag). A PATCH that changes no value writes nothing and keeps the version, so an echo
 * of a row's own state is a no-op for change tracking.
 */
import { randomUUID } from 'node:crypto';
import type { SetSpec } from '../schema/spec.ts';
import { reserveSeq } from '../storage/bootstrap.ts';
import type { Row } from './codec.ts';
import { etagOf, parseEtags } from './codec.ts';
import { ODataError } from './errors.ts';
import { formatKey, formatKeyLink } from './keys.ts';
import type { ResolvedKey } from './keys.ts';
import { parsePrefer } from './prefer.ts';
import { assertNotReferenced, assertReferencesExist } from './references.ts';
import { CompanyScope } from './scope.ts';
import { deleteRow, findByKey, insertRow, keyOf, updateRow } from './table.ts';
import type { StoredRow } from './table.ts';
import { quoteId } from '../storage/db.ts';
import { toSql } from './codec.ts';
import type { ODataRequest, ODataResponse, ServiceContext } from './types.ts';
import { validateBody } from './validate.ts';
import { representation } from './representation.ts';

export async function createEntity(ctx: ServiceContext, set: SetSpec, request: ODataRequest): Promise<ODataResponse> {
  const scope = await CompanyScope.resolve(ctx.db, ctx.store.name, ctx.principal);
  scope.assertCanWrite(set);
  const values = validateBody(set, request.body, 'create', set.generatedKey);
  if (set.generatedKey && values[set.generatedKey] == null) values[set.generatedKey] = randomUUID();
  const row = newRow(ctx, set, values);
  // Scope before existence: a 409 for a foreign company's key would reveal that it exists.
  scope.assertRow(set, row);
  const key: ResolvedKey = { kind: 'primary', values: new Map(set.key.map((k) => [k, values[k] as string])) };
  if (await findByKey(ctx.db, set, key)) {
    throw new ODataError('EntityExists', `${formatKey(set, values)} already exists; PATCH it to change it.`);
  }
  const stored = await insertNew(ctx, set, row);
  const prefer = parsePrefer(request.headers['prefer']);
  const location = `${ctx.serviceRoot}/${formatKeyLink(set, stored.row)}`;
  const headers = { ETag: etagOf(stored.seq), Location: location, 'OData-EntityId': location };
  if (prefer.returnRepresentation === false) {
    return { status: 204, headers: { ...headers, 'Preference-Applied': 'return=minimal' } };
  }
  return { status: 201, headers, body: representation(ctx, set, stored, { context: true }) };
}

export async function patchEntity(ctx: ServiceContext, set: SetSpec, key: ResolvedKey, request: ODataRequest): Promise<ODataResponse> {
  const scope = await CompanyScope.resolve(ctx.db, ctx.store.name, ctx.principal);
  scope.assertCanWrite(set);
  scope.assertKey(set, key);
  const values = validateBody(set, request.body, 'update');
  const ifMatch = parseEtags(request.headers['if-match']);
  const ifNoneMatch = parseEtags(request.headers['if-none-match']);
  const current = await findByKey(ctx.db, set, key);
  let stored: StoredRow;
  let created = false;

  if (!current) {
    if (ifMatch !== undefined) throw missingForIfMatch(set, key);
    // Upsert: the key comes from the URL; for an alternate key the server makes the GUID.
    for (const [name, value] of key.values) {
      if (values[name] != null && values[name] !== value) throw keyMismatch(name, values[name], value);
      values[name] = value;
    }
    if (set.generatedKey && values[set.generatedKey] == null) values[set.generatedKey] = randomUUID();
    validateBody(set, values, 'create'); // required fields, now that the key is filled in
    const row = newRow(ctx, set, values);
    scope.assertRow(set, row);
    if (key.kind === 'alternate') await assertPrimaryKeyFree(ctx, set, row, key);
    stored = await insertNew(ctx, set, row);
    created = true;
  } else {
    scope.assertRow(set, current.row);
    if (ifNoneMatch === '*' || (Array.isArray(ifNoneMatch) && ifNoneMatch.includes(current.seq))) {
      throw new ODataError('PreconditionFailed', `${formatKey(set, current.row)} already exists (If-None-Match).`);
    }
    assertMatches(set, current, ifMatch);
    stored = await updateExisting(ctx, set, current, values);
  }

  const prefer = parsePrefer(request.headers['prefer']);
  const headers: Record<string, string> = { ETag: etagOf(stored.seq) };
  if (prefer.returnRepresentation) {
    return { status: created ? 201 : 200, headers: { ...headers, 'Preference-Applied': 'return=representation' }, body: representation(ctx, set, stored, { context: true }) };
  }
  if (created) {
    const location = `${ctx.serviceRoot}/${formatKeyLink(set, stored.row)}`;
    return { status: 204, headers: { ...headers, 'OData-EntityId': location } };
  }
  return { status: 204, headers };
}

export async function deleteEntity(ctx: ServiceContext, set: SetSpec, key: ResolvedKey, request: ODataRequest): Promise<ODataResponse> {
  const scope = await CompanyScope.resolve(ctx.db, ctx.store.name, ctx.principal);
  scope.assertCanWrite(set);
  scope.assertKey(set, key);
  const ifMatch = parseEtags(request.headers['if-match']);
  const current = await findByKey(ctx.db, set, key);
  if (!current) {
    // As for PATCH: the client expected a version of a row that is not there.
    if (ifMatch !== undefined) throw missingForIfMatch(set, key);
    throw new ODataError('NotFound', `No ${set.name} row ${describeKey(key)}.`);
  }
  scope.assertRow(set, current.row);
  assertMatches(set, current, ifMatch);
  await assertNotReferenced(ctx.db, ctx.store, set, current.row);
  await deleteRow(ctx.db, set, current.row);
  const seq = await reserveSeq(ctx.db, ctx.store.name);
  const company = set.company ? current.row[set.company.field] : null;
  await ctx.db.run(
    'INSERT INTO tandem_removed (set_name, key_json, company, "_seq", removed_at, removed_by) VALUES (?, ?, ?, ?, ?, ?)',
    [set.name, JSON.stringify(keyOf(set, current.row)), typeof company === 'string' ? company : null, seq, ctx.now().toISOString(), ctx.principal.username],
  );
  return { status: 204, headers: {} };
}

/** The row a create will store: the body's values, defaults, and the server's stamps. */
function newRow(ctx: ServiceContext, set: SetSpec, values: Row): Row {
  const now = ctx.now().toISOString();
  const row: Row = {};
  for (const f of set.fields) row[f.name] = values[f.name] ?? f.defaultValue ?? null;
  row[set.stamps.createdAt] = now;
  row[set.stamps.modifiedAt] = now;
  row[set.stamps.modifiedBy] = ctx.principal.username;
  return row;
}

/** Inserts a row whose company scope the caller has checked. */
async function insertNew(ctx: ServiceContext, set: SetSpec, row: Row): Promise<StoredRow> {
  await assertReferencesExist(ctx.db, ctx.store, set, row);
  await assertAlternateKeysFree(ctx, set, row);
  const seq = await reserveSeq(ctx.db, ctx.store.name);
  await insertRow(ctx.db, set, row, seq);
  return { row, seq };
}

/**
 * An upsert by alternate key may carry the primary key in its body; if another row already
 * has it, the INSERT would break the primary key, so say so (409) before trying.
 */
async function assertPrimaryKeyFree(ctx: ServiceContext, set: SetSpec, row: Row, alternate: ResolvedKey): Promise<void> {
  const primary: ResolvedKey = { kind: 'primary', values: new Map(set.key.map((k) => [k, row[k] as string])) };
  if (await findByKey(ctx.db, set, primary)) {
    throw new ODataError(
      'EntityExists',
      `${formatKey(set, row)} already exists, so the new row ${describeKey(alternate)} cannot take that key` +
        (set.generatedKey ? `; leave ${set.generatedKey} out to have one generated.` : '.'),
      set.key.join(','),
    );
  }
}

async function updateExisting(ctx: ServiceContext, set: SetSpec, current: StoredRow, values: Row): Promise<StoredRow> {
  const changed = new Set<string>();
  for (const [name, value] of Object.entries(values)) {
    if (set.key.includes(name)) {
      if (value !== current.row[name]) throw keyMismatch(name, value, current.row[name]);
      continue;
    }
    if (value !== current.row[name]) changed.add(name);
  }
  if (changed.size === 0) return current;
  if (set.company && changed.has(set.company.field)) {
    throw new ODataError('ImmutableProperty', `${set.company.field} cannot change once a row is saved; the company is part of its identity.`, set.company.field);
  }
  const row: Row = { ...current.row, ...values };
  row[set.stamps.modifiedAt] = ctx.now().toISOString();
  row[set.stamps.modifiedBy] = ctx.principal.username;
  await assertReferencesExist(ctx.db, ctx.store, set, row, changed);
  await assertAlternateKeysFree(ctx, set, row, changed);
  const seq = await reserveSeq(ctx.db, ctx.store.name);
  await updateRow(ctx.db, set, row, seq);
  return { row, seq };
}

async function assertAlternateKeysFree(ctx: ServiceContext, set: SetSpec, row: Row, changed?: ReadonlySet<string>): Promise<void> {
  for (const alternate of set.alternateKeys ?? []) {
    if (changed && !alternate.some((f) => changed.has(f))) continue;
    if (alternate.some((f) => row[f] == null)) continue; // SQL unique keys ignore rows with a null part
    const where = [...alternate.map((f) => `${quoteId(f)} = ?`), `NOT (${set.key.map((k) => `${quoteId(k)} = ?`).join(' AND ')})`];
    const params = [
      ...alternate.map((f) => toSql(set.fields.find((x) => x.name === f)!, row[f])),
      ...set.key.map((k) => toSql(set.fields.find((x) => x.name === k)!, row[k])),
    ];
    const clash = await ctx.db.get(`SELECT 1 AS hit FROM ${quoteId(set.table)} WHERE ${where.join(' AND ')} LIMIT 1`, params);
    if (clash) {
      const named = alternate.map((f) => `${f} = ${JSON.stringify(row[f])}`).join(', ');
      throw new ODataError('DuplicateAlternateKey', `Another ${set.name} row already has ${named}.`, alternate.join(','));
    }
  }
}

function assertMatches(set: SetSpec, current: StoredRow, ifMatch: '*' | number[] | undefined): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  if (!ifMatch.includes(current.seq)) {
    throw new ODataError(
      'PreconditionFailed',
      `${formatKey(set, current.row)} has changed: its version is ${etagOf(current.seq)}, the request expected ${ifMatch.map(etagOf).join(', ') || 'an unreadable ETag'}.`,
    );
  }
}

function missingForIfMatch(set: SetSpec, key: ResolvedKey): ODataError {
  return new ODataError('PreconditionFailed', `If-Match given but ${set.name} row ${describeKey(key)} does not exist.`);
}

function keyMismatch(name: string, got: unknown, expected: unknown): ODataError {
  return new ODataError('KeyMismatch', `${name} is part of the key: the body says ${JSON.stringify(got)}, the URL ${JSON.stringify(expected)}.`, name);
}

const describeKey = (key: ResolvedKey): string => `(${[...key.values].map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})`;
