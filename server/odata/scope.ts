/**
 * Company scope: a user granted some companies sees and writes only their rows. ERP sets
 * carry the company code (`dataAreaId`); CRM sets a lookup to cdm_companies, so for the
 * CRM the granted codes are turned into the companies' GUIDs once per request.
 * Global sets (currencies, units) are readable by everyone and writable by admins and
 * back-office users only; so are the company sets themselves.
 */
import type { SetSpec } from '../schema/spec.ts';
import type { Db, SqlValue } from '../storage/db.ts';
import { quoteId } from '../storage/db.ts';
import type { Row } from './codec.ts';
import { ODataError } from './errors.ts';
import type { ResolvedKey } from './keys.ts';
import type { Principal } from './types.ts';

export class CompanyScope {
  private constructor(
    private readonly principal: Principal,
    /** Allowed values per company-field kind: codes, and (CRM) company GUIDs. */
    private readonly codes: '*' | readonly string[],
    private readonly guids: '*' | readonly string[],
  ) {}

  static async resolve(tx: Db, storeName: string, principal: Principal): Promise<CompanyScope> {
    const codes = principal.companies;
    if (codes === '*' || storeName !== 'crm') return new CompanyScope(principal, codes, codes);
    const guids =
      codes.length === 0
        ? []
        : (
            await tx.all<{ id: string }>(
              `SELECT cdm_companyid AS id FROM crm_cdm_companies WHERE cdm_companycode IN (${codes.map(() => '?').join(', ')})`,
              codes,
            )
          ).map((r) => r.id);
    return new CompanyScope(principal, codes, guids);
  }

  #allowed(set: SetSpec): '*' | readonly string[] {
    if (!set.company) return '*';
    return set.company.kind === 'code' ? this.codes : this.guids;
  }

  /** A WHERE fragment restricting `column` (the set's company column, or another) to the scope. */
  where(set: SetSpec, column = set.company ? quoteId(set.company.field) : ''): { sql: string; params: SqlValue[] } {
    const allowed = this.#allowed(set);
    if (allowed === '*') return { sql: '1=1', params: [] };
    if (allowed.length === 0) return { sql: '1=0', params: [] };
    return { sql: `${column} IN (${allowed.map(() => '?').join(', ')})`, params: [...allowed] };
  }

  allowsRow(set: SetSpec, row: Readonly<Row>): boolean {
    const allowed = this.#allowed(set);
    if (allowed === '*' || !set.company) return true;
    const value = row[set.company.field];
    return typeof value === 'string' && allowed.includes(value);
  }

  /** Throws 403 unless the principal may write rows of this set at all. */
  assertCanWrite(set: SetSpec): void {
    const master = !set.company || set.name === 'LegalEntities' || set.name === 'cdm_companies';
    if (master && this.principal.role === 'agent') {
      throw new ODataError('Forbidden', `${set.name} is reference data; only administrators and back-office users change it.`);
    }
  }

  /**
   * Throws 403 when the key itself names a company outside the scope. Checked before the
   * row is looked up, so the answer (403, never 404 or 409) does not reveal which keys
   * exist in companies the user is not granted.
   */
  assertKey(set: SetSpec, key: ResolvedKey): void {
    if (set.company && key.values.has(set.company.field)) this.assertRow(set, Object.fromEntries(key.values));
  }

  assertRow(set: SetSpec, row: Readonly<Row>): void {
    if (!this.allowsRow(set, row)) {
      const field = set.company?.field ?? '';
      throw new ODataError(
        'Forbidden',
        `User '${this.principal.username}' is not granted the company of this ${set.name} row (${field} = ${JSON.stringify(row[field])}).`,
        field,
      );
    }
  }
}
