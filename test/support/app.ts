/** The built app served by a real test server, and a Chromium to drive it (e2e tests). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../server/start.ts';
import type { Browser } from './browser.ts';
import { launchBrowser } from './browser.ts';
import type { TestServer } from './server.ts';
import { startTestServer } from './server.ts';

export interface AppUnderTest {
  readonly server: TestServer;
  readonly browser: Browser;
  stop(): Promise<void>;
}

export async function startApp(): Promise<AppUnderTest> {
  if (!existsSync(join(REPO_ROOT, 'dist/index.html'))) throw new Error('Build the app first: npm run build (npm test does it).');
  const server = await startTestServer();
  const browser = await launchBrowser();
  return {
    server,
    browser,
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
}
