/**
 * The server a device syncs with, shown on the sign-in screen and changed there (the
 * first step of a first run): the engine checks the address answers as a Tandem server
 * and refuses to move a device that holds anything of its current server.
 */
import type { EngineApi } from '../../engine/api.ts';
import { describeError } from '../sync-center/sync-format.ts';

export type ServerApi = Pick<EngineApi, 'setup' | 'setServer'>;

export class ServerChoice {
  current = $state<string | null>(null);
  editing = $state(false);
  text = $state('');
  busy = $state(false);
  error = $state<string | null>(null);
  /** Said after a change: which server and version answered. */
  confirmed = $state<string | null>(null);
  readonly #api: ServerApi;

  constructor(api: ServerApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    this.current = (await this.#api.setup()).server;
  }

  edit(): void {
    this.editing = true;
    this.text = this.current ?? '';
    this.error = this.confirmed = null;
  }

  cancel(): void {
    this.editing = false;
    this.error = null;
  }

  async save(): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      const result = await this.#api.setServer(this.text);
      if (!result.ok) {
        this.error = describeError(result.error);
        return false;
      }
      this.current = result.value.url;
      this.confirmed = `Connected to ${result.value.url} (Tandem ${result.value.version}).`;
      this.editing = false;
      return true;
    } finally {
      this.busy = false;
    }
  }
}
