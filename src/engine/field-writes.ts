/**
 * The field agent's writes, every one through Engine.write (the one write path: a local
 * dual-write, or a clear error and nothing written):
 *
 *   work order status   CRM msdyn_workorders.msdyn_systemstatus (work-orders map, both ways)
 *   note                a new CRM annotation on the work order or account (notes map, both ways)
 *   time on site        a note titled with the time spent (what the maps carry both ways;
 *                       the service order has no time fields of its own)
 *   order / quote       the ERP header, then each line (sales-orders / sales-quotes and their
 *                       line maps carry header and lines both ways and derive the CRM rows);
 *                       amounts and totals computed exactly here (core/orders), since the
 *                       maps send them one way, ERP → CRM
 *
 * A CRM row written here that refers to rows the ERP does not hold yet (entered in the CRM
 * only) brings them across first (bring-across.ts), so the ERP can accept the reference.
 *
 * Errors name the field concerned in `details.field` (and `details.line` for an order line),
 * as a MapError does, so the form shows them next to it.
 */
import { WORK_ORDER_STATUS } from '../core/maps/standard/work-orders.ts';
import { orderTotals } from '../core/orders/index.ts';
import type { EngineError, Result } from './api.ts';
import type { EngineContext } from './context.ts';
import type { FieldQueries } from './field-queries.ts';
import type { ContactFields, CreatedSalesDocument, NewContact, NewNote, NewSalesDocument, TimeOnSite, WorkOrderStatus } from './field-types.ts';
import type { WriteIntent } from './local-write.ts';
import { SALES_KINDS } from './sales-kinds.ts';

type Write = (intent: WriteIntent) => Promise<Result<{ entryId: number | null }>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_MINUTES_ON_SITE = 24 * 60;

export const fail = (code: string, message: string, details?: Record<string, unknown>): { ok: false; error: EngineError } => ({ ok: false, error: { code, message, ...(details ? { details } : {}) } });

export class FieldWrites {
  constructor(
    private readonly ctx: EngineContext,
    private readonly queries: FieldQueries,
    private readonly write: Write,
  ) {}

  async setWorkOrderStatus(id: string, status: WorkOrderStatus): Promise<Result<{ status: WorkOrderStatus }>> {
    const code = WORK_ORDER_STATUS.find(([name]) => name === status)?.[1];
    if (code === undefined) return fail('INVALID_VALUE', `“${status}” is not a work order status.`, { field: 'status' });
    const row = await this.ctx.db.rows('crm_msdyn_workorders').get(id);
    const number = row?.['msdyn_name'] ?? id;
    const written = await this.write({ side: 'crm', set: 'msdyn_workorders', key: { msdyn_workorderid: id }, kind: 'upsert', values: { msdyn_systemstatus: code }, description: `Work order ${String(number)}: status ${status}` });
    return written.ok ? { ok: true, value: { status } } : written;
  }

  async addNote(note: NewNote): Promise<Result<{ id: string }>> {
    if (note.body.trim() === '' && note.title.trim() === '') return fail('REQUIRED', 'Write a title or some text for the note.', { field: 'body' });
    const isWorkOrder = note.target.type === 'workorder';
    const target = await this.ctx.db.rows(isWorkOrder ? 'crm_msdyn_workorders' : 'crm_accounts').get(note.target.id);
    if (!target) return fail('ROW_NOT_FOUND', `No ${isWorkOrder ? 'work order' : 'account'} ${note.target.id} on this device.`);
    const values = {
      msdyn_noteid: this.#number('N'),
      msdyn_company: target['msdyn_company'],
      subject: note.title.trim() || null,
      notetext: note.body.trim() || null,
      objectid: note.target.id,
      objecttypecode: isWorkOrder ? 'msdyn_workorder' : 'account',
    };
    const what = `${isWorkOrder ? 'work order' : 'account'} ${String(target['msdyn_name'] ?? target['name'] ?? note.target.id)}`;
    const written = await this.write({ side: 'crm', set: 'annotations', key: null, kind: 'upsert', values, description: `Note on ${what}` });
    if (!written.ok) return written;
    const created = await this.ctx.db.rows('crm_annotations').where('[msdyn_noteid+msdyn_company]').equals([values.msdyn_noteid, values.msdyn_company as string]).first();
    return { ok: true, value: { id: (created?.['annotationid'] as string | undefined) ?? values.msdyn_noteid } };
  }

