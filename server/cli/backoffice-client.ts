/**
 * Back-office edits: what an ERP clerk or a CRM user does directly in their own system,
 * outside Tandem. They go through the store's OData service like any client, signed in as
 * a back-office user, so they are versioned and change-tracked like real edits.
 */
import { CRM_ROOT, ERP_ROOT } from './roots.ts';

export interface BackofficeRequest {
  readonly url: string;
  readonly store: 'erp' | 'crm';
  readonly method: string;
  /** Resource path inside the store, e.g. "CustomersV3(dataAreaId='usmf',CustomerAccount='US-000001')". */
  readonly path: string;
  readonly body?: unknown;
  readonly username?: string;
  readonly password?: string;
}

export interface BackofficeReply {
  readonly status: number;
  readonly body: unknown;
}

export async function backoffice(request: BackofficeRequest): Promise<BackofficeReply> {
  const username = request.username ?? 'backoffice';
  const token = await fetch(`${request.url}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username, password: request.password ?? username }).toString(),
  });
  const grant = (await token.json()) as { access_token?: string; error_description?: string };
  if (!grant.access_token) throw new Error(`Sign-in as ${username} failed: ${grant.error_description ?? token.status}`);
  const root = request.store === 'erp' ? ERP_ROOT : CRM_ROOT;
  const response = await fetch(`${request.url}${root}/${request.path.replace(/^\//, '')}`, {
    method: request.method.toUpperCase(),
    headers: {
      Authorization: `Bearer ${grant.access_token}`,
      Prefer: 'return=representation',
      ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // plain text (e.g. /$count)
  }
  return { status: response.status, body };
}
