/**
 * The sync center in real Chromium against the real server, signed in as the admin:
 * every screen photographed at the three tablet sizes (into test-results/screenshots/
 * sync-center/) with the touch-target and sideways-scroll rules checked and an axe scan,
 * and real actions end to end — pause a map and resume it with catch-up, start a map with
 * its dependencies, retry and skip errors, save an alert rule the engine refuses and see
 * why at the field, export a map package and import a changed one through its diff, start
 * an initial sync — plus the maps screen driven with the keyboard alone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOO_LONG_EMAIL } from '../../server/seed/erp-only-customers.ts';
import type { AppUnderTest } from '../support/app.ts';
import { startApp } from '../support/app.ts';
import { screens, tabTo } from '../support/screens.ts';
import { CRM, ERP } from '../support/server.ts';

let app: AppUnderTest;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.context.newPage();
});
afterAll(async () => {
  await app?.stop();
});

const text = (testId: string) => page.getByTestId(testId).first().textContent();
const mapRow = (id: string) => page.locator(`[data-testid=map-row][data-map="${id}"]`);
const mapState = (id: string) => mapRow(id).getAttribute('data-state');
const photograph = screens(() => page, { suite: 'sync-center' });

async function open(section: string): Promise<void> {
  await page.getByTestId(`sync-nav-${section}`).click();
  await expect.poll(() => page.url()).toContain(`#/sync/${section}`);
}

async function syncNow(): Promise<void> {
  await page.getByTestId('sync-now').click();
  await expect.poll(() => text('sync-now'), { timeout: 30_000 }).toBe('Sync now');
}

async function breakCustomerEmail(account: string): Promise<void> {
  const path = `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${account}')`;
  const reply = await app.server.request('PATCH', path, { as: 'backoffice', body: { PrimaryContactEmail: TOO_LONG_EMAIL } });
  expect(reply.status).toBeLessThan(300);
}

async function firstCustomers(n: number): Promise<string[]> {
  const reply = await app.server.request('GET', `${ERP}/CustomersV3?$filter=dataAreaId eq 'usmf'&$top=${n}&$orderby=CustomerAccount`, { as: 'backoffice' });
  return (reply.body.value as { CustomerAccount: string }[]).map((c) => c.CustomerAccount);
}

describe('sync center', () => {
  it('signs in as the admin and opens the maps from the main navigation', async () => {
    await page.goto(`${app.server.url}/`);
    await page.locator('input[name=username]').fill('admin');
    await page.locator('input[name=password]').fill('admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // A new device: the admin is offered first-run setup (setup.test.ts walks it) and puts it off.
    await page.getByTestId('setup-later').click();
    await expect.poll(() => text('sync-phase'), { timeout: 60_000 }).toContain('Up to date');
    await page.getByTestId('nav-sync-center').click();
    await page.getByTestId('maps-table').waitFor();
    expect(await page.getByTestId('map-row').count()).toBeGreaterThan(5);
    expect(await mapState('customers-accounts')).toBe('running');
    expect(await photograph('maps')).toEqual([]);
  }, 120_000);

  it('pauses a map: back-office changes are held; resume with catch-up replays them', async () => {
    await mapRow('customers-accounts').getByRole('checkbox').check();
    await page.getByTestId('maps-pause').click();
    await expect.poll(() => mapState('customers-accounts')).toBe('paused');
    const [account] = await firstCustomers(1);
    await app.server.request('PATCH', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${account}')`, { as: 'backoffice', body: { PrimaryContactPhone: '+1 425-555-0142' } });
    await syncNow();
    await expect.poll(() => mapRow('customers-accounts').locator('td.num').first().textContent(), { timeout: 20_000 }).not.toBe('0');
    expect(await photograph('maps-paused')).toEqual([]);

    await page.getByRole('radio', { name: /Skip, discard/ }).check();
    await page.getByTestId('maps-resume').click();
    await page.getByTestId('confirm-dialog').waitFor();
    expect(await photograph('maps-confirm-discard')).toEqual([]);
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await mapState('customers-accounts')).toBe('paused');

    await page.getByRole('radio', { name: /Catch up/ }).check();
    await page.getByTestId('maps-resume').click();
    await expect.poll(() => mapState('customers-accounts'), { timeout: 30_000 }).toBe('running');
    await expect.poll(() => mapRow('customers-accounts').locator('td.num').first().textContent(), { timeout: 30_000 }).toBe('0');
    await mapRow('customers-accounts').getByRole('checkbox').uncheck();
  }, 90_000);

  it('offers to start the dependencies a map needs', async () => {
    for (const id of ['currencies', 'exchange-rates']) await mapRow(id).getByRole('checkbox').check();
    await page.getByTestId('maps-stop').click();
    await expect.poll(() => mapState('currencies')).toBe('stopped');
    await mapRow('currencies').getByRole('checkbox').uncheck();
    await page.getByTestId('maps-start').click();
    await expect.poll(() => text('maps-needs')).toBe('currencies');
    expect(await photograph('maps-needs-dependencies')).toEqual([]);
    await page.getByTestId('maps-start-with-deps').click();
    await expect.poll(() => mapState('currencies')).toBe('running');
    expect(await mapState('exchange-rates')).toBe('running');
    await mapRow('exchange-rates').getByRole('checkbox').uncheck();
  });

  it('pauses and resumes a map with the keyboard alone', async () => {
    await page.getByTestId('sync-nav-maps').focus();
    await tabTo(page, '[data-map="companies"] input[type=checkbox]');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid=maps-pause]', true);
    await page.keyboard.press('Enter');
    await expect.poll(() => mapState('companies')).toBe('paused');
    await tabTo(page, '[data-testid=maps-resume]');
    await page.keyboard.press('Enter');
    await expect.poll(() => mapState('companies'), { timeout: 30_000 }).toBe('running');
    await tabTo(page, '[data-map="companies"] input[type=checkbox]');
    await page.keyboard.press('Space');
    expect(await mapRow('companies').getByRole('checkbox').isChecked()).toBe(false);
  }, 60_000);

  it('browses the queue: held changes of a paused map, filtered by key', async () => {
    await mapRow('customers-accounts').getByRole('checkbox').check();
    await page.getByTestId('maps-pause').click();
    await expect.poll(() => mapState('customers-accounts')).toBe('paused');
    const [account] = await firstCustomers(1);
    await app.server.request('PATCH', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${account}')`, { as: 'backoffice', body: { PrimaryContactPhone: '+1 425-555-0143' } });
    await syncNow();
    await open('queue');
    await page.locator('select[name=mapId]').selectOption('customers-accounts');
    await page.locator('input[name=key]').fill(account ?? '');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByTestId('queue-row').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await photograph('queue')).toEqual([]);

    await open('maps');
    await mapRow('customers-accounts').getByRole('checkbox').check();
    await page.getByRole('radio', { name: /Skip, keep/ }).check();
    await page.getByTestId('maps-resume').click();
    await expect.poll(() => mapState('customers-accounts')).toBe('running');
    await mapRow('customers-accounts').getByRole('checkbox').uncheck();
    await open('queue');
    await page.locator('select[name=kind]').selectOption('catch-up');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('queue-row').first().getByRole('checkbox').check();
    await page.getByTestId('queue-retry').click();
    await expect.poll(() => text('queue-done')).toMatch(/Replayed \d+ catch-up item/);
  }, 90_000);

  it('lists errors, retries one and skips another, and exports the log', async () => {
    const [a, b] = await firstCustomers(2);
    await breakCustomerEmail(a ?? '');
    await breakCustomerEmail(b ?? '');
    await syncNow();
    await open('logs');
    await page.getByTestId('log-errors').click();
    await expect.poll(async () => (await page.getByTestId('log-row').count()) >= 2, { timeout: 30_000 }).toBe(true);
    await page.locator('select[name=status]').selectOption('open');
    await page.getByTestId('log-apply').click();
    expect(await photograph('logs-errors')).toEqual([]);

    // The cause of a's error is fixed in the ERP and pulled: retrying it mirrors the good row.
    await app.server.request('PATCH', `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${a}')`, { as: 'backoffice', body: { PrimaryContactEmail: 'fixed@example.com' } });
    await syncNow();
    await page.getByTestId('log-apply').click();
    const ofA = page.getByTestId('log-row').filter({ hasText: a ?? '' }).first();
    const ofB = page.getByTestId('log-row').filter({ hasText: b ?? '' }).first();
    const first = await ofA.getAttribute('data-id');
    const second = await ofB.getAttribute('data-id');
    await ofA.getByRole('checkbox').check();
    await page.getByTestId('errors-retry').click();
    await expect.poll(() => text('logs-done')).toMatch(/^1 (mirrored|requeued|nothing-to-do)$/);
    await page.locator(`[data-testid=log-row][data-id="${second}"]`).getByRole('checkbox').check();
    await page.getByTestId('errors-skip').click();
    await expect.poll(() => text('logs-done')).toBe('1 skipped');

    await page.locator('select[name=status]').selectOption('');
    await page.getByTestId('log-apply').click();
    await expect.poll(() => page.locator(`[data-testid=log-row][data-id="${second}"] [data-testid=error-status]`).textContent()).toBe('skipped');
    expect(await page.locator(`[data-testid=log-row][data-id="${first}"] [data-testid=error-status]`).textContent()).toBe('retried');

    // The history of a's record across both stores: its mirror error, then the fix pulled from the ERP.
    await page.locator(`[data-testid=log-row][data-id="${first}"]`).getByTestId('record-history-open').click();
    await page.getByTestId('record-history').waitFor();
    expect(await page.getByTestId('record-history').textContent()).toContain(a ?? '');
    const kinds = await page.getByTestId('history-event').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
    expect(kinds).toContain('error');
    expect(kinds.length).toBeGreaterThan(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('history-title');
    expect(await photograph('logs-history')).toEqual([]);
    await page.getByTestId('record-history').getByRole('button', { name: 'Close' }).click();
    expect(await page.getByTestId('record-history').count()).toBe(0);

    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const csv = readFileSync((await (await download).path()) as string, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('code');
    expect(csv).toContain('skipped');
    const json = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    expect(readFileSync((await (await json).path()) as string, 'utf8')).toContain('"skipped"');

    await page.getByTestId('log-activity').click();
    await expect.poll(() => page.getByTestId('log-row').count()).toBeGreaterThan(0);
    expect(await photograph('logs-activity')).toEqual([]);
    await page.locator('input[name=maxAgeDays]').fill('0');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await expect.poll(() => page.getByTestId('retention').locator('.hint').textContent()).toContain('1 to 3,650');
    await page.locator('input[name=maxAgeDays]').fill('60');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await expect.poll(() => text('logs-done')).toContain('Retention saved');
  }, 90_000);

  it('shows the conflict inbox and the conflict log', async () => {
    await open('conflicts');
    await page.getByTestId('conflicts-empty').or(page.getByTestId('conflict-item').first()).waitFor();
    expect(await photograph('conflicts-inbox')).toEqual([]);
    await page.getByTestId('conflicts-log').click();
    await page.getByTestId('conflicts-empty').or(page.getByTestId('conflict-item').first()).waitFor();
    if ((await page.getByTestId('conflict-item').count()) > 0) {
      await page.getByTestId('conflict-item').first().click();
      await page.getByTestId('three-way').waitFor();
    }
    expect(await photograph('conflicts-log')).toEqual([]);
  });

  it('refuses an alert rule with a bad threshold, naming the field, then saves it fixed', async () => {
    await open('alerts');
    await page.getByTestId('alert-add').click();
    const index = (await page.getByTestId('alert-rule').count()) - 1;
    const rule = page.getByTestId('alert-rule').nth(index);
    await rule.locator(`select[name=rule-${index}-metric]`).selectOption('storage');
    await page.getByTestId(`rule-threshold-${index}`).fill('150');
    await page.getByTestId('alert-save').click();
    await expect.poll(() => text(`rule-problem-${index}-threshold`)).toBeTruthy();
    expect(await text('alerts-problem')).toContain('Nothing was saved');
    expect(await page.getByTestId(`rule-threshold-${index}`).getAttribute('aria-invalid')).toBe('true');
    expect(await photograph('alerts-invalid')).toEqual([]);

    await page.getByTestId(`rule-threshold-${index}`).fill('95');
    await page.getByTestId('alert-save').click();
    await expect.poll(() => text('alerts-done')).toMatch(/Saved \d+ rule/);
    expect(await page.getByTestId(`rule-problem-${index}-threshold`).count()).toBe(0);
    await page.getByRole('button', { name: 'Check rules now' }).click();
    await expect.poll(() => text('alerts-done')).toMatch(/Checked|fired/);
    expect(await photograph('alerts')).toEqual([]);

    // A rule the errors of the logs test cross: the admin hears of it in the app at once.
    await page.getByTestId('alert-add').click();
    const errorsRule = (await page.getByTestId('alert-rule').count()) - 1;
    await page.getByTestId('alert-rule').nth(errorsRule).locator(`select[name=rule-${errorsRule}-metric]`).selectOption('errors');
    await page.getByTestId(`rule-threshold-${errorsRule}`).fill('1');
    await page.getByTestId('alert-save').click();
    await expect.poll(() => text('alerts-done')).toMatch(/Saved \d+ rule/);
    await page.getByRole('button', { name: 'Check rules now' }).click();
    const toast = page.getByTestId('alert-toast').first();
    await toast.waitFor({ timeout: 20_000 });
    expect(await toast.textContent()).toMatch(/error/);
    expect(await photograph('alert-toast')).toEqual([]);
    await toast.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => page.getByTestId('alert-toast').count()).toBe(0);
  });

  it('runs an initial sync with its dependencies preselected and shows its progress', async () => {
    await open('initial-sync');
    await page.getByTestId('initial-map-exchange-rates').check();
    expect(await page.getByTestId('initial-map-currencies').isChecked()).toBe(true);
    expect(await photograph('initial-sync-choose')).toEqual([]);
    await page.getByTestId('initial-start').click();
    await expect.poll(() => text('initial-done')).toContain('Initial sync started');
    await syncNow();
    await page.locator('[data-testid=initial-run][data-map="exchange-rates"]').waitFor();
    await expect.poll(() => page.locator('[data-testid=initial-run][data-map="exchange-rates"]').getAttribute('data-state'), { timeout: 60_000 }).toMatch(/done|failed/);
    await page.getByTestId('initial-progress').scrollIntoViewIfNeeded();
    expect(await photograph('initial-sync-progress')).toEqual([]);
  }, 90_000);

  it('exports a map package and imports a changed one through its diff', async () => {
    await open('packages');
    await page.locator('input[name=version]').fill('1.2');
    expect(await page.getByTestId('package-download').isDisabled()).toBe(true);
    await page.locator('input[name=version]').fill('9.0.0.0');
    const download = page.waitForEvent('download');
    await page.getByTestId('package-download').click();
    const pkg = JSON.parse(readFileSync((await (await download).path()) as string, 'utf8')) as { version: string; maps: { id: string; name: string; version: string }[] };
    expect(pkg.version).toBe('9.0.0.0');
    const map = pkg.maps.find((m) => m.id === 'payment-terms');
    if (!map) throw new Error('payment-terms not exported');
    const [a, b, c, d] = map.version.split('.').map(Number) as [number, number, number, number];
    map.version = `${a}.${b}.${c}.${d + 1}`;
    map.name = 'Payment terms (renamed)';
    pkg.version = '9.0.0.1';

    await page.getByTestId('package-file').setInputFiles({ name: 'changed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pkg)) });
    await page.locator('[data-testid=diff-changed][data-map="payment-terms"]').waitFor();
    expect(await page.locator('[data-testid=diff-changed][data-map="payment-terms"]').textContent()).toContain('name');
    await page.getByTestId('package-preview').scrollIntoViewIfNeeded();
    expect(await text('package-steps')).toContain('payment-terms');
    expect(await photograph('packages-preview')).toEqual([]);
    await page.getByTestId('package-confirm').click();
    await expect.poll(() => text('package-done')).toContain('1 changed');
    await expect.poll(() => page.getByTestId('package-export').textContent()).toContain('Payment terms (renamed)');

    const broken = { ...pkg, version: '9.0.0.2', maps: [{ ...map, version: 'x' }] };
    await page.getByTestId('package-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await expect.poll(() => page.getByTestId('package-problems').textContent()).toContain('$.maps[0]');
    expect(await photograph('packages-problems')).toEqual([]);
  }, 60_000);

  it('draws sync over time: writes pushed, queue length and errors', async () => {
    await open('charts');
    await expect.poll(() => page.getByTestId('charts').locator('canvas').count()).toBe(3);
    expect(await text('charts')).toMatch(/\d+ in the last hour/);
    expect(await photograph('charts')).toEqual([]);
  });

  it('edits a map only while it is stopped, and shows the dependency graph', async () => {
    await open('editor');
    await page.getByTestId('editor-map').selectOption('payment-methods');
    await page.getByTestId('editor-locked').waitFor();
    expect(await page.getByTestId('editor-save').isDisabled()).toBe(true);
    expect(await photograph('editor-locked')).toEqual([]);

    await open('maps');
    await mapRow('payment-methods').getByRole('checkbox').check();
    await page.getByTestId('maps-stop').click();
    await expect.poll(() => mapState('payment-methods')).toBe('stopped');
    await mapRow('payment-methods').getByRole('checkbox').uncheck();
    await open('editor');
    await page.getByTestId('editor-map').selectOption('payment-methods');
    expect(await page.getByTestId('editor-locked').count()).toBe(0);
    await page.locator('select[name=conflict]').selectOption('client-wins');
    await page.getByTestId('editor-save').click();
    await expect.poll(() => text('editor-done')).toMatch(/Saved .* as version \d+\.\d+\.\d+\.\d+/);
    expect(await photograph('editor')).toEqual([]);
  });

  it('resolves a real conflict in the three-way view: the manual rule parks it, the admin keeps the local value', async () => {
    // Install the manual rule for telephone1 through a package, as an admin would.
    await open('packages');
    await page.locator('input[name=version]').fill('9.1.0.0');
    const download = page.waitForEvent('download');
    await page.getByTestId('package-download').click();
    const pkg = JSON.parse(readFileSync((await (await download).path()) as string, 'utf8')) as { maps: { id: string; version: string; fieldConflicts?: unknown }[] };
    const map = pkg.maps.find((m) => m.id === 'customers-accounts');
    if (!map) throw new Error('customers-accounts not exported');
    const [a, b, c, d] = map.version.split('.').map(Number) as [number, number, number, number];
    map.version = `${a}.${b}.${c}.${d + 1}`;
    map.fieldConflicts = { telephone1: { rule: 'manual' } };
    await page.getByTestId('package-file').setInputFiles({ name: 'manual.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pkg)) });
    await page.getByTestId('package-confirm').click();
    await expect.poll(() => text('package-done')).toContain('1 changed');

    const [account] = await firstCustomers(1);
    const crm = await app.server.request('GET', `${CRM}/accounts?$filter=accountnumber eq '${account}'`, { as: 'backoffice' });
    const accountid = crm.body.value[0].accountid as string;
    await page.goto(`${app.server.url}/#/accounts/${accountid}`);
    await page.locator('input[name=telephone1]').waitFor();
    await app.browser.context.setOffline(true);
    await page.locator('input[name=telephone1]').fill('+1 425-555-0100');
    await page.getByTestId('save-account').click();
    await page.getByTestId('save-ok').waitFor();
    await app.server.request('PATCH', `${CRM}/accounts(${accountid})`, { as: 'backoffice', body: { telephone1: '+1 425-555-0199' } });
    await app.browser.context.setOffline(false);
    await expect.poll(() => text('pending-count'), { timeout: 60_000 }).toBe('0');

    await page.goto(`${app.server.url}/#/sync/conflicts`);
    await expect
      .poll(async () => {
        await page.getByTestId('conflicts-inbox').click();
        return page.getByTestId('conflict-item').count();
      }, { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.getByTestId('conflict-item').first().click();
    const field = page.locator('[data-testid=conflict-field][data-field=telephone1]');
    await field.waitFor();
    expect(await field.textContent()).toContain('+1 425-555-0100');
    expect(await field.textContent()).toContain('+1 425-555-0199');
    expect(await page.getByTestId('conflict-resolve').isDisabled()).toBe(true);
    await field.getByRole('radio', { name: 'Local' }).check();
    expect(await photograph('conflicts-three-way')).toEqual([]);
    await page.getByTestId('conflict-resolve').click();
    await expect.poll(() => page.getByTestId('conflicts-empty').count()).toBe(1);
    await expect
      .poll(async () => (await app.server.request('GET', `${CRM}/accounts(${accountid})`, { as: 'backoffice' })).body.telephone1, { timeout: 30_000 })
      .toBe('+1 425-555-0100');
  }, 120_000);
});
