/**
 * Photographs a screen at the three tablet sizes the field agents use and lists what is
 * wrong with it at each one, so a test can `expect(await photograph('maps')).toEqual([])`:
 *
 *   for each size: resize → settle → screenshot → layout rules → axe (serious, critical)
 *
 * Layout rules: nothing scrolls sideways, inside the app's shell the page itself never
 * scrolls (only its main area does), and every visible control is a touch target of
 * at least 44 px (a check box, radio or file input is touched through its label, so the
 * label is what is measured). Screenshots go to test-results/screenshots/<suite>/ (ignored
 * by git) as <screen>-<size>.png, the whole page; the viewport is left at the first size.
 *
 * And `tabTo`, for the keyboard walks: a screen must be usable with the keyboard alone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../server/start.ts';
import { scanA11y } from './a11y.ts';

export interface ScreenSize {
  readonly name: string;
  readonly width: number;
  readonly height: number;
}

/** The sizes every screen is checked at: two landscape tablets and one portrait. */
export const TABLET_SIZES: readonly ScreenSize[] = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1024x768', width: 1024, height: 768 },
  { name: '800x1280', width: 800, height: 1280 },
];

export interface ScreensOptions {
  /** The folder under test-results/screenshots/. */
  readonly suite: string;
  /** Hold a control's width to 44 px too, not only its height (icon buttons, short links). */
  readonly minWidth?: boolean;
}

const CONTROLS = 'button, a[href], input, select, textarea';
const TOUCH_PX = 43.5; // 44 px, less rounding
const SETTLE_MS = 200; // a resize re-lays out the page and redraws the charts

/** Runs in the page (serialised by Playwright: it may use nothing from outside). */
function layoutProblems({ controls, minWidth, touch }: { controls: string; minWidth: boolean; touch: number }): string[] {
  const out: string[] = [];
  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth + 1) out.push(`scrolls sideways (${width}px)`);
  // Inside the app's shell only its main area scrolls: a taller document means something
  // escaped it and the header or status bar can scroll away.
  const height = document.documentElement.scrollHeight;
  if (document.querySelector('.shell') && height > window.innerHeight + 1) out.push(`the page itself scrolls (${height}px): something escapes the scrolling area`);
  for (const el of document.querySelectorAll<HTMLElement>(controls)) {
    const viaLabel = el instanceof HTMLInputElement && ['checkbox', 'radio', 'file'].includes(el.type);
    const box = (viaLabel ? (el.closest('label') ?? el) : el).getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || el.closest('dialog:not([open])')) continue;
    if (box.height >= touch && (!minWidth || box.width >= touch)) continue;
    const name = (el.textContent || el.getAttribute('name') || el.getAttribute('aria-label') || '').trim().slice(0, 30);
    out.push(`${el.tagName.toLowerCase()} "${name}" is ${Math.round(box.width)}×${Math.round(box.height)}px`);
  }
  return out;
}

/** test-results/screenshots/<suite>/, made if missing: for a suite's other screenshots too. */
export function screenshotFolder(suite: string): string {
  const folder = join(REPO_ROOT, 'test-results/screenshots', suite);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Makes the `photograph(screen)` of one suite; `page` is read at each call. */
export function screens(page: () => Page, options: ScreensOptions): (screen: string) => Promise<string[]> {
  const rules = { controls: CONTROLS, minWidth: options.minWidth ?? false, touch: TOUCH_PX };
  return async (screen) => {
    const p = page();
    const folder = screenshotFolder(options.suite);
    const problems: string[] = [];
    for (const size of TABLET_SIZES) {
      await p.setViewportSize({ width: size.width, height: size.height });
      await p.waitForTimeout(SETTLE_MS);
      await p.screenshot({ path: join(folder, `${screen}-${size.name}.png`), fullPage: true });
      const found = [...(await p.evaluate(layoutProblems, rules)), ...(await scanA11y(p)).map((v) => `axe ${v}`)];
      problems.push(...found.map((problem) => `${screen} ${size.name}: ${problem}`));
    }
    const [first] = TABLET_SIZES;
    if (first) await p.setViewportSize({ width: first.width, height: first.height });
    return problems;
  };
}

/** Presses Tab (Shift+Tab if `backwards`) until the focus is on `selector`, as a keyboard user would. */
export async function tabTo(page: Page, selector: string, backwards = false): Promise<void> {
  for (let n = 0; n < 100; n++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}
