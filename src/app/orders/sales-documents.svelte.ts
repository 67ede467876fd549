/** An account's orders and quotes with their lines, as the replica has them (reloads when it changes, throttled). */
import type { EngineApi, SalesDocument } from '../../engine/api.ts';
import { Throttle } from '../timing.ts';

const RELOAD_THROTTLE_MS = 300;

export class SalesDocuments {
  documents = $state.raw<readonly SalesDocument[] | null>(null);
  accountName = $state<string | null>(null);
  error = $state<string | null>(null);
  /** Numbers of the documents whose lines are shown. */
  open = $state<Record<string, boolean>>({});

  readonly #source: Pick<EngineApi, 'salesDocuments' | 'orderSetup'>;
  readonly #accountid: string;
  #request = 0;
  readonly #reload = new Throttle(RELOAD_THROTTLE_MS, () => void this.load());

  constructor(source: Pick<EngineApi, 'salesDocuments' | 'orderSetup'>, accountid: string) {
    this.#source = source;
    this.#accountid = accountid;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const [documents, setup] = await Promise.all([this.#source.salesDocuments(this.#accountid), this.#source.orderSetup(this.#accountid)]);
      if (request !== this.#request) return;
      this.documents = documents;
      this.accountName = setup?.accountName ?? null;
      this.error = null;
    } catch (error) {
      if (request === this.#request) this.error = error instanceof Error ? error.message : String(error);
    }
  }

  toggle(number: string): void {
    this.open[number] = !this.open[number];
  }

  /** The replica changed somewhere: reload soon, at most once per throttle window. */
  changed(): void {
    this.#reload.poke();
  }

  dispose(): void {
    this.#reload.cancel();
    this.#request++;
  }
}
