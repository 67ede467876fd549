/**
 * First-run setup in real Chromium: the app is served by one server, the device is
 * pointed at another (cross-origin) on the sign-in screen, the admin signs in and walks
 * the wizard — server, companies, maps with their dependencies, initial sync, go live —
 * with every step photographed at the three tablet sizes and scanned with axe. An agent
 * signing in on another device sees neither the wizard nor the sync center.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppUnderTest } from '../support/app.ts';
import { startApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { screens } from '../support/screens.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, startTestServer } from '../support/server.ts';

let app: AppUnderTest;
let other: TestServer;
let page: Page;
const photograph = screens(() => page, { suite: 'setup' });

beforeAll(async () => {
  [app, other] = await Promise.all([startApp(), startTestServer()]);
  page = await app.browser.context.newPage();
});
afterAll(async () => {
  await other?.stop();
  await app?.stop();
});

const step = () => page.getByTestId('setup-wizard').getAttribute('data-step');
const checked = (testid: string) => page.getByTestId(testid).isChecked();

describe('first-run setup', () => {
  it('points a new device at another server: a wrong address is named at the field, a Tandem server is taken', async () => {
    await page.goto(`${app.server.url}/`);
    await expect.poll(() => page.getByTestId('server-current').textContent()).toBe(app.server.url);
    expect(await photograph('sign-in')).toEqual([]);

    await page.getByTestId('server-change').click();
    await page.locator('input[name=server]').fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByTestId('server-error').textContent()).toContain('SERVER_UNREACHABLE');
    expect(await page.locator('input[name=server]').getAttribute('aria-invalid')).toBe('true');
    expect(await photograph('sign-in-server-error')).toEqual([]);

    await page.locator('input[name=server]').fill(`${other.url}/`);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByTestId('server-current').textContent()).toBe(other.url);
    expect(await page.getByTestId('server-confirmed').textContent()).toContain(other.url);
  }, 60_000);

  it('walks the admin through companies, maps, initial sync and going live, against the chosen server', async () => {
    // Something only the chosen server has, to see the device sync with it.
    const first = await other.request('GET', `${CRM}/accounts?$select=accountid&$top=1&$filter=accountnumber ne null`, { as: 'backoffice' });
    const accountid = (first.body.value as { accountid: string }[])[0]?.accountid;
    expect((await other.request('PATCH', `${CRM}/accounts(${accountid})`, { as: 'backoffice', body: { name: 'Set Up Elsewhere Ltd' } })).status).toBeLessThan(300);

    await page.locator('input[name=username]').fill('admin');
    await page.locator('input[name=password]').fill('admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(step, { timeout: 30_000 }).toBe('server');
    await expect.poll(() => page.getByTestId('setup-server').textContent(), { timeout: 20_000 }).toContain(other.url);
    expect(await photograph('1-server')).toEqual([]);

    // Keyboard: the step heading has the focus; Tab reaches Next, Enter moves on.
    for (let n = 0; n < 30 && !(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'setup-next')); n++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(step).toBe('companies');
    expect(await checked('setup-company-usmf')).toBe(true);
    expect(await photograph('2-companies')).toEqual([]);
    const companies = await page.locator('[data-testid^=setup-company-]').count();
    expect(companies).toBeGreaterThan(1);
    // Keep usmf only.
    for (const box of await page.locator('[data-testid^=setup-company-]').all()) {
      if ((await box.getAttribute('data-testid')) !== 'setup-company-usmf') await box.uncheck();
    }
    await page.getByTestId('setup-next').click();

    await expect.poll(step).toBe('maps');
    const maps = await page.locator('[data-testid^=setup-map-]').count();
    expect(await page.locator('[data-testid^=setup-map-]:checked').count()).toBe(maps);
    expect(await photograph('3-maps')).toEqual([]);
    // Leaving out customer groups leaves out the customers map that needs it; taking the
    // customers map back brings its dependencies back.
    await page.getByTestId('setup-map-customer-groups').uncheck();
    expect(await checked('setup-map-customers-accounts')).toBe(false);
    await page.getByTestId('setup-map-customers-accounts').check();
    expect(await checked('setup-map-customer-groups')).toBe(true);
    // Run only what customers need, plus work orders.
    for (const box of await page.locator('[data-testid^=setup-map-]').all()) await box.uncheck();
    await page.getByTestId('setup-map-customers-accounts').check();
    const chosen = await page.locator('[data-testid^=setup-map-]:checked').count();
    expect(chosen).toBeGreaterThan(1);
    expect(chosen).toBeLessThan(maps);
    await page.getByTestId('setup-next').click();

    await expect.poll(step, { timeout: 20_000 }).toBe('initial-sync');
    expect(await photograph('4-initial-sync')).toEqual([]);
    await page.getByTestId('setup-start-sync').click();
    await expect.poll(() => page.getByTestId('setup-sync-state').textContent(), { timeout: 90_000 }).toContain('Initial sync finished');
    expect(await page.locator('[data-testid=initial-run]').count()).toBe(chosen);
    expect(await photograph('4-initial-sync-done')).toEqual([]);
    await page.getByTestId('setup-next').click();

    await expect.poll(step).toBe('live');
    expect(await page.getByTestId('setup-summary').textContent()).toContain(`${chosen} · ${maps - chosen} stopped`);
    expect(await photograph('5-go-live')).toEqual([]);
    await page.getByTestId('setup-go-live').click();

    await expect.poll(() => page.url()).toContain('#/home');
    expect(await page.getByTestId('setup-wizard').count()).toBe(0);
    // The maps not chosen are stopped, the chosen ones run.
    await page.getByTestId('nav-sync-center').click();
    await page.getByTestId('maps-table').waitFor();
    expect(await page.locator('[data-testid=map-row][data-state=running]').count()).toBe(chosen);
    expect(await page.locator('[data-testid=map-row][data-state=stopped]').count()).toBe(maps - chosen);
    // The accounts come from the chosen server.
    await page.goto(`${app.server.url}/#/`);
    await page.getByRole('searchbox').fill('Set Up Elsewhere');
    await expect.poll(() => page.getByText('Set Up Elsewhere Ltd').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // Reloading does not bring the wizard back.
    await page.reload();
    await page.getByTestId('nav-sync-center').waitFor();
    expect(await page.getByTestId('setup-wizard').count()).toBe(0);
  }, 240_000);

  it('an agent signs in straight to work: no wizard, no sync center', async () => {
    // Another tablet: its own browser profile, so its own replica.
    const agent = await launchBrowser();
    try {
      const p = await agent.context.newPage();
      await p.goto(`${app.server.url}/`);
      await p.locator('input[name=username]').fill('agent.usmf');
      await p.locator('input[name=password]').fill('agent');
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByTestId('signed-in-user').waitFor();
      await p.getByTestId('nav-home').waitFor();
      expect(await p.getByTestId('setup-wizard').count()).toBe(0);
      expect(await p.getByTestId('nav-sync-center').count()).toBe(0);
    } finally {
      await agent.close();
    }
  }, 60_000);
});
