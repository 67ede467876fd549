/**
 * Contacts entered and edited by the agent, offline, reaching both stores: a new contact
 * person is one ERP ContactPersons row and one CRM contact under the account; an edit of
 * the CRM contact reaches the ERP; what the maps or the form refuse names the form's field
 * and writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { fieldEngine } from '../support/field-engine.ts';
import { CRM, ERP } from '../support/server.ts';

const the = fieldEngine();

describe('contacts', () => {
  it('adds a contact person offline; after sync the ERP and the CRM each hold it once, under the customer', async () => {
    const accountid = await the.account('US-000002');
    the.agent.network.online = false;
    const created = await the.engine.createContact({ accountid, firstname: ' Ada ', lastname: 'Lovelace', jobtitle: 'Buyer', emailaddress1: 'ada@example.com', telephone1: '+1 425 555 0101' });
    expect(created.ok).toBe(true);
    const detail = await the.engine.getAccount(accountid);
    expect(detail?.contacts.some((c) => c['lastname'] === 'Lovelace' && c['firstname'] === 'Ada')).toBe(true);
    the.agent.network.online = true;
    await the.settle();

    const erp = await the.server.request('GET', `${ERP}/ContactPersons?$filter=dataAreaId eq 'usmf' and LastName eq 'Lovelace'`, { as: 'backoffice' });
    expect(erp.body.value).toHaveLength(1);
    expect(erp.body.value[0]).toMatchObject({ FirstName: 'Ada', CustomerAccount: 'US-000002', JobTitle: 'Buyer', PrimaryEmail: 'ada@example.com' });
    const crm = await the.server.request('GET', `${CRM}/contacts?$filter=lastname eq 'Lovelace'`, { as: 'backoffice' });
    expect(crm.body.value).toHaveLength(1);
    expect(crm.body.value[0]).toMatchObject({ firstname: 'Ada', parentcustomerid: accountid, msdyn_contactpersonid: erp.body.value[0].ContactPersonId });
    if (created.ok) expect(created.value.contactid).toBe(crm.body.value[0].contactid);
  });

  it("edits a contact's phone in the CRM and the ERP contact person follows", async () => {
    const crm = await the.server.request('GET', `${CRM}/contacts?$filter=lastname eq 'Lovelace'`, { as: 'backoffice' });
    const contactid = crm.body.value[0].contactid as string;
    const edited = await the.engine.updateContact(contactid, { firstname: 'Ada', lastname: 'Lovelace', jobtitle: 'Head buyer', emailaddress1: 'ada@example.com', telephone1: '+1 425 555 0199' });
    expect(edited.ok).toBe(true);
    await the.settle();
    const erp = await the.server.request('GET', `${ERP}/ContactPersons?$filter=dataAreaId eq 'usmf' and LastName eq 'Lovelace'`, { as: 'backoffice' });
    expect(erp.body.value[0]).toMatchObject({ PrimaryPhone: '+1 425 555 0199', JobTitle: 'Head buyer' });
  });

  it('names the field the form or the maps refuse, and writes nothing', async () => {
    const accountid = await the.account('US-000002');
    const pendingBefore = (await the.engine.status()).pending;
    const noName = await the.engine.createContact({ accountid, firstname: 'Nobody', lastname: '  ' });
    expect(noName.ok || noName.error).toMatchObject({ code: 'REQUIRED', details: { field: 'lastname' } });
    const badMail = await the.engine.createContact({ accountid, lastname: 'Mail', emailaddress1: 'not an address' });
    expect(badMail.ok || badMail.error).toMatchObject({ details: { field: 'emailaddress1' } });
    // The CRM takes 50 characters of a last name, the ERP 25: the contacts map says so, at the field.
    const crm = await the.server.request('GET', `${CRM}/contacts?$filter=lastname eq 'Lovelace'`, { as: 'backoffice' });
    const tooLong = await the.engine.updateContact(crm.body.value[0].contactid, { lastname: 'Lovelace-Byron-King-Noel-Milbanke' });
    expect(tooLong.ok || tooLong.error).toMatchObject({ details: { field: 'lastname' } });
    expect((await the.engine.status()).pending).toBe(pendingBefore);
    const kept = await the.engine.getAccount(accountid);
    expect(kept?.contacts.find((c) => c['contactid'] === crm.body.value[0].contactid)?.['lastname']).toBe('Lovelace');
  });
});
