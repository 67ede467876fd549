import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/start.ts';
import type { Browser } from '../support/browser.ts';
import { launchBrowser } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';
import { startTestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist/index.html'))) throw new Error('Build the app first: npm run build (npm test does it).');
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the built app in Chromium', () => {
  it('loads from the server and shows both stores live', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByTestId('server-status').textContent()).toContain('is up');
    const text = await page.getByTestId('server-status').textContent();
    expect(text).toContain('ERP: 7 entity sets');
    expect(text).toContain('CRM: 7 entity sets');
    expect(await page.title()).toBe('Tandem');
  });

  it('serves the app for deep links (SPA fallback) and says so when the server is unreachable', async () => {
    const page = await browser.context.newPage();
    await page.route('**/health', (route) => route.abort('connectionrefused'));
    await page.goto(`${server.url}/accounts/123`);
    await expect.poll(() => page.getByTestId('server-status').textContent()).toContain('Cannot reach the server');
  });
});
