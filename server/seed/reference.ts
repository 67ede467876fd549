/**
 * Reference data in both stores: companies, currencies, units, customer groups, terms of
 * payment, payment methods, vendor groups, exchange rates and unit conversions, each ERP
 * row with its CRM counterpart as the standard maps of the dual-write reference (§4) would
 * write it — but for a few rows entered on one side while the map was stopped.
 */
import { PAYMENT_ACCOUNT_TYPES, PAYMENT_TERM_BASES, PAYMENT_TYPES, UNIT_ROUNDING } from '../schema/erp.ts';
import type { Company } from './catalog.ts';
import {
  COMPANIES,
  CRM_ONLY_PAYMENT_METHOD,
  CURRENCIES,
  CUSTOMER_GROUPS,
  ERP_ONLY_CONVERSIONS,
  ERP_ONLY_PAYMENT_TERM,
  EXCHANGE_RATES,
  NEVER,
  PAYMENT_METHOD_DEFS,
  PAYMENT_TERM_DEFS,
  RATE_PERIODS,
  SYSTEM_OF_UNITS_OPTION,
  UNIT_CONVERSIONS,
  UNITS,
  VENDOR_GROUPS,
} from './catalog.ts';

import type { SeedContext } from './context.ts';
import type { Written } from './sink.ts';
import { setupTimes } from './times.ts';

type ErpReference = 'LegalEntities' | 'Currencies' | 'Units' | 'CustomerGroups' | 'PaymentTerms' | 'CustomerPaymentMethods' | 'VendorGroups' | 'ExchangeRates' | 'UnitOfMeasureConversions';
type CrmReference =
  | 'cdm_companies'
  | 'transactioncurrencies'
  | 'uoms'
  | 'msdyn_customergroups'
  | 'msdyn_paymentterms'
  | 'msdyn_customerpaymentmethods'
  | 'msdyn_vendorgroups'
  | 'msdyn_currencyexchangerates'
  | 'msdyn_unitofmeasureconversions';

export interface ReferenceRows {
  readonly erp: Readonly<Record<ErpReference, readonly Written[]>>;
  readonly crm: Readonly<Record<CrmReference, readonly Written[]>>;
}

/** ERP enum symbol → CRM option value: the n-th symbol is 192350000 + n. */
const option = (symbols: readonly string[], symbol: string): number => {
  const at = symbols.indexOf(symbol);
  if (at < 0) throw new Error(`Seed: ${symbol} is not one of ${symbols.join(', ')}`);
  return 192350000 + at;
};

interface TermRow {
  readonly c: number;
  readonly company: Company;
  readonly t: number;
  readonly name: string;
  readonly description: string;
  readonly base: string;
  readonly days: number;
  readonly months: number;
  readonly cash: boolean;
}

/** Every company's terms; the ERP-only one last in its company (index PAYMENT_TERM_DEFS.length). */
function termRows(): TermRow[] {
  return COMPANIES.flatMap((company, c) => [
    ...PAYMENT_TERM_DEFS.map((d, t) => ({ c, company, t, ...d })),
    ...(company.id === ERP_ONLY_PAYMENT_TERM.company ? [{ ...ERP_ONLY_PAYMENT_TERM, c, company, t: PAYMENT_TERM_DEFS.length, cash: false }] : []),
  ]);
}

const isErpOnlyTerm = (t: number) => t === PAYMENT_TERM_DEFS.length;

interface MethodRow {
  readonly c: number;
  readonly company: Company;
  readonly m: number;
  readonly name: string;
  readonly description: string;
  readonly type: string;
}

/** Every company's payment methods; the CRM-only one last in its company. */
function methodRows(): MethodRow[] {
  return COMPANIES.flatMap((company, c) => [
    ...company.paymentMethods.map((name, m) => {
      const def = PAYMENT_METHOD_DEFS[name];
      if (!def) throw new Error(`Seed: no payment method ${name}`);
      return { c, company, m, name, description: def.description, type: def.type };
    }),
    ...(company.id === CRM_ONLY_PAYMENT_METHOD.company ? [{ ...CRM_ONLY_PAYMENT_METHOD, c, company, m: company.paymentMethods.length }] : []),
  ]);
}

