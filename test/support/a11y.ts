/**
 * Accessibility scan of the page as it is now, with axe-core injected from node_modules
 * (never fetched): returns the violations whose impact is serious or critical, each as
 * one readable line, so a test can `expect(await scanA11y(page)).toEqual([])`.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface A11yOptions {
  /** Impacts that count as failures; serious and critical unless told. */
  readonly impacts?: readonly Impact[];
  /** CSS selectors left out of the scan (e.g. a third-party widget). */
  readonly exclude?: readonly string[];
  /** axe rule ids switched off, each with a reason in the calling test. */
  readonly disableRules?: readonly string[];
}

interface Violation {
  readonly id: string;
  readonly impact: Impact | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/** Injects axe once per document; a navigation that reloads the page injects it again. */
async function inject(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!present) await page.addScriptTag({ content: AXE_SOURCE });
}

/** Runs axe on the whole document and lists the violations at the chosen impacts. */
export async function scanA11y(page: Page, options: A11yOptions = {}): Promise<string[]> {
  await inject(page);
  const impacts = options.impacts ?? ['serious', 'critical'];
  const rules = Object.fromEntries((options.disableRules ?? []).map((id) => [id, { enabled: false }]));
  const violations = await page.evaluate(
    async ({ exclude, rules }) => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
      const context = exclude.length > 0 ? { include: [['html']], exclude: exclude.map((s) => [s]) } : document;
      const result = await axe.run(context, { rules, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
    },
    { exclude: [...(options.exclude ?? [])], rules },
  );
  return violations
    .filter((v) => v.impact !== null && impacts.includes(v.impact))
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
