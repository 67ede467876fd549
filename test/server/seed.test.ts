/**
 * The seed: deterministic, self-consistent as if dual-write had been running, and valid
 * against the schema (every value fits its field, every lookup resolves).
 */
import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../server/odata/codec.ts';
import { rowFromSql } from '../../server/odata/codec.ts';
import { checkValue } from '../../server/odata/validate.ts';
import { ONHOLD_STATUS } from '../../server/schema/erp.ts';
import { STORES } from '../../server/schema/index.ts';
import type { SetSpec, StoreSpec } from '../../server/schema/spec.ts';
import { bootstrapSchema } from '../../server/storage/bootstrap.ts';
import type { Db, SqlRow } from '../../server/storage/db.ts';
import { quoteId } from '../../server/storage/db.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';
import type { SeedSummary } from '../../server/seed/index.ts';
import { seedDatabase } from '../../server/seed/index.ts';
import { changedFields, fieldTypes, matchesSide, memorySource, mirrorRow, STANDARD_MAPS } from '../../src/core/maps/index.ts';

const NOW = new Date('2026-06-15T12:00:00.000Z');

async function seeded(seed: number): Promise<{ db: Db; summary: SeedSummary }> {
  const db = openSqlite(':memory:');
  await bootstrapSchema(db, STORES);
  const summary = await seedDatabase(db, { size: 'tiny', seed, now: NOW });
  return { db, summary };
}

const setOf = (store: StoreSpec['name'], name: string): SetSpec => {
  const set = STORES.find((s) => s.name === store)?.sets.find((s) => s.name === name);
  if (!set) throw new Error(`no set ${store}.${name}`);
  return set;
};

/** Every row of a set in `_seq` order, as canonical JSON values plus `_seq`. */
async function rowsOf(db: Db, set: SetSpec): Promise<(Row & { _seq: number })[]> {
  const sql = await db.all<SqlRow>(`SELECT * FROM ${quoteId(set.table)} ORDER BY "_seq"`);
  return sql.map((r) => {
    const { row, seq } = rowFromSql(set, r);
    return { ...row, _seq: seq };
  });
}

async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const store of STORES) for (const set of store.sets) out[set.table] = await rowsOf(db, set);
  return out;
}

/** Rows keyed by a function of the row; fails on duplicate keys. */
function index<T extends Row>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    if (map.has(k)) throw new Error(`duplicate key ${k}`);
    map.set(k, row);
  }
  return map;
}

let db: Db;
let summary: SeedSummary;

beforeAll(async () => {
  ({ db, summary } = await seeded(7));
});

afterAll(async () => {
  await db.close();
});

