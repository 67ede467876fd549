import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MapError, mapsForTable, orderMaps, STANDARD_MAPS, validateMaps, type TableMap } from '../../src/core/maps/index.ts';
import { mapById } from './maps-fixture.ts';

const ids = (maps: readonly TableMap[]) => maps.map((m) => m.id);
const stub = (id: string, dependsOn: string[] = []): TableMap => ({
  id,
  name: id,
  version: '1.0.0.0',
  erp: { set: `E_${id}` },
  crm: { set: `c_${id}` },
  keys: [{ erp: 'Id', crm: 'id' }],
  fields: [],
  dependsOn,
  conflict: 'server-wins',
});

describe('orderMaps', () => {
  it('companies before customer groups before customers before contacts, from any order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...STANDARD_MAPS], { minLength: STANDARD_MAPS.length }), (shuffled) => {
        const order = ids(orderMaps(shuffled));
        expect(order).toHaveLength(STANDARD_MAPS.length);
        const at = (id: string) => order.indexOf(id);
        expect(at('companies')).toBeLessThan(at('customer-groups'));
        expect(at('customer-groups')).toBeLessThan(at('customers-accounts'));
        expect(at('currencies')).toBeLessThan(at('customers-accounts'));
        expect(at('customers-accounts')).toBeLessThan(at('contacts'));
        expect(at('customers-accounts')).toBeLessThan(at('customer-assets'));
        expect(at('customer-assets')).toBeLessThan(at('work-orders'));
        for (const target of ['customers-accounts', 'customers-contacts', 'customer-assets', 'work-orders']) expect(at(target)).toBeLessThan(at('notes'));
        expect(at('products')).toBeLessThan(at('inventory-onhand'));
        expect(at('customers-accounts')).toBeLessThan(at('loyalty-cards'));
        for (const target of ['customers-accounts', 'currencies']) expect(at(target)).toBeLessThan(at('sales-orders'));
        for (const target of ['sales-orders', 'products', 'units']) expect(at(target)).toBeLessThan(at('sales-order-lines'));
        for (const target of ['customers-accounts', 'currencies']) expect(at(target)).toBeLessThan(at('sales-quotes'));
        for (const target of ['sales-quotes', 'products', 'units']) expect(at(target)).toBeLessThan(at('sales-quote-lines'));
        for (const target of ['customers-accounts', 'currencies', 'sales-orders']) expect(at(target)).toBeLessThan(at('invoices'));
        for (const target of ['invoices', 'products', 'units']) expect(at(target)).toBeLessThan(at('invoice-lines'));
        for (const target of ['price-lists', 'products', 'units', 'currencies']) expect(at(target)).toBeLessThan(at('price-list-items'));
        for (const id of ['tasks', 'phone-calls', 'appointments']) for (const target of ['customers-accounts', 'customers-contacts', 'customer-assets', 'work-orders']) expect(at(target)).toBeLessThan(at(id));
        for (const id of ['party-postal-addresses', 'party-electronic-addresses']) for (const target of ['customers-accounts', 'customers-contacts']) expect(at(target)).toBeLessThan(at(id));
      }),
    );
  });

  it('is deterministic and keeps the input order where dependencies allow', () => {
    expect(ids(orderMaps([...STANDARD_MAPS].reverse()))).toEqual([
      'companies',
      'customer-groups',
      'currencies',
      'customers-accounts',
      'customers-contacts',
      'units',
      'products',
      'customer-assets',
      'work-orders',
      'appointments',
      'phone-calls',
      'tasks',
      'price-lists',
      'price-list-items',
      'party-electronic-addresses',
      'party-postal-addresses',
      'sales-orders',
      'invoices',
      'invoice-lines',
      'sales-quotes',
      'sales-quote-lines',
      'sales-order-lines',
      'loyalty-cards',
      'inventory-onhand',
      'notes',
      'unit-conversions',
      'exchange-rates',
      'payment-terms',
      'vendor-groups',
      'vendors',
      'contacts',
      'payment-methods',
    ]);
    expect(ids(orderMaps([stub('b'), stub('a')]))).toEqual(['b', 'a']);
  });

  it('every map comes after its dependencies, for random acyclic graphs', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => fc.subarray(Array.from({ length: i }, (_, j) => `m${j}`)))),
    );
    fc.assert(
      fc.property(graph, (deps) => {
        const maps = deps.map((d, i) => stub(`m${i}`, d)).reverse();
        const order = ids(orderMaps(maps));
        expect(new Set(order).size).toBe(maps.length);
        for (const map of maps) for (const dep of map.dependsOn) expect(order.indexOf(dep)).toBeLessThan(order.indexOf(map.id));
      }),
    );
  });

  it('ignores dependencies outside the list', () => {
    expect(ids(orderMaps([mapById('contacts')]))).toEqual(['contacts']);
  });

  it('reports a cycle with its path', () => {
    const cycle = [stub('a', ['b']), stub('b', ['c']), stub('c', ['a']), stub('d')];
    expect(() => orderMaps(cycle)).toThrow(MapError);
    expect(() => orderMaps(cycle)).toThrow('a: dependencies form a cycle: a → b → c → a');
    try {
      orderMaps(cycle);
    } catch (error) {
      expect(error).toMatchObject({ code: 'MAP_CYCLE', mapId: 'a' });
    }
    expect(() => orderMaps([stub('d'), stub('self', ['self'])])).toThrow('self → self');
    expect(() => orderMaps([stub('x', ['y']), stub('y', ['z']), stub('z', ['y'])])).toThrow('y → z → y');
  });
});

