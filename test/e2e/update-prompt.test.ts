/**
 * The installed app and its update flow, in real Chromium: the service worker controls
 * the page, never answers for the server's own endpoints, and a newly deployed build
 * waits until the agent taps "Reload" (workbox-window → SKIP_WAITING → controlling →
 * reload). Runs against a copy of dist/ so "deploying" a new build touches nothing else.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/start.ts';
import type { Browser } from '../support/browser.ts';
import { launchBrowser } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';
import { startTestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;
let distDir: string;

beforeAll(async () => {
  const built = join(REPO_ROOT, 'dist');
  if (!existsSync(join(built, 'index.html'))) throw new Error('Build the app first: npm run build (npm test does it).');
  distDir = mkdtempSync(join(tmpdir(), 'tandem-dist-'));
  cpSync(built, distDir, { recursive: true });
  server = await startTestServer({ distDir });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
});

describe('the installed app', () => {
  it('lets the server endpoints through and serves any path offline from the precache', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    // /health is never answered by the service worker…
    const health = await page.evaluate(async () => (await fetch('/health')).json());
    expect(health.status).toBe('ok');
    await browser.context.setOffline(true);
    try {
      const offlineHealth = await page.evaluate(async () => fetch('/health').then(() => 'answered', () => 'network error'));
      expect(offlineHealth).toBe('network error');
      // …while a deep link opens the app shell with no network.
      const deep = await page.goto(`${server.url}/somewhere/deep#/new`);
      expect(deep?.fromServiceWorker()).toBe(true);
      expect(await page.title()).toBe('Tandem');
    } finally {
      await browser.context.setOffline(false);
    }
    await page.close();
  });

  it('offers a new version, and switches to it only when the agent taps Reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    expect(await page.getByTestId('update-prompt').count()).toBe(0);

    appendFileSync(join(distDir, 'sw.js'), '\n// a new build\n'); // "deploy" a new service worker
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.getByTestId('update-prompt').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('update-prompt').textContent()).toContain('A new version is ready');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);

    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.getByRole('button', { name: 'Reload' }).click()]);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
    expect(await page.getByTestId('update-prompt').count()).toBe(0);
    await page.close();
  });
});
