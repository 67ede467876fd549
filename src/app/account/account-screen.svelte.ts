/**
 * The account page's state: the account with its ERP customer and contacts as the
 * replica has them, the edit form, and the save. Reloads when the replica changes
 * (throttled), so the ERP side visibly follows a save and a sync.
 */
import type { AccountDetail, EngineApi, EngineError } from '../../engine/api.ts';
import { AccountForm } from './account-form.svelte.ts';
import type { AccountField } from './fields.ts';
import { ERP_LINES } from './fields.ts';

export type AccountSource = Pick<EngineApi, 'getAccount' | 'updateAccount'>;

const RELOAD_THROTTLE_MS = 300;

export class AccountScreen {
  /** undefined while loading, null when the replica has no such account. */
  detail = $state.raw<AccountDetail | null | undefined>(undefined);
  saving = $state(false);
  /** The engine's answer to the last save. */
  outcome = $state.raw<{ readonly ok: true; readonly message: string } | { readonly ok: false; readonly error: EngineError } | null>(null);
  loadError = $state<string | null>(null);
  readonly form = new AccountForm();

  readonly #source: AccountSource;
  readonly #accountid: string;
  #request = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(source: AccountSource, accountid: string) {
    this.#source = source;
    this.#accountid = accountid;
  }

  get accountid(): string {
    return this.#accountid;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const detail = await this.#source.getAccount(this.#accountid);
      if (request !== this.#request) return;
      this.detail = detail;
      this.loadError = null;
      if (detail) this.form.setBase(detail.account);
    } catch (error) {
      if (request === this.#request) this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  /** The replica changed somewhere: reload soon, at most once per throttle window. */
  changed(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.load();
    }, RELOAD_THROTTLE_MS);
  }

  /** The agent typed: the last save's message no longer describes the form. */
  edit(field: AccountField, value: string): void {
    this.form.set(field, value);
    if (this.outcome?.ok) this.outcome = null;
  }

  async save(online: boolean): Promise<void> {
    const patch = this.form.patch();
    if (!patch || this.saving) return;
    this.saving = true;
    this.outcome = null;
    try {
      const result = await this.#source.updateAccount(this.#accountid, patch);
      if (result.ok) {
        this.form.saved(patch);
        this.outcome = {
          ok: true,
          message: online ? 'Saved. Sending it to the CRM and the ERP now.' : 'Saved on this tablet. It goes to the CRM and the ERP as soon as you are back online.',
        };
        await this.load();
      } else {
        // The engine names the failing field on either side; an ERP field is shown on the CRM field it mirrors.
        const field = result.error.details?.['field'];
        if (typeof field === 'string') this.form.rejectedField(ERP_LINES.find((l) => l.field === field)?.crm ?? field, result.error.message);
        this.outcome = { ok: false, error: result.error };
      }
    } catch (error) {
      this.outcome = { ok: false, error: { code: 'EngineUnavailable', message: error instanceof Error ? error.message : String(error) } };
    } finally {
      this.saving = false;
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#request++;
  }
}
