/**
 * One ERP customer with everything that hangs off it: its contact persons and, as if
 * dual-write had been running, the CRM account (organisations) or contact (persons) and the
 * contacts of its contact persons. Values follow the Customers V3 ↔ accounts / contacts
 * maps of the dual-write reference (§4.1), so both sides agree field by field.
 */
import { ONHOLD_STATUS } from '../schema/erp.ts';
import type { Company } from './catalog.ts';
import { COMPANIES, CREDIT_RATINGS, CURRENCIES, CUSTOMER_GROUPS, OTHER_LANGUAGES, PAYMENT_TERMS, SALES_MEMOS } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import type { CustomerFacts } from './customer-facts.ts';
import { customerFacts, hubCount } from './customer-facts.ts';
import type { Pools } from './pools.ts';
import type { Rng } from './random.ts';
import { rowNumber, rowRng } from './random.ts';
import type { RowTimes, SeedRow, Written } from './sink.ts';
import { crmAccount, crmContactPerson, crmPersonContact } from './crm-mirror.ts';
import type { Mirror } from './crm-mirror.ts';
import { clip, decimalText, pad, searchName } from './text.ts';
import { childTimes, mirroredTimes, rowTimes } from './times.ts';

export interface GeneratedCustomer {
  readonly customer: Written;
  readonly contactPersons: readonly Written[];
  /** CRM accounts row (organisations in the CRM). */
  readonly account: Written | null;
  /** CRM contacts rows: the person customer's own, then one per contact person. */
  readonly contacts: readonly Written[];
}

const ONHOLD_WEIGHTS = [92, 3, 2, 1, 1, 1] as const;

export const accountNumber = (company: Company, index: number): string => `${company.prefix}-${pad(index + 1, 6)}`;

interface Scope {
  readonly ctx: SeedContext;
  readonly c: number;
  readonly company: Company;
  readonly pools: Pools;
  readonly rng: Rng;
  readonly index: number;
  readonly n: number;
  readonly facts: CustomerFacts;
  readonly account: string;
}

export function generateCustomer(ctx: SeedContext, c: number, index: number, n: number): GeneratedCustomer {
  const company = COMPANIES[c] as Company;
  const facts = customerFacts(ctx.seed, c, index, n);
  const rng = rowRng(ctx.seed, STREAM.customer, rowNumber(c, index));
  const scope: Scope = { ctx, c, company, pools: ctx.pools[company.locale], rng, index, n, facts, account: accountNumber(company, index) };
  const erp = erpCustomer(scope);
  const times = rowTimes(rng, ctx.now);
  const people = contactPersons(scope, erp, times);
  const generated = { customer: { row: erp.row, times }, contactPersons: people.map((p) => p.erp) };
  if (!facts.inCrm) return { ...generated, account: null, contacts: [] };
  const crmTimes = mirroredTimes(rng, times);
  const mirror: Mirror = { ids: ctx.ids, c, index };
  if (facts.party === 'Person') {
    return { ...generated, account: null, contacts: [{ row: crmPersonContact(mirror, erp.row), times: crmTimes }] };
  }
  return {
    ...generated,
    account: { row: crmAccount(mirror, erp.row, erp), times: crmTimes },
    contacts: people.map((p) => ({ row: crmContactPerson(mirror, p.k, p.erp.row), times: p.crmTimes })),
  };
}

interface ErpCustomer {
  readonly row: SeedRow;
  /** Mail domain of an organisation, for its contact persons' addresses. */
  readonly domain: string | null;
  /** Index of the head-office customer this one is invoiced through, if any. */
  readonly invoiceHub: number | null;
  readonly hasPrimaryContact: boolean;
}

