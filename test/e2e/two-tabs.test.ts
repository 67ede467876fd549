/**
 * Two tabs of the app in one browser: both run an engine over the same IndexedDB, one
 * holds the sync lock; a change made in one tab shows up live in the other, and is sent
 * to the stores once. Closing the syncing tab hands the lock to the other.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../support/browser.ts';
import type { AppUnderTest } from '../support/app.ts';
import { startApp } from '../support/app.ts';
import type { TestServer } from '../support/server.ts';
import { CRM } from '../support/server.ts';

let server: TestServer;
let browser: Browser;
let app: AppUnderTest | undefined;

beforeAll(async () => {
  app = await startApp();
  ({ server, browser } = app);
});
afterAll(() => app?.stop());

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();
/** The sync lock as the browser's lock manager sees it: how many hold it and how many wait. */
const syncLock = (page: Page) =>
  page.evaluate(async () => {
    const state = await navigator.locks.query();
    const count = (list: LockInfo[] | undefined) => (list ?? []).filter((l) => l.name === 'tandem-sync').length;
    return { held: count(state.held), waiting: count(state.pending) };
  });

describe('two tabs', () => {
  it('share one replica, show each other’s edits live, and sync through one engine', async () => {
    const first = await browser.context.newPage();
    await first.goto(`${server.url}/`);
    await first.locator('input[name=username]').fill('agent.gbsi');
    await first.locator('input[name=password]').fill('agent');
    await first.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => text(first, 'sync-phase'), { timeout: 30_000 }).toContain('Up to date');
    expect(await syncLock(first)).toEqual({ held: 1, waiting: 0 });

    const second = await browser.context.newPage();
    await second.goto(`${server.url}/`);
    await second.getByTestId('account-row').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => syncLock(second)).toEqual({ held: 1, waiting: 1 }); // the second engine waits its turn
    const row = second.getByTestId('account-row').first();
    const firstName = (await row.locator('.name, strong, h3').first().textContent())?.trim() ?? '';

    await first.getByTestId('account-search').fill(firstName);
    await first.getByTestId('account-row').first().click();
    await first.locator('input[name=name]').fill(`${firstName} (two tabs)`);
    await first.getByTestId('save-account').click();
    await first.getByTestId('save-ok').waitFor();

    // The other tab's list updates without a reload.
    await second.getByTestId('account-search').fill('(two tabs)');
    await expect.poll(() => second.getByTestId('account-row').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => text(first, 'pending-count'), { timeout: 60_000 }).toBe('0');
    const { body } = await server.request('GET', `${CRM}/accounts?$filter=${encodeURIComponent(`name eq '${`${firstName} (two tabs)`.replace(/'/g, "''")}'`)}`, { as: 'agent.gbsi' });
    expect(body.value).toHaveLength(1);

    // Closing the syncing tab hands the lock to the other tab's worker.
    await first.close();
    await expect.poll(() => syncLock(second), { timeout: 15_000 }).toEqual({ held: 1, waiting: 0 });
  });
});
