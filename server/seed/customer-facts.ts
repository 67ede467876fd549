/**
 * The few facts about customer `index` of a company that decide which rows exist: party
 * type, whether dual-write created its CRM counterpart, and how many contact persons it
 * has. They come from their own random stream, so the seed can count every table's rows
 * (to reserve `_seq` ranges) without generating the rows.
 *
 *   index 0 … hubs-1        head offices: organisations in both stores, other customers
 *                           may be invoiced through them
 *   index n-4 … n-1         fixed cases, so that even the tiniest seed has each of them:
 *                           n-4 invoiced through hub 0, n-3 person in both stores,
 *                           n-2 person ERP only, n-1 organisation ERP only
 */
import { rowNumber, rowRng } from './random.ts';
import { STREAM } from './context.ts';

export type PartyType = 'Organization' | 'Person';

export interface CustomerFacts {
  readonly party: PartyType;
  /** False for the ~3% that never reached the CRM (created while the map was stopped…). */
  readonly inCrm: boolean;
  /** 0–2, organisations only. */
  readonly contactPersons: number;
}

export const PERSON_SHARE = 0.2;
export const ERP_ONLY_SHARE = 0.03;

/** How many head offices a company of `n` customers has. */
export const hubCount = (n: number): number => Math.max(2, Math.min(25, Math.floor(n / 50)));

export function customerFacts(seed: number, company: number, index: number, n: number): CustomerFacts {
  const rng = rowRng(seed, STREAM.customerFacts, rowNumber(company, index));
  const contacts = rng.int(0, 2);
  if (index < hubCount(n)) return { party: 'Organization', inCrm: true, contactPersons: Math.max(1, contacts) };
  switch (n - index) {
    case 4:
      return { party: 'Organization', inCrm: true, contactPersons: 2 };
    case 3:
      return { party: 'Person', inCrm: true, contactPersons: 0 };
    case 2:
      return { party: 'Person', inCrm: false, contactPersons: 0 };
    case 1:
      return { party: 'Organization', inCrm: false, contactPersons: contacts };
  }
  const party = rng.chance(PERSON_SHARE) ? 'Person' : 'Organization';
  return { party, inCrm: !rng.chance(ERP_ONLY_SHARE), contactPersons: party === 'Person' ? 0 : contacts };
}

/** Row counts of the customer-derived tables, for reserving their `_seq` ranges. */
export interface CustomerCounts {
  customers: number;
  contactPersons: number;
  accounts: number;
  contacts: number;
}

export function countCustomerRows(seed: number, customersPerCompany: readonly number[]): CustomerCounts {
  const counts: CustomerCounts = { customers: 0, contactPersons: 0, accounts: 0, contacts: 0 };
  customersPerCompany.forEach((n, company) => {
    for (let index = 0; index < n; index++) {
      const facts = customerFacts(seed, company, index, n);
      counts.customers++;
      counts.contactPersons += facts.contactPersons;
      if (!facts.inCrm) continue;
      if (facts.party === 'Organization') counts.accounts++;
      counts.contacts += facts.party === 'Person' ? 1 : facts.contactPersons;
    }
  });
  return counts;
}