/** The CRM GUID of term `name` of company `c` (null for null). */
export function paymentTermGuid(ids: SeedContext['ids'], c: number, name: string | null): string | null {
  if (name === null) return null;
  const t = PAYMENT_TERM_DEFS.findIndex((d) => d.name === name);
  if (t < 0) throw new Error(`Seed: term ${name} has no CRM counterpart`);
  return ids.paymentTerm(c, t);
}

const rates = EXCHANGE_RATES.flatMap((pair, i) =>
  pair.rates.map((rate, p) => ({ i, p, from: 'USD', to: pair.to, rate, start: RATE_PERIODS[p] as string, end: RATE_PERIODS[p + 1] ?? null })),
);
const unitIndex = (symbol: string): number => UNITS.findIndex((u) => u.symbol === symbol);
const currencyIndex = (code: string): number => CURRENCIES.findIndex((x) => x.code === code);
const mirroredConversions = UNIT_CONVERSIONS.length - ERP_ONLY_CONVERSIONS;

export function referenceRows(ctx: SeedContext): ReferenceRows {
  let order = 0;
  const at = () => setupTimes(ctx.now, order++);
  const { ids } = ctx;
  const groups = COMPANIES.flatMap((company, c) => CUSTOMER_GROUPS.map((group, g) => ({ company, c, group, g })));
  const vendorGroups = COMPANIES.flatMap((company, c) => VENDOR_GROUPS.map((group, g) => ({ company, c, group, g })));
  return {
    erp: {
      LegalEntities: COMPANIES.map((co) => ({
        row: { LegalEntityId: co.id, Name: co.name, AccountingCurrencyCode: co.currency, AddressCountryRegionId: co.country },
        times: at(),
      })),
      Currencies: CURRENCIES.map((cur) => ({
        row: { CurrencyCode: cur.code, Name: cur.name, Symbol: cur.symbol, RoundingPrecision: cur.rounding },
        times: at(),
      })),
      Units: UNITS.map((u) => ({
        row: {
          UnitSymbol: u.symbol,
          Description: u.description,
          UnitClass: u.unitClass,
          DecimalPrecision: u.decimals,
          IsBaseUnit: u.base ? 'Yes' : 'No',
          SystemOfUnits: u.system,
        },
        times: at(),
      })),
      CustomerGroups: groups.map(({ company, group }) => ({
        row: {
          dataAreaId: company.id,
          CustomerGroupId: group.id,
          Description: group.description,
          PaymentTermId: group.paymentTerms,
          // Consumer prices include VAT in Europe, not in the US.
          IsSalesTaxIncludedInPrice: group.id === '20' && company.id !== 'usmf' ? 'Yes' : 'No',
        },
        times: at(),
      })),
      PaymentTerms: termRows().map((t) => ({
        row: {
          dataAreaId: t.company.id,
          Name: t.name,
          Description: t.description,
          PaymentMethodType: t.base,
          NumberOfDays: t.days,
          NumberOfMonths: t.months,
          IsCashPayment: t.cash ? 'Yes' : 'No',
        },
        times: at(),
      })),
      CustomerPaymentMethods: methodRows()
        .filter((m) => m.m < m.company.paymentMethods.length)
        .map((m) => ({
          row: { dataAreaId: m.company.id, Name: m.name, Description: m.description, PaymentType: m.type, AccountType: 'Bank' },
          times: at(),
        })),
      VendorGroups: vendorGroups.map(({ company, group }) => ({
        row: { dataAreaId: company.id, VendorGroupId: group.id, Description: group.description, DefaultPaymentTermName: group.paymentTerms },
        times: at(),
      })),
      ExchangeRates: rates.map((r) => ({
        row: { FromCurrency: r.from, ToCurrency: r.to, StartDate: r.start, EndDate: r.end ?? NEVER, Rate: r.rate },
        times: at(),
      })),
      UnitOfMeasureConversions: UNIT_CONVERSIONS.map((u) => ({
        row: {
          FromUnitSymbol: u.from,
          ToUnitSymbol: u.to,
          Factor: u.factor,
          Numerator: u.numerator,
          Denominator: u.denominator,
          InnerOffset: '0',
          OuterOffset: '0',
          Rounding: u.rounding,
        },
        times: at(),
      })),
    },
    crm: {
      cdm_companies: COMPANIES.map((co, c) => ({
        row: { cdm_companyid: ids.company(c), cdm_companycode: co.id, cdm_name: co.name },
        times: at(),
      })),
      transactioncurrencies: CURRENCIES.map((cur, i) => ({
        row: {
          transactioncurrencyid: ids.currency(i),
          isocurrencycode: cur.code,
          currencyname: cur.name,
          currencysymbol: cur.symbol,
          exchangerate: cur.exchangeRate,
          currencyprecision: cur.precision,
        },
        times: at(),
      })),
      uoms: UNITS.map((u, i) => ({
        row: {
          uomid: ids.uom(i),
          name: u.description,
          msdyn_symbol: u.symbol,
          msdyn_externalunitclassname: u.unitClass,
          msdyn_decimalprecision: u.decimals,
          msdyn_isbaseunit: u.base,
          msdyn_systemofunits: SYSTEM_OF_UNITS_OPTION[u.system],
        },
        times: at(),
      })),
      msdyn_customergroups: groups.map(({ c, group, g }) => ({
        row: {
          msdyn_customergroupid: ids.customerGroup(c, g),
          msdyn_groupid: group.id,
          msdyn_description: group.description,
          msdyn_company: ids.company(c),
        },
        times: at(),
      })),
      msdyn_paymentterms: termRows()
        .filter((t) => !isErpOnlyTerm(t.t))
        .map((t) => ({
          row: {
            msdyn_paymenttermid: ids.paymentTerm(t.c, t.t),
            msdyn_name: t.name,
            msdyn_description: t.description,
            msdyn_company: ids.company(t.c),
            msdyn_paymentmethodtype: option(PAYMENT_TERM_BASES, t.base),
            msdyn_numberofdays: t.days,
            msdyn_numberofmonths: t.months,
            msdyn_iscashpayment: t.cash,
          },
          times: at(),
        })),
      msdyn_customerpaymentmethods: methodRows().map((m) => ({
        row: {
          msdyn_customerpaymentmethodid: ids.paymentMethod(m.c, m.m),
          msdyn_name: m.name,
          msdyn_description: m.description,
          msdyn_company: ids.company(m.c),
          msdyn_paymenttype: option(PAYMENT_TYPES, m.type),
          msdyn_accounttype: option(PAYMENT_ACCOUNT_TYPES, 'Bank'),
        },
        times: at(),
      })),
      msdyn_vendorgroups: vendorGroups.map(({ c, group, g }) => ({
        row: {
          msdyn_vendorgroupid: ids.vendorGroup(c, g),
          msdyn_vendorgroup: group.id,
          msdyn_description: group.description,
          msdyn_company: ids.company(c),
          msdyn_paymenttermid: paymentTermGuid(ids, c, group.paymentTerms),
        },
        times: at(),
      })),
      msdyn_currencyexchangerates: rates.map((r) => ({
        row: {
          msdyn_currencyexchangerateid: ids.exchangeRate(r.i, r.p),
          msdyn_fromcurrencyid: ids.currency(currencyIndex(r.from)),
          msdyn_tocurrencyid: ids.currency(currencyIndex(r.to)),
          msdyn_validfrom: r.start,
          msdyn_validto: r.end,
          msdyn_rate: r.rate,
        },
        times: at(),
      })),
      msdyn_unitofmeasureconversions: UNIT_CONVERSIONS.slice(0, mirroredConversions).map((u, i) => ({
        row: {
          msdyn_unitofmeasureconversionid: ids.unitConversion(i),
          msdyn_fromunit: ids.uom(unitIndex(u.from)),
          msdyn_tounit: ids.uom(unitIndex(u.to)),
          msdyn_factor: u.factor,
          msdyn_numerator: u.numerator,
          msdyn_denominator: u.denominator,
          msdyn_inneroffset: '0',
          msdyn_outeroffset: '0',
          msdyn_rounding: option(UNIT_ROUNDING, u.rounding),
        },
        times: at(),
      })),
    },
  };
}
