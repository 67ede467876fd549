/** What the status bar says about the engine's phase, in an agent's words. */
import type { EngineStatus } from '../../engine/api.ts';
import { formatCount } from '../format.ts';

export function phaseLabel(status: EngineStatus): string {
  switch (status.phase) {
    case 'idle':
      return status.pending > 0 ? 'Waiting to send' : 'Up to date';
    case 'bootstrapping': {
      const b = status.bootstrap;
      if (!b) return 'Downloading customers…';
      return b.total ? `Downloading ${formatCount(b.done)} of ${formatCount(b.total)}` : `Downloading ${formatCount(b.done)}…`;
    }
    case 'pulling':
      return 'Receiving changes…';
    case 'pushing':
      return 'Sending changes…';
    case 'offline':
      return 'Changes stay on this tablet';
    case 'signed-out':
      return 'Signed out';
    case 'backoff':
      return 'Retrying soon';
  }
}

/** 0–100 while the first download runs and its size is known, else null. */
export function bootstrapPercent(status: EngineStatus): number | null {
  const b = status.bootstrap;
  if (status.phase !== 'bootstrapping' || !b?.total) return null;
  return Math.min(100, Math.round((b.done / b.total) * 100));
}
