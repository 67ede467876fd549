/**
 * Debian's Chromium started by hand and driven over CDP with Playwright's default
 * overrides off. Playwright's own launch turns on focus emulation for every page, which
 * counts as "being captured" and keeps the page visible — and a visible page cannot be
 * frozen. Tests of the Page Lifecycle (freeze / resume) need this browser instead.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from './browser.ts';
import { CHROMIUM_ARGS } from './browser.ts';

export async function launchFreezableBrowser(timeoutMs = 30_000): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'tandem-chromium-cdp-'));
  const child = spawn(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools endpoint in ${timeoutMs} ms: ${seen.slice(-500)}`)), timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it opened its DevTools endpoint: ${seen.slice(-500)}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true, isLocal: true });
  const context = browser.contexts()[0];
  if (!context) throw new Error('Chromium has no default context');
  return {
    context,
    close: async () => {
      await browser.close().catch(() => undefined);
      // The whole process group: Chromium's helpers would go on writing the profile.
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      await exited;
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch {
        // A helper still closing a file: the profile is in the temp folder either way.
      }
    },
  };
}
