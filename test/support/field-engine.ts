/**
 * The common ground of the field-service engine tests: a real server with the demo seed,
 * agent.usmf's engine against it (signed in, first sync done), the back-office helpers,
 * and look-ups of usmf's CRM rows by their natural keys. Call it once at the top of a test
 * file: it registers its own beforeAll / afterAll, and what it returns is read lazily, so
 * it may be destructured before the server is up.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { backOffice } from './back-office.ts';
import type { TestEngine } from './engine.ts';
import { startEngine } from './engine.ts';
import type { TestServer } from './server.ts';
import { CRM, startTestServer } from './server.ts';

export interface FieldEngine extends ReturnType<typeof backOffice> {
  readonly server: TestServer;
  /** agent.usmf's engine, with its test network. */
  readonly agent: TestEngine;
  readonly engine: Engine;
  /** The CRM id of the usmf company (cdm_companyid). */
  readonly usmf: string;
  /** `filter` narrowed to usmf's CRM rows. */
  inUsmf(filter: string): string;
  account(accountNumber: string): Promise<string>;
  personContact(customerAccount: string): Promise<string>;
  customerGroup(groupId: string): Promise<string>;
  product(itemNumber: string): Promise<string>;
  asset(assetId: string): Promise<string>;
  workOrder(serviceOrderId: string): Promise<string>;
  /** Two rounds of sync (a pull can queue pushes), after which nothing may be pending. */
  settle(): Promise<void>;
}

export function fieldEngine(): FieldEngine {
  let started: { server: TestServer; agent: TestEngine; usmf: string } | undefined;
  beforeAll(async () => {
    const server = await startTestServer({ seedSize: 'demo' });
    const usmf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`)).body.value[0].cdm_companyid as string;
    started = { server, usmf, agent: await startEngine(server, 'agent.usmf') };
  });
  afterAll(async () => {
    await started?.agent.close();
    await started?.server.stop();
  });
  const the = () => {
    if (!started) throw new Error('the field engine is not started: use it inside a test');
    return started;
  };
  const office = backOffice(() => the().server);
  const inUsmf = (filter: string) => `${filter} and msdyn_company eq ${the().usmf}`;
  const byKey = (set: string, field: string, keyField: string) => (value: string) => office.guidOf(set, inUsmf(`${field} eq '${value}'`), keyField);
  return {
    ...office,
    get server() {
      return the().server;
    },
    get agent() {
      return the().agent;
    },
    get engine() {
      return the().agent.engine;
    },
    get usmf() {
      return the().usmf;
    },
    inUsmf,
    account: byKey('accounts', 'accountnumber', 'accountid'),
    personContact: byKey('contacts', 'msdyn_contactpersonid', 'contactid'),
    customerGroup: byKey('msdyn_customergroups', 'msdyn_groupid', 'msdyn_customergroupid'),
    product: byKey('products', 'productnumber', 'productid'),
    asset: byKey('msdyn_customerassets', 'msdyn_assetid', 'msdyn_customerassetid'),
    workOrder: byKey('msdyn_workorders', 'msdyn_name', 'msdyn_workorderid'),
    settle: async () => {
      const { engine } = the().agent;
      await engine.syncNow();
      await engine.syncNow();
      expect((await engine.status()).pending).toBe(0);
    },
  };
}
