/** Deterministic row timestamps, all before the seed's `now`. */
import type { Rng } from './random.ts';
import type { RowTimes } from './sink.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A row created 30 days to 3 years before `now`, last changed somewhere since. */
export function rowTimes(rng: Rng, now: number): RowTimes {
  const created = now - rng.int(30 * DAY, 3 * 365 * DAY);
  return { created, modified: created + Math.floor(rng.float() * (now - MINUTE * 60 - created)) };
}

/** The same row written to the other store by dual-write, a few seconds later. */
export function mirroredTimes(rng: Rng, times: RowTimes): RowTimes {
  const lag = rng.int(800, 6_000);
  return { created: times.created + lag, modified: times.modified + lag };
}

/** A row that came after `parent` (a contact person after its customer). */
export function childTimes(rng: Rng, parent: RowTimes, now: number): RowTimes {
  const created = parent.created + Math.floor(rng.float() * (now - MINUTE * 60 - parent.created) * 0.5);
  return { created, modified: created + Math.floor(rng.float() * (now - MINUTE * 60 - created)) };
}

/** Reference data: loaded at go-live, three years before `now`, one minute apart. */
export function setupTimes(now: number, order: number): RowTimes {
  const at = now - 3 * 365 * DAY - DAY + order * MINUTE;
  return { created: at, modified: at };
}
