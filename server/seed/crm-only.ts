/**
 * Accounts that exist only in the CRM: prospects, and customers entered there while the
 * map was not running. Their numbers (`US-C00001`) never collide with ERP customer accounts.
 */
import type { Company } from './catalog.ts';
import { COMPANIES, CUSTOMER_GROUPS, CURRENCIES } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import type { Written } from './sink.ts';
import { rowNumber, rowRng } from './random.ts';
import { decimalText, pad } from './text.ts';
import { rowTimes } from './times.ts';

export const CRM_ONLY_SHARE = 0.03;

export const crmOnlyCount = (customers: number): number => Math.max(1, Math.round(customers * CRM_ONLY_SHARE));

export function generateCrmOnlyAccount(ctx: SeedContext, c: number, index: number): Written {
  const company = COMPANIES[c] as Company;
  const pools = ctx.pools[company.locale];
  const rng = rowRng(ctx.seed, STREAM.crmOnlyAccount, rowNumber(c, index));
  const org = rng.pick(pools.companies);
  const locality = rng.pick(pools.localities);
  const prospect = rng.chance(0.5);
  const row = {
    accountid: ctx.ids.crmOnlyAccount(c, index),
    accountnumber: `${company.prefix}-C${pad(index + 1, 5)}`,
    name: org.text,
    msdyn_company: ctx.ids.company(c),
    customertypecode: prospect ? 8 : 3,
    creditlimit: prospect ? null : decimalText(rng.int(1, 100) * 1000, 0),
    transactioncurrencyid: ctx.ids.currency(CURRENCIES.findIndex((x) => x.code === company.currency)),
    msdyn_customergroupid: prospect ? null : ctx.ids.customerGroup(c, rng.int(0, CUSTOMER_GROUPS.length - 1)),
    emailaddress1: `info@${org.slug.slice(0, 40) || 'contoso'}.${company.tld}`,
    telephone1: company.phone(rng),
    address1_line1: rng.pick(pools.streets),
    address1_city: locality.city,
    address1_postalcode: locality.zip,
    address1_stateorprovince: locality.state,
    address1_country: company.country,
    statecode: 0,
  };
  return { row, times: rowTimes(rng, ctx.now) };
}
