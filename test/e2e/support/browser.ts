import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { repositoryRoot } from '../../support/run-switchboard.ts';

/** Debian's Chromium (`apt-get install chromium`); no browser is downloaded. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Screenshots of every screen and state the tests check, kept as the run's artifacts (git-ignored). */
export const screenshotDir = path.join(repositoryRoot, 'test-results', 'screenshots');

export const desktop = { width: 1280, height: 800 } as const;
export const narrow = { width: 390, height: 844 } as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // No sandbox: CI runs as root, where Chromium's sandbox cannot start. The rest keeps a
    // test browser from calling home or doing work nobody looks at.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * The whole page, or with `viewport: true` what the window shows: a dialog is drawn over the
 * window, and a full-page capture of a page whose scrolling a dialog has locked draws the fixed
 * shell at the wrong place.
 */
export async function screenshot(page: Page, name: string, options: { readonly viewport?: boolean } = {}): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: options.viewport !== true });
}
