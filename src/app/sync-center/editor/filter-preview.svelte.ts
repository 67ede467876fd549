/**
 * One side's live filter preview in the map editor: while the admin types a filter, how
 * many of the replica's rows of the side's set it keeps — or what is wrong and where.
 *
 *   type(text)   waits for a pause in typing (DEBOUNCE_MS), then checks the latest text
 *   check(text)  asks the engine now (opening a map)
 *
 * Every check takes a ticket; an answer whose ticket is not the latest (older text, another
 * map) is dropped, so a slow count never overwrites a newer one.
 */
import type { EngineApi, FilterPreview, Result, Side } from '../../../engine/api.ts';
import { Debounce } from '../../timing.ts';
import { describeError } from '../sync-format.ts';

export type PreviewApi = Pick<EngineApi, 'previewMapFilter'>;

export type PreviewShown =
  | { readonly kind: 'idle' }
  | { readonly kind: 'count'; readonly matching: number; readonly total: number }
  | { readonly kind: 'invalid'; readonly message: string; readonly text: string; readonly position: number }
  | { readonly kind: 'failed'; readonly message: string };

export const DEBOUNCE_MS = 300;

export class FilterPreviewField {
  shown = $state.raw<PreviewShown>({ kind: 'idle' });
  /** A check is under way (the shown answer is for older text). */
  busy = $state(false);
  #ticket = 0;
  #text = '';
  readonly #typed = new Debounce(DEBOUNCE_MS, () => void this.check(this.#text));

  constructor(
    private readonly api: PreviewApi,
    readonly side: Side,
    private readonly set: () => string | null,
  ) {}

  type(text: string): void {
    this.#text = text;
    this.#typed.poke();
  }

  async check(text: string): Promise<void> {
    this.#typed.cancel();
    this.#text = text;
    const ticket = ++this.#ticket;
    const set = this.set();
    if (set === null) {
      this.shown = { kind: 'idle' };
      return;
    }
    this.busy = true;
    const answer: Result<FilterPreview> = await this.api.previewMapFilter({ side: this.side, set, filter: text }).catch((error: unknown) => ({ ok: false, error: { code: 'ENGINE', message: error instanceof Error ? error.message : String(error) } }));
    if (ticket !== this.#ticket) return;
    this.busy = false;
    if (answer.ok) this.shown = { kind: 'count', ...answer.value };
    else if (answer.error.code === 'FILTER_INVALID') this.shown = { kind: 'invalid', message: answer.error.message, text, position: Number(answer.error.details?.['position'] ?? 0) };
    else this.shown = { kind: 'failed', message: describeError(answer.error) };
  }

  /** Drops a waiting check and any answer still on its way. */
  dispose(): void {
    this.#typed.cancel();
    this.#ticket++;
    this.busy = false;
  }
}
