/**
 * The app shell in a real Chromium against a real engine (support/global-setup.ts): what a
 * signed-in person sees first. Each screen and state checked is kept as a screenshot in
 * test-results/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { AppShellPage } from './support/app-shell-page.ts';
import { desktop, launchBrowser, narrow, screenshot } from './support/browser.ts';
import { createPerson, type Person, type Role, signInByApi } from './support/people.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

const screens = [
  { path: '/flows', link: 'Flows', heading: 'Flows', spanishLink: 'Flujos' },
  { path: '/templates', link: 'Templates', heading: 'Templates', spanishLink: 'Plantillas' },
  { path: '/runs', link: 'Runs', heading: 'Runs', spanishLink: 'Ejecuciones' },
  { path: '/inbox', link: 'Inbox', heading: 'Inbox', spanishLink: 'Bandeja de entrada' },
  { path: '/settings', link: 'Settings', heading: 'Settings', spanishLink: 'Configuración' },
] as const;
/** The screens a later release fills, each saying so; Flows, Templates and Settings are here already. */
const notHereYet = screens.filter((screen) => screen.path === '/inbox');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let shell: AppShellPage;
/** A new admin per test, so a language one test saves to the account stays with that test. */
let person: Person;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  // A new context per test: its own storage, so a language chosen in one test stays there.
  context = await browser.newContext({ viewport: desktop, locale: 'en-US' });
  page = await context.newPage();
  shell = new AppShellPage(page, baseUrl);
  person = await createPerson(baseUrl, adminToken, { role: 'admin', name: 'Sam Shell' });
  await signInByApi(context, baseUrl, person);
});
afterEach(async () => {
  await context?.close();
});

