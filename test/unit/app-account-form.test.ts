import { describe, expect, it } from 'vitest';
import { AccountForm } from '../../src/app/account/account-form.svelte.ts';
import { differs, ERP_LINES } from '../../src/app/account/fields.ts';

const saved = {
  accountid: 'a-1',
  name: 'Barrows Inc',
  telephone1: '+1 898-555-5182',
  emailaddress1: 'buy@barrows.example',
  creditlimit: '5000',
  msdyn_onholdstatus: 806380000,
  address1_city: 'New Myah',
  address1_line1: null,
  description: null,
};

function form() {
  const f = new AccountForm();
  f.setBase(saved);
  return f;
}

describe('account form', () => {
  it('starts clean, showing the saved values as text', () => {
    const f = form();
    expect(f.dirty).toEqual([]);
    expect(f.canSave).toBe(false);
    expect(f.values.creditlimit).toBe('5000.00'); // money shows two decimals
    expect(f.values.msdyn_onholdstatus).toBe('806380000');
    expect(f.values.address1_line1).toBe('');
    expect(f.patch()).toBeNull();
  });

  it('sends only the changed fields, typed as the CRM stores them', () => {
    const f = form();
    f.set('name', '  Barrows & Sons ');
    f.set('telephone1', '+1 555 0100');
    f.set('msdyn_onholdstatus', '806380002');
    f.set('creditlimit', '7500.50');
    f.set('address1_line1', '1 Main St');
    expect(f.dirty).toEqual(['name', 'telephone1', 'creditlimit', 'msdyn_onholdstatus', 'address1_line1']);
    expect(f.patch()).toEqual({
      name: 'Barrows & Sons',
      telephone1: '+1 555 0100',
      creditlimit: '7500.5',
      msdyn_onholdstatus: 806380002,
      address1_line1: '1 Main St',
    });
  });

  it('does not count an edit back to the saved value, or the same amount written differently', () => {
    const f = form();
    f.set('name', 'Other');
    f.set('name', 'Barrows Inc');
    f.set('creditlimit', '5000');
    expect(f.dirty).toEqual([]);
  });

  it('clears a field to null', () => {
    const f = form();
    f.set('emailaddress1', '');
    expect(f.patch()).toEqual({ emailaddress1: null });
  });

  it('validates the credit limit as a decimal and blocks the save', () => {
    const f = form();
    f.set('creditlimit', '12,5');
    expect(f.errors.creditlimit).toContain('digits');
    expect(f.canSave).toBe(false);
    f.set('creditlimit', '12.12345');
    expect(f.errors.creditlimit).toBe('At most 4 digits after the dot');
    f.set('creditlimit', '12.1234');
    expect(f.errors.creditlimit).toBeUndefined();
    expect(f.patch()).toEqual({ creditlimit: '12.1234' });
  });

  it('requires a name, limits lengths and checks emails', () => {
    const f = form();
    f.set('name', '   ');
    f.set('telephone1', '9'.repeat(31));
    f.set('emailaddress1', 'not-an-email');
    expect(f.errors.name).toBe('Name is required');
    expect(f.errors.telephone1).toContain('At most 30 characters'); // the ERP's limit, the narrower
    expect(f.errors.emailaddress1).toContain('email address');
    expect(f.patch()).toBeNull();
  });

  it('keeps the agent’s edits when the saved row changes under the form', () => {
    const f = form();
    f.set('telephone1', '+1 555 0100');
    f.setBase({ ...saved, address1_city: 'Springfield', telephone1: '+1 000' });
    expect(f.values.address1_city).toBe('Springfield');
    expect(f.values.telephone1).toBe('+1 555 0100');
    expect(f.dirty).toEqual(['telephone1']);
  });

  it('after a save, what was sent is the saved row and nothing is dirty', () => {
    const f = form();
    f.set('name', 'New name');
    const patch = f.patch();
    expect(patch).not.toBeNull();
    f.saved(patch ?? {});
    expect(f.dirty).toEqual([]);
    expect(f.values.name).toBe('New name');
  });

  it('shows an error the engine reported for a field until the agent edits it', () => {
    const f = form();
    expect(f.rejectedField('creditlimit', 'Credit limit must be a decimal number')).toBe(true);
    expect(f.errors.creditlimit).toBe('Credit limit must be a decimal number');
    f.set('creditlimit', '10');
    expect(f.errors.creditlimit).toBeUndefined();
    expect(f.rejectedField('CreditLimit', 'an ERP field')).toBe(false);
  });

  it('revert drops every edit', () => {
    const f = form();
    f.set('name', 'x');
    f.revert();
    expect(f.dirty).toEqual([]);
  });
});

describe('CRM ↔ ERP comparison', () => {
  const customer = {
    CustomerAccount: 'US-1',
    OrganizationName: 'Barrows Inc',
    CreditLimit: '5000.000000',
    PrimaryContactPhone: '+1 898-555-5182',
    PrimaryContactEmail: 'buy@barrows.example',
    DeliveryAddressCity: 'New Myah',
    OnHoldStatus: 'No',
    SalesMemo: null,
    ModifiedDateTime: '2026-01-01T00:00:00Z',
  };
  const account = { ...saved, accountnumber: 'US-1', description: '' };
  const off = (a: Record<string, unknown>, c: Record<string, unknown>) => ERP_LINES.filter((l) => differs(l, a, c)).map((l) => l.field);

  it('sees equal values across types and spellings (decimals by value, on-hold by label, blanks alike)', () => {
    expect(off(account, customer)).toEqual([]);
  });

  it('flags the lines that differ', () => {
    expect(off({ ...account, name: 'Renamed', msdyn_onholdstatus: 806380001 }, customer)).toEqual(['OrganizationName', 'OnHoldStatus']);
  });
});
