/**
 * One work order's state: its detail as the replica has it, the status change, the note
 * form and the time-on-site form. The engine's refusals land next to the field they name
 * (a MapError names the store's field: subject / Title is the note's title, notetext /
 * Body its text). Reloads when the replica changes (throttled).
 */
import type { EngineApi, EngineError, WorkOrderDetail, WorkOrderStatus } from '../../engine/api.ts';
import { fromLocalInput, lastHour, statusLabel, systemNow } from './labels.ts';
import { Throttle } from '../timing.ts';

export type WorkOrderSource = Pick<EngineApi, 'workOrder' | 'setWorkOrderStatus' | 'addNote' | 'recordTimeOnSite'>;
export type NoteField = 'title' | 'body';
export type TimeField = 'arrived' | 'left';

const NOTE_FIELDS: Readonly<Record<string, NoteField>> = { subject: 'title', Title: 'title', title: 'title', notetext: 'body', Body: 'body', body: 'body' };
const RELOAD_THROTTLE_MS = 300;

type Outcome = { readonly ok: true; readonly message: string } | { readonly ok: false; readonly message: string } | null;

export class WorkOrderScreen {
  detail = $state.raw<WorkOrderDetail | null | undefined>(undefined);
  loadError = $state<string | null>(null);
  busy = $state(false);
  statusOutcome = $state.raw<Outcome>(null);

  note = $state({ title: '', body: '' });
  noteErrors = $state<Partial<Record<NoteField, string>>>({});
  noteOutcome = $state.raw<Outcome>(null);

  time = $state({ arrived: '', left: '', comment: '' });
  timeErrors = $state<Partial<Record<TimeField, string>>>({});
  timeOutcome = $state.raw<Outcome>(null);

  readonly #source: WorkOrderSource;
  readonly #id: string;
  #request = 0;
  readonly #reload = new Throttle(RELOAD_THROTTLE_MS, () => void this.load());

  constructor(source: WorkOrderSource, id: string, now: Date = systemNow()) {
    this.#source = source;
    this.#id = id;
    const visit = lastHour(now);
    this.time.arrived = visit.arrived;
    this.time.left = visit.left;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const detail = await this.#source.workOrder(this.#id);
      if (request !== this.#request) return;
      this.detail = detail;
      this.loadError = null;
    } catch (error) {
      if (request === this.#request) this.loadError = message(error);
    }
  }

  /** The replica changed somewhere: reload soon, at most once per throttle window. */
  changed(): void {
    this.#reload.poke();
  }

  async setStatus(status: WorkOrderStatus, online: boolean): Promise<void> {
    await this.#run(async () => {
      const result = await this.#source.setWorkOrderStatus(this.#id, status);
      this.statusOutcome = result.ok ? { ok: true, message: `${statusLabel(status)}. ${saved(online)}` } : { ok: false, message: result.error.message };
    });
  }

  async saveNote(online: boolean): Promise<void> {
    this.noteErrors = {};
    if (!this.note.title.trim() && !this.note.body.trim()) {
      this.noteErrors = { body: 'Write something first' };
      return;
    }
    await this.#run(async () => {
      const result = await this.#source.addNote({ target: { type: 'workorder', id: this.#id }, title: this.note.title, body: this.note.body });
      if (result.ok) {
        this.note = { title: '', body: '' };
        this.noteOutcome = { ok: true, message: `Note added. ${saved(online)}` };
      } else {
        this.noteErrors = { [fieldOf(result.error, NOTE_FIELDS) ?? 'body']: result.error.message };
        this.noteOutcome = { ok: false, message: result.error.message };
      }
    });
  }

  async saveTime(online: boolean): Promise<void> {
    const arrived = fromLocalInput(this.time.arrived);
    const left = fromLocalInput(this.time.left);
    this.timeErrors = { ...(arrived ? {} : { arrived: 'Pick a date and time' }), ...(left ? {} : { left: 'Pick a date and time' }) };
    if (!arrived || !left) return;
    await this.#run(async () => {
      const result = await this.#source.recordTimeOnSite(this.#id, { arrived, left, comment: this.time.comment });
      if (result.ok) {
        this.time.comment = '';
        this.timeOutcome = { ok: true, message: `${result.value.minutes} min on site recorded. ${saved(online)}` };
      } else {
        const field = fieldOf(result.error, { arrived: 'arrived', left: 'left' });
        this.timeErrors = field ? { [field]: result.error.message } : {};
        this.timeOutcome = { ok: false, message: result.error.message };
      }
    });
  }

  async #run(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await work();
      await this.load();
    } catch (error) {
      this.statusOutcome = { ok: false, message: message(error) };
    } finally {
      this.busy = false;
    }
  }

  dispose(): void {
    this.#reload.cancel();
    this.#request++;
  }
}

/** The form field an engine error names (details.field), through a table of store field names. */
export function fieldOf<F extends string>(error: EngineError, fields: Readonly<Record<string, F>>): F | null {
  const field = error.details?.['field'];
  return typeof field === 'string' ? (fields[field] ?? null) : null;
}

const saved = (online: boolean) => (online ? 'Sending it to the ERP and the CRM now.' : 'Saved on this tablet; sent when you are back online.');
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
