/**
 * What the field agent's searchable lists share: a search typed with a short debounce,
 * pages of 50 added by "Show more", and answers applied only when they are the latest
 * (a slow answer to an old search never replaces a newer one). A list says how it fetches
 * (`fetch`) and where the answer goes (`apply`).
 */
import { Debounce } from './timing.ts';

export const PAGE = 50;
const DEBOUNCE_MS = 150;

export abstract class PagedSearch<T> {
  input = $state('');
  limit = $state(PAGE);
  error = $state<string | null>(null);

  #request = 0;
  readonly #typed = new Debounce(DEBOUNCE_MS, () => void this.load());

  protected abstract fetch(): Promise<T>;
  protected abstract apply(answer: T): void;

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const answer = await this.fetch();
      if (request !== this.#request) return;
      this.apply(answer);
      this.error = null;
    } catch (error) {
      if (request === this.#request) this.error = error instanceof Error ? error.message : String(error);
    }
  }

  type(value: string): void {
    this.input = value;
    this.limit = PAGE;
    this.#typed.poke();
  }

  showMore(): void {
    this.limit += PAGE;
    void this.load();
  }

  dispose(): void {
    this.#typed.cancel();
    this.#request++;
  }
}
