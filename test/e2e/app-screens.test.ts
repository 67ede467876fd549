/**
 * The field agent's screens in real Chromium against the real server: sign-in, the
 * accounts list and its search, creating a customer (both stores get it), a lapsed
 * session with queued work — every screen photographed at the three tablet sizes (into
 * test-results/screenshots/app-screens/), checked for touch targets of at least 44 px and
 * for sideways scrolling, and scanned with axe-core at each size (test/support/screens.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/start.ts';
import type { Browser } from '../support/browser.ts';
import { launchBrowser } from '../support/browser.ts';
import { TABLET_SIZES, screens, tabTo } from '../support/screens.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist/index.html'))) throw new Error('Build the app first: npm run build (npm test does it).');
  server = await startTestServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const text = (testId: string) => page.getByTestId(testId).textContent();
const photograph = screens(() => page, { suite: 'app-screens' });

/**
 * Known and not fixed yet, so pinned rather than hidden: the create form draws a field's
 * hint ("e.g. 25000 or 2500.50") in --faint, #8694a3 on white, 3.09:1 where axe wants 4.5:1
 * (src/app/create/CreateCustomer.svelte, `small`). Once it is fixed this test fails: expect
 * [] for create-invalid and delete this.
 */
/** The screen each main navigation link opens, told by an element only that screen has. */
const NAV_OPENS: Readonly<Record<string, string>> = {
  '#/home': 'home-sync',
  '#/': 'account-search',
  '#/work-orders': 'work-order-count',
  '#/products': 'product-row',
  '#/new': 'create-submit',
};

/** The focused element's outline, if the browser shows focus on it (`:focus-visible`). */
const focusRing = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || !el.matches(':focus-visible')) return null;
    const style = getComputedStyle(el);
    return style.outlineStyle === 'none' ? null : Number.parseFloat(style.outlineWidth);
  });

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

describe('keyboard', () => {
  it('walks the main navigation with Tab and Enter at every tablet size, the focus always visible', async () => {
    const links = await page.locator('nav[aria-label=Main] a[href]').evaluateAll((all) => all.map((a) => a.getAttribute('href') ?? ''));
    expect(links).toEqual(Object.keys(NAV_OPENS));
    for (const size of TABLET_SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      for (const href of links) {
        const link = `nav[aria-label=Main] a[href="${href}"]`;
        await tabTo(page, link);
        expect(await focusRing(), `${href} at ${size.name}: focus outline`).toBeGreaterThanOrEqual(2);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => location.hash || '#/')).toBe(href);
        await page.getByTestId(NAV_OPENS[href] ?? '').first().waitFor();
        expect(await page.locator(link).getAttribute('aria-current')).toBe('page');
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
