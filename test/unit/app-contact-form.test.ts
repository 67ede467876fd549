/** The contact form: values prefilled from the contact, the engine's refusal at the field it names, else above the buttons. */
import { describe, expect, it } from 'vitest';
import type { ContactFields, NewContact, Result } from '../../src/engine/api.ts';
import { ContactForm } from '../../src/app/account/contact-form.svelte.ts';

describe('contact form', () => {
  it('creates with the account and edits by contact id, sending what the form holds', async () => {
    const calls: unknown[] = [];
    const api = {
      createContact: async (input: NewContact): Promise<Result<{ contactid: string }>> => (calls.push(['create', input]), { ok: true, value: { contactid: 'c-new' } }),
      updateContact: async (id: string, fields: ContactFields): Promise<Result<{ pending: number }>> => (calls.push(['update', id, fields]), { ok: true, value: { pending: 1 } }),
    };
    const adding = new ContactForm(api, 'acc-1', null);
    adding.values.lastname = 'Hopper';
    expect(await adding.save()).toBe(true);
    const editing = new ContactForm(api, 'acc-1', { contactid: 'c-1', firstname: 'Grace', lastname: 'Hopper', telephone1: null });
    expect(editing.values).toEqual({ firstname: 'Grace', lastname: 'Hopper', jobtitle: '', emailaddress1: '', telephone1: '' });
    editing.values.telephone1 = '+1 425 555 0123';
    expect(await editing.save()).toBe(true);
    expect(calls).toEqual([
      ['create', { accountid: 'acc-1', firstname: '', lastname: 'Hopper', jobtitle: '', emailaddress1: '', telephone1: '' }],
      ['update', 'c-1', { firstname: 'Grace', lastname: 'Hopper', jobtitle: '', emailaddress1: '', telephone1: '+1 425 555 0123' }],
    ]);
  });

  it('puts a refusal at its field, or above the buttons when it names none', async () => {
    let answer: Result<{ contactid: string }> = { ok: false, error: { code: 'MAP_TOO_LONG', message: 'The ERP keeps 25 characters of a last name.', details: { field: 'lastname' } } };
    const form = new ContactForm({ createContact: async () => answer, updateContact: async () => ({ ok: true, value: { pending: 0 } }) }, 'acc-1', null);
    expect(await form.save()).toBe(false);
    expect(form.errorFor('lastname')).toContain('25 characters');
    expect(form.errorFor('firstname')).toBeNull();
    answer = { ok: false, error: { code: 'NO_CUSTOMER', message: 'Not a customer in the ERP yet.', details: { field: 'account' } } };
    expect(await form.save()).toBe(false);
    expect(form.errorFor('lastname')).toBeNull();
    expect(form.problem).toBe('Not a customer in the ERP yet.');
  });
});
