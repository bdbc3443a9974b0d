import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeViolation } from './axe.ts';

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/**
 * axe-core's serious and critical WCAG 2.1 A/AA violations in what one screen draws: its main
 * region, or what it opened over the page (dialogs and menus are portalled outside main).
 * The shell around it has checks of its own. Needs a context with `bypassCSP: true`: axe goes
 * into the page as an inline script, which the app's CSP refuses.
 */
export async function screenViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    // While a dialog or a menu is open, the rest of the page is hidden from assistive technology
    // (aria-hidden, by Radix): then only what is open is checked.
    const overlays = ['[role="dialog"]', '[role="alertdialog"]', '[role="menu"]'].filter((selector) => document.querySelector(selector) !== null);
    const include = (overlays.length > 0 ? overlays : ['main']).map((selector) => [selector]);
    const result = await axe.run({ include }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
