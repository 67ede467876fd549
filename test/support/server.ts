/**
 * Starts a real reference server on a free port with a fresh data folder, and gives
 * tests a small OData client over real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedSize } from '../../server/seed/index.ts';
import type { RunningServer, StartOptions } from '../../server/start.ts';
import { startServer } from '../../server/start.ts';

export const ERP = '/erp/data';
export const CRM = '/crm/api/data/v9.2';

export interface TestServer extends RunningServer {
  token(username: string, password?: string): Promise<string>;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  stop(): Promise<void>;
}

export interface RequestOptions {
  readonly token?: string;
  readonly as?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  readonly body: any;
  readonly text: string;
}

const PASSWORDS: Record<string, string> = { admin: 'admin', backoffice: 'backoffice' };

export async function startTestServer(options: { seedSize?: SeedSize } & Partial<StartOptions> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-test-'));
  const server = await startServer({ dataDir, port: 0, seedSize: options.seedSize ?? 'tiny', ...options });
  const tokens = new Map<string, string>();

  const token = async (username: string, password = PASSWORDS[username] ?? 'agent'): Promise<string> => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const response = await fetch(`${server.url}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(body)}`);
    tokens.set(username, body.access_token);
    return body.access_token;
  };

  const request = async (method: string, path: string, options: RequestOptions = {}): Promise<Reply> => {
    const bearer = options.token ?? (await token(options.as ?? 'admin'));
    const headers: Record<string, string> = { Authorization: `Bearer ${bearer}`, ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const url = path.startsWith('http') ? path : `${server.url}${path}`;
    const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  return {
    ...server,
    token,
    request,
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Follows @odata.nextLink until the end; returns every row and the final deltaLink. */
export async function readAll(server: TestServer, url: string, options: RequestOptions = {}): Promise<{ rows: Record<string, unknown>[]; deltaLink?: string; pages: number }> {
  const rows: Record<string, unknown>[] = [];
  let next: string | undefined = url;
  let pages = 0;
  let deltaLink: string | undefined;
  while (next) {
    const reply = await server.request('GET', next, options);
    if (reply.status !== 200) throw new Error(`GET ${next} → ${reply.status} ${reply.text}`);
    rows.push(...(reply.body.value as Record<string, unknown>[]));
    pages++;
    next = reply.body['@odata.nextLink'];
    deltaLink = reply.body['@odata.deltaLink'] ?? deltaLink;
  }
  return { rows, pages, ...(deltaLink ? { deltaLink } : {}) };
}
