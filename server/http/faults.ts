/**
 * Opt-in fault injection for the data endpoints (/erp, /crm), so that every failure path
 * of a client can be exercised against the real server: added latency, a share of 503
 * answers, a share of dropped connections. Off unless configured, either at start
 * (TANDEM_FAULTS="latency=200,503=0.1,drop=0.05") or at run time by an administrator
 * (PUT /admin/faults {"latencyMs":200,"errorRate":0.1,"dropRate":0.05}).
 */
export interface Faults {
  readonly latencyMs: number;
  readonly errorRate: number;
  readonly dropRate: number;
}

export const NO_FAULTS: Faults = { latencyMs: 0, errorRate: 0, dropRate: 0 };

export function parseFaultsEnv(text: string | undefined): Faults {
  if (!text) return NO_FAULTS;
  const out = { ...NO_FAULTS };
  for (const part of text.split(',')) {
    const [name = '', value = ''] = part.split('=').map((s) => s.trim());
    const n = Number(value.replace(/ms$|%$/, '')) / (value.endsWith('%') ? 100 : 1);
    if (!Number.isFinite(n) || n < 0) throw new Error(`TANDEM_FAULTS: '${part}' needs a non-negative number`);
    if (name === 'latency') out.latencyMs = n;
    else if (name === '503') out.errorRate = n;
    else if (name === 'drop') out.dropRate = n;
    else throw new Error(`TANDEM_FAULTS: unknown fault '${name}' (use latency, 503, drop)`);
  }
  return checkFaults(out);
}

/** Validates a faults object from JSON; throws a message naming the bad field. */
export function checkFaults(value: unknown): Faults {
  if (typeof value !== 'object' || value === null) throw new Error('faults must be an object {latencyMs, errorRate, dropRate}');
  const v = value as Record<string, unknown>;
  const num = (name: string, max: number): number => {
    const x = v[name] ?? 0;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > max) throw new Error(`faults.${name} must be a number from 0 to ${max}`);
    return x;
  };
  return { latencyMs: num('latencyMs', 60_000), errorRate: num('errorRate', 1), dropRate: num('dropRate', 1) };
}

export type FaultDecision = 'pass' | 'error' | 'drop';

export function decide(faults: Faults, random: () => number = Math.random): FaultDecision {
  const r = random();
  if (r < faults.dropRate) return 'drop';
  if (r < faults.dropRate + faults.errorRate) return 'error';
  return 'pass';
}
