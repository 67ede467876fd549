/** Hands the one EngineState to every component without prop drilling (mount's context). */
import { getContext } from 'svelte';
import type { EngineState } from './engine-state.svelte.ts';

const KEY = Symbol('tandem-engine');

/** The context to mount the app with. */
export function engineContext(state: EngineState): Map<symbol, EngineState> {
  return new Map([[KEY, state]]);
}

export function useEngine(): EngineState {
  const state = getContext<EngineState | undefined>(KEY);
  if (!state) throw new Error('useEngine(): mount the app with engineContext(state) (see main.ts)');
  return state;
}
