/** The map state machine (src/engine/map-states.ts): every allowed move, every refusal, and what each state does to sync. */
import { describe, expect, it } from 'vitest';
import type { MapAction, MapRunState } from '../../src/engine/map-states.ts';
import { actionTo, gateOf, isStarted, MAP_RUN_STATES, transition } from '../../src/engine/map-states.ts';

const ACTIONS: readonly MapAction[] = ['start', 'initialize', 'initialized', 'pause', 'resume-catch-up', 'resume-skip', 'caught-up', 'stop'];

/** The diagram, written out: from → action → to; every pair not listed is refused. */
const ALLOWED: Record<string, MapRunState> = {
  'not-running start': 'running',
  'not-running initialize': 'initializing',
  'not-running stop': 'stopped',
  'initializing start': 'initializing',
  'initializing initialize': 'initializing',
  'initializing initialized': 'running',
  'initializing stop': 'stopped',
  'running start': 'running',
  'running initialize': 'initializing',
  'running pause': 'paused',
  'running resume-catch-up': 'running',
  'running resume-skip': 'running',
  'running caught-up': 'running',
  'running stop': 'stopped',
  'paused pause': 'paused',
  'paused resume-catch-up': 'resuming',
  'paused resume-skip': 'running',
  'paused stop': 'stopped',
  'resuming start': 'resuming',
  'resuming pause': 'paused',
  'resuming resume-catch-up': 'resuming',
  'resuming resume-skip': 'running',
  'resuming caught-up': 'running',
  'resuming stop': 'stopped',
  'stopped start': 'running',
  'stopped initialize': 'initializing',
  'stopped stop': 'stopped',
};

describe('map state machine', () => {
  for (const from of MAP_RUN_STATES) {
    for (const action of ACTIONS) {
      const expected = ALLOWED[`${from} ${action}`];
      it(`${from} --${action}--> ${expected ?? 'refused'}`, () => {
        const moved = transition(from, action);
        if (expected === undefined) {
          expect(moved.ok).toBe(false);
          if (!moved.ok) expect(moved.message).toContain(from);
        } else {
          expect(moved).toEqual({ ok: true, to: expected });
        }
      });
    }
  }

  it('tells what to do instead of a refused move', () => {
    expect(transition('paused', 'start')).toEqual({ ok: false, message: 'cannot start a map that is paused (resume it instead)' });
    expect(transition('stopped', 'pause')).toEqual({ ok: false, message: 'cannot pause a map that is stopped (start it first)' });
  });

  it('finds the action between two states, or none', () => {
    expect(actionTo('not-running', 'initializing')).toBe('initialize');
    expect(actionTo('initializing', 'running')).toBe('initialized');
    expect(actionTo('paused', 'resuming')).toBe('resume-catch-up');
    expect(actionTo('stopped', 'paused')).toBeNull();
    expect(actionTo('not-running', 'resuming')).toBeNull();
  });

  it('counts a dependency as started unless it is not running or stopped', () => {
    expect(MAP_RUN_STATES.filter(isStarted)).toEqual(['initializing', 'running', 'paused', 'resuming']);
  });

  it('holds pushes only while paused, holds pulled changes while paused or resuming, derives nothing when not running', () => {
    const table = Object.fromEntries(MAP_RUN_STATES.map((s) => [s, gateOf(s)]));
    expect(table).toEqual({
      'not-running': { pulled: 'skip', push: true, derive: false },
      initializing: { pulled: 'mirror', push: true, derive: true },
      running: { pulled: 'mirror', push: true, derive: true },
      paused: { pulled: 'hold', push: false, derive: true },
      resuming: { pulled: 'hold', push: true, derive: true },
      stopped: { pulled: 'skip', push: true, derive: false },
    });
  });
});