describe('the app shell', () => {
  it('opens at / on Flows, with the navigation, and each section says what it will do and when', async () => {
    await shell.open('/');
    expect(new URL(page.url()).pathname).toBe('/flows');
    await shell.nav('Main').waitFor();
    for (const screen of notHereYet) {
      await shell.navLink(screen.link).click();
      await page.waitForURL(`${baseUrl}${screen.path}`);
      await shell.waitForHeading(screen.heading);
      expect(await shell.navLink(screen.link).getAttribute('aria-current')).toBe('page');
      await page.getByText('Not here yet').waitFor();
      await page.getByRole('heading', { name: 'When it comes' }).waitFor();
      expect(await page.title()).toBe(`${screen.heading} · Switchboard`);
      await screenshot(page, `desktop-${screen.path.slice(1)}`);
    }
    await shell.navLink('Settings').click();
    await page.waitForURL(`${baseUrl}/settings/users`);
    await shell.waitForHeading('Settings');
    expect(await shell.navLink('Settings').getAttribute('aria-current')).toBe('page');
    expect(await page.title()).toBe('People · Switchboard');
  });

  it('shows each role the sections it may open', async () => {
    const expected: Record<Role, string[]> = {
      admin: ['Flows', 'Templates', 'Runs', 'Inbox', 'Settings'],
      editor: ['Flows', 'Templates', 'Runs', 'Inbox'],
      viewer: ['Flows', 'Templates', 'Runs', 'Inbox'],
      agent: ['Inbox'],
    };
    for (const role of ['editor', 'viewer', 'agent'] as const) {
      const other = await browser.newContext({ viewport: desktop, locale: 'en-US' });
      try {
        await signInByApi(other, baseUrl, await createPerson(baseUrl, adminToken, { role, name: `Rita ${role}` }));
        const otherShell = new AppShellPage(await other.newPage(), baseUrl);
        await otherShell.open('/');
        expect({ role, sections: await otherShell.navLinkNames() }).toEqual({ role, sections: expected[role] });
        expect({ role, path: new URL(otherShell.url()).pathname }).toEqual({ role, path: role === 'agent' ? '/inbox' : '/flows' });
      } finally {
        await other.close();
      }
    }
    await shell.open('/');
    expect(await shell.navLinkNames()).toEqual(expected.admin);
  });

  it('shows that the server and its database answer', async () => {
    await shell.open('/flows');
    await shell.serverStatus().getByText('Server online').waitFor();
  });

  it('turns into Spanish with the language switch, stays Spanish across a reload, and turns back', async () => {
    await shell.open('/flows');
    await shell.chooseLanguage('Español');
    await shell.nav('Principal').waitFor();
    for (const screen of screens) await shell.navLink(screen.spanishLink).waitFor();
    await shell.waitForHeading('Flujos');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await page.title()).toBe('Flujos · Switchboard');
    await screenshot(page, 'desktop-flows-es');

    // Saved with the account, not only in this browser.
    await expect.poll(async () => (await (await context.request.get(`${baseUrl}/api/me`)).json()).user.language).toBe('es');

    await shell.reload();
    await shell.waitForHeading('Flujos');
    await shell.navLink('Configuración').click();
    await page.getByRole('heading', { level: 2, name: 'Personas' }).waitFor();
    await shell.waitForHeading('Configuración');
    await screenshot(page, 'desktop-settings-es');

    await shell.chooseLanguage('English');
    await shell.nav('Main').waitFor();
    await shell.waitForHeading('Settings');
    expect(await shell.navLink('Flows').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(async () => (await (await context.request.get(`${baseUrl}/api/me`)).json()).user.language).toBe('en');
  });

  it('opens in the browser’s language when the person has not chosen one, and in English when it speaks neither', async () => {
    for (const [locale, heading] of [
      ['es-MX', 'Flujos'],
      ['es-ES', 'Flujos'],
      ['fr-FR', 'Flows'],
    ] as const) {
      const other = await browser.newContext({ viewport: desktop, locale });
      try {
        // The person has no language of their own, so the browser's decides.
        await signInByApi(other, baseUrl, person);
        const otherShell = new AppShellPage(await other.newPage(), baseUrl);
        await otherShell.open('/flows');
        expect({ locale, heading: await otherShell.heading().textContent() }).toEqual({ locale, heading });
      } finally {
        await other.close();
      }
    }
  });

  it('keeps a deep link such as /flows/abc on the same screen across a reload', async () => {
    const first = await shell.open('/flows/abc');
    expect(first?.status()).toBe(200);
    await shell.waitForHeading('This flow does not exist');
    const again = await shell.reload();
    expect(again?.status()).toBe(200);
    expect(again?.headers()['content-type']).toContain('text/html');
    expect(new URL(page.url()).pathname).toBe('/flows/abc');
    await shell.waitForHeading('This flow does not exist');
    // Its section stays marked in the navigation.
    expect(await shell.navLink('Flows').getAttribute('aria-current')).toBe('page');
    await screenshot(page, 'desktop-flow-abc');
  });

  it('shows its own "page not found" for an address it has no screen for, with the navigation still there', async () => {
    const response = await shell.open('/no/such/page');
    expect(response?.status()).toBe(200);
    await shell.waitForHeading('Page not found');
    await page.getByText('/no/such/page').waitFor();
    await shell.navLink('Runs').waitFor();
    await screenshot(page, 'desktop-not-found');
    await page.getByRole('link', { name: 'Go to flows' }).click();
    await page.waitForURL(`${baseUrl}/flows`);
  });

  it('answers an unknown /api route with JSON, never the app: 401 without credentials, 404 ROUTE_NOT_FOUND signed in or with a token', async () => {
    const anonymous = await fetch(`${baseUrl}/api/no-such-route`, { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/json');
    expect(await anonymous.json()).toMatchObject({ statusCode: 401, code: 'AUTH_REQUIRED' });

    // The browser navigating there with its session cookie.
    const signedIn = await page.goto(`${baseUrl}/api/no-such-route`);
    expect(signedIn?.status()).toBe(404);
    expect(signedIn?.headers()['content-type']).toContain('application/json');
    expect(await signedIn?.json()).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });

    const withToken = await fetch(`${baseUrl}/api/no-such-route`, { headers: { accept: 'text/html', authorization: `Bearer ${adminToken}` } });
    expect(withToken.status).toBe(404);
    expect(await withToken.json()).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('is usable with the keyboard: Tab reaches the skip link first, then each section, with a visible focus ring', async () => {
    await shell.open('/flows');
    await page.keyboard.press('Tab');
    expect(await shell.focused()).toBe('Skip to content');
    expect(await page.getByRole('link', { name: 'Skip to content' }).isVisible()).toBe(true);
    await screenshot(page, 'desktop-skip-link');

    for (const screen of screens) {
      await page.keyboard.press('Tab');
      expect(await shell.focused()).toBe(screen.link);
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      expect(outline).not.toBe('none');
    }
    await screenshot(page, 'desktop-focus-on-settings');

    // Enter follows the focused link, and focus moves to the new screen's content.
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/settings/users`);
    await page.waitForFunction(() => document.activeElement?.id === 'main');

    // The skip link takes focus past the navigation, to the content.
    await shell.open('/runs');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('puts the navigation behind a menu button on a narrow screen, in a drawer that Escape closes', async () => {
    await page.setViewportSize(narrow);
    await shell.open('/flows');
    expect(await shell.nav('Main').isVisible()).toBe(false);
    await screenshot(page, 'narrow-flows');

    await shell.menuButton().click();
    await shell.drawer().getByRole('navigation', { name: 'Main' }).waitFor();
    await screenshot(page, 'narrow-menu-open', { viewport: true });
    await page.keyboard.press('Escape');
    await shell.drawer().waitFor({ state: 'hidden' });
    expect(await shell.focused()).toBe('Open the menu');

    await shell.menuButton().click();
    await shell.drawer().getByRole('link', { name: 'Templates' }).click();
    await page.waitForURL(`${baseUrl}/templates`);
    await shell.drawer().waitFor({ state: 'hidden' });
    await shell.waitForHeading('Templates');

    for (const screen of screens) {
      await shell.open(screen.path);
      await screenshot(page, `narrow-${screen.path.slice(1)}`);
    }
    await shell.chooseLanguage('Español');
    await page.getByRole('heading', { level: 1, name: 'Configuración' }).waitFor();
    await shell.menuButton().click();
    await shell.drawer().getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Bandeja de entrada' }).waitFor();
    await screenshot(page, 'narrow-menu-open-es', { viewport: true });
  });
});
