/**
 * The field agent's routes (the router's table holds them with the others): parsed from
 * and written to the part of the address after '#'. Ids are URI-encoded.
 */
export type FieldRoute =
  | { readonly name: 'home' }
  | { readonly name: 'work-orders' }
  | { readonly name: 'work-order'; readonly id: string }
  | { readonly name: 'products' }
  | { readonly name: 'sales-documents'; readonly accountid: string }
  | { readonly name: 'order-entry'; readonly accountid: string; readonly kind: 'order' | 'quote' };

const decode = (part: string): string | null => {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
};

export function parseFieldRoute(path: string): FieldRoute | null {
  if (path === '/home') return { name: 'home' };
  if (path === '/work-orders') return { name: 'work-orders' };
  if (path === '/products') return { name: 'products' };
  const workOrder = /^\/work-orders\/([^/]+)$/.exec(path);
  const id = workOrder?.[1] ? decode(workOrder[1]) : null;
  if (id) return { name: 'work-order', id };
  const account = /^\/accounts\/([^/]+)\/(orders|new-order|new-quote)$/.exec(path);
  const accountid = account?.[1] ? decode(account[1]) : null;
  if (!accountid) return null;
  if (account?.[2] === 'orders') return { name: 'sales-documents', accountid };
  return { name: 'order-entry', accountid, kind: account?.[2] === 'new-quote' ? 'quote' : 'order' };
}

export function fieldHref(route: FieldRoute): string {
  switch (route.name) {
    case 'home':
      return '#/home';
    case 'work-orders':
      return '#/work-orders';
    case 'work-order':
      return `#/work-orders/${encodeURIComponent(route.id)}`;
    case 'products':
      return '#/products';
    case 'sales-documents':
      return `#/accounts/${encodeURIComponent(route.accountid)}/orders`;
    case 'order-entry':
      return `#/accounts/${encodeURIComponent(route.accountid)}/new-${route.kind}`;
  }
}
