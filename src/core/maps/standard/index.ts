/**
 * The standard catalog: the maps Tandem ships, in dependency order. Frozen all the way
 * down: they are shared by every caller, and caches key on their identity.
 */
import type { TableMap } from '../types.ts';
import { appointments } from './appointments.ts';
import { companies } from './companies.ts';
import { contacts } from './contacts.ts';
import { currencies } from './currencies.ts';
import { customerAssets } from './customer-assets.ts';
import { customerGroups } from './customer-groups.ts';
import { customersAccounts } from './customers-accounts.ts';
import { customersContacts } from './customers-contacts.ts';
import { exchangeRates } from './exchange-rates.ts';
import { inventoryOnHand } from './inventory-onhand.ts';
import { invoiceLines } from './invoice-lines.ts';
import { invoices } from './invoices.ts';
import { loyaltyCards } from './loyalty-cards.ts';
import { notes } from './notes.ts';
import { partyElectronicAddresses } from './party-electronic-addresses.ts';
import { partyPostalAddresses } from './party-postal-addresses.ts';
import { paymentMethods } from './payment-methods.ts';
import { paymentTerms } from './payment-terms.ts';
import { phoneCalls } from './phone-calls.ts';
import { priceListItems } from './price-list-items.ts';
import { priceLists } from './price-lists.ts';
import { salesOrderLines } from './sales-order-lines.ts';
import { salesOrders } from './sales-orders.ts';
import { salesQuoteLines } from './sales-quote-lines.ts';
import { salesQuotes } from './sales-quotes.ts';
import { tasks } from './tasks.ts';
import { products } from './products.ts';
import { unitConversions } from './unit-conversions.ts';
import { units } from './units.ts';
import { vendorGroups } from './vendor-groups.ts';
import { vendors } from './vendors.ts';
import { workOrders } from './work-orders.ts';

export const STANDARD_MAPS: readonly TableMap[] = deepFreeze([
  companies,
  currencies,
  units,
  customerGroups,
  paymentTerms,
  paymentMethods,
  vendorGroups,
  customersAccounts,
  contacts,
  vendors,
  exchangeRates,
  unitConversions,
  products,
  customersContacts,
  customerAssets,
  workOrders,
  notes,
  inventoryOnHand,
  loyaltyCards,
  salesOrders,
  salesOrderLines,
  salesQuotes,
  salesQuoteLines,
  invoices,
  invoiceLines,
  partyPostalAddresses,
  partyElectronicAddresses,
  priceLists,
  priceListItems,
  tasks,
  phoneCalls,
  appointments,
]);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
