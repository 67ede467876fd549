/**
 * A tiny hash router: the whole app is one page served by the service worker, so routes
 * live after the '#'.
 *
 *   #/                       accounts list
 *   #/accounts/<accountid>   one account, its ERP customer and contacts
 *   #/new                    create a customer
 */
export type Route =
  | { readonly name: 'accounts' }
  | { readonly name: 'account'; readonly accountid: string }
  | { readonly name: 'new' }
  | { readonly name: 'not-found'; readonly path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/accounts') return { name: 'accounts' };
  if (path === '/new') return { name: 'new' };
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
