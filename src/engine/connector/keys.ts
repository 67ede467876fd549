/**
 * OData key predicates for replica rows: `accounts(<guid>)`, `CustomersV3(dataAreaId='usmf',CustomerAccount='C-1')`,
 * `SalesOrderLines(dataAreaId='usmf',SalesOrderNumber='SO-1',LineNumber=2)` (an integer key field is not quoted).
 */
import type { ReplicaTable } from '../replica/tables.ts';

const quote = (value: string): string => `'${value.replace(/'/g, "''")}'`;

export function keyPredicate(table: ReplicaTable, key: Readonly<Record<string, string>>): string {
  const literal = (field: string): string => {
    const value: unknown = key[field];
    if (value === undefined) throw new Error(`${table.set}: key field ${field} missing`);
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') throw new Error(`${table.set}: key field ${field} is not text or a number`);
    return table.side === 'crm' ? value : encodeURIComponent(quote(value)).replace(/%27/g, "'");
  };
  const inner = table.key.length === 1 ? literal(table.key[0] as string) : table.key.map((f) => `${f}=${literal(f)}`).join(',');
  return `${table.set}(${inner})`;
}
