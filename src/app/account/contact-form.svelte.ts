/**
 * Adding or editing a contact: the form's values, and the engine's refusal shown at the
 * field it names (a required last name, an e-mail that is not one, a name longer than
 * the ERP keeps) or, when it names none, above the buttons. Nothing is kept on refusal.
 */
import type { ContactFields, EngineApi, Row } from '../../engine/api.ts';

export type ContactApi = Pick<EngineApi, 'createContact' | 'updateContact'>;

export const CONTACT_FORM_FIELDS = [
  { name: 'firstname', label: 'First name', type: 'text', autocomplete: 'given-name' },
  { name: 'lastname', label: 'Last name', type: 'text', autocomplete: 'family-name' },
  { name: 'jobtitle', label: 'Job title', type: 'text', autocomplete: 'organization-title' },
  { name: 'emailaddress1', label: 'E-mail', type: 'email', autocomplete: 'email' },
  { name: 'telephone1', label: 'Phone', type: 'tel', autocomplete: 'tel' },
] as const;

export type ContactFieldName = (typeof CONTACT_FORM_FIELDS)[number]['name'];

export class ContactForm {
  values = $state<Record<ContactFieldName, string>>({ firstname: '', lastname: '', jobtitle: '', emailaddress1: '', telephone1: '' });
  busy = $state(false);
  fieldError = $state.raw<{ field: ContactFieldName; message: string } | null>(null);
  problem = $state<string | null>(null);
  readonly #api: ContactApi;
  readonly #accountid: string;
  /** The contact edited; null for a new one. */
  readonly contactid: string | null;

  constructor(api: ContactApi, accountid: string, contact: Row | null) {
    this.#api = api;
    this.#accountid = accountid;
    this.contactid = contact ? String(contact['contactid']) : null;
    if (contact) for (const f of CONTACT_FORM_FIELDS) this.values[f.name] = typeof contact[f.name] === 'string' ? (contact[f.name] as string) : '';
  }

  errorFor(field: ContactFieldName): string | null {
    return this.fieldError?.field === field ? this.fieldError.message : null;
  }

  async save(): Promise<boolean> {
    this.busy = true;
    this.fieldError = null;
    this.problem = null;
    try {
      const fields: ContactFields = { ...this.values };
      const result = this.contactid ? await this.#api.updateContact(this.contactid, fields) : await this.#api.createContact({ accountid: this.#accountid, ...fields });
      if (result.ok) return true;
      const field = result.error.details?.['field'];
      const known = CONTACT_FORM_FIELDS.find((f) => f.name === field);
      if (known) this.fieldError = { field: known.name, message: result.error.message };
      else this.problem = result.error.message;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
