/**
 * The reference-data maps of the standard catalog through the engine against the real
 * server (demo seed): a back-office edit on one side reaches the other side through the
 * engine's pull → mirror → push; one-way maps (units, products, exchange rates, on-hand
 * inventory, invoices and their lines) and one-way fields (loyalty points, sales order and quotation totals and line
 * amounts) carry ERP edits to the CRM and never write a CRM edit back. Circular references
 * (a customer's primary contact) arrive in two passes; a customer's several postal and
 * electronic addresses travel both ways, every validity period with them; price lists go
 * ERP → CRM and the on-demand price is the same online and offline; activities go to the
 * CRM table of their type and back, regarding what they are about.
 *
 * Company-specific maps run in an agent's engine (agent.usmf). Global sets (units, unit
 * conversions, exchange rates) are reference data only administrators and back-office users
 * may write, so their maps run in a back-office user's engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from '../support/engine.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';
import type { Body, TwoWayCase } from '../support/back-office.ts';
import { backOffice } from '../support/back-office.ts';

let server: TestServer;
let usmf: string;

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'demo' });
  usmf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`)).body.value[0].cdm_companyid;
});
afterAll(() => server.stop());

const { get, patch, post, guidOf, checkTwoWay } = backOffice(() => server);

describe('company-specific reference maps, through an agent’s engine', () => {
  let e: TestEngine;
  beforeAll(async () => {
    e = await startEngine(server, 'agent.usmf');
  });
  afterAll(() => e.close());

  const vendorGroup = (id: string) => guidOf('msdyn_vendorgroups', `msdyn_vendorgroup eq '${id}' and msdyn_company eq ${usmf}`, 'msdyn_vendorgroupid');
  const term = (name: string) => guidOf('msdyn_paymentterms', `msdyn_name eq '${name}' and msdyn_company eq ${usmf}`, 'msdyn_paymenttermid');
  const currency = (code: string) => guidOf('transactioncurrencies', `isocurrencycode eq '${code}'`, 'transactioncurrencyid');

  const cases: TwoWayCase[] = [
    {
      map: 'payment-terms',
      erpPath: () => `${ERP}/PaymentTerms(dataAreaId='usmf',Name='Net45')`,
      crmPath: () => `${CRM}/msdyn_paymentterms(msdyn_name='Net45',msdyn_company=${usmf})`,
      erpEdit: () => ({ Description: 'Net 45 days (changed in the ERP)', NumberOfDays: 46, PaymentMethodType: 'CurrentMonth' }),
      crmExpect: () => ({ msdyn_description: 'Net 45 days (changed in the ERP)', msdyn_numberofdays: 46, msdyn_paymentmethodtype: 192350001 }),
      crmEdit: () => ({ msdyn_description: 'Net 45 days (changed in the CRM)', msdyn_iscashpayment: true, msdyn_numberofmonths: 1 }),
      erpExpect: () => ({ Description: 'Net 45 days (changed in the CRM)', IsCashPayment: 'Yes', NumberOfMonths: 1, NumberOfDays: 46 }),
    },
    {
      map: 'payment-methods',
      erpPath: () => `${ERP}/CustomerPaymentMethods(dataAreaId='usmf',Name='CHECK')`,
      crmPath: () => `${CRM}/msdyn_customerpaymentmethods(msdyn_name='CHECK',msdyn_company=${usmf})`,
      erpEdit: () => ({ Description: 'Paper check', PaymentType: 'Other' }),
      crmExpect: () => ({ msdyn_description: 'Paper check', msdyn_paymenttype: 192350000 }),
      crmEdit: () => ({ msdyn_accounttype: 192350000, msdyn_description: 'Check (posted to ledger)' }),
      erpExpect: () => ({ AccountType: 'Ledger', Description: 'Check (posted to ledger)', PaymentType: 'Other' }),
    },
    {
      map: 'vendor-groups',
      erpPath: () => `${ERP}/VendorGroups(dataAreaId='usmf',VendorGroupId='20')`,
      crmPath: () => `${CRM}/msdyn_vendorgroups(msdyn_vendorgroup='20',msdyn_company=${usmf})`,
      erpEdit: () => ({ Description: 'Service providers (ERP)', DefaultPaymentTermName: 'Net60' }),
      crmExpect: async () => ({ msdyn_description: 'Service providers (ERP)', msdyn_paymenttermid: await term('Net60') }),
      crmEdit: async () => ({ msdyn_description: 'Service providers (CRM)', msdyn_paymenttermid: await term('COD') }),
      erpExpect: () => ({ Description: 'Service providers (CRM)', DefaultPaymentTermName: 'COD' }),
    },
    {
      map: 'vendors',
      erpPath: () => `${ERP}/VendorsV2(dataAreaId='usmf',VendorAccountNumber='US-V00001')`,
      crmPath: () => `${CRM}/msdyn_vendors(msdyn_vendoraccountnumber='US-V00001',msdyn_company=${usmf})`,
      erpEdit: () => ({ VendorOrganizationName: 'Renamed in the ERP Ltd', OnHoldStatus: 'All', CurrencyCode: 'EUR', PaymentTermsName: 'Net10' }),
      crmExpect: async () => ({
        msdyn_vendorname: 'Renamed in the ERP Ltd',
        msdyn_vendorhold: 806380002,
        transactioncurrencyid: await currency('EUR'),
        msdyn_paymenttermid: await term('Net10'),
      }),
      crmEdit: async () => ({ msdyn_primaryphonenumber: '+1 555 0111', msdyn_vendorgroupid: await vendorGroup('40'), msdyn_addresscity: 'Spokane' }),
      erpExpect: () => ({ PrimaryPhoneNumber: '+1 555 0111', VendorGroupId: '40', AddressCity: 'Spokane', VendorOrganizationName: 'Renamed in the ERP Ltd' }),
    },
  ];

  it.each(cases.map((c) => [c.map, c] as const))('%s: an ERP edit reaches the CRM, a CRM edit reaches the ERP', (_, c) => checkTwoWay(e, c));

  it('products (one way): an ERP edit reaches the CRM with all 10 decimals; a CRM edit does not go back', async () => {
    const erpPath = `${ERP}/ReleasedProducts(dataAreaId='usmf',ItemNumber='P-1001')`;
    const crmPath = `${CRM}/products(productnumber='P-1001',msdyn_company=${usmf})`;
    await patch(erpPath, { ProductName: 'Renamed in the ERP', SalesPrice: '12.0123456789', SalesUnitSymbol: 'box' });
    await e.engine.syncNow();
    expect(await get(crmPath)).toMatchObject({ name: 'Renamed in the ERP', price: '12.0123456789', defaultuomid: await guidOf('uoms', "msdyn_symbol eq 'box'", 'uomid') });

    await patch(crmPath, { name: 'Renamed in the CRM', description: 'CRM only' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(erpPath)).toMatchObject({ ProductName: 'Renamed in the ERP', SalesPrice: '12.0123456789' });
    expect(await get(crmPath)).toMatchObject({ name: 'Renamed in the CRM', description: 'CRM only' });
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('a vendor created through engine.write on the CRM side appears in both stores', async () => {
    const values = {
      msdyn_vendoraccountnumber: 'US-VNEW1',
      msdyn_vendorname: 'Fresh Supplies Inc',
      msdyn_company: usmf,
      msdyn_vendorgroupid: await vendorGroup('10'),
      transactioncurrencyid: await currency('USD'),
      msdyn_paymenttermid: await term('Net30'),
      msdyn_vendorhold: 806380000,
      msdyn_primaryemailaddress: 'ap@fresh.example',
      msdyn_addresscity: 'Bellevue',
    };
    const created = await e.engine.write({ side: 'crm', set: 'msdyn_vendors', key: null, kind: 'upsert', values, description: 'new vendor' });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect((await e.engine.status()).pending).toBe(0);
    expect(await get(`${CRM}/msdyn_vendors(msdyn_vendoraccountnumber='US-VNEW1',msdyn_company=${usmf})`)).toMatchObject({ ...values, modifiedby: 'agent.usmf' });
    expect(await get(`${ERP}/VendorsV2(dataAreaId='usmf',VendorAccountNumber='US-VNEW1')`)).toMatchObject({
      VendorOrganizationName: 'Fresh Supplies Inc',
      VendorGroupId: '10',
      CurrencyCode: 'USD',
      PaymentTermsName: 'Net30',
      OnHoldStatus: 'No',
      PrimaryEmailAddress: 'ap@fresh.example',
      AddressCity: 'Bellevue',
      ModifiedBy: 'agent.usmf',
    });
    const count = await server.request('GET', `${CRM}/msdyn_vendors/$count?$filter=msdyn_vendoraccountnumber eq 'US-VNEW1'`);
    expect(count.text).toBe('1');
  });
});

describe('a customer’s primary contact (circular, two passes), through an agent’s engine', () => {
  let e: TestEngine;
  beforeAll(async () => {
    e = await startEngine(server, 'agent.usmf');
  });
  afterAll(() => e.close());

  const customerErp = `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='US-900101')`;
  const accountCrm = () => `${CRM}/accounts(accountnumber='US-900101',msdyn_company=${usmf})`;
  const contact = (id: string) => guidOf('contacts', `msdyn_contactpersonid eq '${id}' and msdyn_company eq ${usmf}`, 'contactid');
  const person = (n: number, LastName: string) => ({ dataAreaId: 'usmf', ContactPersonId: `CP-US-900101-${n}`, FirstName: 'Rae', LastName, CustomerAccount: 'US-900101' });

  it('a customer and its contact person created in the back office arrive in the CRM with the primary contact set in a second pass', async () => {
    const { CustomerGroupId } = await get(`${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='US-000001')`);
    await post(`${ERP}/CustomersV3`, { dataAreaId: 'usmf', CustomerAccount: 'US-900101', PartyType: 'Organization', OrganizationName: 'Circular Traders', CustomerGroupId, SalesCurrencyCode: 'USD' });
    await post(`${ERP}/ContactPersons`, person(1, 'Primary'));
    await post(`${ERP}/ContactPersons`, person(2, 'Deputy'));
    await patch(customerErp, { ContactPersonId: 'CP-US-900101-1' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    const account = await get(accountCrm());
    expect(account).toMatchObject({ name: 'Circular Traders', primarycontactid: await contact('CP-US-900101-1'), modifiedby: 'agent.usmf' });
    expect(await get(`${CRM}/contacts(${await contact('CP-US-900101-1')})`)).toMatchObject({ parentcustomerid: account['accountid'], lastname: 'Primary' });
    expect(await e.engine.errors()).toEqual([]);
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('a CRM change of the primary contact reaches the ERP as its contact person id', async () => {
    await patch(accountCrm(), { primarycontactid: await contact('CP-US-900101-2') });
    await e.engine.syncNow();
    expect(await get(customerErp)).toMatchObject({ ContactPersonId: 'CP-US-900101-2', ModifiedBy: 'agent.usmf' });
    await patch(customerErp, { ContactPersonId: null });
    await e.engine.syncNow();
    expect(await get(accountCrm())).toMatchObject({ primarycontactid: null });
    expect((await e.engine.status()).pending).toBe(0);
  });
});

describe('on-hand inventory and loyalty cards, through an agent’s engine', () => {
  let e: TestEngine;
  beforeAll(async () => {
    e = await startEngine(server, 'agent.usmf');
  });
  afterAll(() => e.close());

  it('inventory-onhand (one way): an ERP on-hand change reaches the CRM exactly; a CRM edit does not go back', async () => {
    const erpPath = `${ERP}/InventoryOnHand(dataAreaId='usmf',ItemNumber='P-1002',SiteId='1',WarehouseId='11')`;
    const crmPath = `${CRM}/msdyn_inventoryonhandentries(msdyn_itemnumber='P-1002',msdyn_site='1',msdyn_warehouse='11',msdyn_company=${usmf})`;
    await patch(erpPath, { AvailableQuantity: '1234.567891', OnHandQuantity: '1300.000001' });
    await e.engine.syncNow();
    expect(await get(crmPath)).toMatchObject({
      msdyn_availablequantity: '1234.567891',
      msdyn_onhandquantity: '1300.000001',
      msdyn_product: await guidOf('products', `productnumber eq 'P-1002' and msdyn_company eq ${usmf}`, 'productid'),
      modifiedby: 'agent.usmf',
    });

    await patch(crmPath, { msdyn_onhandquantity: '1' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(erpPath)).toMatchObject({ AvailableQuantity: '1234.567891', OnHandQuantity: '1300.000001' });
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('loyalty-cards: a tier set on the CRM by the agent reaches the ERP through the value map; points travel ERP → CRM only', async () => {
    const erpPath = `${ERP}/LoyaltyCards(dataAreaId='usmf',CardNumber='US-LC000001')`;
    const crmPath = `${CRM}/msdyn_loyaltycards(msdyn_cardnumber='US-LC000001',msdyn_company=${usmf})`;
    const id = (await get(crmPath))['msdyn_loyaltycardid'] as string;
    const written = await e.engine.write({ side: 'crm', set: 'msdyn_loyaltycards', key: { msdyn_loyaltycardid: id }, kind: 'upsert', values: { msdyn_tier: 192350002 }, description: 'tier Gold' });
    expect(written.ok, JSON.stringify(written)).toBe(true);
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(erpPath)).toMatchObject({ Tier: 'Gold', ModifiedBy: 'agent.usmf' });

    await patch(erpPath, { Points: 4321 });
    await e.engine.syncNow();
    expect(await get(crmPath)).toMatchObject({ msdyn_points: 4321, msdyn_tier: 192350002 });

    await patch(crmPath, { msdyn_points: 99 });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(erpPath)).toMatchObject({ Points: 4321, Tier: 'Gold' });
    expect(await get(crmPath)).toMatchObject({ msdyn_points: 99 });
    expect((await e.engine.status()).pending).toBe(0);
  });
});

describe('sales orders and lines, through an agent’s engine', () => {
  let e: TestEngine;
  beforeAll(async () => {
    e = await startEngine(server, 'agent.usmf');
  });
  afterAll(() => e.close());

  const headerErp = `${ERP}/SalesOrderHeaders(dataAreaId='usmf',SalesOrderNumber='US-SO000001')`;
  const headerCrm = () => `${CRM}/salesorders(msdyn_salesordernumber='US-SO000001',msdyn_company=${usmf})`;
  const account = (number: string) => guidOf('accounts', `accountnumber eq '${number}' and msdyn_company eq ${usmf}`, 'accountid');
  const currency = (code: string) => guidOf('transactioncurrencies', `isocurrencycode eq '${code}'`, 'transactioncurrencyid');

  it('sales-orders: an ERP edit reaches the CRM, a CRM edit reaches the ERP', () =>
    checkTwoWay(e, {
      map: 'sales-orders',
      erpPath: () => headerErp,
      crmPath: headerCrm,
      erpEdit: () => ({ OrderingCustomerAccountNumber: 'US-000002', RequestedShippingDate: '2027-01-15', DeliveryAddressStreet: '7 Dock Road', SalesOrderProcessingStatus: 'Delivered' }),
      crmExpect: async (): Promise<Body> => ({
        customerid: await account('US-000002'),
        requestdeliveryby: '2027-01-15',
        shipto_line1: '7 Dock Road',
        msdyn_processingstatus: 192350002,
        msdyn_ordertype: 192350000,
      }),
      crmEdit: async (): Promise<Body> => ({ customerid: await account('US-000001'), transactioncurrencyid: await currency('EUR'), shipto_city: 'Lakeside', shipto_postalcode: '54321', msdyn_processingstatus: 192350003 }),
      erpExpect: () => ({ OrderingCustomerAccountNumber: 'US-000001', CurrencyCode: 'EUR', DeliveryAddressCity: 'Lakeside', DeliveryAddressZipCode: '54321', SalesOrderProcessingStatus: 'Invoiced', DeliveryAddressStreet: '7 Dock Road' }),
    }));

  it('sales-orders: totals travel ERP → CRM only, exactly', async () => {
    await patch(headerErp, { OrderTotalAmount: '12345.67', TotalDiscountAmount: '10.5', OrderTotalTaxAmount: '987.65' });
    await e.engine.syncNow();
    expect(await get(headerCrm())).toMatchObject({ totalamount: '12345.67', discountamount: '10.5', totaltax: '987.65', modifiedby: 'agent.usmf' });

    await patch(headerCrm(), { totalamount: '1', totaltax: '2' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(headerErp)).toMatchObject({ OrderTotalAmount: '12345.67', TotalDiscountAmount: '10.5', OrderTotalTaxAmount: '987.65' });
    expect(await get(headerCrm())).toMatchObject({ totalamount: '1', totaltax: '2' });
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('sales-order-lines: a quantity edited on the CRM reaches the ERP exactly; the line amount travels ERP → CRM only', async () => {
    const erpPath = `${ERP}/SalesOrderLines(dataAreaId='usmf',SalesOrderNumber='US-SO000002',LineNumber=2)`;
    const crmPath = `${CRM}/salesorderdetails(msdyn_salesordernumber='US-SO000002',msdyn_linenumber=2,msdyn_company=${usmf})`;
    const before = await get(erpPath);
    await patch(crmPath, { quantity: '3.141593', priceperunit: '0.0123456789' });
    await e.engine.syncNow();
    expect(await get(erpPath)).toMatchObject({ OrderedSalesQuantity: '3.141593', SalesPrice: '0.0123456789', LineAmount: before['LineAmount'], ModifiedBy: 'agent.usmf' });

    await patch(erpPath, { LineAmount: '0.04' });
    await e.engine.syncNow();
    expect(await get(crmPath)).toMatchObject({
      extendedamount: '0.04',
      quantity: '3.141593',
      salesorderid: await guidOf('salesorders', `msdyn_salesordernumber eq 'US-SO000002' and msdyn_company eq ${usmf}`, 'salesorderid'),
      modifiedby: 'agent.usmf',
    });

    await patch(crmPath, { extendedamount: '99' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(erpPath)).toMatchObject({ LineAmount: '0.04', OrderedSalesQuantity: '3.141593' });
    expect((await e.engine.status()).pending).toBe(0);
  });
});

describe('sales quotations and lines, through an agent’s engine', () => {
  let e: TestEngine;
  beforeAll(async () => {
    e = await startEngine(server, 'agent.usmf');
  });
  afterAll(() => e.close());

  const headerErp = `${ERP}/SalesQuotationHeadersV2(dataAreaId='usmf',SalesQuotationNumber='US-SQ000001')`;
  const headerCrm = () => `${CRM}/quotes(quotenumber='US-SQ000001',msdyn_company=${usmf})`;
  const account = (number: string) => guidOf('accounts', `accountnumber eq '${number}' and msdyn_company eq ${usmf}`, 'accountid');
  const currency = (code: string) => guidOf('transactioncurrencies', `isocurrencycode eq '${code}'`, 'transactioncurrencyid');

  it('sales-quotes: an ERP edit reaches the CRM, a CRM edit reaches the ERP', () =>
    checkTwoWay(e, {
      map: 'sales-quotes',
      erpPath: () => headerErp,
      crmPath: headerCrm,
      erpEdit: () => ({ RequestingCustomerAccountNumber: 'US-000001', SalesQuotationName: 'Refit, phase 2', SalesQuotationExpiryDate: '2027-02-28', SalesQuotationStatus: 'Confirmed' }),
      crmExpect: async (): Promise<Body> => ({ customerid: await account('US-000001'), name: 'Refit, phase 2', effectiveto: '2027-02-28', msdyn_quotationstatus: 192350002 }),
      crmEdit: async (): Promise<Body> => ({ transactioncurrencyid: await currency('EUR'), requestdeliveryby: '2027-03-01', msdyn_quotationstatus: 192350001 }),
      erpExpect: () => ({ CurrencyCode: 'EUR', RequestedShippingDate: '2027-03-01', SalesQuotationStatus: 'Sent', SalesQuotationName: 'Refit, phase 2', RequestingCustomerAccountNumber: 'US-000001' }),
    }));

  it('sales-quotes: totals travel ERP → CRM only, exactly', async () => {
    await patch(headerErp, { QuotationTotalAmount: '9876.5432', TotalDiscountAmount: '0.01', TotalTaxAmount: '731.6' });
    await e.engine.syncNow();
    expect(await get(headerCrm())).toMatchObject({ totalamount: '9876.5432', discountamount: '0.01', totaltax: '731.6', modifiedby: 'agent.usmf' });

    await patch(headerCrm(), { totalamount: '1', discountamount: '2' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(headerErp)).toMatchObject({ QuotationTotalAmount: '9876.5432', TotalDiscountAmount: '0.01', TotalTaxAmount: '731.6' });
    expect(await get(headerCrm())).toMatchObject({ totalamount: '1', discountamount: '2' });
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('sales-quote-lines: an agent’s offline edit of quantity, price and description reaches both stores; the line amount travels ERP → CRM only', async () => {
    const erpPath = `${ERP}/SalesQuotationLinesV2(dataAreaId='usmf',SalesQuotationNumber='US-SQ000002',LineNumber=2)`;
    const crmPath = `${CRM}/quotedetails(msdyn_quotenumber='US-SQ000002',msdyn_linenumber=2,msdyn_company=${usmf})`;
    const before = await get(erpPath);
    const id = (await get(crmPath))['quotedetailid'] as string;
    const values = { quantity: '12.000001', priceperunit: '0.0000000001', description: 'Agreed on site: deliver in two drops' };
    e.network.online = false;
    const written = await e.engine.write({ side: 'crm', set: 'quotedetails', key: { quotedetailid: id }, kind: 'upsert', values, description: 'quote line' });
    expect(written.ok, JSON.stringify(written)).toBe(true);
    await e.engine.syncNow();
    expect((await e.engine.status()).pending).toBe(1);
    expect(await get(erpPath)).toMatchObject({ RequestedSalesQuantity: before['RequestedSalesQuantity'] });

    e.network.online = true;
    await e.engine.syncNow();
    expect((await e.engine.status()).pending).toBe(0);
    expect(await get(crmPath)).toMatchObject({ ...values, modifiedby: 'agent.usmf' });
    expect(await get(erpPath)).toMatchObject({
      RequestedSalesQuantity: '12.000001',
      SalesPrice: '0.0000000001',
      LineDescription: 'Agreed on site: deliver in two drops',
      LineAmount: before['LineAmount'],
      ModifiedBy: 'agent.usmf',
    });

    await patch(erpPath, { LineAmount: '0.0012' });
    await e.engine.syncNow();
    expect(await get(crmPath)).toMatchObject({
      extendedamount: '0.0012',
      quoteid: await guidOf('quotes', `quotenumber eq 'US-SQ000002' and msdyn_company eq ${usmf}`, 'quoteid'),
    });
    await patch(crmPath, { extendedamount: '99' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(erpPath)).toMatchObject({ LineAmount: '0.0012', RequestedSalesQuantity: '12.000001' });
    expect((await e.engine.status()).pending).toBe(0);
  });
});

describe('invoices and lines (ERP → CRM), through an agent’s engine', () => {
  let e: TestEngine;
  beforeAll(async () => {
    e = await startEngine(server, 'agent.usmf');
  });
  afterAll(() => e.close());

  const headerErp = `${ERP}/SalesInvoiceHeadersV2(dataAreaId='usmf',InvoiceNumber='US-INV900001')`;
  const lineErp = `${ERP}/SalesInvoiceLines(dataAreaId='usmf',InvoiceNumber='US-INV900001',LineNumber=1)`;
  const headerCrm = () => `${CRM}/invoices(invoicenumber='US-INV900001',msdyn_company=${usmf})`;
  const lineCrm = () => `${CRM}/invoicedetails(msdyn_invoicenumber='US-INV900001',msdyn_linenumber=1,msdyn_company=${usmf})`;
  const invoice = {
    dataAreaId: 'usmf',
    InvoiceNumber: 'US-INV900001',
    InvoiceCustomerAccountNumber: 'US-000002',
    SalesOrderNumber: 'US-SO000003',
    InvoiceDate: '2026-10-30',
    DueDate: '2026-11-29',
    CurrencyCode: 'USD',
    TotalInvoiceAmount: '1333.3334',
    TotalDiscountAmount: '0.0001',
    TotalTaxAmount: '98.7655',
  };
  const line = { dataAreaId: 'usmf', InvoiceNumber: 'US-INV900001', LineNumber: 1, ItemNumber: 'P-1001', InvoicedQuantity: '2.123457', SalesUnitSymbol: 'ea', SalesPrice: '581.4321000001', LineAmount: '1234.568' };

  it('an invoice posted in the ERP back office arrives in the CRM with every decimal, linked to its order', async () => {
    await post(`${ERP}/SalesInvoiceHeadersV2`, invoice);
    await post(`${ERP}/SalesInvoiceLines`, line);
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect((await e.engine.status()).pending).toBe(0);
    expect(await get(headerCrm())).toMatchObject({
      customerid: await guidOf('accounts', `accountnumber eq 'US-000002' and msdyn_company eq ${usmf}`, 'accountid'),
      salesorderid: await guidOf('salesorders', `msdyn_salesordernumber eq 'US-SO000003' and msdyn_company eq ${usmf}`, 'salesorderid'),
      transactioncurrencyid: await guidOf('transactioncurrencies', "isocurrencycode eq 'USD'", 'transactioncurrencyid'),
      msdyn_invoicedate: '2026-10-30',
      duedate: '2026-11-29',
      totalamount: '1333.3334',
      discountamount: '0.0001',
      totaltax: '98.7655',
      modifiedby: 'agent.usmf',
    });
    expect(await get(lineCrm())).toMatchObject({
      invoiceid: (await get(headerCrm()))['invoiceid'],
      productid: await guidOf('products', `productnumber eq 'P-1001' and msdyn_company eq ${usmf}`, 'productid'),
      uomid: await guidOf('uoms', "msdyn_symbol eq 'ea'", 'uomid'),
      quantity: '2.123457',
      priceperunit: '581.4321000001',
      extendedamount: '1234.568',
    });
  });

  it('one way: a back-office change reaches the CRM; a CRM edit of an invoice never flows back', async () => {
    await patch(headerErp, { DueDate: '2026-12-31', TotalTaxAmount: '98.7' });
    await e.engine.syncNow();
    expect(await get(headerCrm())).toMatchObject({ duedate: '2026-12-31', totaltax: '98.7' });

    await patch(headerCrm(), { duedate: '2027-06-30', totalamount: '1' });
    await patch(lineCrm(), { quantity: '99', priceperunit: '1' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(headerErp)).toMatchObject({ DueDate: '2026-12-31', TotalInvoiceAmount: '1333.3334', TotalTaxAmount: '98.7' });
    expect(await get(lineErp)).toMatchObject({ InvoicedQuantity: '2.123457', SalesPrice: '581.4321000001' });
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('a seeded free-text invoice has no sales order in the CRM either', async () => {
    expect(await get(`${CRM}/invoices(invoicenumber='US-INV000002',msdyn_company=${usmf})`)).toMatchObject({ salesorderid: null });
    expect(await get(`${ERP}/SalesInvoiceHeadersV2(dataAreaId='usmf',InvoiceNumber='US-INV000002')`)).toMatchObject({ SalesOrderNumber: null });
  });
});

describe('party postal and electronic addresses, through an agent’s engine', () => {
  let e: TestEngine;
  beforeAll(async () => {
    e = await startEngine(server, 'agent.usmf');
  });
  afterAll(() => e.close());

  const postalErp = (account: string, location: string) => `${ERP}/CustomerPostalAddresses(dataAreaId='usmf',CustomerAccount='${account}',LocationId='${location}')`;
  const postalCrm = (account: string, location: string) => `${CRM}/msdyn_partypostaladdresses(msdyn_customeraccount='${account}',msdyn_locationid='${location}',msdyn_company=${usmf})`;
  const electronicErp = (location: string) => `${ERP}/CustomerElectronicAddresses(dataAreaId='usmf',CustomerAccount='US-000002',LocationId='${location}')`;
  const electronicCrm = (location: string) => `${CRM}/msdyn_partyelectronicaddresses(msdyn_customeraccount='US-000002',msdyn_locationid='${location}',msdyn_company=${usmf})`;
  const account = (number: string) => guidOf('accounts', `accountnumber eq '${number}' and msdyn_company eq ${usmf}`, 'accountid');
  const postal = (account: string, LocationId: string, extra: Body) => ({ dataAreaId: 'usmf', CustomerAccount: account, LocationId, AddressStreet: '1 Harbour Way', AddressCity: 'Tacoma', AddressCountryRegionId: 'USA', ...extra });

  it('several addresses of one customer created in the ERP arrive in the CRM, each period with it (a future one too, the open end empty)', async () => {
    await post(`${ERP}/CustomerPostalAddresses`, postal('US-000001', 'US-L900001', { Purpose: 'Delivery', ValidFrom: '2026-01-01' }));
    await post(`${ERP}/CustomerPostalAddresses`, postal('US-000001', 'US-L900002', { Purpose: 'Invoice', IsPrimary: 'Yes', ValidFrom: '2027-07-01', ValidTo: '2028-01-01' }));
    await e.engine.syncNow();
    const owner = await account('US-000001');
    expect(await get(postalCrm('US-000001', 'US-L900001'))).toMatchObject({ msdyn_customerid: owner, msdyn_customertype: 'account', msdyn_purpose: 192350001, msdyn_isprimary: false, msdyn_street: '1 Harbour Way', msdyn_validfrom: '2026-01-01', msdyn_validto: null, modifiedby: 'agent.usmf' });
    expect(await get(postalCrm('US-000001', 'US-L900002'))).toMatchObject({ msdyn_customerid: owner, msdyn_purpose: 192350002, msdyn_isprimary: true, msdyn_validfrom: '2027-07-01', msdyn_validto: '2028-01-01' });
    const all = await server.request('GET', `${CRM}/msdyn_partypostaladdresses?$filter=${encodeURIComponent(`msdyn_customerid eq ${owner}`)}`);
    expect((all.body.value as Body[]).length).toBe(5);
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('a person customer’s address points at the person’s contact', async () => {
    const person = await server.request('GET', `${CRM}/contacts?$filter=${encodeURIComponent(`msdyn_sellable eq true and msdyn_company eq ${usmf}`)}&$top=1`);
    const contact = person.body.value[0] as Body;
    const number = String(contact['msdyn_contactpersonid']);
    await post(`${ERP}/CustomerPostalAddresses`, postal(number, 'US-L900003', { Purpose: 'Home', IsPrimary: 'Yes', ValidFrom: '2025-03-01' }));
    await e.engine.syncNow();
    expect(await get(postalCrm(number, 'US-L900003'))).toMatchObject({ msdyn_customerid: contact['contactid'], msdyn_customertype: 'contact', msdyn_purpose: 192350003 });
  });

  it('party-postal-addresses: a CRM edit of purpose, primary flag and validity reaches the ERP; an empty end is "never" there', () =>
    checkTwoWay(e, {
      map: 'party-postal-addresses',
      erpPath: () => postalErp('US-000001', 'US-L000002'),
      crmPath: () => postalCrm('US-000001', 'US-L000002'),
      erpEdit: () => ({ AddressStreet: '9 Ledger Lane', ValidTo: '2027-03-31' }),
      crmExpect: () => ({ msdyn_street: '9 Ledger Lane', msdyn_validto: '2027-03-31' }),
      crmEdit: () => ({ msdyn_purpose: 192350000, msdyn_isprimary: true, msdyn_validto: null, msdyn_city: 'Bellevue' }),
      erpExpect: () => ({ Purpose: 'Business', IsPrimary: 'Yes', ValidTo: '2154-12-31', AddressCity: 'Bellevue', AddressStreet: '9 Ledger Lane' }),
    }));

  it('party-electronic-addresses: the type travels by value map both ways with the locator and extension', () =>
    checkTwoWay(e, {
      map: 'party-electronic-addresses',
      erpPath: () => electronicErp('US-E000005'),
      crmPath: () => electronicCrm('US-E000005'),
      erpEdit: () => ({ Locator: 'sales@example.com', Description: 'Sales desk' }),
      crmExpect: () => ({ msdyn_electronicaddress: 'sales@example.com', msdyn_name: 'Sales desk', msdyn_type: 192350001 }),
      crmEdit: () => ({ msdyn_type: 192350000, msdyn_electronicaddress: '+1 425 555 0123', msdyn_extension: '42' }),
      erpExpect: () => ({ Type: 'Phone', Locator: '+1 425 555 0123', LocatorExtension: '42', Description: 'Sales desk' }),
    }));

  it('an electronic address added in the CRM reaches the ERP beside the others', async () => {
    await server.request('POST', `${CRM}/msdyn_partyelectronicaddresses`, {
      as: 'backoffice',
      body: { msdyn_customeraccount: 'US-000002', msdyn_locationid: 'US-E900001', msdyn_company: usmf, msdyn_customerid: await account('US-000002'), msdyn_customertype: 'account', msdyn_type: 192350002, msdyn_electronicaddress: 'https://shop.example.com', msdyn_purpose: 192350004 },
    });
    await e.engine.syncNow();
    expect(await get(electronicErp('US-E900001'))).toMatchObject({ Type: 'URL', Locator: 'https://shop.example.com', Purpose: 'Other', IsPrimary: 'No', ModifiedBy: 'agent.usmf' });
    const all = await server.request('GET', `${ERP}/CustomerElectronicAddresses?$filter=${encodeURIComponent("dataAreaId eq 'usmf' and CustomerAccount eq 'US-000002'")}`);
    // the seeded phone, the e-mail address the CRM made a phone above, the web site, the new URL
    expect((all.body.value as Body[]).map((r) => r['Type'])).toEqual(['Phone', 'Phone', 'URL', 'URL']);
    expect((await e.engine.status()).pending).toBe(0);
  });
});

describe('price lists (ERP → CRM) and the on-demand price, through an agent’s engine', () => {
  let e: TestEngine;
  beforeAll(async () => {
    e = await startEngine(server, 'agent.usmf');
  });
  afterAll(() => e.close());

  const agreement = {
    dataAreaId: 'usmf',
    AgreementLineId: 'US-PA900001',
    PriceListId: 'US-KEY',
    AccountCode: 'Table',
    AccountRelation: 'US-000002',
    ItemNumber: 'P-1002',
    CurrencyCode: 'USD',
    QuantityFrom: '2.5',
    Price: '7.1234567891',
    ValidFrom: '2026-01-01',
    ValidTo: '2027-01-01',
  };
  const itemCrm = () => `${CRM}/productpricelevels(msdyn_agreementlineid='US-PA900001',msdyn_company=${usmf})`;
  const itemErp = `${ERP}/SalesPriceAgreements(dataAreaId='usmf',AgreementLineId='US-PA900001')`;
  const question = { dataAreaId: 'usmf', CustomerAccount: 'US-000002', ItemNumber: 'P-1002', Quantity: '3.333333', UnitSymbol: 'ea', CurrencyCode: 'USD', Date: '2026-06-30' };

  it('an agreement line added in the ERP reaches the CRM price list with every decimal, its period and its customer; a CRM edit does not go back', async () => {
    const { SalesUnitSymbol } = await get(`${ERP}/ReleasedProducts(dataAreaId='usmf',ItemNumber='P-1002')`);
    await post(`${ERP}/SalesPriceAgreements`, { ...agreement, UnitSymbol: SalesUnitSymbol });
    await e.engine.syncNow();
    expect(await get(itemCrm())).toMatchObject({
      pricelevelid: await guidOf('pricelevels', `name eq 'US-KEY' and msdyn_company eq ${usmf}`, 'pricelevelid'),
      productid: await guidOf('products', `productnumber eq 'P-1002' and msdyn_company eq ${usmf}`, 'productid'),
      uomid: await guidOf('uoms', `msdyn_symbol eq '${String(SalesUnitSymbol)}'`, 'uomid'),
      msdyn_accountcode: 192350000,
      msdyn_accountrelation: 'US-000002',
      msdyn_quantityfrom: '2.5',
      amount: '7.1234567891',
      msdyn_validfrom: '2026-01-01',
      msdyn_validto: '2027-01-01',
      modifiedby: 'agent.usmf',
    });
    await patch(itemCrm(), { amount: '1' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(itemErp)).toMatchObject({ Price: '7.1234567891' });
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('salesPrice: the ERP’s answer online, the same price computed from the replica offline, marked local with its age', async () => {
    const { SalesUnitSymbol } = await get(`${ERP}/ReleasedProducts(dataAreaId='usmf',ItemNumber='P-1002')`);
    const input = { ...question, UnitSymbol: String(SalesUnitSymbol) };
    const online = await e.engine.salesPrice(input);
    expect(online).toMatchObject({ ok: true, value: { source: 'erp', AgreementLineId: 'US-PA900001', Price: '7.1234567891', LineAmount: '23.7448535891810703' } });
    const seeded = await e.engine.salesPrice({ ...input, Quantity: '1' });
    expect(seeded).toMatchObject({ ok: true, value: { source: 'erp', AccountCode: 'All' } });

    e.network.online = false;
    try {
      for (const [asked, answer] of [[input, online], [{ ...input, Quantity: '1' }, seeded]] as const) {
        const local = await e.engine.salesPrice(asked);
        if (!local.ok || !answer.ok) throw new Error('no price');
        const { source: _s, asOf: _a, ageSeconds: _g, ...price } = answer.value;
        expect(local.value).toMatchObject({ ...price, source: 'local' });
        expect(local.value.asOf).not.toBeNull();
        expect(local.value.ageSeconds).toBeGreaterThanOrEqual(0);
      }
      expect(await e.engine.salesPrice({ ...input, Quantity: '2.5', Date: '2027-01-01' })).toMatchObject({ ok: true, value: { source: 'local', AccountCode: 'All' } });
      expect(await e.engine.salesPrice({ ...input, Quantity: 3 } as unknown as typeof input)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', details: { field: 'Quantity' } } });
    } finally {
      e.network.online = true;
    }
    expect(await e.engine.salesPrice({ ...input, dataAreaId: 'demf', CustomerAccount: 'DE-000001' })).toMatchObject({ ok: false, error: { code: 'Forbidden', details: { status: 403 } } });
  });
});

describe('activities (tasks, phone calls, appointments), through an agent’s engine', () => {
  let e: TestEngine;
  beforeAll(async () => {
    e = await startEngine(server, 'agent.usmf');
  });
  afterAll(() => e.close());

  const erpPath = (n: string) => `${ERP}/Activities(dataAreaId='usmf',ActivityNumber='${n}')`;
  const crmPath = (set: string, n: string) => `${CRM}/${set}(msdyn_activitynumber='${n}',msdyn_company=${usmf})`;
  const account = (number: string) => guidOf('accounts', `accountnumber eq '${number}' and msdyn_company eq ${usmf}`, 'accountid');

  it('a task created in the ERP regarding a service order arrives in the CRM tasks regarding its work order, due date and status with it', async () => {
    await post(`${ERP}/Activities`, { dataAreaId: 'usmf', ActivityNumber: 'US-ACT900001', ActivityType: 'Task', Purpose: 'Order the spare part', Status: 'InProgress', EndDateTime: '2026-11-20T16:00:00Z', RefTable: 'ServiceOrder', RefKey: 'US-SO00002' });
    await e.engine.syncNow();
    expect(await get(crmPath('tasks', 'US-ACT900001'))).toMatchObject({
      subject: 'Order the spare part',
      msdyn_activitystatus: 192350001,
      scheduledend: '2026-11-20T16:00:00.000Z',
      regardingobjectid: await guidOf('msdyn_workorders', `msdyn_name eq 'US-SO00002' and msdyn_company eq ${usmf}`, 'msdyn_workorderid'),
      regardingobjecttypecode: 'msdyn_workorder',
      modifiedby: 'agent.usmf',
    });
    const elsewhere = await server.request('GET', `${CRM}/phonecalls?$filter=${encodeURIComponent("msdyn_activitynumber eq 'US-ACT900001'")}`);
    expect(elsewhere.body.value).toEqual([]);
  });

  it('phone-calls: an ERP edit of status and due time reaches the CRM; a CRM edit of subject, status and regarding reaches the ERP', () =>
    checkTwoWay(e, {
      map: 'phone-calls',
      erpPath: () => erpPath('US-ACT000002'),
      crmPath: () => crmPath('phonecalls', 'US-ACT000002'),
      erpEdit: () => ({ Status: 'Completed', EndDateTime: '2026-10-30T11:15:00Z', PhoneNumber: '+1 425 555 0142' }),
      crmExpect: () => ({ msdyn_activitystatus: 192350002, scheduledend: '2026-10-30T11:15:00.000Z', phonenumber: '+1 425 555 0142' }),
      crmEdit: async (): Promise<Body> => ({ subject: 'Call back about the invoice', msdyn_activitystatus: 192350003, regardingobjectid: await account('US-000002'), regardingobjecttypecode: 'account' }),
      erpExpect: () => ({ Purpose: 'Call back about the invoice', Status: 'Cancelled', RefTable: 'Customer', RefKey: 'US-000002', ActivityType: 'PhoneCall', PhoneNumber: '+1 425 555 0142' }),
    }));

  it('an appointment created in the CRM regarding a person’s contact reaches the ERP as an Appointment regarding that customer', async () => {
    const person = (await server.request('GET', `${CRM}/contacts?$filter=${encodeURIComponent(`msdyn_sellable eq true and msdyn_company eq ${usmf}`)}&$top=1`)).body.value[0] as Body;
    const reply = await server.request('POST', `${CRM}/appointments`, {
      as: 'backoffice',
      body: { msdyn_activitynumber: 'US-ACT900002', msdyn_company: usmf, subject: 'Fitting at home', scheduledstart: '2026-12-01T09:00:00Z', scheduledend: '2026-12-01T10:00:00Z', location: 'Customer’s home', regardingobjectid: person['contactid'], regardingobjecttypecode: 'contact' },
    });
    expect(reply.status, reply.text).toBe(201);
    await e.engine.syncNow();
    expect(await get(erpPath('US-ACT900002'))).toMatchObject({
      ActivityType: 'Appointment',
      Purpose: 'Fitting at home',
      Status: 'NotStarted',
      StartDateTime: '2026-12-01T09:00:00.000Z',
      EndDateTime: '2026-12-01T10:00:00.000Z',
      Location: 'Customer’s home',
      RefTable: 'Customer',
      RefKey: person['msdyn_contactpersonid'],
      ModifiedBy: 'agent.usmf',
    });
    expect((await e.engine.status()).pending).toBe(0);
  });
});

describe('global reference maps, through a back-office user’s engine', () => {
  let e: TestEngine;
  beforeAll(async () => {
    e = await startEngine(server, 'backoffice', 'backoffice');
  });
  afterAll(() => e.close());

  const uom = (symbol: string) => guidOf('uoms', `msdyn_symbol eq '${symbol}'`, 'uomid');
  const currency = (code: string) => guidOf('transactioncurrencies', `isocurrencycode eq '${code}'`, 'transactioncurrencyid');

  it('unit-conversions: an ERP edit reaches the CRM, a CRM edit reaches the ERP (10 decimals exactly)', async () => {
    const erpPath = `${ERP}/UnitOfMeasureConversions(FromUnitSymbol='box',ToUnitSymbol='ea')`;
    const crmPath = async () => `${CRM}/msdyn_unitofmeasureconversions(msdyn_fromunit=${await uom('box')},msdyn_tounit=${await uom('ea')})`;
    await patch(erpPath, { Factor: '24', Numerator: 24, OuterOffset: '0.0000000001' });
    await e.engine.syncNow();
    expect(await get(await crmPath())).toMatchObject({ msdyn_factor: '24', msdyn_numerator: 24, msdyn_outeroffset: '0.0000000001' });

    await patch(await crmPath(), { msdyn_factor: '23.9999999999', msdyn_rounding: 192350001 });
    await e.engine.syncNow();
    expect(await get(erpPath)).toMatchObject({ Factor: '23.9999999999', Rounding: 'Up', Numerator: 24, OuterOffset: '0.0000000001' });
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('units (one way): an ERP edit reaches the CRM; a CRM edit does not go back', async () => {
    const crmPath = `${CRM}/uoms(msdyn_symbol='kg')`;
    await patch(`${ERP}/Units('kg')`, { Description: 'Kilogram (SI)', DecimalPrecision: 4 });
    await e.engine.syncNow();
    expect(await get(crmPath)).toMatchObject({ name: 'Kilogram (SI)', msdyn_decimalprecision: 4 });

    await patch(crmPath, { msdyn_externalunitclassname: 'Weight', name: 'kilo' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect(await get(`${ERP}/Units('kg')`)).toMatchObject({ UnitClass: 'Mass', Description: 'Kilogram (SI)' });
    expect(await get(crmPath)).toMatchObject({ msdyn_externalunitclassname: 'Weight', name: 'kilo' });
    expect((await e.engine.status()).pending).toBe(0);
  });

  it('exchange rates (one way, date-effective): a new period with 12 decimals arrives exactly; a CRM edit does not go back', async () => {
    const [usd, eur] = [await currency('USD'), await currency('EUR')];
    // The back office closes the open period and opens the next one.
    await patch(`${ERP}/ExchangeRates(FromCurrency='USD',ToCurrency='EUR',StartDate='2026-07-01')`, { EndDate: '2027-01-01' });
    const posted = await server.request('POST', `${ERP}/ExchangeRates`, {
      as: 'backoffice',
      body: { FromCurrency: 'USD', ToCurrency: 'EUR', StartDate: '2027-01-01', EndDate: '2154-12-31', Rate: '0.912345678901' },
    });
    expect(posted.status, posted.text).toBe(201);
    await e.engine.syncNow();
    await e.engine.syncNow();

    const rates = await server.request('GET', `${CRM}/msdyn_currencyexchangerates?$filter=${encodeURIComponent(`msdyn_fromcurrencyid eq ${usd} and msdyn_tocurrencyid eq ${eur}`)}&$orderby=msdyn_validfrom`);
    const rows = (rates.body as { value: Body[] }).value.map((r) => [r['msdyn_validfrom'], r['msdyn_validto'], r['msdyn_rate']]);
    expect(rows).toEqual([
      ['2025-07-01', '2026-01-01', '0.9187654321'],
      ['2026-01-01', '2026-07-01', '0.934512345678'],
      ['2026-07-01', '2027-01-01', '0.923456789012'],
      ['2027-01-01', null, '0.912345678901'],
    ]);

    const crmByFilter = await guidOf('msdyn_currencyexchangerates', `msdyn_fromcurrencyid eq ${usd} and msdyn_tocurrencyid eq ${eur} and msdyn_validfrom eq 2027-01-01`, 'msdyn_currencyexchangerateid');
    await patch(`${CRM}/msdyn_currencyexchangerates(${crmByFilter})`, { msdyn_rate: '1.5' });
    await e.engine.syncNow();
    await e.engine.syncNow();
    expect((await get(`${ERP}/ExchangeRates(FromCurrency='USD',ToCurrency='EUR',StartDate='2027-01-01')`))['Rate']).toBe('0.912345678901');
    expect((await get(`${CRM}/msdyn_currencyexchangerates(${crmByFilter})`))['msdyn_rate']).toBe('1.5');
    expect((await e.engine.status()).pending).toBe(0);
  });
});