function erpCustomer(s: Scope): ErpCustomer {
  const { rng, company, pools, facts } = s;
  const person = facts.party === 'Person';
  const first = person ? rng.pick(pools.firstNames) : null;
  const last = person ? rng.pick(pools.lastNames) : null;
  const org = person ? null : rng.pick(pools.companies);
  const domain = org ? `${org.slug.slice(0, 40) || 'contoso'}.${company.tld}` : null;
  const email = org
    ? `${rng.pick(['info', 'sales', 'purchasing', 'accounts', 'orders'])}@${domain}`
    : `${first?.slug}.${last?.slug}${rng.chance(0.3) ? rng.int(1, 99) : ''}@${rng.pick(company.mailDomains)}`;
  const invoiceHub = invoiceHubOf(s);
  const hasPrimaryContact = facts.contactPersons > 0 && (s.n - s.index === 4 || rng.chance(0.6));
  const delivery = address(s);
  const invoice = rng.chance(0.7) ? delivery : address(s);
  const row: SeedRow = {
    dataAreaId: company.id,
    CustomerAccount: s.account,
    PartyType: facts.party,
    PartyNumber: `${s.c + 1}${pad(s.index + 1, 8)}`,
    OrganizationName: org?.text ?? null,
    PersonFirstName: first?.text ?? null,
    PersonLastName: last?.text ?? null,
    NameAlias: searchName(org?.text ?? last?.text ?? ''),
    CustomerGroupId: groupOf(s),
    SalesCurrencyCode: rng.chance(0.03) ? rng.pick(CURRENCIES.filter((x) => x.code !== company.currency)).code : company.currency,
    CreditLimit: creditLimit(rng, person),
    CreditLimitIsMandatory: rng.chance(0.3) ? 'Yes' : 'No',
    CreditRating: rng.chance(0.6) ? rng.pick(CREDIT_RATINGS) : null,
    OnHoldStatus: rng.weighted(ONHOLD_STATUS.map((v, i) => [v, ONHOLD_WEIGHTS[i] ?? 0] as const)),
    IsOneTimeCustomer: rng.chance(0.02) ? 'Yes' : 'No',
    InvoiceAccount: invoiceHub === null ? null : accountNumber(company, invoiceHub),
    ContactPersonId: hasPrimaryContact ? contactPersonId(s.account, 1) : null,
    PaymentTerms: rng.pick(PAYMENT_TERMS),
    PaymentMethod: rng.pick(company.paymentMethods),
    SalesMemo: rng.chance(0.1) ? rng.pick(SALES_MEMOS) : null,
    TaxExemptNumber: rng.chance(0.08) ? company.taxExempt(rng) : null,
    SalesTaxGroup: rng.pick(company.salesTaxGroups),
    PrimaryContactEmail: clip(email, 100),
    PrimaryContactPhone: company.phone(rng),
    ...addressFields('Delivery', delivery),
    DeliveryAddressLatitude: decimalText(rng.int(...company.box.lat), 6),
    DeliveryAddressLongitude: decimalText(rng.int(...company.box.lon), 6),
    ...addressFields('Invoice', invoice),
    LanguageId: rng.chance(0.04) ? rng.pick(OTHER_LANGUAGES) : company.language,
  };
  return { row, domain, invoiceHub, hasPrimaryContact };
}

function invoiceHubOf(s: Scope): number | null {
  const hubs = hubCount(s.n);
  if (s.n - s.index === 4) return 0;
  if (s.index < hubs || s.n - s.index <= 4) return null;
  return s.rng.chance(0.04) ? s.rng.int(0, hubs - 1) : null;
}

/** Organisations spread over all groups; persons are retail (20), a few wholesale (10). */
function groupOf(s: Scope): string {
  if (s.facts.party === 'Person') return s.rng.chance(0.9) ? '20' : '10';
  return s.rng.weighted(CUSTOMER_GROUPS.map((g) => [g.id, g.weight] as const));
}

/** Whole amounts mostly, some with cents; never more than 2 decimals (the CRM keeps 4). */
function creditLimit(rng: Rng, person: boolean): string {
  if (person) return rng.pick(['0', '500', '1000', '2500', '5000']);
  if (rng.chance(0.15)) return decimalText(rng.int(10_000, 9_999_999), 2);
  return rng.pick(['0', '5000', '10000', '15000', '25000', '50000', '75000', '100000', '250000', '500000']);
}

interface Address {
  readonly street: string;
  readonly city: string;
  readonly zip: string;
  readonly state: string | null;
  readonly country: string;
}

function address(s: Scope): Address {
  const locality = s.rng.pick(s.pools.localities);
  return { street: s.rng.pick(s.pools.streets), ...locality, country: s.company.country };
}

const addressFields = (prefix: 'Delivery' | 'Invoice', a: Address): SeedRow => ({
  [`${prefix}AddressStreet`]: a.street,
  [`${prefix}AddressCity`]: a.city,
  [`${prefix}AddressZipCode`]: a.zip,
  [`${prefix}AddressState`]: a.state,
  [`${prefix}AddressCountryRegionId`]: a.country,
});

export const contactPersonId = (account: string, k: number): string => `CP-${account}-${k}`;

interface ContactPerson {
  /** 1 or 2: the suffix of its ContactPersonId. */
  readonly k: number;
  readonly erp: Written;
  readonly crmTimes: RowTimes;
}

function contactPersons(s: Scope, customer: ErpCustomer, times: RowTimes): ContactPerson[] {
  const out: ContactPerson[] = [];
  for (let k = 1; k <= s.facts.contactPersons; k++) {
    const first = s.rng.pick(s.pools.firstNames);
    const last = s.rng.pick(s.pools.lastNames);
    const row: SeedRow = {
      dataAreaId: s.company.id,
      ContactPersonId: contactPersonId(s.account, k),
      FirstName: first.text,
      LastName: last.text,
      CustomerAccount: s.account,
      JobTitle: s.rng.pick(s.pools.jobTitles),
      PrimaryEmail: clip(`${first.slug}.${last.slug}@${customer.domain ?? 'example.com'}`, 100),
      PrimaryPhone: s.company.phone(s.rng),
    };
    const cpTimes = childTimes(s.rng, times, s.ctx.now);
    out.push({ k, erp: { row, times: cpTimes }, crmTimes: mirroredTimes(s.rng, cpTimes) });
  }
  return out;
}
