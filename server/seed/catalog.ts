/**
 * The fixed reference data both stores share: companies, currencies, units, customer
 * groups, and per-country code lists. Everything here is constant; only customers and
 * products are generated.
 */

import type { Rng } from './random.ts';

export type Locale = 'us' | 'de' | 'gb';

export interface Company {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly country: string;
  readonly locale: Locale;
  /** Account number prefix, e.g. "US" in "US-000123". */
  readonly prefix: string;
  readonly language: string;
  readonly paymentMethods: readonly string[];
  readonly salesTaxGroups: readonly string[];
  readonly phone: (rng: Rng) => string;
  readonly taxExempt: (rng: Rng) => string;
  /** Latitude and longitude ranges in micro-degrees. */
  readonly box: { readonly lat: readonly [number, number]; readonly lon: readonly [number, number] };
  readonly mailDomains: readonly string[];
  readonly tld: string;
}

export const COMPANIES: readonly Company[] = [
  {
    id: 'usmf',
    name: 'Contoso USA',
    currency: 'USD',
    country: 'USA',
    locale: 'us',
    prefix: 'US',
    language: 'en-us',
    paymentMethods: ['CHECK', 'ELECTRONIC', 'CREDITCARD', 'WIRE'],
    salesTaxGroups: ['CA', 'NY', 'WA', 'TX', 'IL', 'EXEMPT'],
    phone: (r) => `+1 ${r.int(201, 989)}-555-${r.digits(4)}`,
    taxExempt: (r) => `EX-${r.digits(7)}`,
    box: { lat: [25_800_000, 48_900_000], lon: [-123_900_000, -68_000_000] },
    mailDomains: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'],
    tld: 'com',
  },
  {
    id: 'demf',
    name: 'Contoso Germany',
    currency: 'EUR',
    country: 'DEU',
    locale: 'de',
    prefix: 'DE',
    language: 'de',
    paymentMethods: ['SEPA', 'TRANSFER', 'DIRECTDEB'],
    salesTaxGroups: ['DOM', 'EU', 'EXPORT'],
    phone: (r) => `+49 ${r.int(20, 99)} ${r.digits(7)}`,
    taxExempt: (r) => `DE${r.int(1, 9)}${r.digits(8)}`,
    box: { lat: [47_400_000, 54_800_000], lon: [6_000_000, 14_900_000] },
    mailDomains: ['web.de', 'gmx.de', 't-online.de', 'gmail.com'],
    tld: 'de',
  },
  {
    id: 'gbsi',
    name: 'Contoso UK',
    currency: 'GBP',
    country: 'GBR',
    locale: 'gb',
    prefix: 'GB',
    language: 'en-gb',
    paymentMethods: ['BACS', 'CHEQUE', 'CARD'],
    salesTaxGroups: ['UK-DOM', 'UK-EU', 'EXPORT'],
    phone: (r) => `+44 20 ${r.int(3, 8)}${r.digits(3)} ${r.digits(4)}`,
    taxExempt: (r) => `GB${r.int(1, 9)}${r.digits(8)}`,
    box: { lat: [50_200_000, 57_600_000], lon: [-5_500_000, 1_700_000] },
    mailDomains: ['btinternet.com', 'gmail.com', 'outlook.com', 'sky.com'],
    tld: 'co.uk',
  },
];

export interface Currency {
  readonly code: string;
  readonly name: string;
  readonly symbol: string;
  /** ERP rounding precision (canonical decimal). */
  readonly rounding: string;
  /** CRM exchange rate against the base currency USD (up to 12 decimals). */
  readonly exchangeRate: string;
  readonly precision: number;
}