describe('seedDatabase: determinism', () => {
  it('gives identical rows in every table for the same seed, different rows for another seed', async () => {
    const again = await seeded(7);
    const other = await seeded(8);
    try {
      const first = await dump(db);
      expect(await dump(again.db)).toEqual(first);
      const different = await dump(other.db);
      expect(different['crm_accounts']).not.toEqual(first['crm_accounts']);
      expect(different['erp_CustomersV3']).not.toEqual(first['erp_CustomersV3']);
    } finally {
      await again.db.close();
      await other.db.close();
    }
  });

  it('reports the rows it wrote per set', async () => {
    expect(summary.size).toBe('tiny');
    for (const store of STORES) {
      for (const set of store.sets) {
        const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoteId(set.table)}`);
        expect(summary.rows[`${store.name}.${set.name}`], `${store.name}.${set.name}`).toBe(row?.n);
      }
    }
    expect(summary.rows['erp.CustomersV3']).toBe(36);
    expect(summary.rows['erp.LegalEntities']).toBe(3);
  });

  it('refuses a database that already has customers', async () => {
    await expect(seedDatabase(db, { size: 'tiny' })).rejects.toThrow(/already has rows/);
  });
});

describe('seedDatabase: schema validity', () => {
  it('writes values that obey their fields (lengths, enums, decimals, required, canonical forms)', async () => {
    const problems: string[] = [];
    for (const store of STORES) {
      for (const set of store.sets) {
        for (const row of await rowsOf(db, set)) {
          for (const field of set.fields) {
            const value = row[field.name] ?? null;
            const checked = checkValue(set, field, value);
            if ('problem' in checked) problems.push(`${set.name}.${checked.problem.message}`);
            else if (checked.value !== value) problems.push(`${set.name}.${field.name}: ${String(value)} is not canonical`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives every row a unique _seq per store, below the store sequence', async () => {
    for (const store of STORES) {
      const seqs = (await Promise.all(store.sets.map((set) => rowsOf(db, set)))).flat().map((r) => r._seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      const counter = await db.get<{ value: number }>('SELECT value FROM tandem_sequences WHERE store = ?', [store.name]);
      expect(Math.max(...seqs)).toBeLessThanOrEqual(counter?.value ?? 0);
      expect(Math.min(...seqs)).toBeGreaterThan(0);
    }
  });

  it('gives each table consecutive _seq values, parents before children', async () => {
    for (const store of STORES) {
      for (const set of store.sets) {
        const seqs = (await rowsOf(db, set)).map((r) => r._seq);
        const first = seqs[0] ?? 0;
        expect(seqs, set.name).toEqual(seqs.map((_, i) => first + i));
      }
    }
    const firstSeq = async (store: StoreSpec['name'], name: string) => (await rowsOf(db, setOf(store, name)))[0]?._seq ?? 0;
    expect(await firstSeq('erp', 'CustomerGroups')).toBeLessThan(await firstSeq('erp', 'CustomersV3'));
    expect(await firstSeq('crm', 'cdm_companies')).toBeLessThan(await firstSeq('crm', 'accounts'));
  });

  it('resolves every lookup and reference (same company for company-scoped CRM lookups)', async () => {
    for (const store of STORES) {
      for (const from of store.sets) {
        for (const field of from.fields) {
          const ref = field.references;
          if (!ref) continue;
          const to = setOf(store.name, ref.set);
          const source = [...(ref.with ?? []), field.name];
          const target = ref.fields ?? to.key;
          const on = source.map((s, i) => `t.${quoteId(target[i] ?? '')} = f.${quoteId(s)}`);
          const sameCompany = from.company?.kind === 'lookup' && to.company?.kind === 'lookup' && field.name !== from.company.field;
          if (sameCompany && from.company && to.company) on.push(`t.${quoteId(to.company.field)} = f.${quoteId(from.company.field)}`);
          const counts = await db.get<{ used: number; dangling: number }>(
            `SELECT COUNT(*) AS used,
                    SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM ${quoteId(to.table)} t WHERE ${on.join(' AND ')}) THEN 1 ELSE 0 END) AS dangling
               FROM ${quoteId(from.table)} f WHERE f.${quoteId(field.name)} IS NOT NULL`,
          );
          const name = `${store.name}.${from.name}.${field.name}`;
          expect(counts?.used, `${name} is never set`).toBeGreaterThan(0);
          expect(counts?.dangling ?? 0, `${name} dangling`).toBe(0);
        }
      }
    }
  });

  it('dates every row before now, by the seed', async () => {
    for (const store of STORES) {
      for (const set of store.sets) {
        for (const row of await rowsOf(db, set)) {
          const created = String(row[set.stamps.createdAt]);
          const modified = String(row[set.stamps.modifiedAt]);
          expect(created <= modified, `${set.name} created after modified`).toBe(true);
          expect(modified < NOW.toISOString(), `${set.name} modified after now`).toBe(true);
          expect(row[set.stamps.modifiedBy]).toBe('seed');
        }
      }
    }
  });
});

describe('seedDatabase: consistent as if dual-write had been running', () => {
  interface Crm {
    companyCode: Map<string, string>;
    accounts: Map<string, Row>;
    accountsById: Map<string, Row>;
    contacts: Map<string, Row>;
    contactsById: Map<string, Row>;
    groups: Map<string, Row>;
    currencies: Map<string, Row>;
  }
  let crm: Crm;
  let customers: Row[];

  beforeAll(async () => {
    const companies = await rowsOf(db, setOf('crm', 'cdm_companies'));
    const companyCode = new Map(companies.map((c) => [String(c['cdm_companyid']), String(c['cdm_companycode'])]));
    const inCompany = (row: Row, key: string) => `${companyCode.get(String(row['msdyn_company']))}|${String(row[key])}`;
    const accounts = await rowsOf(db, setOf('crm', 'accounts'));
    const contacts = await rowsOf(db, setOf('crm', 'contacts'));
    crm = {
      companyCode,
      accounts: index(accounts, (a) => inCompany(a, 'accountnumber')),
      accountsById: index(accounts, (a) => String(a['accountid'])),
      contacts: index(contacts, (c) => inCompany(c, 'msdyn_contactpersonid')),
      contactsById: index(contacts, (c) => String(c['contactid'])),
      groups: index(await rowsOf(db, setOf('crm', 'msdyn_customergroups')), (g) => String(g['msdyn_customergroupid'])),
      currencies: index(await rowsOf(db, setOf('crm', 'transactioncurrencies')), (c) => String(c['transactioncurrencyid'])),
    };
    customers = await rowsOf(db, setOf('erp', 'CustomersV3'));
  });

  const key = (row: Row, field: string) => `${String(row['dataAreaId'])}|${String(row[field])}`;

  it('mirrors every organisation customer in a CRM account (but a few ERP-only ones)', () => {
    let mirrored = 0;
    let erpOnly = 0;
    for (const c of customers.filter((r) => r['PartyType'] === 'Organization')) {
      const a = crm.accounts.get(key(c, 'CustomerAccount'));
      if (!a) {
        erpOnly++;
        continue;
      }
      mirrored++;
      const account = String(c['CustomerAccount']);
      expect(crm.companyCode.get(String(a['msdyn_company'])), account).toBe(c['dataAreaId']);
      expect(a['name'], account).toBe(c['OrganizationName']);
      expect(a['customertypecode'], account).toBe(3);
      expect(a['creditlimit'], account).toBe(c['CreditLimit']);
      expect(String(c['CreditLimit'])).toMatch(/^\d+(\.\d{1,2})?$/);
      const group = crm.groups.get(String(a['msdyn_customergroupid']));
      expect(group?.['msdyn_groupid'], account).toBe(c['CustomerGroupId']);
      expect(group?.['msdyn_company'], account).toBe(a['msdyn_company']);
      expect(crm.currencies.get(String(a['transactioncurrencyid']))?.['isocurrencycode'], account).toBe(c['SalesCurrencyCode']);
      expect(a['description']).toBe(c['SalesMemo']);
      expect(a['msdyn_creditlimitismandatory']).toBe(c['CreditLimitIsMandatory'] === 'Yes');
      expect(a['msdyn_creditrating']).toBe(c['CreditRating']);
      expect(a['msdyn_onholdstatus']).toBe(806380000 + ONHOLD_STATUS.indexOf(c['OnHoldStatus'] as (typeof ONHOLD_STATUS)[number]));
      expect(a['msdyn_onetimecustomer']).toBe(c['IsOneTimeCustomer'] === 'Yes');
      expect(a['msdyn_taxexemptnumber']).toBe(c['TaxExemptNumber']);
      expect([a['emailaddress1'], a['telephone1']]).toEqual([c['PrimaryContactEmail'], c['PrimaryContactPhone']]);
      expect([a['address1_line1'], a['address1_city'], a['address1_postalcode'], a['address1_latitude'], a['address1_longitude']]).toEqual([
        c['DeliveryAddressStreet'],
        c['DeliveryAddressCity'],
        c['DeliveryAddressZipCode'],
        c['DeliveryAddressLatitude'],
        c['DeliveryAddressLongitude'],
      ]);
      expect([a['address2_line1'], a['address2_city'], a['address2_postalcode']]).toEqual([
        c['InvoiceAddressStreet'],
        c['InvoiceAddressCity'],
        c['InvoiceAddressZipCode'],
      ]);
    }
    expect(mirrored).toBeGreaterThan(20);
    expect(erpOnly).toBeGreaterThan(0);
  });

  it('points msdyn_billingaccount at the account of the ERP invoice account', () => {
    const invoiced = customers.filter((c) => c['InvoiceAccount'] !== null);
    expect(invoiced.length).toBeGreaterThan(0);
    for (const c of invoiced) {
      const payer = customers.find((p) => p['dataAreaId'] === c['dataAreaId'] && p['CustomerAccount'] === c['InvoiceAccount']);
      expect(payer, String(c['CustomerAccount'])).toBeDefined();
      const a = crm.accounts.get(key(c, 'CustomerAccount'));
      if (!a) continue;
      const billing = crm.accountsById.get(String(a['msdyn_billingaccount']));
      expect(billing?.['accountnumber']).toBe(c['InvoiceAccount']);
      expect(billing?.['msdyn_company']).toBe(a['msdyn_company']);
    }
    for (const a of crm.accounts.values()) {
      if (a['msdyn_billingaccount'] === null) continue;
      const c = customers.find((r) => r['CustomerAccount'] === a['accountnumber'] && crm.companyCode.get(String(a['msdyn_company'])) === r['dataAreaId']);
      expect(c?.['InvoiceAccount']).toBe(crm.accountsById.get(String(a['msdyn_billingaccount']))?.['accountnumber']);
    }
  });

  it('mirrors person customers in sellable contacts keyed by the customer account', () => {
    let mirrored = 0;
    let erpOnly = 0;
    for (const c of customers.filter((r) => r['PartyType'] === 'Person')) {
      const contact = crm.contacts.get(key(c, 'CustomerAccount'));
      if (!contact) {
        erpOnly++;
        continue;
      }
      mirrored++;
      expect(contact['msdyn_sellable']).toBe(true);
      expect(contact['customertypecode']).toBe(3);
      expect([contact['firstname'], contact['lastname']]).toEqual([c['PersonFirstName'], c['PersonLastName']]);
      expect(crm.companyCode.get(String(contact['msdyn_company']))).toBe(c['dataAreaId']);
    }
    expect(mirrored).toBeGreaterThan(0);
    expect(erpOnly).toBeGreaterThan(0);
    for (const contact of crm.contactsById.values()) {
      if (contact['msdyn_sellable'] !== true) continue;
      const code = crm.companyCode.get(String(contact['msdyn_company']));
      expect(customers.some((c) => c['dataAreaId'] === code && c['CustomerAccount'] === contact['msdyn_contactpersonid'] && c['PartyType'] === 'Person')).toBe(true);
    }
  });

  it('mirrors contact persons of mirrored organisations in contacts under their account', async () => {
    const people = await rowsOf(db, setOf('erp', 'ContactPersons'));
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) {
      const account = crm.accounts.get(key(p, 'CustomerAccount'));
      const contact = crm.contacts.get(key(p, 'ContactPersonId'));
      if (!account) {
        expect(contact).toBeUndefined();
        continue;
      }
      expect(contact?.['parentcustomerid']).toBe(account['accountid']);
      expect(contact?.['msdyn_sellable']).toBe(false);
      expect([contact?.['firstname'], contact?.['lastname'], contact?.['jobtitle']]).toEqual([p['FirstName'], p['LastName'], p['JobTitle']]);
    }
    const primaries = customers.filter((c) => c['ContactPersonId'] !== null);
    expect(primaries.length).toBeGreaterThan(0);
    for (const c of primaries) {
      expect(people.some((p) => key(p, 'ContactPersonId') === key(c, 'ContactPersonId') && p['CustomerAccount'] === c['CustomerAccount'])).toBe(true);
      const a = crm.accounts.get(key(c, 'CustomerAccount'));
      if (a) expect(crm.contactsById.get(String(a['primarycontactid']))?.['msdyn_contactpersonid']).toBe(c['ContactPersonId']);
    }
  });

  it('has accounts that exist only in the CRM', () => {
    const erpKeys = new Set(customers.map((c) => key(c, 'CustomerAccount')));
    const crmOnly = [...crm.accounts.entries()].filter(([k]) => !erpKeys.has(k)).map(([, a]) => a);
    expect(crmOnly.length).toBeGreaterThanOrEqual(3);
    for (const a of crmOnly) expect(String(a['accountnumber'])).toMatch(/^(US|DE|GB)-C\d{5}$/);
  });

  it('mirrors companies, currencies, units, customer groups and products', async () => {
    const erpRows = async (name: string) => rowsOf(db, setOf('erp', name));
    const crmRows = async (name: string) => rowsOf(db, setOf('crm', name));
    expect((await crmRows('cdm_companies')).map((c) => [c['cdm_companycode'], c['cdm_name']])).toEqual(
      (await erpRows('LegalEntities')).map((l) => [l['LegalEntityId'], l['Name']]),
    );
    expect((await crmRows('transactioncurrencies')).map((c) => c['isocurrencycode'])).toEqual(
      (await erpRows('Currencies')).map((c) => c['CurrencyCode']),
    );
    const uoms = await crmRows('uoms');
    expect(uoms.map((u) => [u['msdyn_symbol'], u['msdyn_externalunitclassname'], u['msdyn_decimalprecision']])).toEqual(
      (await erpRows('Units')).map((u) => [u['UnitSymbol'], u['UnitClass'], u['DecimalPrecision']]),
    );
    const groups = [...crm.groups.values()].map((g) => `${crm.companyCode.get(String(g['msdyn_company']))}|${String(g['msdyn_groupid'])}`);
    expect(groups.sort()).toEqual((await erpRows('CustomerGroups')).map((g) => key(g, 'CustomerGroupId')).sort());

    const products = index(await crmRows('products'), (p) => `${crm.companyCode.get(String(p['msdyn_company']))}|${String(p['productnumber'])}`);
    const uomSymbol = new Map(uoms.map((u) => [String(u['uomid']), u['msdyn_symbol']]));
    const released = await erpRows('ReleasedProducts');
    expect(products.size).toBe(released.length);
    for (const r of released) {
      const p = products.get(key(r, 'ItemNumber'));
      expect([p?.['name'], p?.['price'], uomSymbol.get(String(p?.['defaultuomid'])), p?.['statecode']]).toEqual([
        r['ProductName'],
        r['SalesPrice'],
        r['SalesUnitSymbol'],
        0,
      ]);
    }
  });

  it('pairs the reference-data rows as the standard maps write them, with a few rows on one side only', async () => {
    const rows = async (store: StoreSpec) => Object.fromEntries(await Promise.all(store.sets.map(async (set) => [set.name, await rowsOf(db, set)] as const)));
    const [erpStore, crmStore] = [STORES.find((x) => x.name === 'erp'), STORES.find((x) => x.name === 'crm')] as StoreSpec[];
    const all = { erp: await rows(erpStore as StoreSpec), crm: await rows(crmStore as StoreSpec) };
    const source = memorySource(all);
    const ids = ['units', 'payment-terms', 'payment-methods', 'vendor-groups', 'vendors', 'exchange-rates', 'unit-conversions', 'products', 'customers-contacts', 'customer-assets', 'work-orders', 'notes', 'inventory-onhand', 'loyalty-cards', 'sales-orders', 'sales-order-lines', 'sales-quotes', 'sales-quote-lines', 'invoices', 'invoice-lines', 'party-postal-addresses', 'party-electronic-addresses', 'price-lists', 'price-list-items', 'tasks', 'phone-calls', 'appointments'];
    const summary: Record<string, { paired: number; erpOnly: string[]; crmOnly: number }> = {};
    for (const id of ids) {
      const map = STANDARD_MAPS.find((m) => m.id === id);
      if (!map) throw new Error(`no map ${id}`);
      const matched = new Set<unknown>();
      const out = { paired: 0, erpOnly: [] as string[], crmOnly: 0 };
      for (const row of all.erp[map.erp.set] ?? []) {
        if (!matchesSide(map, 'erp', row)) continue;
        const mirrored = await mirrorRow(map, 'erp', row, source);
        expect(mirrored, `${id} ${JSON.stringify(row)}`).not.toBeNull();
        const target = await source.find('crm', map.crm.set, mirrored?.key ?? {});
        const name = map.keys.map((k) => String(row[k.erp])).join('|');
        if (!target) {
          out.erpOnly.push(name);
          continue;
        }
        out.paired++;
        matched.add(target);
        expect(changedFields(mirrored?.values ?? {}, target, fieldTypes(map, 'crm')), `${id} ${name} ERP → CRM`).toEqual([]);
        if (map.oneWay === undefined) {
          const back = await mirrorRow(map, 'crm', target, source);
          expect(changedFields(back?.values ?? {}, row, fieldTypes(map, 'erp')), `${id} ${name} CRM → ERP`).toEqual([]);
        }
      }
      out.crmOnly = (all.crm[map.crm.set] ?? []).filter((r) => matchesSide(map, 'crm', r) && !matched.has(r)).length;
      expect(out.paired, id).toBeGreaterThan(0);
      summary[id] = out;
    }
    const oneSided = Object.fromEntries(Object.entries(summary).map(([id, s]) => [id, { erpOnly: s.erpOnly, crmOnly: s.crmOnly }]));
    expect(oneSided).toEqual({
      units: { erpOnly: [], crmOnly: 0 },
      'payment-terms': { erpOnly: ['usmf|CM15'], crmOnly: 0 },
      'payment-methods': { erpOnly: [], crmOnly: 1 },
      'vendor-groups': { erpOnly: [], crmOnly: 0 },
      vendors: { erpOnly: ['usmf|US-V00008', 'demf|DE-V00008', 'gbsi|GB-V00008'], crmOnly: 3 },
      'exchange-rates': { erpOnly: [], crmOnly: 0 },
      'unit-conversions': { erpOnly: ['cm|m'], crmOnly: 0 },
      products: { erpOnly: [], crmOnly: 0 },
      'customers-contacts': { erpOnly: ['usmf|US-000011', 'demf|DE-000011', 'gbsi|GB-000011'], crmOnly: 0 },
      'customer-assets': { erpOnly: ['usmf|US-A00006', 'demf|DE-A00006', 'gbsi|GB-A00006'], crmOnly: 3 },
      'work-orders': { erpOnly: ['usmf|US-SO00008', 'demf|DE-SO00008', 'gbsi|GB-SO00008'], crmOnly: 3 },
      notes: { erpOnly: ['usmf|US-N00012', 'demf|DE-N00012', 'gbsi|GB-N00012'], crmOnly: 3 },
      'inventory-onhand': { erpOnly: ['usmf|P-1001|1|12', 'demf|P-1001|1|12', 'gbsi|P-1001|1|12'], crmOnly: 0 },
      'loyalty-cards': { erpOnly: ['usmf|US-LC000006', 'demf|DE-LC000006', 'gbsi|GB-LC000006'], crmOnly: 3 },
      'sales-orders': { erpOnly: ['usmf|US-SO000004', 'demf|DE-SO000004', 'gbsi|GB-SO000004'], crmOnly: 0 },
      'sales-order-lines': { erpOnly: [], crmOnly: 0 },
      'sales-quotes': { erpOnly: ['usmf|US-SQ000004', 'demf|DE-SQ000004', 'gbsi|GB-SQ000004'], crmOnly: 0 },
      'sales-quote-lines': { erpOnly: [], crmOnly: 0 },
      invoices: { erpOnly: [], crmOnly: 0 },
      'invoice-lines': { erpOnly: [], crmOnly: 0 },
      'party-postal-addresses': { erpOnly: [], crmOnly: 0 },
      'party-electronic-addresses': { erpOnly: [], crmOnly: 0 },
      'price-lists': { erpOnly: [], crmOnly: 0 },
      'price-list-items': { erpOnly: [], crmOnly: 0 },
      tasks: { erpOnly: [], crmOnly: 0 },
      'phone-calls': { erpOnly: [], crmOnly: 0 },
      appointments: { erpOnly: [], crmOnly: 0 },
    });
  });

  it('gives each head-office customer several postal addresses (one primary, one expired) and a phone, an e-mail address and a web site', async () => {
    const postal = await rowsOf(db, setOf('erp', 'CustomerPostalAddresses'));
    const electronic = await rowsOf(db, setOf('erp', 'CustomerElectronicAddresses'));
    const of = (rows: Record<string, unknown>[], account: string) => rows.filter((r) => r['dataAreaId'] === 'usmf' && r['CustomerAccount'] === account);
    expect(of(postal, 'US-000001').map((r) => [r['LocationId'], r['Purpose'], r['IsPrimary'], r['ValidTo'] === '2154-12-31'])).toEqual([
      ['US-L000001', 'Delivery', 'Yes', true],
      ['US-L000002', 'Invoice', 'No', true],
      ['US-L000003', 'Delivery', 'No', false],
    ]);
    expect(of(electronic, 'US-000002').map((r) => [r['Type'], r['IsPrimary']])).toEqual([
      ['Phone', 'Yes'],
      ['Email', 'Yes'],
      ['URL', 'No'],
    ]);
    const crm = await rowsOf(db, setOf('crm', 'msdyn_partypostaladdresses'));
    expect(crm.filter((r) => r['msdyn_validto'] === null)).toHaveLength(postal.filter((r) => r['ValidTo'] === '2154-12-31').length);
  });

  it('invoices bill their orders’ lines in full; every third is a free-text invoice naming no order', async () => {
    const orders = index(await rowsOf(db, setOf('erp', 'SalesOrderHeaders')), (o) => key(o, 'SalesOrderNumber'));
    const invoices = await rowsOf(db, setOf('erp', 'SalesInvoiceHeadersV2'));
    const lines = await rowsOf(db, setOf('erp', 'SalesInvoiceLines'));
    expect(invoices.map((i) => [i['InvoiceNumber'], i['SalesOrderNumber']]).slice(0, 3)).toEqual([
      ['US-INV000001', 'US-SO000001'],
      ['US-INV000002', null],
      ['US-INV000003', 'US-SO000003'],
    ]);
    for (const invoice of invoices) {
      const number = String(invoice['InvoiceNumber']);
      const order = orders.get(`${String(invoice['dataAreaId'])}|${number.replace('-INV', '-SO')}`);
      expect([invoice['InvoiceCustomerAccountNumber'], invoice['TotalInvoiceAmount'], invoice['TotalTaxAmount']], number).toEqual([
        order?.['OrderingCustomerAccountNumber'],
        order?.['OrderTotalAmount'],
        order?.['OrderTotalTaxAmount'],
      ]);
      const own = lines.filter((l) => l['dataAreaId'] === invoice['dataAreaId'] && l['InvoiceNumber'] === number);
      const net = own.reduce((sum, l) => sum.plus(String(l['LineAmount'])), new Big(0));
      const billed = new Big(String(invoice['TotalInvoiceAmount'])).plus(String(invoice['TotalDiscountAmount'])).minus(String(invoice['TotalTaxAmount']));
      expect([own.length > 0, net.eq(billed)], number).toEqual([true, true]);
    }
  });

  it('keeps exchange rates with 10 to 12 decimal places, the open period ending "never" in the ERP and empty in the CRM', async () => {
    const erpRates = await rowsOf(db, setOf('erp', 'ExchangeRates'));
    const crmRates = await rowsOf(db, setOf('crm', 'msdyn_currencyexchangerates'));
    const places = erpRates.map((r) => String(r['Rate']).split('.')[1]?.length ?? 0);
    expect(Math.min(...places)).toBe(10);
    expect(Math.max(...places)).toBe(12);
    expect(crmRates.map((r) => r['msdyn_rate'])).toEqual(erpRates.map((r) => r['Rate']));
    expect(erpRates.filter((r) => r['EndDate'] === '2154-12-31').length).toBe(crmRates.filter((r) => r['msdyn_validto'] === null).length);
  });
});
