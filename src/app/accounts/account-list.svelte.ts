/**
 * The accounts list's state: the search box (debounced), the scroll window, and a cache
 * of fetched pages. Only the rows in the window (plus overscan) exist in the DOM; pages
 * of PAGE_SIZE rows are fetched as the window reaches them, so 10k+ accounts scroll as
 * smoothly as 10.
 *
 * Freshness: every search and every refresh bumps `#generation`; an answer that arrives
 * for an older generation is dropped, so a slow page can never paint over newer data.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { AccountSummary, EngineApi } from '../../engine/api.ts';
import type { RowWindow } from './virtual-window.ts';
import { pagesFor, rowWindow } from './virtual-window.ts';

export const ROW_HEIGHT = 72;
export const PAGE_SIZE = 100;
export const OVERSCAN = 6;
export const SEARCH_DEBOUNCE_MS = 150;
/** Data notifications come once per pulled page during a sync; refresh at most this often. */
export const REFRESH_THROTTLE_MS = 400;

export type AccountSource = Pick<EngineApi, 'listAccounts'>;

export interface ListRow {
  readonly index: number;
  /** null while its page is being fetched. */
  readonly account: AccountSummary | null;
}

export class AccountList {
  /** What the search box shows. */
  input = $state('');
  /** The search the list shows results for (input, trimmed, after the debounce). */
  query = $state('');
  /** Filters: one company (code), or '' for all; only accounts with changes waiting to be sent. */
  company = $state('');
  pendingOnly = $state(false);
  /** Company codes on this device (from the last answer), for the company filter. */
  companies = $state.raw<readonly string[]>([]);
  /** Rows matching `query`; null until the first page answers. */
  total = $state<number | null>(null);
  scrollTop = $state(0);
  viewportHeight = $state(0);
  /** Bumped when the list must scroll back to the top (a new search). */
  resets = $state(0);
  error = $state<string | null>(null);

  readonly window: RowWindow = $derived(
    rowWindow({ scrollTop: this.scrollTop, viewportHeight: this.viewportHeight, rowHeight: ROW_HEIGHT, total: this.total ?? 0, overscan: OVERSCAN }),
  );
  readonly rows: readonly ListRow[] = $derived.by(() => {
    const rows: ListRow[] = [];
    for (let index = this.window.start; index < this.window.end; index++) {
      const page = this.#pages.get(Math.floor(index / PAGE_SIZE));
      rows.push({ index, account: page?.[index % PAGE_SIZE] ?? null });
    }
    return rows;
  });

  readonly #source: AccountSource;
  readonly #pages = new SvelteMap<number, readonly AccountSummary[]>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state: nothing renders from it
  readonly #inflight = new Set<number>();
  #generation = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshWanted = false;

  constructor(source: AccountSource) {
    this.#source = source;
  }

  /** The agent typed: apply it after a short pause so each keystroke does not query. */
  type(text: string): void {
    this.input = text;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#search(text.trim()), SEARCH_DEBOUNCE_MS);
  }

  setCompany(company: string): void {
    this.company = company;
    this.#restart();
  }

  setPendingOnly(pendingOnly: boolean): void {
    this.pendingOnly = pendingOnly;
    this.#restart();
  }

  /** Fetches the pages the window needs that are neither cached nor on their way. */
  ensureLoaded(): void {
    for (const page of this.#visiblePages()) {
      if (!this.#pages.has(page) && !this.#inflight.has(page)) void this.#fetch(page, this.#generation);
    }
  }

  /**
   * The replica changed: refetch what is on screen (keeping it displayed until the new
   * rows arrive) and forget the rest. Throttled, with a trailing call.
   */
  refresh(): void {
    if (this.#refreshTimer !== undefined) {
      this.#refreshWanted = true;
      return;
    }
    this.#refreshNow();
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = undefined;
      if (this.#refreshWanted) {
        this.#refreshWanted = false;
        this.refresh();
      }
    }, REFRESH_THROTTLE_MS);
  }

  dispose(): void {
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#refreshTimer);
    this.#generation++;
  }

  #refreshNow(): void {
    this.#generation++;
    this.#inflight.clear();
    const visible = this.#visiblePages();
    for (const page of [...this.#pages.keys()]) if (!visible.includes(page)) this.#pages.delete(page);
    for (const page of visible) void this.#fetch(page, this.#generation);
  }

  /** Pages under the window; page 0 when the window is empty (unknown total, or none yet). */
  #visiblePages(): number[] {
    const pages = pagesFor(this.window.start, this.window.end, PAGE_SIZE);
    return pages.length > 0 ? pages : [0];
  }

  #search(query: string): void {
    if (query === this.query) return;
    this.query = query;
    this.#restart();
  }

  /** The question changed: forget every page and start again from the top. */
  #restart(): void {
    this.#generation++;
    this.#inflight.clear();
    this.#pages.clear();
    this.total = null;
    this.scrollTop = 0;
    this.resets++;
    this.ensureLoaded();
  }

  async #fetch(page: number, generation: number): Promise<void> {
    this.#inflight.add(page);
    try {
      const filters = { ...(this.company ? { company: this.company } : {}), ...(this.pendingOnly ? { pendingOnly: true } : {}) };
      const answer = await this.#source.listAccounts({ search: this.query, ...filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (generation !== this.#generation) return;
      this.total = answer.total;
      this.companies = answer.companies;
      this.#pages.set(page, answer.rows);
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (generation === this.#generation) this.#inflight.delete(page);
    }
  }
}
