export const ERP_ROOT = '/erp/data';
export const CRM_ROOT = '/crm/api/data/v9.2';
