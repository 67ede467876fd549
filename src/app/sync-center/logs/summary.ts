/** What a bulk error action did, in one line. Pure. */
import type { ErrorActionResult } from '../../../engine/api.ts';

/** "2 retried, 1 failed: ERROR_NOT_OPEN" — what a bulk action did, per outcome. */
export function summarize(results: readonly ErrorActionResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const parts = [...counts].map(([outcome, n]) => `${n} ${outcome}`);
  const failures = results.filter((r) => r.error).map((r) => `#${r.id} ${r.error?.code}`);
  return failures.length > 0 ? `${parts.join(', ')}: ${failures.join(', ')}` : parts.join(', ');
}
