/**
 * The field agent's screens in real Chromium against the real server: sign-in, the
 * accounts list and its search, creating a customer (both stores get it), a lapsed
 * session with queued work, and the layout at the two tablet orientations — every
 * screen is photographed (to $TMPDIR/tandem-screens/) and checked for touch targets of
 * at least 44 px and for sideways scrolling.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/start.ts';
import type { Browser } from '../support/browser.ts';
import { launchBrowser } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

const SHOTS = join(tmpdir(), 'tandem-screens');
const SIZES = [
  { name: 'landscape', width: 1280, height: 800 },
  { name: 'portrait', width: 800, height: 1280 },
] as const;

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist/index.html'))) throw new Error('Build the app first: npm run build (npm test does it).');
  mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const text = (testId: string) => page.getByTestId(testId).textContent();

/** Photographs the screen at both sizes and returns what fails the layout rules. */
async function photograph(screen: string): Promise<string[]> {
  const problems: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${screen}-${size.name}.png`) });
    const found = await page.evaluate(() => {
      const out: string[] = [];
      if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`scrolls sideways (${document.documentElement.scrollWidth}px)`);
      for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.height < 43.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('name') || '').trim().slice(0, 30)}" is ${Math.round(box.height)}px tall`);
      }
      return out;
    });
    problems.push(...found.map((p) => `${screen} ${size.name}: ${p}`));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return problems;
}

async function fillSignIn(username: string, password: string): Promise<void> {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('field agent screens', () => {
  it('says why a sign-in failed, then signs in and downloads the accounts', async () => {
    await page.goto(`${server.url}/`);
    await fillSignIn('agent.usmf', 'wrong');
    await expect.poll(() => text('sign-in-error')).toBe('Unknown user or wrong password.');
    expect(await photograph('sign-in')).toEqual([]);

    await page.locator('input[name=password]').fill('agent');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('account-row').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => text('sync-phase'), { timeout: 30_000 }).toContain('Up to date');
    expect(await text('signed-in-user')).toBe('agent.usmf');
    expect(await text('online-status')).toBe('Online');
    expect(await text('pending-count')).toBe('0');
    expect(await photograph('accounts')).toEqual([]);
  });

  it('finds an account by name with the search box', async () => {
    const reply = await server.request('GET', `${CRM}/accounts?$top=1&$orderby=accountnumber desc`, { as: 'agent.usmf' });
    const wanted = reply.body.value[0] as { name: string };
    const all = Number((await text('account-count'))?.replace(/\D/g, ''));
    expect(all).toBeGreaterThan(1);

    await page.getByTestId('account-search').fill(wanted.name.slice(0, -1).toUpperCase());
    await expect.poll(() => page.getByTestId('account-row').first().locator('.name').textContent()).toBe(wanted.name);
    const matches = Number((await text('account-count'))?.replace(/\D/g, ''));
    expect(matches).toBeLessThan(all);
    expect(await photograph('accounts-search')).toEqual([]);

    await page.getByTestId('account-search').fill('no account is called this');
    await expect.poll(() => page.getByTestId('account-list').textContent()).toContain('No account matches');
    await page.getByTestId('account-search').fill('');
    await expect.poll(() => page.getByTestId('account-row').count()).toBeGreaterThan(1);
  });

  it('shows an account with its ERP customer and contacts, and validates the credit limit', async () => {
    await page.getByTestId('account-row').first().click();
    await page.getByTestId('erp-customer').waitFor();
    await page.locator('input[name=creditlimit]').fill('12,50');
    await expect.poll(() => text('field-error-creditlimit')).toContain('digits and an optional dot');
    expect(await page.getByTestId('save-account').isDisabled()).toBe(true);
    expect(await photograph('account-invalid')).toEqual([]);
    await page.getByRole('button', { name: 'Undo changes' }).click();
    expect(await page.getByTestId('field-error-creditlimit').count()).toBe(0);
  });

  it('creates a customer online: both stores get it, and the app opens the new account', async () => {
    await page.goto(`${server.url}/#/new`);
    await page.getByTestId('create-submit').click();
    await expect.poll(() => text('field-error-accountNumber')).toBe('Account number is required');
    expect(await photograph('create-invalid')).toEqual([]);

    const group = await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'usmf'&$top=1`, { as: 'agent.usmf' });
    const groupId = group.body.value[0].CustomerGroupId as string;
    await page.locator('select[name=company]').selectOption('usmf');
    await page.locator('select[name=customerGroup]').selectOption(groupId);
    await page.locator('select[name=currency]').selectOption('USD');
    await page.locator('input[name=accountNumber]').fill('US-E2E-01');
    await page.locator('input[name=name]').fill('Field Test Supplies');
    await page.locator('input[name=creditLimit]').fill('2500.50');
    await page.locator('input[name=phone]').fill('+1 425-555-0199');
    await page.locator('input[name=city]').fill('Redmond');
    await page.getByTestId('create-submit').click();

    await expect.poll(() => page.url()).toMatch(/#\/accounts\/[0-9a-f-]{36}$/);
    await expect.poll(() => text('account-title')).toBe('Field Test Supplies');
    await expect.poll(() => page.getByTestId('erp-CustomerAccount').locator('.value').textContent()).toBe('US-E2E-01');
    await expect.poll(() => text('pending-count'), { timeout: 30_000 }).toBe('0');
    expect(await photograph('account-created')).toEqual([]);

    const accountid = page.url().split('/').at(-1) as string;
    const crm = await server.request('GET', `${CRM}/accounts(${accountid})`, { as: 'backoffice' });
    expect(crm.body).toMatchObject({ name: 'Field Test Supplies', accountnumber: 'US-E2E-01', telephone1: '+1 425-555-0199', address1_city: 'Redmond' });
    const erp = await server.request('GET', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='US-E2E-01')`, { as: 'backoffice' });
    expect(erp.body).toMatchObject({ OrganizationName: 'Field Test Supplies', CustomerGroupId: groupId, SalesCurrencyCode: 'USD', PrimaryContactPhone: '+1 425-555-0199' });
    expect(Number(erp.body.CreditLimit)).toBe(2500.5);
  });

  it('opens the error list from the status bar', async () => {
    await page.getByTestId('error-count-button').click();
    await page.getByTestId('error-panel').waitFor();
    expect(await photograph('errors')).toEqual([]);
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByTestId('error-panel').count()).toBe(0);
  });

  it('keeps the agent in when signed out with queued work, and sends it after signing in again', async () => {
    await page.goto(`${server.url}/#/`);
    await page.getByTestId('account-row').first().waitFor();
    await browser.context.setOffline(true);
    await page.getByTestId('account-row').first().click();
    await page.locator('input[name=address1_city]').fill('Bellevue');
    await page.getByTestId('save-account').click();
    await expect.poll(() => text('pending-count')).toBe('1');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => text('sign-in-banner')).toContain('Sign in again to send 1 pending change');
    expect(await page.getByTestId('account-title').count()).toBe(1); // still on the account
    await browser.context.setOffline(false);
    await page.getByTestId('sign-in-banner').getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('input[name=username]').inputValue()).toBe('agent.usmf');
    expect(await photograph('session-banner')).toEqual([]);
    await page.locator('input[name=password]').fill('agent');
    await page.getByTestId('sign-in-banner').getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('sign-in-banner').count()).toBe(0);
    await expect.poll(() => text('pending-count'), { timeout: 30_000 }).toBe('0');
  });
});
