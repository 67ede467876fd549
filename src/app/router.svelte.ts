/**
 * A tiny hash router: the whole app is one page served by the service worker, so routes
 * live after the '#'.
 *
 *   #/                       accounts list
 *   #/accounts/<accountid>   one account, its ERP customer and contacts
 *   #/new                    create a customer
 *   #/home                   the field agent's day: today's work orders, what waits, what failed
 *   #/work-orders[/<id>]     work orders by status; one with status, notes, time on site
 *   #/products               products with price and on-hand stock
 *   #/accounts/<id>/orders   an account's orders and quotes
 *   #/accounts/<id>/new-order, /new-quote   enter an order or a quote (offline too)
 *   #/sync[/<section>]       the sync center (admin): maps, queue, conflicts, logs…
 */
import type { SyncSection } from './sync-center/sections.ts';
import { parseSection } from './sync-center/sections.ts';

import type { FieldRoute } from './field-routes.ts';
import { fieldHref, parseFieldRoute } from './field-routes.ts';

export type Route =
  | { readonly name: 'accounts' }
  | { readonly name: 'account'; readonly accountid: string }
  | { readonly name: 'new' }
  | FieldRoute
  | { readonly name: 'sync'; readonly section: SyncSection }
  | { readonly name: 'not-found'; readonly path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/accounts') return { name: 'accounts' };
  if (path === '/new') return { name: 'new' };
  const field = parseFieldRoute(path);
  if (field) return field;
  const sync = /^\/sync(?:\/([^/]+))?$/.exec(path);
  if (sync) {
    const section = parseSection(sync[1]);
    return section ? { name: 'sync', section } : { name: 'not-found', path };
  }
  const account = /^\/accounts\/([^/]+)$/.exec(path);
  if (account?.[1]) {
    try {
      return { name: 'account', accountid: decodeURIComponent(account[1]) };
    } catch {
      return { name: 'not-found', path };
    }
  }
  return { name: 'not-found', path };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'accounts':
      return '#/';
    case 'account':
      return `#/accounts/${encodeURIComponent(route.accountid)}`;
    case 'new':
      return '#/new';
    case 'home':
    case 'work-orders':
    case 'work-order':
    case 'products':
    case 'sales-documents':
    case 'order-entry':
      return fieldHref(route);
    case 'sync':
      return `#/sync/${route.section}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

export class Router {
  route = $state.raw<Route>(parseRoute(location.hash));

  /** Follows the address bar; the returned function stops (an $effect tears it down). */
  connect(): () => void {
    const update = () => (this.route = parseRoute(location.hash));
    addEventListener('hashchange', update);
    update();
    return () => removeEventListener('hashchange', update);
  }

  go(route: Route): void {
    location.hash = href(route);
  }
}
