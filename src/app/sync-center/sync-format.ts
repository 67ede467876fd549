/** Display text for the sync center's numbers and states. Pure: no runes, no DOM. */
import type { EngineError, MapRunState } from '../../engine/api.ts';
import { formatCount } from '../format.ts';

const STATE_LABELS: Readonly<Record<MapRunState, string>> = {
  'not-running': 'Not running',
  initializing: 'Initializing',
  running: 'Running',
  paused: 'Paused',
  resuming: 'Catching up',
  stopped: 'Stopped',
};

export function stateLabel(state: MapRunState): string {
  return STATE_LABELS[state];
}

/** Whole percent of done / total, 0 when nothing is to do yet and 100 when it is all done. */
export function percent(done: number, total: number): number {
  if (total <= 0) return done > 0 ? 100 : 0;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** "1,200 / 5,000 rows". */
export function rowsDone(done: number, total: number): string {
  return `${formatCount(done)} / ${formatCount(total)} rows`;
}

/** "120 rows/s", or a dash while no rate is known. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return '—';
  return `${formatCount(Math.round(rate))} rows/s`;
}

/** "ETA 1 min 20 s"; "done" at 0; "estimating…" while the engine has no rate yet. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'estimating…';
  if (seconds <= 0) return 'done';
  const s = Math.ceil(seconds);
  if (s < 60) return `ETA ${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `ETA ${minutes} min ${s % 60} s`;
  return `ETA ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** One line for an engine error: its message and, in brackets, its stable code. */
export function describeError(error: EngineError): string {
  return `${error.message} (${error.code})`;
}

/** A record key as text: "usmf · US-000001". */
export function keyText(key: Readonly<Record<string, unknown>>): string {
  return Object.values(key)
    .map((v) => (v === null || v === undefined ? '' : String(v)))
    .join(' · ');
}

/** Any value as the text a cell shows (JSON for objects; '∅' marks an absent value). */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '∅';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
