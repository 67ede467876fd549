/**
 * The field agent's data as it crosses the worker boundary (EngineApi, "field agent data"):
 * work orders with their notes, products with price and stock, an account's orders and
 * quotes with lines, and what entering a new order or quote takes. Plain data only;
 * decimals are canonical decimal text, times ISO text.
 */
import type { ConversionRow } from '../core/orders/index.ts';

export type { ConversionRow } from '../core/orders/index.ts';

/** The ERP's service order status names (the work-orders map value-maps them to the CRM's options). */
export type WorkOrderStatus = 'Unscheduled' | 'Scheduled' | 'InProcess' | 'Completed' | 'Posted' | 'Cancelled';

export interface WorkOrderSummary {
  /** The CRM work order's GUID (msdyn_workorderid). */
  readonly id: string;
  /** The service order number (msdyn_name ↔ ServiceOrderId). */
  readonly number: string;
  readonly company: string | null;
  readonly status: WorkOrderStatus | null;
  readonly stage: string | null;
  readonly plannedStart: string | null;
  readonly instructions: string | null;
  readonly accountid: string | null;
  readonly accountName: string | null;
  readonly city: string | null;
  readonly assetName: string | null;
  /** Changes to it are waiting to be sent. */
  readonly pending: boolean;
}

export interface WorkOrderQuery {
  /** Planned start at or after / before (ISO date-times): a day is [midnight, next midnight). */
  readonly from?: string;
  readonly until?: string;
  /** 'open': unscheduled, scheduled or in process. */
  readonly status?: WorkOrderStatus | 'open';
  /** Text in the number, customer, city, asset or instructions. */
  readonly search?: string;
  readonly offset: number;
  readonly limit: number;
}

export interface NoteSummary {
  readonly id: string;
  readonly title: string | null;
  readonly body: string | null;
  /** When the store recorded it (null until it has been sent). */
  readonly at: string | null;
  readonly by: string | null;
  readonly pending: boolean;
}

export interface AssetSummary {
  readonly id: string;
  readonly assetId: string;
  readonly name: string;
  readonly serialNumber: string | null;
  readonly installDate: string | null;
  readonly active: boolean;
}

export interface WorkOrderDetail {
  readonly workOrder: WorkOrderSummary;
  readonly asset: AssetSummary | null;
  readonly account: { readonly accountid: string; readonly name: string; readonly city: string | null; readonly telephone: string | null } | null;
  /** Newest first. */
  readonly notes: readonly NoteSummary[];
  /** Outbox entries touching the work order. */
  readonly pending: number;
  /** Open errors about it (its CRM row or the ERP service order): what the stores refused. */
  readonly failures: readonly { readonly id: number; readonly at: string; readonly code: string; readonly message: string }[];
}

export interface NewNote {
  /** What the note is attached to. */
  readonly target: { readonly type: 'workorder' | 'account'; readonly id: string };
  readonly title: string;
  readonly body: string;
}

/** A contact's fields as the form shows them (the CRM's names); absent or empty: none. */
export interface ContactFields {
  readonly firstname?: string;
  readonly lastname: string;
  readonly jobtitle?: string;
  readonly emailaddress1?: string;
  readonly telephone1?: string;
}

export interface NewContact extends ContactFields {
  /** The CRM account the person works for (a customer in the ERP). */
  readonly accountid: string;
}

export interface TimeOnSite {
  /** ISO date-times; `left` after `arrived`. */
  readonly arrived: string;
  readonly left: string;
  readonly comment?: string;
}

export interface WarehouseStock {
  readonly site: string;
  readonly warehouse: string;
  readonly onHand: string;
  readonly available: string;
}

export interface ProductSummary {
  readonly company: string;
  readonly itemNumber: string;
  readonly name: string;
  readonly type: string | null;
  /** The product's sales unit; its price is per this unit. */
  readonly unit: string | null;
  /** The list price (released product's sales price), per `unit`. */
  readonly price: string | null;
  /** Summed over warehouses, exactly; null when the replica holds no stock row. */
  readonly onHand: string | null;
  readonly available: string | null;
  readonly warehouses: readonly WarehouseStock[];
}

export interface ProductQuery {
  readonly search?: string;
  readonly company?: string;
  readonly offset: number;
  readonly limit: number;
}

export interface ProductPage {
  readonly rows: readonly ProductSummary[];
  readonly total: number;
  /** When the replica last pulled from the stores (prices and stock are as of then), and how long ago. */
  readonly asOf: string | null;
  readonly ageSeconds: number | null;
  readonly online: boolean;
}

export type SalesDocumentKind = 'order' | 'quote';

export interface SalesDocumentLine {
  readonly lineNumber: number;
  readonly itemNumber: string;
  readonly productName: string | null;
  readonly quantity: string | null;
  readonly unit: string | null;
  readonly unitPrice: string | null;
  readonly amount: string | null;
}

export interface SalesDocument {
  readonly kind: SalesDocumentKind;
  readonly company: string;
  readonly number: string;
  readonly name: string | null;
  readonly status: string | null;
  readonly requestedDate: string | null;
  readonly currency: string | null;
  readonly total: string | null;
  readonly lines: readonly SalesDocumentLine[];
  readonly pending: boolean;
}

/** What the order / quote form needs for one account. */
export interface OrderSetup {
  readonly accountid: string;
  readonly accountName: string;
  readonly company: string;
  /** The ERP customer the order goes to (null: the account has no customer in the ERP yet). */
  readonly customerAccount: string | null;
  readonly currency: string | null;
  /** Places amounts are rounded to (from the currency's rounding precision). */
  readonly currencyScale: number;
  readonly units: readonly { readonly value: string; readonly label: string }[];
  readonly conversions: readonly ConversionRow[];
}

export interface NewSalesDocumentLine {
  readonly itemNumber: string;
  readonly quantity: string;
  readonly unit: string;
  /** Per `unit`, as the agent saw and accepted it. */
  readonly unitPrice: string;
}

export interface NewSalesDocument {
  readonly kind: SalesDocumentKind;
  readonly accountid: string;
  /** YYYY-MM-DD. */
  readonly requestedDate?: string;
  /** A quote's name. */
  readonly name?: string;
  readonly lines: readonly NewSalesDocumentLine[];
}

export interface CreatedSalesDocument {
  readonly kind: SalesDocumentKind;
  readonly company: string;
  readonly number: string;
  readonly total: string;
}

/** An account's addresses, assets and notes for its detail page. */
export interface AccountExtras {
  readonly addresses: readonly { readonly id: string; readonly purpose: string | null; readonly street: string | null; readonly city: string | null; readonly zip: string | null; readonly country: string | null }[];
  readonly assets: readonly AssetSummary[];
  readonly notes: readonly NoteSummary[];
  /** The first of its work orders: the open ones (in planned order), then the others, latest first. */
  readonly workOrders: readonly WorkOrderSummary[];
  /** How many work orders the account has in all. */
  readonly workOrderTotal: number;
}
