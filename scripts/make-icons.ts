/**
 * Renders public/icon.svg into the PNG icons the web manifest and iOS need, in Debian's
 * Chromium (playwright-core), so the PNGs always match the SVG. Run once after changing
 * the SVG, and commit what it writes to public/icons/:
 *
 *   npx tsx scripts/make-icons.ts
 *
 *   icon-192.png, icon-512.png   "any": the SVG as drawn, transparent corners
 *   maskable-512.png             "maskable": full-bleed background, artwork inside the
 *                                 80% safe circle so any platform mask keeps it whole
 *   apple-touch-icon.png (180)   full-bleed square (iOS rounds the corners itself)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/support/browser.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const svg = readFileSync(join(root, 'public/icon.svg'), 'utf8');
const background = /<rect[^>]*fill="(#[0-9a-fA-F]{3,6})"/.exec(svg)?.[1] ?? '#1f4e79';
const outDir = join(root, 'public/icons');

interface Variant {
  readonly file: string;
  readonly size: number;
  /** Share of the canvas the SVG takes, centred. */
  readonly scale: number;
  /** Fill the canvas with the icon's background colour (no transparent corners). */
  readonly bleed: boolean;
}

const VARIANTS: readonly Variant[] = [
  { file: 'icon-192.png', size: 192, scale: 1, bleed: false },
  { file: 'icon-512.png', size: 512, scale: 1, bleed: false },
  { file: 'maskable-512.png', size: 512, scale: 0.8, bleed: true },
  { file: 'apple-touch-icon.png', size: 180, scale: 1, bleed: true },
];

function html(variant: Variant): string {
  const inner = Math.round(variant.size * variant.scale);
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return `<!doctype html><html><body style="margin:0;width:${variant.size}px;height:${variant.size}px;display:grid;place-items:center;background:${variant.bleed ? background : 'transparent'}">
<img src="${src}" width="${inner}" height="${inner}" alt=""></body></html>`;
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const variant of VARIANTS) {
    await page.setViewportSize({ width: variant.size, height: variant.size });
    await page.setContent(html(variant));
    await page.waitForFunction('document.images[0].complete && document.images[0].naturalWidth > 0');
    await page.screenshot({ path: join(outDir, variant.file), omitBackground: !variant.bleed });
    console.log(`public/icons/${variant.file}  ${variant.size}×${variant.size}`);
  }
} finally {
  await browser.close();
}
