/**
 * The order / quote entry form: the account's setup (customer, currency, units), lines
 * picked from the products with a price asked of the engine (the ERP's when online, the
 * replica's agreements offline; else the list price converted to the line's unit), exact
 * totals (core/orders), and the engine's refusals next to the field they name. Works the
 * same offline: everything it reads and writes is on the tablet.
 */
import type { CreatedSalesDocument, EngineApi, EngineError, OrderSetup, ProductSummary, SalesDocumentKind } from '../../engine/api.ts';
import { lineAmount, orderTotals, PRICE_SCALE, QUANTITY_SCALE, checkAmount } from '../../core/orders/index.ts';
import { systemNow } from '../work-orders/labels.ts';
import { conversionNote, errorTarget, listPriceIn, unitProblem, type HeaderField, type LineField } from './order-lines.ts';

export type OrderSource = Pick<EngineApi, 'orderSetup' | 'products' | 'salesPrice' | 'createSalesDocument'>;

export interface LineDraft {
  readonly key: number;
  readonly itemNumber: string;
  readonly productName: string;
  /** The product's sales unit and list price per it. */
  readonly productUnit: string | null;
  readonly listPrice: string | null;
  quantity: string;
  unit: string;
  unitPrice: string;
  /** Where the price came from: the ERP now, the tablet's agreements, the list price, or the agent. */
  priceSource: 'erp' | 'local' | 'list' | 'manual' | 'none';
}

const SEARCH_LIMIT = 8;
const DEBOUNCE_MS = 150;

export class OrderForm {
  setup = $state.raw<OrderSetup | null | undefined>(undefined);
  lines = $state<LineDraft[]>([]);
  requestedDate = $state('');
  name = $state('');
  search = $state('');
  results = $state.raw<readonly ProductSummary[]>([]);
  saving = $state(false);
  submitted = $state(false);
  created = $state.raw<CreatedSalesDocument | null>(null);
  /** The engine's refusals: per "line|field", and per header field. */
  lineRejections = $state<Record<string, string>>({});
  headerRejections = $state<Partial<Record<HeaderField, string>>>({});
  /** The line just added: its quantity takes the focus (keyboard entry goes on there). */
  focusKey = $state<number | null>(null);

  readonly #source: OrderSource;
  readonly #accountid: string;
  readonly kind: SalesDocumentKind;
  readonly #today: string;
  #nextKey = 1;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #searchRequest = 0;

  constructor(source: OrderSource, accountid: string, kind: SalesDocumentKind, today: string = systemNow().toISOString().slice(0, 10)) {
    this.#source = source;
    this.#accountid = accountid;
    this.kind = kind;
    this.#today = today;
  }

  /** Exact totals, or the first problem per line and field. */
  readonly totals = $derived(orderTotals(this.lines, this.setup?.currencyScale ?? 2));

  /** What to show next to each line field: the local check (after a submit or once typed), else the engine's refusal. */
  lineError(index: number, field: LineField): string {
    const rejected = this.lineRejections[`${index}|${field}`];
    if (rejected) return rejected;
    const line = this.lines[index];
    if (!line) return '';
    if (field === 'quantity' && (this.submitted || line.quantity !== '')) return checkAmount(line.quantity, QUANTITY_SCALE, 'quantity', true).message;
    if (field === 'unitPrice' && (this.submitted || line.unitPrice !== '')) return checkAmount(line.unitPrice, PRICE_SCALE, 'price', false).message;
    if (field === 'unit') return unitProblem(line.unit, line.productUnit, this.setup?.conversions ?? []);
    return '';
  }

  /** The line's amount when its quantity and price are valid. */
  amount(index: number): string | null {
    const line = this.lines[index];
    if (!line) return null;
    const q = checkAmount(line.quantity, QUANTITY_SCALE, 'quantity', true).value;
    const p = checkAmount(line.unitPrice, PRICE_SCALE, 'price', false).value;
    return q !== null && p !== null ? lineAmount(q, p, this.setup?.currencyScale ?? 2) : null;
  }

  conversion(index: number): string | null {
    const line = this.lines[index];
    return line ? conversionNote(line.quantity, line.unit, line.productUnit, this.setup?.conversions ?? []) : null;
  }

  async load(): Promise<void> {
    this.setup = await this.#source.orderSetup(this.#accountid);
  }

