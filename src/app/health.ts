/** What GET /health answers; the placeholder page shows it until the real screens land. */
export interface Health {
  readonly status: 'ok';
  readonly version: string;
  readonly stores: Readonly<Record<string, { readonly sets: number }>>;
}

export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  const response = await fetch('/health', signal ? { signal } : {});
  if (!response.ok) throw new Error(`Server answered ${response.status} on /health`);
  const body: unknown = await response.json();
  if (!isHealth(body)) throw new Error('Server sent an unexpected /health body');
  return body;
}

function isHealth(value: unknown): value is Health {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['status'] === 'ok' && typeof v['version'] === 'string' && typeof v['stores'] === 'object';
}