  async recordTimeOnSite(workOrderId: string, time: TimeOnSite): Promise<Result<{ id: string; minutes: number }>> {
    const arrived = Date.parse(time.arrived);
    const left = Date.parse(time.left);
    if (Number.isNaN(arrived)) return fail('INVALID_VALUE', 'Enter when you arrived.', { field: 'arrived' });
    if (Number.isNaN(left)) return fail('INVALID_VALUE', 'Enter when you left.', { field: 'left' });
    const minutes = Math.round((left - arrived) / 60_000);
    if (minutes <= 0) return fail('INVALID_VALUE', 'You left after you arrived: check the times.', { field: 'left' });
    if (minutes > MAX_MINUTES_ON_SITE) return fail('INVALID_VALUE', 'A visit is at most 24 hours: check the dates.', { field: 'left' });
    const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const body = [`On site from ${at(arrived)} to ${at(left)} (${minutes} min).`, time.comment?.trim() ?? ''].filter(Boolean).join('\n');
    const noted = await this.addNote({ target: { type: 'workorder', id: workOrderId }, title: `Time on site: ${duration(minutes)}`, body });
    return noted.ok ? { ok: true, value: { id: noted.value.id, minutes } } : noted;
  }

  async createSalesDocument(input: NewSalesDocument): Promise<Result<CreatedSalesDocument>> {
    const k = SALES_KINDS[input.kind];
    if (!k) return fail('INVALID_VALUE', 'An order or a quote.', { field: 'kind' });
    const setup = await this.queries.orderSetup(input.accountid);
    if (!setup) return fail('ROW_NOT_FOUND', 'This account is not on this device.', { field: 'account' });
    if (setup.customerAccount === null || setup.currency === null) return fail('NO_CUSTOMER', `${setup.accountName} is not a customer in the ERP yet: it cannot take ${input.kind === 'order' ? 'orders' : 'quotes'}.`, { field: 'account' });
    if (input.requestedDate && !DATE.test(input.requestedDate)) return fail('INVALID_VALUE', 'Enter the date as YYYY-MM-DD.', { field: 'requestedDate' });
    if (input.lines.length === 0) return fail('REQUIRED', 'Add at least one line.', { field: 'lines' });
    const checked = await this.#checkLines(input, setup.company, new Set(setup.units.map((u) => u.value)));
    if (checked) return checked;
    const totals = orderTotals(input.lines, setup.currencyScale);
    if (!totals.ok) {
      const first = totals.problems[0];
      return fail('INVALID_VALUE', first?.message ?? 'Check the lines.', { field: first?.field, line: first?.line, problems: totals.problems });
    }
    const number = this.#number(k.prefix);
    const keys = { dataAreaId: setup.company, [k.number]: number };
    const header = {
      ...keys,
      [k.customer]: setup.customerAccount,
      CurrencyCode: setup.currency,
      RequestedShippingDate: input.requestedDate || null,
      [k.status]: input.kind === 'order' ? 'None' : 'Created',
      [k.total]: totals.totals.total,
      TotalDiscountAmount: '0',
      [input.kind === 'order' ? 'OrderTotalTaxAmount' : 'TotalTaxAmount']: '0',
      ...(input.kind === 'quote' ? { SalesQuotationName: input.name?.trim() || null } : {}),
    };
    const what = `${k.label} ${number}`;
    const headerWritten = await this.write({ side: 'erp', set: k.headerSet, key: null, kind: 'upsert', values: header, description: `${what} entered for ${setup.accountName}` });
    if (!headerWritten.ok) return headerWritten;
    for (const [i, line] of input.lines.entries()) {
      const values = { ...keys, LineNumber: i + 1, ItemNumber: line.itemNumber, [k.quantity]: line.quantity.trim(), SalesUnitSymbol: line.unit, SalesPrice: line.unitPrice.trim(), LineAmount: totals.totals.lines[i] };
      const written = await this.write({ side: 'erp', set: k.lineSet, key: null, kind: 'upsert', values, description: `${what}, line ${i + 1}` });
      if (!written.ok) {
        await this.#undo(k, keys, i);
        return { ok: false, error: { ...written.error, details: { ...written.error.details, line: i } } };
      }
    }
    return { ok: true, value: { kind: input.kind, company: setup.company, number, total: totals.totals.total } };
  }

