/**
 * The create-customer form: fields, choices (customer groups depend on the company),
 * validation, and the engine's NewCustomer input. The engine writes the ERP customer and
 * the CRM account together; this only makes sure what it gets is well formed.
 */
import type { Choice, EngineApi, EngineError, NewCustomer } from '../../engine/api.ts';
import { SvelteSet } from 'svelte/reactivity';
import { checkDecimal } from '../decimal.ts';

export type CustomerSource = Pick<EngineApi, 'choices' | 'createCustomer'>;

export type CustomerField = 'company' | 'accountNumber' | 'name' | 'customerGroup' | 'currency' | 'creditLimit' | 'email' | 'phone' | 'city';

type Choices = Awaited<ReturnType<EngineApi['choices']>>;

/** ERP CreditLimit is decimal(32, 6); CRM keeps 4 places, so 4 is what survives both. */
const CREDIT_LIMIT = { scale: 4, precision: 32 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Lengths of the narrower store for each field (ERP CustomersV3 / CRM accounts). */
const MAX: Partial<Record<CustomerField, number>> = { accountNumber: 20, name: 100, email: 100, phone: 30, city: 60 };
const LABEL: Record<CustomerField, string> = {
  company: 'Company',
  accountNumber: 'Account number',
  name: 'Name',
  customerGroup: 'Customer group',
  currency: 'Currency',
  creditLimit: 'Credit limit',
  email: 'Email',
  phone: 'Phone',
  city: 'City',
};
const REQUIRED: readonly CustomerField[] = ['company', 'accountNumber', 'name', 'customerGroup', 'currency'];

export class CustomerForm {
  values = $state<Record<CustomerField, string>>({
    company: '',
    accountNumber: '',
    name: '',
    customerGroup: '',
    currency: '',
    creditLimit: '',
    email: '',
    phone: '',
    city: '',
  });
  choices = $state.raw<Choices | null>(null);
  /** Fields the agent has left (errors show only there, or everywhere after a submit). */
  touched = $state<Partial<Record<CustomerField, boolean>>>({});
  submitted = $state(false);
  saving = $state(false);
  failure = $state.raw<EngineError | null>(null);
  /** company|account number the engine said already exist (ROW_EXISTS), shown on the field. */
  readonly taken = new SvelteSet<string>();

  readonly groups: readonly Choice[] = $derived(this.choices?.groups[this.values.company] ?? []);

  readonly errors: Readonly<Partial<Record<CustomerField, string>>> = $derived.by(() => {
    const errors: Partial<Record<CustomerField, string>> = {};
    for (const field of Object.keys(this.values) as CustomerField[]) {
      const message = check(field, this.values[field].trim());
      if (message) errors[field] = message;
    }
    if (this.taken.has(`${this.values.company}|${this.values.accountNumber.trim()}`)) {
      errors.accountNumber = `${this.values.accountNumber.trim()} is already a customer in ${this.values.company}`;
    }
    if (this.values.customerGroup && this.choices && !this.groups.some((g) => g.value === this.values.customerGroup)) {
      errors.customerGroup = 'Pick a customer group of this company';
    }
    return errors;
  });

  readonly #source: CustomerSource;

  constructor(source: CustomerSource) {
    this.#source = source;
  }

  async loadChoices(): Promise<void> {
    const choices = await this.#source.choices();
    this.choices = choices;
    if (!this.values.company && choices.companies.length === 1) this.setCompany(choices.companies[0]?.value ?? '');
    if (!this.values.currency && choices.currencies.some((c) => c.value === 'USD')) this.values.currency = 'USD';
  }

  setCompany(company: string): void {
    this.values.company = company;
    const groups = this.choices?.groups[company] ?? [];
    if (!groups.some((g) => g.value === this.values.customerGroup)) this.values.customerGroup = groups.length === 1 ? (groups[0]?.value ?? '') : '';
  }

  visibleError(field: CustomerField): string | undefined {
    return this.submitted || this.touched[field] ? this.errors[field] : undefined;
  }

  input(): NewCustomer | null {
    if (Object.keys(this.errors).length > 0) return null;
    const v = (field: CustomerField) => this.values[field].trim();
    const optional = (field: 'email' | 'phone' | 'city') => (v(field) ? { [field]: v(field) } : {});
    const credit = v('creditLimit') ? checkDecimal(v('creditLimit'), CREDIT_LIMIT) : null;
    return {
      company: v('company'),
      accountNumber: v('accountNumber'),
      name: v('name'),
      customerGroup: v('customerGroup'),
      currency: v('currency'),
      ...(credit?.ok ? { creditLimit: credit.value } : {}),
      ...optional('email'),
      ...optional('phone'),
      ...optional('city'),
    };
  }

  /** Creates the customer; answers the new account's id, or null (errors are on the form). */
  async submit(): Promise<string | null> {
    this.submitted = true;
    const input = this.input();
    if (!input || this.saving) return null;
    this.saving = true;
    this.failure = null;
    try {
      const result = await this.#source.createCustomer(input);
      if (result.ok) return result.value.accountid;
      if (result.error.code === 'ROW_EXISTS') {
        this.taken.add(`${input.company}|${input.accountNumber}`);
        return null; // shown on the account number field
      }
      this.failure = result.error;
      return null;
    } catch (error) {
      this.failure = { code: 'EngineUnavailable', message: error instanceof Error ? error.message : String(error) };
      return null;
    } finally {
      this.saving = false;
    }
  }
}

function check(field: CustomerField, value: string): string | undefined {
  if (REQUIRED.includes(field) && value === '') return `${LABEL[field]} is required`;
  const max = MAX[field];
  if (max !== undefined && value.length > max) return `At most ${max} characters (${value.length} now)`;
  if (value === '') return undefined;
  if (field === 'accountNumber' && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) return 'Letters, digits, dot, dash or underscore only';
  if (field === 'creditLimit') {
    const result = checkDecimal(value, CREDIT_LIMIT);
    return result.ok ? undefined : result.message;
  }
  if (field === 'email' && !EMAIL.test(value)) return 'Enter an email address like name@example.com';
  return undefined;
}
