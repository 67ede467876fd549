import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crm, erp } from '../../server/schema/index.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('$metadata (CSDL JSON)', () => {
  it('describes every ERP and CRM set with its key, types and flags', async () => {
    for (const [root, store] of [[ERP, erp], [CRM, crm]] as const) {
      const doc = (await server.request('GET', `${root}/$metadata`)).body;
      expect(doc.$Version).toBe('4.01');
      const schema = doc[store.namespace];
      const container = schema.Container;
      for (const set of store.sets) {
        expect(container[set.name]).toEqual({ $Collection: true, $Type: `${store.namespace}.${set.entityType}` });
        const type = schema[set.entityType];
        expect(type.$Key).toEqual(set.key);
        for (const field of set.fields) expect(type[field.name], `${set.name}.${field.name}`).toBeDefined();
      }
    }
  });

  it('states types, decimals, lengths, required, read-only and alternate keys', async () => {
    const doc = (await server.request('GET', `${ERP}/$metadata`)).body['Tandem.ERP'];
    expect(doc.CustomerV3.CreditLimit).toMatchObject({ $Type: 'Edm.Decimal', $Precision: 32, $Scale: 6, $Nullable: true });
    expect(doc.CustomerV3.OrganizationName).toMatchObject({ $MaxLength: 100 });
    expect(doc.CustomerV3.CustomerGroupId['@Tandem.Required']).toBe(true);
    expect(doc.CustomerV3.ModifiedDateTime).toMatchObject({ $Type: 'Edm.DateTimeOffset', '@Core.Computed': true });
    expect(doc.CustomerV3.OnHoldStatus['@Validation.AllowedValues'].map((v: { Value: string }) => v.Value)).toContain('Never');
    const crmDoc = (await server.request('GET', `${CRM}/$metadata`)).body['Tandem.CRM'];
    expect(crmDoc.account['@Core.AlternateKeys'][0].Key.map((k: { Name: string }) => k.Name)).toEqual(['accountnumber', 'msdyn_company']);
    expect(crmDoc.account.msdyn_company['@Tandem.References']).toEqual({ EntitySet: 'cdm_companies' });
    expect(crmDoc.transactioncurrency.exchangerate).toMatchObject({ $Scale: 12 });
  });
});
