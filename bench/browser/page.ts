/**
 * The bench page: starts the bench worker and hands its comlink proxy to whoever drives
 * the page (bench/browser/session.ts calls `globalThis.bench.<fn>(…)` through Playwright).
 */
import * as Comlink from 'comlink';
import type { BenchApi } from './bench.worker.ts';

// Declared here rather than taken from lib.dom, so the file also type-checks under the
// server's Node config (which includes bench/**). Vite still sees `new Worker(new URL(…))`.
declare const Worker: new (url: URL, options: { type: 'module'; name: string }) => Comlink.Endpoint;

const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' });
const scope = globalThis as unknown as { bench: Comlink.Remote<BenchApi>; benchReady: boolean };
scope.bench = Comlink.wrap<BenchApi>(worker);
scope.benchReady = true;