  /** Every line names a product of the company and a known unit. */
  async #checkLines(input: NewSalesDocument, company: string, units: ReadonlySet<string>): Promise<{ ok: false; error: EngineError } | null> {
    const products = await this.ctx.db.rows('erp_ReleasedProducts').bulkGet(input.lines.map((l) => [company, l.itemNumber]));
    for (const [i, line] of input.lines.entries()) {
      if (!products[i]) return fail('ReferenceNotFound', `${line.itemNumber || 'The product'} is not a product of ${company}.`, { field: 'itemNumber', line: i });
      if (!units.has(line.unit)) return fail('ReferenceNotFound', `Pick a unit for line ${i + 1}.`, { field: 'unit', line: i });
    }
    return null;
  }

  /** A line was refused: take back the header and the lines before it (unsent, they simply vanish). */
  async #undo(k: (typeof SALES_KINDS)['order'], keys: Record<string, string>, written: number): Promise<void> {
    for (let n = written; n >= 1; n--) {
      await this.write({ side: 'erp', set: k.lineSet, key: { ...keys, LineNumber: n as unknown as string }, kind: 'delete', values: {}, description: `${k.label} ${keys[k.number]}, line ${n} taken back` });
    }
    await this.write({ side: 'erp', set: k.headerSet, key: keys, kind: 'delete', values: {}, description: `${k.label} ${keys[k.number]} taken back` });
  }

  /**
   * A new contact person of the account's ERP customer, written on the ERP side (where its
   * number is made) so the contacts map derives the CRM contact in the same write.
   */
  async createContact(input: NewContact): Promise<Result<{ contactid: string }>> {
    const fields = contactValues(input);
    if (!fields.ok) return fields;
    const found = await this.queries.customerOf(input.accountid);
    if (!found) return fail('ROW_NOT_FOUND', 'This account is not on this device.', { field: 'account' });
    if (!found.customer) return fail('NO_CUSTOMER', `${String(found.account['name'] ?? 'This account')} is not a customer in the ERP yet: add its contacts once it is.`, { field: 'account' });
    const number = this.#number('CP');
    const v = fields.value;
    const values = { dataAreaId: found.company, ContactPersonId: number, CustomerAccount: found.customer['CustomerAccount'], FirstName: v.firstname, LastName: v.lastname, JobTitle: v.jobtitle, PrimaryEmail: v.emailaddress1, PrimaryPhone: v.telephone1 };
    const name = [v.firstname, v.lastname].filter(Boolean).join(' ');
    const written = await this.write({ side: 'erp', set: 'ContactPersons', key: null, kind: 'upsert', values, description: `Contact ${name} added to ${String(found.account['name'] ?? input.accountid)}` });
    if (!written.ok) return { ok: false, error: { ...written.error, details: { ...written.error.details, field: contactField(written.error.details?.['field']) } } };
    const contact = await this.ctx.db.rows('crm_contacts').filter((c) => c['msdyn_contactpersonid'] === number && c['parentcustomerid'] === input.accountid).first();
    return { ok: true, value: { contactid: (contact?.['contactid'] as string | undefined) ?? number } };
  }

  async updateContact(contactid: string, input: ContactFields): Promise<Result<{ entryId: number | null }>> {
    const fields = contactValues(input);
    if (!fields.ok) return fields;
    const contact = await this.ctx.db.rows('crm_contacts').get(contactid);
    if (!contact) return fail('ROW_NOT_FOUND', 'This contact is not on this device.', { field: 'contact' });
    const name = [fields.value.firstname, fields.value.lastname].filter(Boolean).join(' ');
    const written = await this.write({ side: 'crm', set: 'contacts', key: { contactid }, kind: 'upsert', values: fields.value, description: `Contact ${name} edited` });
    if (!written.ok) return { ok: false, error: { ...written.error, details: { ...written.error.details, field: contactField(written.error.details?.['field']) } } };
    return written;
  }

  /** A number made on the tablet, unique without asking a server: prefix, time, randomness (≤ 20 characters). */
  #number(prefix: string): string {
    const random = this.ctx.newId().replace(/-/g, '').slice(0, 5);
    return `${prefix}-${this.ctx.now().getTime().toString(36)}${random}`.toUpperCase();
  }
}

const CONTACT_FIELDS = ['firstname', 'lastname', 'jobtitle', 'emailaddress1', 'telephone1'] as const;
/** The ERP's names of the contact's fields, to name the form's field when the ERP side refuses. */
const ERP_CONTACT_FIELDS: Readonly<Record<string, (typeof CONTACT_FIELDS)[number]>> = { FirstName: 'firstname', LastName: 'lastname', JobTitle: 'jobtitle', PrimaryEmail: 'emailaddress1', PrimaryPhone: 'telephone1' };

function contactField(field: unknown): unknown {
  return typeof field === 'string' ? (ERP_CONTACT_FIELDS[field] ?? field) : field;
}

/** The form's fields trimmed, empty ones null; a last name is required, an e-mail must look like one. */
function contactValues(input: ContactFields): Result<Record<(typeof CONTACT_FIELDS)[number], string | null>> {
  const values = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, (typeof input[f] === 'string' ? (input[f] as string).trim() : '') || null])) as Record<(typeof CONTACT_FIELDS)[number], string | null>;
  if (!values.lastname) return fail('REQUIRED', 'Enter the last name: both the ERP and the CRM need one.', { field: 'lastname' });
  if (values.emailaddress1 && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.emailaddress1)) return fail('INVALID_VALUE', `"${values.emailaddress1}" is not an e-mail address.`, { field: 'emailaddress1' });
  return { ok: true, value: values };
}

function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}