describe('mapsForTable', () => {
  it('finds the maps of a set on one side', () => {
    expect(ids(mapsForTable(STANDARD_MAPS, 'erp', 'CustomersV3'))).toEqual(['customers-accounts', 'customers-contacts']);
    expect(ids(mapsForTable(STANDARD_MAPS, 'crm', 'contacts'))).toEqual(['contacts', 'customers-contacts']);
    expect(mapsForTable(STANDARD_MAPS, 'crm', 'CustomersV3')).toEqual([]);
  });
});

describe('validateMaps', () => {
  it('the standard catalog is valid', () => {
    expect(validateMaps(STANDARD_MAPS)).toEqual([]);
  });

  it('the standard catalog is frozen', () => {
    expect(Object.isFrozen(mapById('customers-accounts').fields[0])).toBe(true);
  });

  const accounts = mapById('customers-accounts');
  const replaced = (map: TableMap, patch: Partial<TableMap>): TableMap[] => STANDARD_MAPS.map((m) => (m.id === map.id ? { ...m, ...patch } : m));
  const problems = (maps: readonly TableMap[]) => validateMaps(maps).map((e) => [e.code, e.mapId, e.field, e.message]);

  it.each<[string, TableMap[], string, string | undefined, RegExp]>([
    [
      'a value map that is not one-to-one both ways',
      replaced(accounts, { fields: [{ kind: 'value-map', erp: 'OnHoldStatus', crm: 'msdyn_onholdstatus', direction: 'both', values: [['No', 1], ['Never', 1]] }] }),
      'MAP_VALUE_MAP_NOT_ONE_TO_ONE',
      'msdyn_onholdstatus',
      /two value-map entries/,
    ],
    [
      'a lookup through a map that is not a dependency',
      replaced(accounts, { dependsOn: ['companies', 'currencies'] }),
      'MAP_LOOKUP_NOT_DEPENDENCY',
      'CustomerGroupId',
      /not among its dependencies/,
    ],
    [
      'a lookup through an unknown map',
      replaced(accounts, { fields: [{ kind: 'lookup', erp: 'X', crm: 'x', direction: 'both', map: 'nowhere' }] }),
      'MAP_UNKNOWN_MAP',
      'X',
      /'nowhere'/,
    ],
    [
      'a target written twice',
      replaced(accounts, { fields: [...accounts.fields, { kind: 'copy', erp: 'NameAlias', crm: 'name', direction: 'erp-to-crm' }] }),
      'MAP_DUPLICATE_TARGET',
      'name',
      /name is written twice \(erp → crm\)/,
    ],
    [
      'a one-way map that writes the ERP',
      replaced(mapById('companies'), { fields: [{ kind: 'copy', erp: 'Name', crm: 'cdm_name', direction: 'both' }] }),
      'MAP_ONE_WAY_WRITES_BACK',
      undefined,
      /one-way/,
    ],
    [
      'a key that looks up through its own map',
      replaced(accounts, { keys: [{ erp: 'dataAreaId', crm: 'msdyn_company', lookup: 'customers-accounts' }, { erp: 'CustomerAccount', crm: 'accountnumber' }] }),
      'MAP_KEY_SELF_LOOKUP',
      'dataAreaId',
      /looks up through its own map/,
    ],
    [
      'a filter that does not parse',
      replaced(accounts, { crm: { set: 'accounts', filter: 'customertypecode eq eq 3' } }),
      'MAP_FILTER',
      undefined,
      /CRM filter/,
    ],
    [
      'a dependency cycle',
      replaced(mapById('companies'), { dependsOn: ['contacts'] }),
      'MAP_CYCLE',
      undefined,
      /companies → contacts → customers-accounts → companies/,
    ],
  ])('%s', (_, maps, code, field, message) => {
    const found = problems(maps);
    expect(found).toContainEqual([code, expect.any(String), field, expect.stringMatching(message)]);
  });
});
