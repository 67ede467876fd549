/**
 * Reference data in both stores: companies, currencies, units and customer groups, each
 * ERP row with its CRM counterpart as the standard maps of the dual-write reference (§4) would write it.
 */
import { COMPANIES, CURRENCIES, CUSTOMER_GROUPS, SYSTEM_OF_UNITS_OPTION, UNITS } from './catalog.ts';
import type { SeedContext } from './context.ts';
import type { Written } from './sink.ts';
import { setupTimes } from './times.ts';

export interface ReferenceRows {
  readonly erp: Readonly<Record<'LegalEntities' | 'Currencies' | 'Units' | 'CustomerGroups', readonly Written[]>>;
  readonly crm: Readonly<Record<'cdm_companies' | 'transactioncurrencies' | 'uoms' | 'msdyn_customergroups', readonly Written[]>>;
}

export function referenceRows(ctx: SeedContext): ReferenceRows {
  let order = 0;
  const at = () => setupTimes(ctx.now, order++);
  const { ids } = ctx;
  const groups = COMPANIES.flatMap((company, c) => CUSTOMER_GROUPS.map((group, g) => ({ company, c, group, g })));
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
          name: u.symbol,
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
    },
  };
}
