/**
 * The products screen's state: a paged search (PagedSearch), and the age of the replica's
 * copy of prices and stock — shown whenever the tablet is offline, because then nothing
 * newer can be asked for.
 */
import type { EngineApi, ProductPage } from '../../engine/api.ts';
import { PagedSearch } from '../paged-search.svelte.ts';

/** "3 min", "2 h 5 min", "4 days": how old the copy is; null when it never synced. */
export function ageLabel(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

/** A quantity for reading: digit groups, the decimals it has ("1,234.5"); '—' for none. */
export function formatQuantity(value: string | null): string {
  if (value === null) return '—';
  const [whole = '0', fraction] = value.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value.startsWith('-') ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

export class ProductList extends PagedSearch<ProductPage> {
  page = $state.raw<ProductPage | null>(null);

  readonly #source: Pick<EngineApi, 'products'>;

  constructor(source: Pick<EngineApi, 'products'>) {
    super();
    this.#source = source;
  }

  get more(): boolean {
    return this.page !== null && this.page.rows.length < this.page.total;
  }

  /** The copy's age, when it should be shown (offline). */
  get staleness(): string | null {
    return this.page && !this.page.online ? ageLabel(this.page.ageSeconds) : null;
  }

  protected fetch(): Promise<ProductPage> {
    const search = this.input.trim();
    return this.#source.products({ offset: 0, limit: this.limit, ...(search ? { search } : {}) });
  }

  protected apply(page: ProductPage): void {
    this.page = page;
  }
}
