/**
 * ERP customers with no CRM counterpart, for initial-sync tests and benches: `count`
 * organisations in one company, added to a seeded database (the reference data, groups
 * and currencies come from the base seed). Every `invalidEvery`-th one carries an e-mail
 * address the ERP accepts (255) but the CRM cannot hold (100): the customers ↔ accounts
 * map refuses it (MAP_TOO_LONG), which is what "invalid on the other side" means here.
 *
 * Rows are copied from one seeded organisation of the company (so every column the schema
 * has is filled as the seed fills it) and inserted in chunks with a reserved `_seq` range.
 */
import { STORES } from '../schema/index.ts';
import { findSet } from '../schema/spec.ts';
import { reserveSeq } from '../storage/bootstrap.ts';
import type { Db, SqlValue } from '../storage/db.ts';
import { quoteId } from '../storage/db.ts';

export interface ErpOnlyCustomersOptions {
  readonly count: number;
  /** Company code (default 'usmf'). */
  readonly company?: string;
  /** Account number prefix (default 'IS'): accounts are `${prefix}-0000001`… */
  readonly prefix?: string;
  /** Every n-th customer is invalid for the CRM (0 or absent: none). */
  readonly invalidEvery?: number;
}

export interface ErpOnlyCustomers {
  readonly accounts: readonly string[];
  /** The invalid ones' account numbers. */
  readonly invalid: readonly string[];
}

const CHUNK = 5000;
export const TOO_LONG_EMAIL = `${'x'.repeat(110)}@example.com`;

export const erpOnlyAccount = (prefix: string, index: number): string => `${prefix}-${String(index + 1).padStart(7, '0')}`;

export async function seedErpOnlyCustomers(db: Db, options: ErpOnlyCustomersOptions): Promise<ErpOnlyCustomers> {
  const company = options.company ?? 'usmf';
  const prefix = options.prefix ?? 'IS';
  const store = STORES.find((s) => s.name === 'erp');
  const set = store && findSet(store, 'CustomersV3');
  if (!set) throw new Error('Seed: no erp.CustomersV3 in the schema');
  const table = quoteId(set.table);
  const template = await db.get<Record<string, SqlValue>>(`SELECT * FROM ${table} WHERE dataAreaId = ? AND PartyType = 'Organization' LIMIT 1`, [company]);
  if (!template) throw new Error(`Seed: no organisation customer in ${company} to copy (seed the base data first)`);
  const columns = Object.keys(template);
  const accounts: string[] = [];
  const invalid: string[] = [];
  const first = await db.transaction((tx) => reserveSeq(tx, set.store, options.count));
  for (let start = 0; start < options.count; start += CHUNK) {
    const rows: SqlValue[][] = [];
    for (let i = start; i < Math.min(options.count, start + CHUNK); i++) {
      const account = erpOnlyAccount(prefix, i);
      const bad = options.invalidEvery ? (i + 1) % options.invalidEvery === 0 : false;
      accounts.push(account);
      if (bad) invalid.push(account);
      const row: Record<string, SqlValue> = {
        ...template,
        CustomerAccount: account,
        OrganizationName: `Initial Sync Customer ${i + 1}`,
        PrimaryContactEmail: bad ? TOO_LONG_EMAIL : `customer${i + 1}@example.com`,
        InvoiceAccount: null,
        ContactPersonId: null,
        _seq: first + i,
      };
      rows.push(columns.map((c) => row[c] ?? null));
    }
    await db.insertMany(set.table, columns, rows);
  }
  return { accounts, invalid };
}
