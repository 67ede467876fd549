import { describe, expect, it } from 'vitest';
import type { NewCustomer } from '../../src/engine/api.ts';
import { CustomerForm } from '../../src/app/create/customer-form.svelte.ts';

function source() {
  const created: NewCustomer[] = [];
  return {
    created,
    choices: async () => ({
      companies: [{ value: 'usmf', label: 'usmf — Contoso USA' }],
      groups: { usmf: [{ value: '10', label: '10 — Wholesale' }, { value: '20', label: '20 — Retail' }], demf: [{ value: '30', label: '30 — Export' }] },
      currencies: [{ value: 'EUR', label: 'EUR' }, { value: 'USD', label: 'USD' }],
    }),
    createCustomer: async (input: NewCustomer) =>
      input.accountNumber === 'TAKEN'
        ? { ok: false as const, error: { code: 'ROW_EXISTS', message: 'CustomersV3 {"dataAreaId":"usmf","CustomerAccount":"TAKEN"} already exists.' } }
        : input.accountNumber === 'BROKEN'
          ? { ok: false as const, error: { code: 'MAP_VALUE', message: 'customers-accounts: no CRM value for OnHoldStatus' } }
          : (created.push(input), { ok: true as const, value: { accountid: 'new-id' } }),
  };
}

describe('create-customer form', () => {
  it('preselects the only company and USD, and offers that company’s groups', async () => {
    const form = new CustomerForm(source());
    await form.loadChoices();
    expect(form.values.company).toBe('usmf');
    expect(form.values.currency).toBe('USD');
    expect(form.groups.map((g) => g.value)).toEqual(['10', '20']);
  });

  it('clears a group that does not belong to a newly chosen company', async () => {
    const form = new CustomerForm(source());
    await form.loadChoices();
    form.values.customerGroup = '20';
    form.setCompany('demf');
    expect(form.values.customerGroup).toBe('30'); // the only one there
  });

  it('shows errors only for touched fields until submitted', async () => {
    const form = new CustomerForm(source());
    await form.loadChoices();
    expect(form.visibleError('name')).toBeUndefined();
    form.touched.name = true;
    expect(form.visibleError('name')).toBe('Name is required');
    expect(await form.submit()).toBeNull();
    expect(form.visibleError('accountNumber')).toBe('Account number is required');
  });

  it('validates the optional fields', async () => {
    const form = new CustomerForm(source());
    await form.loadChoices();
    form.values.creditLimit = '12,5';
    form.values.email = 'nope';
    form.values.accountNumber = 'has space';
    expect(form.errors.creditLimit).toContain('digits');
    expect(form.errors.email).toContain('email address');
    expect(form.errors.accountNumber).toContain('Letters, digits');
  });

  it('creates the customer with trimmed values and only the optional fields given', async () => {
    const src = source();
    const form = new CustomerForm(src);
    await form.loadChoices();
    Object.assign(form.values, { accountNumber: ' US-9001 ', name: ' Field Co ', customerGroup: '10', creditLimit: '2500.50', city: 'Tacoma' });
    expect(await form.submit()).toBe('new-id');
    expect(src.created).toEqual([{ company: 'usmf', accountNumber: 'US-9001', name: 'Field Co', customerGroup: '10', currency: 'USD', creditLimit: '2500.5', city: 'Tacoma' }]);
  });

  it('shows the engine’s refusal', async () => {
    const form = new CustomerForm(source());
    await form.loadChoices();
    Object.assign(form.values, { accountNumber: 'BROKEN', name: 'X', customerGroup: '10' });
    expect(await form.submit()).toBeNull();
    expect(form.failure?.message).toBe('customers-accounts: no CRM value for OnHoldStatus');
  });

  it('says on the field when the account number is taken, until it is changed', async () => {
    const form = new CustomerForm(source());
    await form.loadChoices();
    Object.assign(form.values, { accountNumber: 'TAKEN', name: 'X', customerGroup: '10' });
    expect(await form.submit()).toBeNull();
    expect(form.visibleError('accountNumber')).toBe('TAKEN is already a customer in usmf');
    expect(form.failure).toBeNull();
    form.values.accountNumber = 'FREE';
    expect(form.errors.accountNumber).toBeUndefined();
  });
});
