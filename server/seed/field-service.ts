/**
 * The field-service slice: customer assets, service orders and notes per company, and the
 * CRM rows the customer-assets / work-orders / notes maps make of them (msdyn_customerassets,
 * msdyn_workorders, annotations), as if dual-write had been running.
 *
 * Assets belong to the head-office customers (the first hubCount(n) of a company: always
 * organisations mirrored in the CRM) and name a released product; service orders name a
 * hub customer and mostly one of its assets, and are planned around the work day
 * (work-plan.ts: today's, overdue and upcoming ones first); notes hang off customers (organisations and
 * the one mirrored person customer at n - 3), assets and service orders.
 *
 * One side only, per company: the last asset, the last service order and the last note
 * exist in the ERP only (their references all exist in the CRM); one asset, one work order
 * and one note were entered in the CRM only (`US-AC0001`, `US-WOC0001`, `US-NC0001`).
 */
import type { NOTE_REF_TABLES } from '../schema/erp.ts';
import { SERVICE_ORDER_STATUS } from '../schema/erp.ts';
import type { Company } from './catalog.ts';
import { COMPANIES } from './catalog.ts';
import type { SeedContext } from './context.ts';
import { STREAM } from './context.ts';
import { hubCount } from './customer-facts.ts';
import { accountNumber } from './customers.ts';
import { FIRST_ITEM_NUMBER, generateProduct } from './products.ts';
import type { Rng } from './random.ts';
import { rowNumber, rowRng } from './random.ts';
import type { SeedRow, Written } from './sink.ts';
import { isoAt, pad } from './text.ts';
import { mirroredTimes, rowTimes } from './times.ts';
import { CRM_ONLY_ORDER_PLAN, plannedAt, planOrder } from './work-plan.ts';

export interface FieldServicePlan {
  /** Per company: customer count (decides the hubs and the person), products, assets, orders, notes. */
  readonly customers: number;
  readonly products: number;
  readonly assets: number;
  readonly orders: number;
  readonly notes: number;
}

export interface Pair {
  readonly erp: Written;
  /** Absent for an ERP-only row. */
  readonly crm: Written | null;
}

export const CRM_ONLY_FIELD_SERVICE = 1;
const DAY = 24 * 60 * 60_000;
const WORK_ORDER_STATUS_BASE = 690970000;
const STAGES = ['TRIAGE', 'TRAVEL', 'ONSITE', 'REVIEW'] as const;
const ORDER_TEXTS = [
  'Annual maintenance visit',
  'Replace worn parts and test',
  'Customer reports intermittent fault; diagnose on site',
  'Install firmware update and recalibrate',
  'Inspect after relocation',
] as const;
const NOTE_TITLES = ['Call back', 'Site access', 'Warranty', 'Parts ordered', 'Billing question', 'Visit summary'] as const;
const NOTE_LINES = [
  'Customer prefers morning visits.',
  'Badge needed at reception; ask for facilities.',
  'Covered by the extended warranty until the end of next year.',
  'Spare parts ordered from the central warehouse.',
  'Wants the invoice split by cost centre.',
  'Everything tested and working; customer signed off.',
] as const;

export const assetId = (company: Company, index: number): string => `${company.prefix}-A${pad(index + 1, 5)}`;
export const serviceOrderId = (company: Company, index: number): string => `${company.prefix}-SO${pad(index + 1, 5)}`;
export const noteId = (company: Company, index: number): string => `${company.prefix}-N${pad(index + 1, 5)}`;

/** The hub customer (index) that owns asset `index`. */
const assetOwner = (p: FieldServicePlan, index: number): number => index % hubCount(p.customers);
/** The product (index) an asset is an installation of. */
const assetProduct = (p: FieldServicePlan, index: number): number => (index * 7) % p.products;
/** The asset of service order `index` (never the ERP-only last one), or null (every fifth order has none). */
const orderAsset = (p: FieldServicePlan, index: number): number | null => (index % 5 === 4 ? null : index % (p.assets - 1));
const orderCustomer = (p: FieldServicePlan, index: number): number => {
  const asset = orderAsset(p, index);
  return asset === null ? index % hubCount(p.customers) : assetOwner(p, asset);
};

