/**
 * The browser benches' harness (Node side): builds the bench page; starts the reference
 * server on the bench data with TANDEM_DIST pointing at that page, opens Debian's
 * Chromium on a fresh ON-DISK profile (launchPersistentContext, as in production; a
 * plain newContext keeps IndexedDB in memory) and calls the bench worker's functions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { startServerProcess } from '../server-process.ts';
import type { ServerProcess } from '../server-process.ts';
import type { BenchApi } from './bench.worker.ts';

/** The flags of test/support/browser.ts (this machine's Chromium needs them). */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserSession {
  /** Calls one of the bench worker's functions and resolves with its answer. */
  call<K extends keyof BenchApi>(fn: K, ...args: Parameters<BenchApi[K]>): Promise<Awaited<ReturnType<BenchApi[K]>>>;
  close(): Promise<void>;
}

/** Builds bench/browser into bench/browser/dist (about a second) and returns that folder. */
export function buildBenchPage(repoRoot: string): string {
  execFileSync(join(repoRoot, 'node_modules/.bin/vite'), ['build', '--config', 'bench/browser/vite.config.ts'], { cwd: repoRoot, stdio: 'inherit' });
  return join(repoRoot, 'bench/browser/dist');
}

/** `distDir`: the built bench page (buildBenchPage), served by the server as its static files. */
export async function startBrowserSession(repoRoot: string, dataDir: string, distDir: string): Promise<BrowserSession> {
  const server: ServerProcess = await startServerProcess(repoRoot, dataDir, { TANDEM_DIST: distDir });
  const profile = mkdtempSync(join(tmpdir(), 'tandem-bench-chromium-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const page: Page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error(`[bench page] ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.error(`[bench page] ${message.text()}`);
    });
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => (globalThis as unknown as { benchReady?: boolean }).benchReady === true);
    const open = context;
    return {
      call: (fn, ...args) =>
        page.evaluate(
          ([name, list]) => (globalThis as unknown as { bench: Record<string, (...a: unknown[]) => Promise<never>> }).bench[name]?.(...list) as Promise<never>,
          [fn, args] as [string, unknown[]],
        ),
      close: async () => {
        await open.close();
        rmSync(profile, { recursive: true, force: true });
        await server.stop();
      },
    };
  } catch (error) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
    throw error;
  }
}
