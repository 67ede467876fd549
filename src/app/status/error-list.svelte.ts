/** The error panel's state: the engine's error log, loaded when opened, dismissed one by one. */
import type { EngineApi, ErrorEntry } from '../../engine/api.ts';

export type ErrorSource = Pick<EngineApi, 'errors' | 'dismissError'>;

export class ErrorList {
  open = $state(false);
  entries = $state.raw<readonly ErrorEntry[] | null>(null);
  problem = $state<string | null>(null);
  readonly #source: ErrorSource;
  #count = -1;

  constructor(source: ErrorSource) {
    this.#source = source;
  }

  async show(): Promise<void> {
    this.open = true;
    await this.reload();
  }

  /** The engine's error count changed: an open panel reloads its list. */
  countIs(count: number): void {
    if (count === this.#count) return;
    this.#count = count;
    if (this.open) void this.reload();
  }

  close(): void {
    this.open = false;
  }

  async reload(): Promise<void> {
    try {
      this.entries = await this.#source.errors();
      this.problem = null;
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  async dismiss(id: number): Promise<void> {
    this.entries = (this.entries ?? []).filter((e) => e.id !== id);
    await this.#source.dismissError(id);
    await this.reload();
  }
}