/** Is the last row of a kind (ERP only) this one? */
const erpOnly = (index: number, count: number): boolean => index === count - 1;

function day(rng: Rng, now: number): string {
  return isoAt(now - rng.int(30, 3 * 365) * DAY).slice(0, 10);
}

export function generateAsset(ctx: SeedContext, p: FieldServicePlan, c: number, index: number): Pair {
  const company = COMPANIES[c] as Company;
  const rng = rowRng(ctx.seed, STREAM.asset, rowNumber(c, index));
  const owner = assetOwner(p, index);
  const product = assetProduct(p, index);
  const productName = String(generateProduct(ctx, c, product).erp.row['ProductName']);
  const erp: SeedRow = {
    dataAreaId: company.id,
    AssetId: assetId(company, index),
    Name: `${productName.slice(0, 45)} #${index + 1}`,
    CustomerAccount: accountNumber(company, owner),
    ItemNumber: `P-${FIRST_ITEM_NUMBER + product}`,
    SerialNumber: rng.chance(0.85) ? `SN-${rng.digits(8)}` : null,
    InstallDate: rng.chance(0.9) ? day(rng, ctx.now) : null,
    Status: rng.chance(0.9) ? 'Active' : 'Inactive',
  };
  const times = rowTimes(rng, ctx.now);
  if (erpOnly(index, p.assets)) return { erp: { row: erp, times }, crm: null };
  const crm: SeedRow = {
    msdyn_customerassetid: ctx.ids.asset(c, index),
    msdyn_assetid: erp['AssetId'],
    msdyn_name: erp['Name'],
    msdyn_company: ctx.ids.company(c),
    msdyn_account: ctx.ids.account(c, owner),
    msdyn_product: ctx.ids.product(c, product),
    msdyn_serialnumber: erp['SerialNumber'],
    msdyn_installdate: erp['InstallDate'],
    statecode: erp['Status'] === 'Active' ? 0 : 1,
  };
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
}

export function generateServiceOrder(ctx: SeedContext, p: FieldServicePlan, c: number, index: number): Pair {
  const company = COMPANIES[c] as Company;
  const rng = rowRng(ctx.seed, STREAM.serviceOrder, rowNumber(c, index));
  const asset = orderAsset(p, index);
  const customer = orderCustomer(p, index);
  const { status, plannedStart: planned } = planOrder(rng, ctx.workDay, index);
  const erp: SeedRow = {
    dataAreaId: company.id,
    ServiceOrderId: serviceOrderId(company, index),
    CustomerAccount: accountNumber(company, customer),
    AssetId: asset === null ? null : assetId(company, asset),
    Description: rng.chance(0.9) ? rng.pick(ORDER_TEXTS) : null,
    Status: status,
    Stage: rng.chance(0.7) ? rng.pick(STAGES) : null,
    PlannedStart: planned,
  };
  const times = rowTimes(rng, ctx.now);
  if (erpOnly(index, p.orders)) return { erp: { row: erp, times }, crm: null };
  const crm: SeedRow = {
    msdyn_workorderid: ctx.ids.workOrder(c, index),
    msdyn_name: erp['ServiceOrderId'],
    msdyn_company: ctx.ids.company(c),
    msdyn_serviceaccount: ctx.ids.account(c, customer),
    msdyn_customerasset: asset === null ? null : ctx.ids.asset(c, asset),
    msdyn_instructions: erp['Description'],
    msdyn_systemstatus: WORK_ORDER_STATUS_BASE + SERVICE_ORDER_STATUS.indexOf(status),
    msdyn_substatusname: erp['Stage'],
    msdyn_timefrompromised: planned,
  };
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
}

