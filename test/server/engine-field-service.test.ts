/**
 * The field-service slice of the standard catalog through an agent's engine against the real
 * server (demo seed): person customers ↔ sellable contacts, customer assets, service orders
 * ↔ work orders (status through its value map) and notes ↔ annotations (a polymorphic
 * reference to an account, a contact, an asset or a work order). Back-office edits on
 * either side reach the other side through the engine's pull → mirror → push; the agent's
 * own writes (a work order status, a new note) reach the ERP.
 *
 * Seed facts used (server/seed/customer-facts.ts, field-service.ts; demo: 60 customers per
 * company): US-000058 is a person customer mirrored in the CRM, US-000001 and US-000002 are
 * head-office organisations, US-A00001 an asset of US-000001, US-SO00001 a service order on it.
 */
import { describe, expect, it } from 'vitest';
import type { TwoWayCase } from '../support/back-office.ts';
import { fieldEngine } from '../support/field-engine.ts';
import { CRM, ERP } from '../support/server.ts';

const field = fieldEngine();
const { get, patch, post, checkTwoWay, account, personContact, customerGroup, product, asset, workOrder, settle } = field;

describe('field-service maps, through an agent’s engine', () => {
  const cases: TwoWayCase[] = [
    {
      map: 'customers-contacts',
      erpPath: () => `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='US-000058')`,
      crmPath: () => `${CRM}/contacts(msdyn_contactpersonid='US-000058',msdyn_company=${field.usmf})`,
      erpEdit: () => ({ PersonLastName: 'Renamed-in-ERP', CreditLimit: '7500.25', CustomerGroupId: '10', PrimaryContactEmail: 'person@erp.example' }),
      crmExpect: async () => ({ lastname: 'Renamed-in-ERP', creditlimit: '7500.25', msdyn_customergroupid: await customerGroup('10'), emailaddress1: 'person@erp.example', msdyn_sellable: true }),
      crmEdit: () => ({ telephone1: '+1 206 555 0123', address1_city: 'Kirkland', firstname: 'Renata' }),
      erpExpect: () => ({ PrimaryContactPhone: '+1 206 555 0123', DeliveryAddressCity: 'Kirkland', PersonFirstName: 'Renata', PersonLastName: 'Renamed-in-ERP', PartyType: 'Person' }),
    },
    {
      map: 'customer-assets',
      erpPath: () => `${ERP}/CustomerAssets(dataAreaId='usmf',AssetId='US-A00001')`,
      crmPath: () => `${CRM}/msdyn_customerassets(msdyn_assetid='US-A00001',msdyn_company=${field.usmf})`,
      erpEdit: () => ({ SerialNumber: 'SN-ERP-0001', Status: 'Inactive', InstallDate: '2024-02-29' }),
      crmExpect: () => ({ msdyn_serialnumber: 'SN-ERP-0001', statecode: 1, msdyn_installdate: '2024-02-29' }),
      crmEdit: async () => ({ msdyn_name: 'Renamed in the CRM', msdyn_product: await product('P-1003'), msdyn_account: await account('US-000002') }),
      erpExpect: () => ({ Name: 'Renamed in the CRM', ItemNumber: 'P-1003', CustomerAccount: 'US-000002', SerialNumber: 'SN-ERP-0001', Status: 'Inactive' }),
    },
    {
      map: 'work-orders',
      erpPath: () => `${ERP}/ServiceOrders(dataAreaId='usmf',ServiceOrderId='US-SO00002')`,
      crmPath: () => `${CRM}/msdyn_workorders(msdyn_name='US-SO00002',msdyn_company=${field.usmf})`,
      erpEdit: () => ({ Description: 'Bring the long ladder', Stage: 'TRAVEL', PlannedStart: '2026-11-20T07:45:00.000Z', Status: 'Scheduled' }),
      crmExpect: () => ({ msdyn_instructions: 'Bring the long ladder', msdyn_substatusname: 'TRAVEL', msdyn_timefrompromised: '2026-11-20T07:45:00.000Z', msdyn_systemstatus: 690970001 }),
      crmEdit: async () => ({ msdyn_customerasset: await asset('US-A00003'), msdyn_instructions: 'Ladder on site already' }),
      erpExpect: () => ({ AssetId: 'US-A00003', Description: 'Ladder on site already', Stage: 'TRAVEL', Status: 'Scheduled' }),
    },
    {
      map: 'notes',
      erpPath: () => `${ERP}/Notes(dataAreaId='usmf',NoteId='US-N00002')`,
      crmPath: () => `${CRM}/annotations(msdyn_noteid='US-N00002',msdyn_company=${field.usmf})`,
      // ERP re-attaches the note from an asset to a service order; the CRM moves it to a person customer.
      erpEdit: () => ({ RefTable: 'ServiceOrder', RefKey: 'US-SO00001', Title: 'Moved in the ERP' }),
      crmExpect: async () => ({ objecttypecode: 'msdyn_workorder', objectid: await workOrder('US-SO00001'), subject: 'Moved in the ERP' }),
      crmEdit: async () => ({ objecttypecode: 'contact', objectid: await personContact('US-000058'), notetext: 'Line one\nLine two' }),
      erpExpect: () => ({ RefTable: 'Customer', RefKey: 'US-000058', Body: 'Line one\nLine two', Title: 'Moved in the ERP' }),
    },
  ];

  it.each(cases.map((c) => [c.map, c] as const))('%s: an ERP edit reaches the CRM, a CRM edit reaches the ERP', (_, c) => checkTwoWay(field.agent, c));

  it('a contact person stays a contact person: editing it never touches a customer', async () => {
    const count = async () => (await field.server.request('GET', `${ERP}/CustomersV3/$count?$filter=${encodeURIComponent("dataAreaId eq 'usmf'")}`)).text;
    const before = await count();
    expect(Number(before)).toBeGreaterThan(0);
    await patch(`${CRM}/contacts(msdyn_contactpersonid='CP-US-000001-1',msdyn_company=${field.usmf})`, { jobtitle: 'Head of purchasing' });
    await settle();
    expect(await get(`${ERP}/ContactPersons(dataAreaId='usmf',ContactPersonId='CP-US-000001-1')`)).toMatchObject({ JobTitle: 'Head of purchasing', ModifiedBy: 'agent.usmf' });
    expect(await count()).toBe(before);
    const missing = await field.server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='CP-US-000001-1')`);
    expect(missing.status).toBe(404);
  });

  it('a work order status the agent changes on the CRM reaches the ERP through the value map', async () => {
    const id = await workOrder('US-SO00001');
    const erpPath = `${ERP}/ServiceOrders(dataAreaId='usmf',ServiceOrderId='US-SO00001')`;
    expect((await get(erpPath))['Status']).toBe('Scheduled'); // the first order of the agenda (server/seed/work-plan.ts)
    for (const [option, status] of [
      [690970002, 'InProcess'],
      [690970003, 'Completed'],
      [690970005, 'Cancelled'],
    ] as const) {
      const written = await field.engine.write({ side: 'crm', set: 'msdyn_workorders', key: { msdyn_workorderid: id }, kind: 'upsert', values: { msdyn_systemstatus: option }, description: `status ${status}` });
      expect(written.ok, JSON.stringify(written)).toBe(true);
      await settle();
      expect(await get(erpPath)).toMatchObject({ Status: status, ModifiedBy: 'agent.usmf' });
      expect(await get(`${CRM}/msdyn_workorders(${id})`)).toMatchObject({ msdyn_systemstatus: option, modifiedby: 'agent.usmf' });
    }
    const refused = await field.engine.write({ side: 'crm', set: 'msdyn_workorders', key: { msdyn_workorderid: id }, kind: 'upsert', values: { msdyn_systemstatus: 123 }, description: 'no such status' });
    expect(refused.ok).toBe(false);
    expect((await get(erpPath))['Status']).toBe('Cancelled');
  });

  it('a note the agent creates on the CRM for an account arrives in the ERP as a customer note', async () => {
    const values = {
      msdyn_noteid: 'US-NNEW1',
      msdyn_company: field.usmf,
      subject: 'Met at the trade fair',
      notetext: 'Interested in the service contract.\nCall in January.',
      objectid: await account('US-000001'),
      objecttypecode: 'account',
    };
    const created = await field.engine.write({ side: 'crm', set: 'annotations', key: null, kind: 'upsert', values, description: 'new note' });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    await settle();
    expect(await get(`${CRM}/annotations(msdyn_noteid='US-NNEW1',msdyn_company=${field.usmf})`)).toMatchObject({ ...values, modifiedby: 'agent.usmf' });
    expect(await get(`${ERP}/Notes(dataAreaId='usmf',NoteId='US-NNEW1')`)).toMatchObject({
      RefTable: 'Customer',
      RefKey: 'US-000001',
      Title: 'Met at the trade fair',
      Body: 'Interested in the service contract.\nCall in January.',
      ModifiedBy: 'agent.usmf',
    });
  });

  it('a note, an asset and a service order created in the ERP back office arrive in the CRM, references resolved', async () => {
    await post(`${ERP}/CustomerAssets`, { dataAreaId: 'usmf', AssetId: 'US-ANEW1', Name: 'New press', CustomerAccount: 'US-000002', ItemNumber: 'P-1001', InstallDate: '2026-10-01' });
    await post(`${ERP}/ServiceOrders`, { dataAreaId: 'usmf', ServiceOrderId: 'US-SONEW1', CustomerAccount: 'US-000002', AssetId: 'US-ANEW1', Status: 'Scheduled', PlannedStart: '2026-12-01T09:00:00.000Z' });
    await post(`${ERP}/Notes`, { dataAreaId: 'usmf', NoteId: 'US-NNEW2', RefTable: 'Asset', RefKey: 'US-ANEW1', Title: 'Commissioning', Body: 'x'.repeat(5000) });
    await settle();
    const assetId = await asset('US-ANEW1');
    expect(await get(`${CRM}/msdyn_customerassets(${assetId})`)).toMatchObject({ msdyn_name: 'New press', msdyn_account: await account('US-000002'), msdyn_product: await product('P-1001'), msdyn_installdate: '2026-10-01', statecode: 0 });
    expect(await get(`${CRM}/msdyn_workorders(msdyn_name='US-SONEW1',msdyn_company=${field.usmf})`)).toMatchObject({ msdyn_customerasset: assetId, msdyn_systemstatus: 690970001, msdyn_timefrompromised: '2026-12-01T09:00:00.000Z' });
    expect(await get(`${CRM}/annotations(msdyn_noteid='US-NNEW2',msdyn_company=${field.usmf})`)).toMatchObject({ objectid: assetId, objecttypecode: 'msdyn_customerasset', notetext: 'x'.repeat(5000) });
  });
});
