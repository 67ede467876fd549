/** Replica keys and OData key predicates: text key fields, and integer fields in compound keys. */
import { describe, expect, it } from 'vitest';
import { keyPredicate } from '../../src/engine/connector/keys.ts';
import { dexieKey, replicaTable, rowId } from '../../src/engine/replica/tables.ts';

describe('compound keys with an integer field', () => {
  const lines = replicaTable('erp', 'SalesOrderLines');
  const details = replicaTable('crm', 'salesorderdetails');
  const row = { dataAreaId: 'usmf', SalesOrderNumber: "SO-1'A", LineNumber: 2 };

  it('keeps the integer in the Dexie key and the row id', () => {
    expect(dexieKey(lines, row)).toEqual(['usmf', "SO-1'A", 2]);
    expect(rowId(lines, row)).toBe("erp_SalesOrderLines|usmf|SO-1'A|2");
  });

  it('writes the integer unquoted in the OData key predicate, text quoted', () => {
    expect(keyPredicate(lines, row as unknown as Record<string, string>)).toBe("SalesOrderLines(dataAreaId='usmf',SalesOrderNumber='SO-1''A',LineNumber=2)");
    expect(keyPredicate(details, { salesorderdetailid: '00000000-0000-4000-8000-000000000131' })).toBe('salesorderdetails(00000000-0000-4000-8000-000000000131)');
  });

  it('refuses a missing key field, and a number as a one-field key', () => {
    expect(() => dexieKey(lines, { dataAreaId: 'usmf', SalesOrderNumber: 'SO-1' })).toThrow(/LineNumber is missing/);
    expect(() => dexieKey(details, { salesorderdetailid: 7 })).toThrow(/salesorderdetailid is missing/);
  });
});
