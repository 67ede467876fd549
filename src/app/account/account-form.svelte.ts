/**
 * The account form's state: the saved row (`base`), what the agent typed (`edits`), the
 * fields that differ (dirty), per-field validation, and the patch to send — only the
 * changed fields, typed as the CRM stores them.
 *
 * When the replica changes under an open form (a sync, another tab), `setBase` takes the
 * new saved row while keeping the agent's edits; an edit that now equals the saved value
 * simply stops being dirty.
 */
import type { Row } from '../../engine/api.ts';
import { checkDecimal, moneyInput } from '../decimal.ts';
import { text } from '../format.ts';
import type { AccountField, FieldSpec } from './fields.ts';
import { ACCOUNT_FIELDS } from './fields.ts';

/** CRM creditlimit is decimal(32, 4). */
const CREDIT_LIMIT = { scale: 4, precision: 32 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class AccountForm {
  base = $state.raw<Row>({});
  edits = $state<Partial<Record<AccountField, string>>>({});
  /** Errors the engine reported for a field on the last save. */
  serverErrors = $state.raw<Partial<Record<AccountField, string>>>({});

  readonly values: Readonly<Record<AccountField, string>> = $derived.by(() => {
    const values = {} as Record<AccountField, string>;
    for (const { field } of ACCOUNT_FIELDS) values[field] = this.edits[field] ?? savedText(this.base, field);
    return values;
  });

  readonly dirty: readonly AccountField[] = $derived(
    ACCOUNT_FIELDS.filter(({ field, kind }) => !same(kind, this.values[field], savedText(this.base, field))).map((f) => f.field),
  );

  readonly errors: Readonly<Partial<Record<AccountField, string>>> = $derived.by(() => {
    const errors: Partial<Record<AccountField, string>> = {};
    for (const spec of ACCOUNT_FIELDS) {
      const own = this.dirty.includes(spec.field) ? validate(spec, this.values[spec.field]) : undefined;
      const message = own ?? this.serverErrors[spec.field];
      if (message) errors[spec.field] = message;
    }
    return errors;
  });

  readonly canSave: boolean = $derived(this.dirty.length > 0 && this.dirty.every((f) => !this.errors[f]));

  setBase(row: Row): void {
    this.base = row;
  }

  set(field: AccountField, value: string): void {
    this.edits[field] = value;
    if (this.serverErrors[field]) this.serverErrors = { ...this.serverErrors, [field]: undefined };
  }

  revert(): void {
    this.edits = {};
    this.serverErrors = {};
  }

  /** Only the changed, valid fields, in the CRM's types; null when nothing can be saved. */
  patch(): Record<string, unknown> | null {
    if (!this.canSave) return null;
    const patch: Record<string, unknown> = {};
    for (const field of this.dirty) patch[field] = toStored(field, this.values[field]);
    return patch;
  }

  /** The save went through: what was sent is now the saved row (until the replica says more). */
  saved(patch: Record<string, unknown>): void {
    this.base = { ...this.base, ...patch };
    this.edits = {};
    this.serverErrors = {};
  }

  rejectedField(field: string, message: string): boolean {
    if (!ACCOUNT_FIELDS.some((f) => f.field === field)) return false;
    this.serverErrors = { ...this.serverErrors, [field]: message };
    return true;
  }
}

function savedText(row: Row, field: AccountField): string {
  return field === 'creditlimit' ? moneyInput(row[field]) : text(row[field]);
}

function same(kind: FieldSpec['kind'], a: string, b: string): boolean {
  if (kind === 'decimal') {
    const x = checkDecimal(a, CREDIT_LIMIT);
    const y = checkDecimal(b, CREDIT_LIMIT);
    if (x.ok && y.ok) return x.value === y.value;
  }
  return a.trim() === b.trim();
}

function validate(spec: FieldSpec, value: string): string | undefined {
  const trimmed = value.trim();
  if (spec.required && trimmed === '') return `${spec.label} is required`;
  if (spec.maxLength !== undefined && trimmed.length > spec.maxLength) return `At most ${spec.maxLength} characters (${trimmed.length} now)`;
  if (trimmed === '') return undefined;
  if (spec.kind === 'decimal') {
    const check = checkDecimal(trimmed, CREDIT_LIMIT);
    return check.ok ? undefined : check.message;
  }
  if (spec.kind === 'email' && !EMAIL.test(trimmed)) return 'Enter an email address like name@example.com';
  return undefined;
}

function toStored(field: AccountField, value: string): unknown {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (field === 'creditlimit') {
    const check = checkDecimal(trimmed, CREDIT_LIMIT);
    return check.ok ? check.value : null;
  }
  if (field === 'msdyn_onholdstatus') return Number(trimmed);
  return trimmed;
}
