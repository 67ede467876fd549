/**
 * The standard catalog: the maps Tandem ships, in dependency order. Frozen all the way
 * down: they are shared by every caller, and caches key on their identity.
 */
import type { TableMap } from '../types.ts';
import { companies } from './companies.ts';
import { contacts } from './contacts.ts';
import { currencies } from './currencies.ts';
import { customerGroups } from './customer-groups.ts';
import { customersAccounts } from './customers-accounts.ts';

export const STANDARD_MAPS: readonly TableMap[] = deepFreeze([companies, currencies, customerGroups, customersAccounts, contacts]);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
