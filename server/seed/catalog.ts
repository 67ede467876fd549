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

/** Terms of payment, the same list in every company (customers and vendors name them). */
export interface PaymentTermDef {
  readonly name: (typeof PAYMENT_TERMS)[number];
  readonly description: string;
  readonly base: 'Net' | 'CurrentMonth' | 'COD';
  readonly days: number;
  readonly months: number;
  readonly cash: boolean;
}

export const PAYMENT_TERM_DEFS: readonly PaymentTermDef[] = [
  { name: 'Net10', description: 'Net 10 days', base: 'Net', days: 10, months: 0, cash: false },
  { name: 'Net30', description: 'Net 30 days', base: 'Net', days: 30, months: 0, cash: false },
  { name: 'Net45', description: 'Net 45 days', base: 'Net', days: 45, months: 0, cash: false },
  { name: 'Net60', description: 'Net 60 days', base: 'Net', days: 60, months: 0, cash: false },
  { name: 'COD', description: 'Cash on delivery', base: 'COD', days: 0, months: 0, cash: true },
  { name: '2%10Net30', description: '2% discount within 10 days, net 30 days', base: 'Net', days: 30, months: 0, cash: false },
];

/** A term entered in the ERP of one company while the map was stopped: never reached the CRM. */
export const ERP_ONLY_PAYMENT_TERM = { company: 'usmf', name: 'CM15', description: 'Current month + 15 days', base: 'CurrentMonth', days: 15, months: 0 } as const;

type PaymentType = 'Other' | 'Check' | 'Electronic' | 'CreditCard' | 'DirectDebit' | 'Cash';

/** Customer payment methods by name (each company's `paymentMethods`). */
export const PAYMENT_METHOD_DEFS: Readonly<Record<string, { readonly description: string; readonly type: PaymentType }>> = {
  CHECK: { description: 'Check', type: 'Check' },
  ELECTRONIC: { description: 'Electronic payment (ACH)', type: 'Electronic' },
  CREDITCARD: { description: 'Credit card', type: 'CreditCard' },
  WIRE: { description: 'Wire transfer', type: 'Electronic' },
  SEPA: { description: 'SEPA-Überweisung', type: 'Electronic' },
  TRANSFER: { description: 'Banküberweisung', type: 'Electronic' },
  DIRECTDEB: { description: 'Lastschrift', type: 'DirectDebit' },
  BACS: { description: 'BACS transfer', type: 'Electronic' },
  CHEQUE: { description: 'Cheque', type: 'Check' },
  CARD: { description: 'Debit or credit card', type: 'CreditCard' },
};

/** A payment method created in the CRM of one company and not (yet) in the ERP. */
export const CRM_ONLY_PAYMENT_METHOD = { company: 'gbsi', name: 'PAYPAL', description: 'PayPal', type: 'Electronic' } as const;

export interface VendorGroupDef {
  readonly id: string;
  readonly description: string;
  readonly paymentTerms: (typeof PAYMENT_TERMS)[number] | null;
  /** Relative share of vendors. */
  readonly weight: number;
}

export const VENDOR_GROUPS: readonly VendorGroupDef[] = [
  { id: '10', description: 'Raw material suppliers', paymentTerms: 'Net30', weight: 40 },
  { id: '20', description: 'Service providers', paymentTerms: 'Net45', weight: 25 },
  { id: '30', description: 'Intercompany vendors', paymentTerms: 'Net60', weight: 5 },
  { id: '40', description: 'Freight carriers', paymentTerms: 'Net10', weight: 20 },
  { id: '50', description: 'One-time vendors', paymentTerms: null, weight: 10 },
];

/**
 * Exchange rates from the base currency USD, three periods each (the last one open: its
 * ERP EndDate is F&O's "never", 2154-12-31). Rates keep 10 to 12 decimal places.
 */
export const NEVER = '2154-12-31';
export const RATE_PERIODS = ['2025-07-01', '2026-01-01', '2026-07-01'] as const;
export const EXCHANGE_RATES: readonly { readonly to: string; readonly rates: readonly [string, string, string] }[] = [
  { to: 'EUR', rates: ['0.9187654321', '0.934512345678', '0.923456789012'] },
  { to: 'GBP', rates: ['0.7745123456', '0.79123456789', '0.787654321098'] },
  { to: 'JPY', rates: ['144.9876543211', '151.23456789012', '149.512345678901'] },
  { to: 'CAD', rates: ['1.3512345678', '1.37987654321', '1.361234567891'] },
];

type Rounding = 'Nearest' | 'Up' | 'Down';

export interface UnitConversionDef {
  readonly from: string;
  readonly to: string;
  readonly factor: string;
  readonly numerator: number;
  readonly denominator: number;
  readonly rounding: Rounding;
}

/** Standard unit conversions (global). The last one exists in the ERP only. */
export const UNIT_CONVERSIONS: readonly UnitConversionDef[] = [
  { from: 'box', to: 'ea', factor: '12', numerator: 12, denominator: 1, rounding: 'Nearest' },
  { from: 'ea', to: 'box', factor: '0.0833333333', numerator: 1, denominator: 12, rounding: 'Up' },
  { from: 'pcs', to: 'ea', factor: '1', numerator: 1, denominator: 1, rounding: 'Nearest' },
  { from: 'kg', to: 'g', factor: '1000', numerator: 1000, denominator: 1, rounding: 'Nearest' },
  { from: 'g', to: 'kg', factor: '0.001', numerator: 1, denominator: 1000, rounding: 'Nearest' },
  { from: 'm', to: 'cm', factor: '100', numerator: 100, denominator: 1, rounding: 'Nearest' },
  { from: 'cm', to: 'm', factor: '0.01', numerator: 1, denominator: 100, rounding: 'Down' },
];
export const ERP_ONLY_CONVERSIONS = 1;
