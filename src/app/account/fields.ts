/**
 * The account fields an agent edits, and how the CRM account lines up with its ERP
 * customer (CustomersV3) so the screen can show the dual-write side by side.
 */
import { canonicalDecimal } from '../decimal.ts';
import { text } from '../format.ts';

export const ON_HOLD = [
  { value: 806380000, label: 'No', erp: 'No' },
  { value: 806380001, label: 'Invoice', erp: 'Invoice' },
  { value: 806380002, label: 'All', erp: 'All' },
  { value: 806380003, label: 'Payment', erp: 'Payment' },
  { value: 806380004, label: 'Requisition', erp: 'Requisition' },
  { value: 806380005, label: 'Never', erp: 'Never' },
] as const;

export type AccountField =
  | 'name'
  | 'telephone1'
  | 'emailaddress1'
  | 'creditlimit'
  | 'address1_city'
  | 'address1_line1'
  | 'description'
  | 'msdyn_onholdstatus';

export interface FieldSpec {
  readonly field: AccountField;
  readonly label: string;
  readonly kind: 'text' | 'email' | 'tel' | 'decimal' | 'long-text' | 'on-hold';
  readonly maxLength?: number;
  readonly required?: boolean;
}

/**
 * In the order the form shows them. Each length is the narrower of the two stores' (the
 * CRM field and the ERP field the map writes it to): a value only one store can hold
 * would be rejected by the other at the next sync, long after the agent left.
 *   name 160 / OrganizationName 100, telephone1 50 / PrimaryContactPhone 30,
 *   emailaddress1 100 / PrimaryContactEmail 255, address1_city 80 / DeliveryAddressCity 60,
 *   address1_line1 250 / DeliveryAddressStreet 250, description 2000 / SalesMemo 1000.
 */
export const ACCOUNT_FIELDS: readonly FieldSpec[] = [
  { field: 'name', label: 'Name', kind: 'text', maxLength: 100, required: true },
  { field: 'telephone1', label: 'Phone', kind: 'tel', maxLength: 30 },
  { field: 'emailaddress1', label: 'Email', kind: 'email', maxLength: 100 },
  { field: 'creditlimit', label: 'Credit limit', kind: 'decimal' },
  { field: 'msdyn_onholdstatus', label: 'On hold', kind: 'on-hold' },
  { field: 'address1_line1', label: 'Street', kind: 'text', maxLength: 250 },
  { field: 'address1_city', label: 'City', kind: 'text', maxLength: 60 },
  { field: 'description', label: 'Notes', kind: 'long-text', maxLength: 1000 },
];

export function onHoldLabel(value: unknown): string {
  return ON_HOLD.find((o) => String(o.value) === text(value) || o.erp === value)?.label ?? text(value);
}

/** One line of the ERP card: the customer's field, and the CRM field it mirrors (if any). */
export interface ErpLine {
  readonly field: string;
  readonly label: string;
  readonly crm?: AccountField | 'accountnumber';
  readonly kind?: 'decimal' | 'on-hold' | 'date-time';
}

export const ERP_LINES: readonly ErpLine[] = [
  { field: 'CustomerAccount', label: 'Customer account', crm: 'accountnumber' },
  { field: 'OrganizationName', label: 'Organization name', crm: 'name' },
  { field: 'CreditLimit', label: 'Credit limit', crm: 'creditlimit', kind: 'decimal' },
  { field: 'PrimaryContactPhone', label: 'Primary contact phone', crm: 'telephone1' },
  { field: 'PrimaryContactEmail', label: 'Primary contact email', crm: 'emailaddress1' },
  { field: 'DeliveryAddressCity', label: 'Delivery city', crm: 'address1_city' },
  { field: 'OnHoldStatus', label: 'On hold', crm: 'msdyn_onholdstatus', kind: 'on-hold' },
  { field: 'SalesMemo', label: 'Sales memo', crm: 'description' },
  { field: 'ModifiedDateTime', label: 'Modified', kind: 'date-time' },
];

/** The value as compared across the two stores: decimals by value, on-hold by label, blanks alike. */
export function comparable(value: unknown, kind: ErpLine['kind']): string {
  if (kind === 'decimal') return canonicalDecimal(value) ?? '';
  if (kind === 'on-hold') return onHoldLabel(value);
  return text(value).trim();
}

/** Whether the ERP customer's line shows a different value than the CRM account has. */
export function differs(line: ErpLine, account: Readonly<Record<string, unknown>>, customer: Readonly<Record<string, unknown>>): boolean {
  if (!line.crm) return false;
  return comparable(account[line.crm], line.kind) !== comparable(customer[line.field], line.kind);
}
