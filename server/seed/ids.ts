/** Deterministic GUIDs of CRM rows, derived from the seed and the row they belong to. */
import { rowNumber, seededGuid } from './random.ts';

const TAG = {
  company: 1,
  currency: 2,
  uom: 3,
  customerGroup: 4,
  account: 5,
  crmOnlyAccount: 6,
  contact: 7,
  product: 8,
  paymentTerm: 9,
  paymentMethod: 10,
  vendorGroup: 11,
  vendor: 12,
  crmOnlyVendor: 13,
  exchangeRate: 14,
  unitConversion: 15,
  asset: 16,
  crmOnlyAsset: 17,
  workOrder: 18,
  crmOnlyWorkOrder: 19,
  note: 20,
  crmOnlyNote: 21,
  onHand: 22,
  loyaltyCard: 23,
  crmOnlyLoyaltyCard: 24,
  salesOrder: 25,
  salesOrderLine: 26,
  salesQuote: 27,
  salesQuoteLine: 28,
  invoice: 29,
  invoiceLine: 30,
  postalAddress: 31,
  electronicAddress: 32,
  priceList: 33,
  priceListItem: 34,
  activity: 35,
} as const;

export class Ids {
  constructor(private readonly seed: number) {}

  #guid(tag: number, company: number, index: number, sub = 0): string {
    return seededGuid(this.seed, tag, rowNumber(company, index, sub));
  }

  company = (company: number): string => this.#guid(TAG.company, company, 0);
  currency = (index: number): string => this.#guid(TAG.currency, 0, index);
  uom = (index: number): string => this.#guid(TAG.uom, 0, index);
  customerGroup = (company: number, index: number): string => this.#guid(TAG.customerGroup, company, index);
  /** The account of ERP customer `index` (an organisation). */
  account = (company: number, index: number): string => this.#guid(TAG.account, company, index);
  crmOnlyAccount = (company: number, index: number): string => this.#guid(TAG.crmOnlyAccount, company, index);
  /** Sub 0: the contact of a person customer; 1–2: the customer's contact persons. */
  contact = (company: number, index: number, sub: number): string => this.#guid(TAG.contact, company, index, sub);
  product = (company: number, index: number): string => this.#guid(TAG.product, company, index);
  /** Index into PAYMENT_TERM_DEFS; PAYMENT_TERM_DEFS.length for the ERP-only term (never used in the CRM). */
  paymentTerm = (company: number, index: number): string => this.#guid(TAG.paymentTerm, company, index);
  /** Index into the company's paymentMethods; its length for the CRM-only method. */
  paymentMethod = (company: number, index: number): string => this.#guid(TAG.paymentMethod, company, index);
  vendorGroup = (company: number, index: number): string => this.#guid(TAG.vendorGroup, company, index);
  vendor = (company: number, index: number): string => this.#guid(TAG.vendor, company, index);
  crmOnlyVendor = (company: number, index: number): string => this.#guid(TAG.crmOnlyVendor, company, index);
  /** Rate `period` of EXCHANGE_RATES[index]. */
  exchangeRate = (index: number, period: number): string => this.#guid(TAG.exchangeRate, 0, index, period);
  unitConversion = (index: number): string => this.#guid(TAG.unitConversion, 0, index);
  asset = (company: number, index: number): string => this.#guid(TAG.asset, company, index);
  crmOnlyAsset = (company: number, index: number): string => this.#guid(TAG.crmOnlyAsset, company, index);
  workOrder = (company: number, index: number): string => this.#guid(TAG.workOrder, company, index);
  crmOnlyWorkOrder = (company: number, index: number): string => this.#guid(TAG.crmOnlyWorkOrder, company, index);
  note = (company: number, index: number): string => this.#guid(TAG.note, company, index);
  crmOnlyNote = (company: number, index: number): string => this.#guid(TAG.crmOnlyNote, company, index);
  onHand = (company: number, index: number): string => this.#guid(TAG.onHand, company, index);
  loyaltyCard = (company: number, index: number): string => this.#guid(TAG.loyaltyCard, company, index);
  crmOnlyLoyaltyCard = (company: number, index: number): string => this.#guid(TAG.crmOnlyLoyaltyCard, company, index);
  salesOrder = (company: number, index: number): string => this.#guid(TAG.salesOrder, company, index);
  /** Line `line` (0-based) of order `index`. */
  salesOrderLine = (company: number, index: number, line: number): string => this.#guid(TAG.salesOrderLine, company, index, line);
  salesQuote = (company: number, index: number): string => this.#guid(TAG.salesQuote, company, index);
  /** Line `line` (0-based) of quotation `index`. */
  salesQuoteLine = (company: number, index: number, line: number): string => this.#guid(TAG.salesQuoteLine, company, index, line);
  invoice = (company: number, index: number): string => this.#guid(TAG.invoice, company, index);
  /** Line `line` (0-based) of invoice `index`. */
  invoiceLine = (company: number, index: number, line: number): string => this.#guid(TAG.invoiceLine, company, index, line);
  postalAddress = (company: number, index: number): string => this.#guid(TAG.postalAddress, company, index);
  electronicAddress = (company: number, index: number): string => this.#guid(TAG.electronicAddress, company, index);
  priceList = (company: number, index: number): string => this.#guid(TAG.priceList, company, index);
  priceListItem = (company: number, index: number): string => this.#guid(TAG.priceListItem, company, index);
  activity = (company: number, index: number): string => this.#guid(TAG.activity, company, index);
}
