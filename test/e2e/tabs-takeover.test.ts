/**
 * One engine syncs, and another tab takes over within seconds when the syncing tab is
 * frozen (Page Lifecycle, forced through CDP: the page gives the Web Lock up in its
 * `freeze` handler, as its frozen worker could not) or crashes (its renderer is killed
 * and the browser drops its locks). The proof of takeover is a change made in the
 * surviving tab reaching the server. The browser is started without Playwright's focus
 * emulation, which would keep every page visible and so unfreezable (cdp-browser.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppUnderTest } from '../support/app.ts';
import { startApp } from '../support/app.ts';
import type { Browser } from '../support/browser.ts';
import { launchFreezableBrowser } from '../support/cdp-browser.ts';
import type { TestServer } from '../support/server.ts';
import { CRM } from '../support/server.ts';

let server: TestServer;
let browser: Browser | undefined;
let app: AppUnderTest | undefined;

beforeAll(async () => {
  app = await startApp();
  server = app.server;
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A fresh browser per test: no session or replica left over from the one before. */
async function freshBrowser(): Promise<Browser> {
  await browser?.close();
  browser = await launchFreezableBrowser();
  return browser;
}

/** The sync lock as the browser's lock manager sees it: how many hold it and how many wait. */
const syncLock = (page: Page) =>
  page.evaluate(async () => {
    const state = await navigator.locks.query();
    const count = (list: LockInfo[] | undefined) => (list ?? []).filter((l) => l.name === 'tandem-sync').length;
    return { held: count(state.held), waiting: count(state.pending) };
  });

async function signedInTab(browser: Browser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/`);
  await page.locator('input[name=username]').fill('agent.gbsi');
  await page.locator('input[name=password]').fill('agent');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('sync-phase').textContent(), { timeout: 30_000 }).toContain('Up to date');
  return page;
}

async function secondTab(browser: Browser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByTestId('account-row').first().waitFor({ timeout: 30_000 });
  await expect.poll(() => syncLock(page), { timeout: 10_000 }).toEqual({ held: 1, waiting: 1 });
  return page;
}

/** Edits the first account in `page` and waits until the server has it: only a syncing engine sends it. */
async function editReachesServer(page: Page, suffix: string): Promise<void> {
  await page.getByTestId('account-search').fill('');
  const row = page.getByTestId('account-row').first();
  await row.click();
  const name = page.locator('input[name=name]');
  const value = `${((await name.inputValue()) || 'Account').replace(/ \(.*\)$/, '')} (${suffix})`;
  await name.fill(value);
  await page.getByTestId('save-account').click();
  await page.getByTestId('save-ok').waitFor();
  const filter = encodeURIComponent(`name eq '${value.replace(/'/g, "''")}'`);
  await expect.poll(async () => (await server.request('GET', `${CRM}/accounts?$filter=${filter}`, { as: 'agent.gbsi' })).body.value.length, { timeout: 20_000 }).toBe(1);
  await page.goBack();
}

describe('tabs', () => {
  it('hands the sync lock to another tab when the syncing tab is frozen, and queues again on resume', async () => {
    const b = await freshBrowser();
    const leader = await signedInTab(b);
    const other = await secondTab(b);
    const cdp = await leader.context().newCDPSession(leader);

    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    await expect.poll(() => syncLock(other), { timeout: 10_000 }).toEqual({ held: 1, waiting: 0 });
    await editReachesServer(other, 'while the other tab sleeps');

    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await expect.poll(() => syncLock(other), { timeout: 10_000 }).toEqual({ held: 1, waiting: 1 });
    await leader.close();
    await other.close();
  });

  it('hands the sync lock to another tab when the syncing tab crashes', async () => {
    const b = await freshBrowser();
    const leader = await signedInTab(b);
    const other = await secondTab(b);
    const crashed = new Promise<void>((resolve) => leader.once('crash', () => resolve()));
    const cdp = await leader.context().newCDPSession(leader);
    void cdp.send('Page.crash').catch(() => undefined); // the renderer dies: no answer comes
    await crashed;

    await expect.poll(() => syncLock(other), { timeout: 10_000 }).toEqual({ held: 1, waiting: 0 });
    await editReachesServer(other, 'after the crash');
    await leader.close().catch(() => undefined);
    await other.close();
  });
});