  type(value: string): void {
    this.search = value;
    clearTimeout(this.#timer);
    if (value.trim() === '') {
      this.results = [];
      return;
    }
    this.#timer = setTimeout(() => void this.#find(value.trim()), DEBOUNCE_MS);
  }

  async #find(search: string): Promise<void> {
    const request = ++this.#searchRequest;
    const company = this.setup?.company;
    const page = await this.#source.products({ search, offset: 0, limit: SEARCH_LIMIT, ...(company ? { company } : {}) });
    if (request === this.#searchRequest) this.results = page.rows;
  }

  async add(product: ProductSummary): Promise<void> {
    const unit = product.unit ?? this.setup?.units[0]?.value ?? '';
    this.focusKey = this.#nextKey;
    this.lines.push({ key: this.#nextKey++, itemNumber: product.itemNumber, productName: product.name, productUnit: product.unit, listPrice: product.price, quantity: '1', unit, unitPrice: '', priceSource: 'none' });
    this.search = '';
    this.results = [];
    this.#touched();
    await this.reprice(this.lines.length - 1);
  }

  remove(index: number): void {
    this.lines.splice(index, 1);
    this.#touched();
  }

  setQuantity(index: number, value: string): void {
    const line = this.lines[index];
    if (!line) return;
    line.quantity = value;
    this.#touched();
  }

  setUnit(index: number, unit: string): void {
    const line = this.lines[index];
    if (!line) return;
    line.unit = unit;
    this.#touched();
    void this.reprice(index);
  }

  setPrice(index: number, value: string): void {
    const line = this.lines[index];
    if (!line) return;
    line.unitPrice = value;
    line.priceSource = 'manual';
    this.#touched();
  }

  /** Asks the engine for the price (quantity breaks, customer agreements); else the list price in the line's unit. */
  async reprice(index: number): Promise<void> {
    const line = this.lines[index];
    const setup = this.setup;
    if (!line || !setup || line.priceSource === 'manual') return;
    const quantity = checkAmount(line.quantity, QUANTITY_SCALE, 'quantity', true).value ?? '1';
    if (setup.customerAccount && setup.currency) {
      const answer = await this.#source
        .salesPrice({ dataAreaId: setup.company, CustomerAccount: setup.customerAccount, ItemNumber: line.itemNumber, Quantity: quantity, UnitSymbol: line.unit, CurrencyCode: setup.currency, Date: this.#today })
        .catch(() => null);
      const current = this.lines[index];
      if (current?.key !== line.key || current.priceSource === 'manual') return;
      if (answer?.ok && answer.value.Price !== null) {
        current.unitPrice = answer.value.Price;
        current.priceSource = answer.value.source;
        return;
      }
    }
    const list = line.listPrice === null ? null : listPriceIn(line.listPrice, line.unit, line.productUnit, setup.conversions);
    const target = this.lines[index];
    if (!target || target.key !== line.key || target.priceSource === 'manual') return;
    target.unitPrice = list?.ok ? list.price : '';
    target.priceSource = list?.ok ? 'list' : 'none';
  }

  async submit(): Promise<void> {
    this.submitted = true;
    if (this.saving || !this.setup) return;
    if (this.lines.length === 0) {
      this.headerRejections = { lines: 'Add at least one product.' };
      return;
    }
    if (!this.totals.ok) return;
    this.saving = true;
    try {
      const result = await this.#source.createSalesDocument({
        kind: this.kind,
        accountid: this.#accountid,
        lines: this.lines.map((l) => ({ itemNumber: l.itemNumber, quantity: l.quantity.trim(), unit: l.unit, unitPrice: l.unitPrice.trim() })),
        ...(this.requestedDate ? { requestedDate: this.requestedDate } : {}),
        ...(this.kind === 'quote' && this.name.trim() ? { name: this.name.trim() } : {}),
      });
      if (result.ok) this.created = result.value;
      else this.#reject(result.error);
    } catch (error) {
      this.headerRejections = { form: error instanceof Error ? error.message : String(error) };
    } finally {
      this.saving = false;
    }
  }

  #reject(error: EngineError): void {
    const target = errorTarget(error);
    if (target.line !== null) this.lineRejections = { [`${target.line}|${target.field}`]: error.message };
    else this.headerRejections = { [target.field]: error.message };
  }

  /** The agent changed something: the engine's last refusal may no longer apply. */
  #touched(): void {
    this.lineRejections = {};
    this.headerRejections = {};
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#searchRequest++;
  }
}
