/**
 * Signing in and out in a real Chromium against a real engine: the session cookie, the way back
 * to the page a person asked for, and the refusals (a wrong password, too many of them).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { AppShellPage } from './support/app-shell-page.ts';
import { desktop, launchBrowser, narrow, screenshot } from './support/browser.ts';
import { createPerson, signInByApi } from './support/people.ts';
import { SignInPage } from './support/sign-in-page.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let shell: AppShellPage;
let signIn: SignInPage;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: desktop, locale: 'en-US' });
  page = await context.newPage();
  shell = new AppShellPage(page, baseUrl);
  signIn = new SignInPage(page, baseUrl);
});
afterEach(async () => {
  await context?.close();
});

describe('signing in', () => {
  it('sends a person who is not signed in to the sign-in page, and back to the page they asked for', async () => {
    const editor = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Eva Editor' });
    await page.goto(`${baseUrl}/flows/abc?tab=runs`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/flows/abc?tab=runs');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Switchboard' }).waitFor();
    await screenshot(page, 'sign-in');

    await signIn.signIn(editor.email, editor.password);
    await page.waitForURL(`${baseUrl}/flows/abc?tab=runs`);
    await shell.waitForHeading('This flow does not exist');
    await page.getByRole('button', { name: /^Account: Eva Editor\b/ }).waitFor();
  });

  it('signs out: the session ends on the server and the app goes back to sign-in', async () => {
    const editor = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Otto Out' });
    await signInByApi(context, baseUrl, editor);
    await shell.open('/flows');
    const menu = await shell.openUserMenu();
    await menu.getByText(`Signed in as ${editor.email}`).waitFor();
    await menu.getByRole('menuitem', { name: 'Your account' }).waitFor();
    await screenshot(page, 'user-menu');
    await page.keyboard.press('Escape');

    await shell.signOut();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Switchboard' }).waitFor();
    expect((await context.request.get(`${baseUrl}/api/me`)).status()).toBe(401);
    // The cookie is gone and the session with it: a page of the app asks for sign-in again.
    await page.goto(`${baseUrl}/runs`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
  });

  it('refuses a wrong password with a clear message, in English and in Spanish', async () => {
    const editor = await createPerson(baseUrl, adminToken, { role: 'editor' });
    await signIn.open();
    await signIn.signIn(editor.email, 'not the password');
    await signIn.error().getByText('The email or password is not right. Check both and try again.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'sign-in-wrong-password');

    await shell.chooseLanguage('Español');
    await page.getByRole('heading', { level: 1, name: 'Inicia sesión en Switchboard' }).waitFor();
    await signIn.signIn(editor.email, 'tampoco es esta');
    await signIn.error().getByText('El correo o la contraseña no son correctos. Revisa ambos y vuelve a intentarlo.').waitFor();
    await screenshot(page, 'sign-in-wrong-password-es');
    await page.setViewportSize(narrow);
    await screenshot(page, 'narrow-sign-in-wrong-password-es');
  });

  it('says when to try again after too many wrong passwords', async () => {
    const viewer = await createPerson(baseUrl, adminToken, { role: 'viewer' });
    // The fifth wrong password in a row locks the account for a while (engine: THROTTLE.account).
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await context.request.post(`${baseUrl}/api/session`, {
        data: { email: viewer.email, password: `wrong ${attempt}` },
        headers: { origin: baseUrl },
      });
      expect(response.status()).toBe(401);
    }
    await signIn.open();
    await signIn.signIn(viewer.email, viewer.password);
    const message = signIn.error();
    await message.getByText(/^Too many sign-in attempts\. Try again in \d+ seconds \(at \d{1,2}:\d{2}\s?[AP]M\)\.$/).waitFor();
    await screenshot(page, 'sign-in-throttled');
    await shell.chooseLanguage('Español');
    await signIn.signIn(viewer.email, viewer.password);
    await message.getByText(/^Demasiados intentos de inicio de sesión\. Vuelve a intentarlo dentro de \d+ segundos \(a las \d{1,2}:\d{2}\)\.$/).waitFor();
    await screenshot(page, 'sign-in-throttled-es');
  });

  it('takes a person whose session ended elsewhere to sign-in at their next request, tells a deactivated account so, and returns afterwards', async () => {
    const admin = await createPerson(baseUrl, adminToken, { role: 'admin', name: 'Ende Elsewhere' });
    // Another active admin, so this one may be deactivated (LAST_ADMIN) even when this file runs alone.
    await createPerson(baseUrl, adminToken, { role: 'admin', name: 'Otra Admin' });
    await signInByApi(context, baseUrl, admin);
    await shell.open('/settings/users');
    const setActive = async (active: boolean): Promise<void> => {
      const response = await fetch(`${baseUrl}/api/users/${admin.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ active }),
      });
      expect(response.status).toBe(200);
    };
    // Another admin deactivates them: their sessions end on the server.
    await setActive(false);
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/settings/tokens');

    await signIn.signIn(admin.email, admin.password);
    await signIn.error().getByText('This account has been deactivated. Ask an administrator to reactivate it.').waitFor();
    await screenshot(page, 'sign-in-deactivated');

    await setActive(true);
    await signIn.signIn(admin.email, admin.password);
    await page.waitForURL(`${baseUrl}/settings/tokens`);
    await page.getByRole('heading', { level: 2, name: 'API tokens' }).waitFor();
  });

  it('keeps a deep link such as /flows/<id> or /settings/users across a reload while signed in', async () => {
    const admin = await createPerson(baseUrl, adminToken, { role: 'admin', name: 'Dee Link' });
    await signInByApi(context, baseUrl, admin);
    await shell.open('/flows/f-123');
    await shell.reload();
    expect(new URL(page.url()).pathname).toBe('/flows/f-123');
    await shell.waitForHeading('This flow does not exist');

    await shell.open('/settings/users');
    await page.getByRole('row').filter({ hasText: 'Dee Link' }).waitFor();
    await shell.reload();
    expect(new URL(page.url()).pathname).toBe('/settings/users');
    await page.getByRole('row').filter({ hasText: 'Dee Link' }).waitFor();
    expect(await page.getByRole('link', { name: 'People' }).getAttribute('aria-current')).toBe('page');
  });
});
