/** What an agent may not edit because a map keeps it one way from the other store. */
import { describe, expect, it } from 'vitest';
import { readOnlyOn, STANDARD_MAPS, type TableMap } from '../../src/core/maps/index.ts';

describe('readOnlyOn', () => {
  it('makes every row of a one-way map’s CRM set read-only, and nothing of its ERP set', () => {
    expect(readOnlyOn(STANDARD_MAPS, 'crm', 'msdyn_inventoryonhandentries').set).toBe('inventory-onhand');
    expect(readOnlyOn(STANDARD_MAPS, 'crm', 'invoices').set).toBe('invoices');
    expect(readOnlyOn(STANDARD_MAPS, 'erp', 'InventoryOnHand')).toEqual({ set: null, fields: new Map() });
  });

  it('marks the fields only a one-way mapping writes (an order’s totals in the CRM), not the two-way ones', () => {
    const orders = readOnlyOn(STANDARD_MAPS, 'crm', 'salesorders');
    expect(orders.set).toBeNull();
    const totals = STANDARD_MAPS.find((m) => m.id === 'sales-orders')?.fields.filter((f) => f.kind === 'copy' && f.direction === 'erp-to-crm').map((f) => (f.kind === 'copy' ? f.crm : ''));
    expect(totals?.length).toBeGreaterThan(0);
    for (const field of totals ?? []) expect(orders.fields.get(field)).toBe('sales-orders');
    expect(readOnlyOn(STANDARD_MAPS, 'crm', 'accounts').fields.has('name')).toBe(false);
    expect(readOnlyOn(STANDARD_MAPS, 'crm', 'accounts').fields.get('address1_latitude')).toBe('customers-accounts');
  });

  it('a field another map writes back out of this side is not read-only', () => {
    const base: TableMap = { id: 'a', name: 'A', version: '1.0.0.0', erp: { set: 'E' }, crm: { set: 'C', primaryKey: 'cid' }, keys: [{ erp: 'Id', crm: 'id' }], fields: [], dependsOn: [], conflict: 'server-wins' };
    const inOnly: TableMap = { ...base, fields: [{ kind: 'copy', erp: 'X', crm: 'x', direction: 'erp-to-crm' }] };
    const outToo: TableMap = { ...base, id: 'b', fields: [{ kind: 'copy', erp: 'Y', crm: 'x', direction: 'crm-to-erp' }] };
    expect(readOnlyOn([inOnly], 'crm', 'C').fields.get('x')).toBe('a');
    expect(readOnlyOn([inOnly, outToo], 'crm', 'C').fields.has('x')).toBe(false);
  });
});
