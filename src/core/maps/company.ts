/**
 * Company scoping. A company-specific map has a key pair flagged `company` (dataAreaId ↔
 * msdyn_company); `companies` restricts the map to some company codes — beyond the real
 * product, where a map always covers every linked company (dual-write.md §1.6, §6).
 * The ERP side holds the code itself, so matchesSide can check an ERP row; a CRM row holds
 * the company's GUID, which only mirrorRow resolves (through the key), so mirrorRow checks
 * both sides.
 */
import type { KeyPair, Row, Side, TableMap } from './types.ts';

/** The key pair naming the company, if the map is company-specific. */
export function companyPair(map: TableMap): KeyPair | undefined {
  return map.keys.find((pair) => pair.company === true);
}

/** Is a company code among the map's companies? (Every code is, without a restriction.) */
export function inCompanies(map: TableMap, code: unknown): boolean {
  if (map.companies === undefined) return true;
  return typeof code === 'string' && map.companies.some((c) => c.toLowerCase() === code.toLowerCase());
}

/** The part of the company rule a row alone can answer: ERP rows by their code; CRM rows pass. */
export function companyRowAllowed(map: TableMap, side: Side, row: Row): boolean {
  const pair = companyPair(map);
  if (map.companies === undefined || pair === undefined || side === 'crm') return true;
  return inCompanies(map, row[pair.erp]);
}