export const CURRENCIES: readonly Currency[] = [
  { code: 'USD', name: 'US Dollar', symbol: '$', rounding: '0.01', exchangeRate: '1', precision: 2 },
  { code: 'EUR', name: 'Euro', symbol: '€', rounding: '0.01', exchangeRate: '0.923456789012', precision: 2 },
  { code: 'GBP', name: 'Pound Sterling', symbol: '£', rounding: '0.01', exchangeRate: '0.787654321098', precision: 2 },
  { code: 'JPY', name: 'Japanese Yen', symbol: '¥', rounding: '1', exchangeRate: '149.512345678901', precision: 0 },
  { code: 'CAD', name: 'Canadian Dollar', symbol: 'CA$', rounding: '0.01', exchangeRate: '1.361234567891', precision: 2 },
];

export type SystemOfUnits = 'None' | 'Metric' | 'UnitedStates';

export interface Unit {
  readonly symbol: string;
  readonly description: string;
  readonly unitClass: 'Quantity' | 'Mass' | 'Length' | 'Volume' | 'Time';
  readonly decimals: number;
  readonly base: boolean;
  readonly system: SystemOfUnits;
}

export const UNITS: readonly Unit[] = [
  { symbol: 'ea', description: 'Each', unitClass: 'Quantity', decimals: 0, base: true, system: 'None' },
  { symbol: 'pcs', description: 'Pieces', unitClass: 'Quantity', decimals: 0, base: false, system: 'None' },
  { symbol: 'kg', description: 'Kilogram', unitClass: 'Mass', decimals: 3, base: true, system: 'Metric' },
  { symbol: 'g', description: 'Gram', unitClass: 'Mass', decimals: 0, base: false, system: 'Metric' },
  { symbol: 'm', description: 'Meter', unitClass: 'Length', decimals: 2, base: true, system: 'Metric' },
  { symbol: 'cm', description: 'Centimeter', unitClass: 'Length', decimals: 0, base: false, system: 'Metric' },
  { symbol: 'l', description: 'Liter', unitClass: 'Volume', decimals: 2, base: true, system: 'Metric' },
  { symbol: 'h', description: 'Hour', unitClass: 'Time', decimals: 2, base: true, system: 'None' },
  { symbol: 'box', description: 'Box', unitClass: 'Quantity', decimals: 0, base: false, system: 'None' },
];

/** ERP SystemOfUnits ↔ CRM msdyn_systemofunits option values. */
export const SYSTEM_OF_UNITS_OPTION: Readonly<Record<SystemOfUnits, number>> = {
  None: 192350000,
  Metric: 192350001,
  UnitedStates: 192350002,
};

export interface CustomerGroup {
  readonly id: string;
  readonly description: string;
  readonly paymentTerms: string;
  /** Relative share of organisation customers. */
  readonly weight: number;
}

export const CUSTOMER_GROUPS: readonly CustomerGroup[] = [
  { id: '10', description: 'Wholesale customers', paymentTerms: 'Net30', weight: 30 },
  { id: '20', description: 'Retail customers', paymentTerms: 'Net10', weight: 30 },
  { id: '30', description: 'Intercompany customers', paymentTerms: 'Net60', weight: 3 },
  { id: '40', description: 'Major accounts', paymentTerms: 'Net45', weight: 20 },
  { id: '50', description: 'Government', paymentTerms: 'Net60', weight: 17 },
];

export const PAYMENT_TERMS = ['Net10', 'Net30', 'Net45', 'Net60', 'COD', '2%10Net30'] as const;
export const CREDIT_RATINGS = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC'] as const;
export const OTHER_LANGUAGES = ['fr', 'es', 'it', 'nl', 'pl'] as const;

export const SALES_MEMOS = [
  'Deliver to loading dock B between 8:00 and 16:00.',
  'Call the purchasing department before delivery.',
  'Invoices by e-mail only.',
  'Do not ship partial orders.',
  'Customer requires a purchase order number on every invoice.',
  'Key account: escalate service issues to the account manager.',
  'Seasonal customer; peak orders in Q4.',
  'Prefers consolidated monthly invoicing.',
  'Signed framework agreement, renewal due next year.',
  'Pallets must not exceed 1.8 m in height.',
] as const;
