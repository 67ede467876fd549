/**
 * Issue 3's acceptance flow, in real Chromium against the real server: an agent signs
 * in, the app is installed (service worker controls the page), the network goes away,
 * the app still starts from the service worker, the agent edits an account, one write is
 * pending; back online, the engine sends it and BOTH stores have the change.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../support/browser.ts';
import type { AppUnderTest } from '../support/app.ts';
import { startApp } from '../support/app.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP } from '../support/server.ts';

let server: TestServer;
let browser: Browser;
let app: AppUnderTest | undefined;

beforeAll(async () => {
  app = await startApp();
  ({ server, browser } = app);
});
afterAll(() => app?.stop());

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

describe('offline edit of an account, end to end', () => {
  it('edits offline, shows one pending write, and both stores have it after reconnecting', async () => {
    // An ERP customer of usmf and its CRM account, as the server has them.
    const customers = await server.request('GET', `${ERP}/CustomersV3?$filter=dataAreaId eq 'usmf'&$top=1&$orderby=CustomerAccount`, { as: 'agent.usmf' });
    const customer = customers.body.value[0] as { CustomerAccount: string; OrganizationName: string };
    const accounts = await server.request('GET', `${CRM}/accounts?$filter=accountnumber eq '${customer.CustomerAccount}'`, { as: 'agent.usmf' });
    expect(accounts.body.value).toHaveLength(1);
    const account = accounts.body.value[0] as { accountid: string; name: string };

    const page = await browser.context.newPage();
    await signIn(page, 'agent.usmf', 'agent');
    await page.getByTestId('account-row').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => text(page, 'sync-phase'), { timeout: 30_000 }).toContain('Up to date');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    await browser.context.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect.poll(() => text(page, 'online-status'), { timeout: 30_000 }).toBe('Offline');

    // Find it with the search (answered from the replica), open it, edit name and phone.
    await page.getByTestId('account-search').fill(customer.CustomerAccount);
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(1);
    await page.getByTestId('account-row').first().click();
    await expect.poll(() => text(page, 'account-title')).toBe(account.name);

    const newName = `${account.name} (visited)`;
    const newPhone = '+1 206-555-0142';
    await page.locator('input[name=name]').fill(newName);
    await page.locator('input[name=telephone1]').fill(newPhone);
    await page.getByTestId('save-account').click();
    await page.getByTestId('save-ok').waitFor();
    await expect.poll(() => text(page, 'pending-count')).toBe('1');
    await expect.poll(() => text(page, 'account-pending')).toBe('1 pending change');
    // The dual-write is visible at once: the ERP customer beside it changed in the same local transaction.
    await expect.poll(() => page.getByTestId('erp-OrganizationName').locator('.value').textContent()).toBe(newName);
    await expect.poll(() => page.getByTestId('erp-PrimaryContactPhone').locator('.value').textContent()).toBe(newPhone);

    await browser.context.setOffline(false);
    await expect.poll(() => text(page, 'pending-count'), { timeout: 60_000 }).toBe('0');
    await expect.poll(() => text(page, 'online-status')).toBe('Online');

    const crm = await server.request('GET', `${CRM}/accounts(${account.accountid})`, { as: 'backoffice' });
    expect(crm.body).toMatchObject({ name: newName, telephone1: newPhone });
    const erp = await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${customer.CustomerAccount}')`, { as: 'backoffice' });
    expect(erp.body).toMatchObject({ OrganizationName: newName, PrimaryContactPhone: newPhone });
    await page.close();
  });
});
