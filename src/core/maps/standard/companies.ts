import type { TableMap } from '../types.ts';
import { copy, text } from './build.ts';

/**
 * Legal entities (cdm_companies), one way ERP → CRM. It IS the company, so its key has no
 * company lookup; every company-specific map resolves `msdyn_company` through it.
 */
export const companies: TableMap = {
  id: 'companies',
  name: 'Legal entities (cdm_companies)',
  version: '1.0.0.0',
  erp: { set: 'LegalEntities' },
  crm: { set: 'cdm_companies' },
  keys: [{ erp: 'LegalEntityId', crm: 'cdm_companycode', company: true }],
  fields: [copy('Name', 'cdm_name', text(60, 100), { direction: 'erp-to-crm', required: 'crm' })],
  dependsOn: [],
  conflict: 'server-wins',
  oneWay: 'erp-to-crm',
};
