/**
 * A person's own account in a real Chromium against a real engine: name, language and time zone
 * follow them to another browser; a new password ends their other sessions.
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

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'UTC' });
  page = await context.newPage();
  shell = new AppShellPage(page, baseUrl);
});
afterEach(async () => {
  await context?.close();
});

describe('your account', () => {
  it('saves name, language and time zone, which follow the person to another browser', async () => {
    const person = await createPerson(baseUrl, adminToken, { role: 'viewer', name: 'Paz Perfil' });
    await signInByApi(context, baseUrl, person);
    await shell.open('/flows');
    const menu = await shell.openUserMenu();
    await menu.getByRole('menuitem', { name: 'Your account' }).click();
    await page.waitForURL(`${baseUrl}/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await screenshot(page, 'account');

    await page.getByLabel('Name', { exact: true }).fill('Paz Ortega');
    await page.getByLabel('Language', { exact: true }).selectOption('es');
    await page.getByLabel('Time zone', { exact: true }).selectOption('America/Mexico_City');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tu cuenta' }).waitFor();
    await page.getByRole('status').getByText('Guardado').waitFor();
    await page.getByRole('button', { name: /^Cuenta: Paz Ortega\b/ }).waitFor();
    await screenshot(page, 'account-es');
    const me = await (await context.request.get(`${baseUrl}/api/me`)).json();
    expect(me.user).toMatchObject({ name: 'Paz Ortega', language: 'es', timeZone: 'America/Mexico_City' });

    // Another browser whose own language is English opens in the account's Spanish.
    const other = await browser.newContext({ viewport: desktop, locale: 'en-US' });
    try {
      const otherPage = await other.newPage();
      const otherShell = new AppShellPage(otherPage, baseUrl);
      await otherPage.goto(`${baseUrl}/sign-in`);
      await new SignInPage(otherPage, baseUrl).signIn(person.email, person.password);
      await otherPage.getByRole('heading', { level: 1, name: 'Flujos' }).waitFor();
      expect(await otherShell.navLinkNames('Principal')).toEqual(['Flujos', 'Plantillas', 'Ejecuciones', 'Bandeja de entrada']);
    } finally {
      await other.close();
    }
  });

  it('changes the password, which signs the person out everywhere else', async () => {
    const person = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Pia Password' });
    await signInByApi(context, baseUrl, person);
    const elsewhere = await browser.newContext({ viewport: desktop, locale: 'en-US' });
    try {
      await signInByApi(elsewhere, baseUrl, person);
      expect((await elsewhere.request.get(`${baseUrl}/api/me`)).status()).toBe(200);

      await shell.open('/account');
      await page.getByLabel('Current password', { exact: true }).fill('not it at all');
      await page.getByLabel('New password', { exact: true }).fill('a brand new password');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('alert').getByText('Your current password is not right. Nothing was changed.').waitFor();
      await screenshot(page, 'account-password-wrong');

      await page.getByLabel('Current password', { exact: true }).fill(person.password);
      await page.getByLabel('New password', { exact: true }).fill('a brand new password');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed. Every other browser and device', { exact: false }).waitFor();
      await screenshot(page, 'account-password-changed');

      expect((await elsewhere.request.get(`${baseUrl}/api/me`)).status()).toBe(401);
      // This browser stays signed in.
      await shell.reload();
      await shell.waitForHeading('Your account');
      const signedIn = await context.request.post(`${baseUrl}/api/session`, {
        data: { email: person.email, password: 'a brand new password' },
        headers: { origin: baseUrl },
      });
      expect(signedIn.status()).toBe(200);
    } finally {
      await elsewhere.close();
    }
  });

  it('fits a narrow screen', async () => {
    const person = await createPerson(baseUrl, adminToken, { role: 'agent', name: 'Nora Narrow' });
    await signInByApi(context, baseUrl, person);
    await page.setViewportSize(narrow);
    await shell.open('/account');
    await screenshot(page, 'narrow-account');
  });
});
