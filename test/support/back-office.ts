/**
 * Back-office access to a test server for catalog tests: reads, edits as the back-office
 * user, CRM GUID look-ups, and the two-way check every map of the catalog goes through
 * (an ERP edit reaches the CRM through an agent's engine, and a CRM edit the ERP).
 */
import { expect } from 'vitest';
import type { TestEngine } from './engine.ts';
import type { TestServer } from './server.ts';
import { CRM } from './server.ts';

export type Body = Record<string, unknown>;

export interface TwoWayCase {
  readonly map: string;
  readonly erpPath: () => string;
  readonly crmPath: () => string;
  readonly erpEdit: () => Promise<Body> | Body;
  readonly crmExpect: () => Promise<Body> | Body;
  readonly crmEdit: () => Promise<Body> | Body;
  readonly erpExpect: () => Promise<Body> | Body;
}

export function backOffice(server: () => TestServer) {
  const get = async (path: string): Promise<Body> => {
    const reply = await server().request('GET', path);
    expect(reply.status, `GET ${path}: ${reply.text}`).toBe(200);
    return reply.body as Body;
  };
  const write = (method: 'PATCH' | 'POST', expected: (status: number) => boolean) => async (path: string, body: Body): Promise<void> => {
    const reply = await server().request(method, path, { as: 'backoffice', body });
    expect(expected(reply.status), `${method} ${path} → ${reply.status}: ${reply.text}`).toBe(true);
  };
  /** The GUID of the first CRM row of `set` matching `filter`. */
  const guidOf = async (set: string, filter: string, keyField: string): Promise<string> => {
    const reply = await server().request('GET', `${CRM}/${set}?$filter=${encodeURIComponent(filter)}`);
    const row = (reply.body as { value: Body[] }).value[0];
    if (!row) throw new Error(`no ${set} row where ${filter}`);
    return row[keyField] as string;
  };
  const patch = write('PATCH', (s) => s < 300);
  const post = write('POST', (s) => s === 201);

  /** Back office edits the ERP row → the engine brings it to the CRM; then the other way. */
  const checkTwoWay = async (engine: TestEngine, c: TwoWayCase): Promise<void> => {
    await patch(c.erpPath(), await c.erpEdit());
    await engine.engine.syncNow();
    expect(await get(c.crmPath())).toMatchObject({ ...(await c.crmExpect()), modifiedby: 'agent.usmf' });
    await patch(c.crmPath(), await c.crmEdit());
    await engine.engine.syncNow();
    expect(await get(c.erpPath())).toMatchObject({ ...(await c.erpExpect()), ModifiedBy: 'agent.usmf' });
    expect((await engine.engine.status()).pending).toBe(0);
  };

  return { get, patch, post, guidOf, checkTwoWay };
}
