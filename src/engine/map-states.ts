/**
 * The state machine of one map, pure (no storage, no clock): which actions move a map
 * from which state to which, and how sync treats a map in each state.
 *
 *                 start                    initialized
 *   not-running ────────▶ (initializing) ─────────────▶ running ◀──────────────┐
 *        │                      ▲                        │   ▲                   │ caught-up
 *        │ stop                 │ initialize              │   │ resume (skip)    │ (queue drained)
 *        ▼                      │                   pause ▼   │                   │
 *     stopped ──── start ───────┴──────▶ running        paused ──resume (catch-up)──▶ resuming
 *
 * Every state goes to `stopped` on stop. A map with no saved state is `running` (maps
 * sync from the moment they are installed, as they always did). `initializing` is entered
 * and left by initial sync (MapControl.setState); `start` goes straight to `running`
 * until initial sync takes it over.
 */
export type MapRunState = 'not-running' | 'initializing' | 'running' | 'paused' | 'resuming' | 'stopped';

export const MAP_RUN_STATES: readonly MapRunState[] = ['not-running', 'initializing', 'running', 'paused', 'resuming', 'stopped'];

export type MapAction = 'start' | 'initialize' | 'initialized' | 'pause' | 'resume-catch-up' | 'resume-skip' | 'caught-up' | 'stop';

/** Allowed moves; an action that leaves the state as it is (starting a running map) is listed too, so several maps at once can be asked. */
const NEXT: Readonly<Record<MapRunState, Partial<Record<MapAction, MapRunState>>>> = {
  'not-running': { start: 'running', initialize: 'initializing', stop: 'stopped' },
  initializing: { start: 'initializing', initialize: 'initializing', initialized: 'running', stop: 'stopped' },
  running: { start: 'running', initialize: 'initializing', pause: 'paused', 'resume-catch-up': 'running', 'resume-skip': 'running', 'caught-up': 'running', stop: 'stopped' },
  paused: { pause: 'paused', 'resume-catch-up': 'resuming', 'resume-skip': 'running', stop: 'stopped' },
  resuming: { start: 'resuming', pause: 'paused', 'resume-catch-up': 'resuming', 'resume-skip': 'running', 'caught-up': 'running', stop: 'stopped' },
  stopped: { start: 'running', initialize: 'initializing', stop: 'stopped' },
};

export type Transition = { readonly ok: true; readonly to: MapRunState } | { readonly ok: false; readonly message: string };

export function transition(from: MapRunState, action: MapAction): Transition {
  const to = NEXT[from][action];
  if (to !== undefined) return { ok: true, to };
  return { ok: false, message: `cannot ${ACTION_TEXT[action]} a map that is ${from}${HINT[from] ?? ''}` };
}

/** The action that moves `from` to `to` (for MapControl.setState), or null when none does. */
export function actionTo(from: MapRunState, to: MapRunState): MapAction | null {
  return (Object.keys(NEXT[from]) as MapAction[]).find((a) => NEXT[from][a] === to) ?? null;
}

const ACTION_TEXT: Readonly<Record<MapAction, string>> = {
  start: 'start',
  initialize: 'begin the initial sync of',
  initialized: 'end the initial sync of',
  pause: 'pause',
  'resume-catch-up': 'resume',
  'resume-skip': 'resume',
  'caught-up': 'end the catch-up of',
  stop: 'stop',
};

const HINT: Partial<Record<MapRunState, string>> = {
  paused: ' (resume it instead)',
  'not-running': ' (start it first)',
  stopped: ' (start it first)',
};

/** States in which a map counts as started, for the maps that depend on it. */
export const isStarted = (state: MapRunState): boolean => state !== 'not-running' && state !== 'stopped';

/**
 * How sync treats a map in a state:
 *   pulled  'mirror' a pulled change into the other store, 'hold' it in the queue (paused,
 *           and resuming: new changes wait behind the catch-up), or 'skip' it (not running)
 *   push    false: outbox entries with an op of this map wait (and so does every later
 *           entry touching one of their rows)
 *   derive  local writes derive this map's counterpart rows (false: the map is not running)
 */
export interface MapGate {
  readonly pulled: 'mirror' | 'hold' | 'skip';
  readonly push: boolean;
  readonly derive: boolean;
}

const GATES: Readonly<Record<MapRunState, MapGate>> = {
  'not-running': { pulled: 'skip', push: true, derive: false },
  initializing: { pulled: 'mirror', push: true, derive: true },
  running: { pulled: 'mirror', push: true, derive: true },
  paused: { pulled: 'hold', push: false, derive: true },
  resuming: { pulled: 'hold', push: true, derive: true },
  stopped: { pulled: 'skip', push: true, derive: false },
};

export const gateOf = (state: MapRunState): MapGate => GATES[state];
