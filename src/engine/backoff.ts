/** Exponential backoff with full jitter (AWS architecture blog): delay ∈ [0, min(cap, base·2^attempt)). */
export function backoffDelay(attempt: number, random: () => number, baseMs = 1000, capMs = 60_000): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16)));
}