/** What note (or activity) `index` is attached to: cycling customer, asset, service order, and every sixth the person customer. */
export function noteTarget(ctx: SeedContext, p: FieldServicePlan, c: number, index: number): { table: (typeof NOTE_REF_TABLES)[number]; key: string; guid: string; type: string } {
  const company = COMPANIES[c] as Company;
  if (index % 6 === 5) {
    const person = p.customers - 3; // always a person customer mirrored in the CRM (customer-facts.ts)
    return { table: 'Customer', key: accountNumber(company, person), guid: ctx.ids.contact(c, person, 0), type: 'contact' };
  }
  switch (index % 3) {
    case 0: {
      const customer = index % hubCount(p.customers);
      return { table: 'Customer', key: accountNumber(company, customer), guid: ctx.ids.account(c, customer), type: 'account' };
    }
    case 1: {
      const asset = index % (p.assets - 1); // never the ERP-only last asset
      return { table: 'Asset', key: assetId(company, asset), guid: ctx.ids.asset(c, asset), type: 'msdyn_customerasset' };
    }
    default: {
      const order = index % (p.orders - 1);
      return { table: 'ServiceOrder', key: serviceOrderId(company, order), guid: ctx.ids.workOrder(c, order), type: 'msdyn_workorder' };
    }
  }
}

export function generateNote(ctx: SeedContext, p: FieldServicePlan, c: number, index: number): Pair {
  const company = COMPANIES[c] as Company;
  const rng = rowRng(ctx.seed, STREAM.note, rowNumber(c, index));
  const target = noteTarget(ctx, p, c, index);
  const lines = Array.from({ length: rng.int(1, index % 7 === 0 ? 40 : 3) }, () => rng.pick(NOTE_LINES));
  const erp: SeedRow = {
    dataAreaId: company.id,
    NoteId: noteId(company, index),
    RefTable: target.table,
    RefKey: target.key,
    Title: rng.pick(NOTE_TITLES),
    Body: lines.join('\n'),
    CreatedBy: rng.pick(['Alicia Thomber', 'Jodi Christiansen', 'Benjamin Martin', null]),
  };
  const times = rowTimes(rng, ctx.now);
  if (erpOnly(index, p.notes)) return { erp: { row: erp, times }, crm: null };
  const crm: SeedRow = {
    annotationid: ctx.ids.note(c, index),
    msdyn_noteid: erp['NoteId'],
    msdyn_company: ctx.ids.company(c),
    subject: erp['Title'],
    notetext: erp['Body'],
    objectid: target.guid,
    objecttypecode: target.type,
  };
  return { erp: { row: erp, times }, crm: { row: crm, times: mirroredTimes(rng, times) } };
}

/** The CRM-only rows of company `c`: an asset, a work order on it and a note on the work order. */
export function generateCrmOnlyFieldService(ctx: SeedContext, c: number): { asset: Written; order: Written; note: Written } {
  const company = COMPANIES[c] as Company;
  const rng = rowRng(ctx.seed, STREAM.crmOnlyFieldService, rowNumber(c, 0));
  const company0 = ctx.ids.company(c);
  const asset = {
    msdyn_customerassetid: ctx.ids.crmOnlyAsset(c, 0),
    msdyn_assetid: `${company.prefix}-AC0001`,
    msdyn_name: 'Demo unit (entered in the CRM)',
    msdyn_company: company0,
    msdyn_account: ctx.ids.account(c, 0),
    msdyn_product: null,
    msdyn_serialnumber: `SN-${rng.digits(8)}`,
    msdyn_installdate: day(rng, ctx.now),
    statecode: 0,
  };
  const order = {
    msdyn_workorderid: ctx.ids.crmOnlyWorkOrder(c, 0),
    msdyn_name: `${company.prefix}-WOC0001`,
    msdyn_company: company0,
    msdyn_serviceaccount: ctx.ids.account(c, 0),
    msdyn_customerasset: asset.msdyn_customerassetid,
    msdyn_instructions: 'Set up the demo unit',
    msdyn_systemstatus: WORK_ORDER_STATUS_BASE + 1,
    msdyn_substatusname: null,
    msdyn_timefrompromised: plannedAt(ctx.workDay, CRM_ONLY_ORDER_PLAN.day, CRM_ONLY_ORDER_PLAN.minutes),
  };
  const note = {
    annotationid: ctx.ids.crmOnlyNote(c, 0),
    msdyn_noteid: `${company.prefix}-NC0001`,
    msdyn_company: company0,
    subject: 'Entered in the CRM',
    notetext: 'Agreed on the phone; the ERP does not know this work order yet.',
    objectid: order.msdyn_workorderid,
    objecttypecode: 'msdyn_workorder',
  };
  const times = rowTimes(rng, ctx.now);
  return { asset: { row: asset, times }, order: { row: order, times }, note: { row: note, times } };
}
