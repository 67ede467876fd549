/**
 * Local dual-write commit latency with the 100k replica loaded: 300 sequential
 * `engine.updateAccount(accountid, { telephone1 })` on distinct random accounts that have
 * an ERP counterpart (one IndexedDB transaction: read, mirror through the customers-accounts
 * map, write both rows, the shadows and the outbox entry), by an engine that does not sync;
 * against the floor of a raw Dexie rw transaction on a plain db holding the same accounts
 * and customers (copied from the replica) that gets the account, puts it and the customer
 * row, and adds one outbox row. Timed in the worker; 10 untimed warm-up writes each;
 * Tandem and floor alternate in blocks of 50 writes.
 */
import type { BrowserSession } from './browser/session.ts';
import type { BenchResult } from './result.ts';

const WRITES = 300;
const WARMUP = 10;
const BLOCK = 50;

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export async function commitLatencyBench(session: BrowserSession, tandemDb: string, floorDb: string): Promise<BenchResult[]> {
  const run = await session.call('commitLatency', tandemDb, floorDb, WRITES, WARMUP, BLOCK);
  const name = (p: number) =>
    `local dual-write commit latency p${p} (${WRITES} sequential updateAccount on random accounts of ${run.candidates.toLocaleString('en-US')} with an ERP counterpart, 100k replica loaded) vs raw Dexie transaction (get + 2 puts + outbox add)`;
  return [50, 95].map((p) => {
    const tandem = percentile(run.tandem, p);
    const floor = percentile(run.floor, p);
    return { name: name(p), value: round(tandem), unit: 'ms', floor: round(floor), ratio: tandem / floor };
  });
}

const round = (ms: number) => Math.round(ms * 100) / 100;
