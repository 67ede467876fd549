/** One benchmark figure beside its floor, as printed and as written to bench/results.json. */
export interface BenchResult {
  readonly name: string;
  /** Tandem's figure, in `unit`. */
  readonly value: number;
  readonly unit: string;
  /** The floor's figure for the same work, in the same unit. */
  readonly floor: number;
  /** Tandem's time for the work ÷ the floor's time: 1.0 is the floor, lower is better. */
  readonly ratio: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function describeResult(r: BenchResult): string {
  const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: n < 100 ? 2 : 0 });
  return `${r.name}\n  tandem ${fmt(r.value)} ${r.unit}   floor ${fmt(r.floor)} ${r.unit}   ratio ${r.ratio.toFixed(2)} (time ÷ floor time, lower is better)`;
}
