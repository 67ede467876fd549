/**
 * Paired organisation customers ↔ accounts of a company for engine tests: each call hands
 * out one that no earlier call in the file handed out, so tests never share a record.
 */
import type { TestServer } from './server.ts';
import { CRM, ERP, readAll } from './server.ts';

export interface PairedAccount {
  readonly accountid: string;
  readonly accountnumber: string;
}

export function pairedAccounts(server: () => TestServer, company = 'usmf'): () => Promise<PairedAccount> {
  let pick = 0;
  return async () => {
    const companyId = (await server().request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq '${company}'`)).body.value[0].cdm_companyid as string;
    const { rows } = await readAll(server(), `${CRM}/accounts?$filter=msdyn_company eq ${companyId} and customertypecode eq 3&$orderby=accountnumber`);
    for (const row of rows.slice(pick)) {
      pick++;
      const number = row['accountnumber'] as string | null;
      if (!number) continue;
      const erp = await server().request('GET', `${ERP}/CustomersV3(dataAreaId='${company}',CustomerAccount='${number}')`);
      if (erp.status === 200 && erp.body.PartyType === 'Organization') return { accountid: row['accountid'] as string, accountnumber: number };
    }
    throw new Error(`no paired account of ${company} left in the seed`);
  };
}
