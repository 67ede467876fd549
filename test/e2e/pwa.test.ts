/**
 * The app as a PWA, in real Chromium against the real server (the checklist):
 *
 * - installable: the manifest the server serves names the app, its id, start URL, scope,
 *   standalone display and colours, and icons of 192 and 512 px plus a maskable one, each
 *   a PNG of the size it declares; the maskable one fills its square and keeps its artwork
 *   inside the safe circle; the page's theme-color and apple-touch-icon agree; and Chromium
 *   itself reads the manifest without errors and finds nothing that stops installing it;
 * - starts offline: a cold start with no network boots the app from the precache;
 * - asks for persistent storage when it starts.
 *
 * The update prompt (a new build waits for the agent's Reload) is in update-prompt.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppUnderTest } from '../support/app.ts';
import { startApp } from '../support/app.ts';

interface ManifestIcon {
  readonly src: string;
  readonly sizes: string;
  readonly type?: string;
  readonly purpose?: string;
}

interface Manifest {
  readonly id?: string;
  readonly name?: string;
  readonly short_name?: string;
  readonly start_url?: string;
  readonly scope?: string;
  readonly display?: string;
  readonly theme_color?: string;
  readonly background_color?: string;
  readonly icons: readonly ManifestIcon[];
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let app: AppUnderTest;
let manifest: Manifest;

beforeAll(async () => {
  app = await startApp();
  const reply = await fetch(`${app.server.url}/manifest.webmanifest`);
  expect(reply.status).toBe(200);
  manifest = (await reply.json()) as Manifest;
});
afterAll(() => app?.stop());

/** Width and height from a PNG's IHDR chunk, which the format puts first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function fetchPng(src: string): Promise<{ width: number; height: number }> {
  const reply = await fetch(new URL(src, app.server.url));
  expect(reply.status, src).toBe(200);
  expect(reply.headers.get('content-type'), src).toContain('image/png');
  return pngSize(Buffer.from(await reply.arrayBuffer()));
}

/** A page of the app once the service worker controls it (so it is installed and precached). */
async function openControlled(): Promise<Page> {
  const page = await app.browser.context.newPage();
  await page.goto(`${app.server.url}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  return page;
}

/**
 * Runs in the page: how many pixels of the maskable icon outside the safe circle (radius
 * 40 % of the side, centred: what every platform mask keeps) differ from its background,
 * and whether its corners are opaque (full bleed: no mask may show through).
 */
async function maskableCheck(src: string): Promise<{ outsideSafeZone: number; opaqueCorners: boolean }> {
  const image = new Image();
  image.src = src;
  await image.decode();
  const size = image.naturalWidth;
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, size, size);
  const at = (x: number, y: number) => Array.from(data.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));
  const background = at(0, 0);
  const corners = [at(0, 0), at(size - 1, 0), at(0, size - 1), at(size - 1, size - 1)];
  let outsideSafeZone = 0;
  const safe = size * 0.4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) <= safe) continue;
      if (at(x, y).some((channel, i) => Math.abs(channel - (background[i] ?? 0)) > 8)) outsideSafeZone++;
    }
  }
  return { outsideSafeZone, opaqueCorners: corners.every((c) => c[3] === 255) };
}

describe('installable', () => {
  it('serves a manifest with its name, id, start URL, scope, standalone display and colours', () => {
    expect(manifest).toMatchObject({ id: '/', start_url: '/', scope: '/', display: 'standalone', short_name: 'Tandem' });
    expect(manifest.name).toMatch(/^Tandem/);
    expect(manifest.theme_color).toMatch(HEX_COLOUR);
    expect(manifest.background_color).toMatch(HEX_COLOUR);
  });

  it('declares icons of 192 and 512 px and a maskable one, each a PNG of the size it declares', async () => {
    const declared = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`);
    expect(declared).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const icon of manifest.icons) {
      expect(icon.type).toBe('image/png');
      const { width, height } = await fetchPng(icon.src);
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });

  it('has a maskable icon that fills its square and keeps the artwork inside the safe circle', async () => {
    const maskable = manifest.icons.find((icon) => icon.purpose?.split(' ').includes('maskable'));
    if (!maskable) throw new Error('no maskable icon');
    const page = await app.browser.context.newPage();
    await page.goto(`${app.server.url}/health`); // same origin, nothing of the app's running
    expect(await page.evaluate(maskableCheck, maskable.src)).toEqual({ outsideSafeZone: 0, opaqueCorners: true });
    await page.close();
  });

  it('links the manifest from the page, with the same theme colour and an apple-touch-icon', async () => {
    const page = await openControlled();
    const head = await page.evaluate(() => ({
      manifest: document.querySelector<HTMLLinkElement>('link[rel=manifest]')?.href,
      themeColor: document.querySelector<HTMLMetaElement>('meta[name=theme-color]')?.content,
      appleTouchIcon: document.querySelector<HTMLLinkElement>('link[rel=apple-touch-icon]')?.href,
    }));
    expect(head.manifest).toBe(`${app.server.url}/manifest.webmanifest`);
    expect(head.themeColor?.toLowerCase()).toBe(manifest.theme_color?.toLowerCase());
    expect(await fetchPng(head.appleTouchIcon ?? '')).toEqual({ width: 180, height: 180 });
    await page.close();
  });

  it('is installable as far as Chromium can tell: the manifest reads without errors, and nothing stops installing it', async () => {
    const page = await openControlled();
    const cdp = await app.browser.context.newCDPSession(page);
    const read = await cdp.send('Page.getAppManifest', {});
    expect(read.url).toBe(`${app.server.url}/manifest.webmanifest`);
    expect(read.errors).toEqual([]);
    expect(read.manifest).toMatchObject({ id: `${app.server.url}/`, startUrl: `${app.server.url}/`, display: 'kStandalone' });
    expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
    expect(await cdp.send('Page.getAppId')).toMatchObject({ appId: `${app.server.url}/`, recommendedId: '/' });

    // The signal is live: a page of the same origin without a manifest is not installable.
    await page.goto(`${app.server.url}/health`);
    const errors = (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors.map((e) => e.errorId);
    expect(errors).toContain('no-manifest');
    await cdp.detach();
    await page.close();
  });
});

describe('offline and storage', () => {
  it('starts with no network: a cold start boots the app from the precache', async () => {
    const warm = await openControlled(); // installs the service worker and fills the precache
    await warm.close();
    await app.browser.context.setOffline(true);
    try {
      const page = await app.browser.context.newPage();
      const reply = await page.goto(`${app.server.url}${manifest.start_url ?? '/'}`);
      expect(reply?.fromServiceWorker()).toBe(true);
      await page.locator('input[name=username]').waitFor({ timeout: 30_000 }); // the app ran, not a cached page
      await page.close();
    } finally {
      await app.browser.context.setOffline(false);
    }
  });

  it('asks for persistent storage when it starts', async () => {
    const page = await app.browser.context.newPage();
    await page.addInitScript(() => {
      const asked: boolean[] = [];
      (window as { persistAsked?: boolean[] }).persistAsked = asked;
      const persist = navigator.storage.persist.bind(navigator.storage);
      Object.defineProperty(navigator.storage, 'persist', { value: () => (asked.push(true), persist()) });
    });
    await page.goto(`${app.server.url}/`);
    await page.locator('input[name=username]').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as { persistAsked?: boolean[] }).persistAsked?.length)).toBe(1);
    await page.close();
  });
});
