/**
 * The first start (support/global-setup.ts captured the setup link the engine printed): the link
 * creates the first admin, and nothing else does. Runs before the other files (support/first-admin-first.ts).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { AppShellPage } from './support/app-shell-page.ts';
import { desktop, launchBrowser, narrow, screenshot } from './support/browser.ts';
import { uniqueEmail } from './support/people.ts';

const baseUrl = inject('baseUrl');
const setupUrl = inject('setupUrl');

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
  context = await browser.newContext({ viewport: desktop, locale: 'en-US' });
  page = await context.newPage();
  shell = new AppShellPage(page, baseUrl);
});
afterEach(async () => {
  await context?.close();
});

async function fillSetup(name: string, email: string, password: string): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
}

describe('the setup link of the first start', () => {
  it('is printed as <address>/setup#token=…, the token in the fragment that no server log sees', () => {
    expect(setupUrl).toMatch(new RegExp(`^${baseUrl.replaceAll('.', '\\.')}/setup#token=[\\w-]{20,}$`));
  });

  it('says a setup link without its token is incomplete', async () => {
    await page.goto(`${baseUrl}/setup`);
    await page.getByRole('heading', { level: 1, name: 'This setup link is incomplete' }).waitFor();
    await screenshot(page, 'setup-missing-token');
  });

  it('refuses a made-up token next to the form, and creates no account', async () => {
    await page.goto(`${baseUrl}/setup#token=not-the-printed-one`);
    await fillSetup('Mallory', uniqueEmail('mallory'), 'a long enough password');
    await page.getByRole('button', { name: 'Create the administrator and sign in' }).click();
    await page.getByRole('alert').getByText('This setup link isn’t valid.', { exact: false }).waitFor();
    await screenshot(page, 'setup-token-invalid');
    const status = await (await fetch(`${baseUrl}/api/setup`)).json();
    expect(status).toEqual({ needed: true });
  });

  it('checks the fields in the person’s language before sending them', async () => {
    await page.goto(setupUrl);
    await page.getByRole('heading', { level: 1, name: 'Set up Switchboard' }).waitFor();
    await page.getByLabel('Language', { exact: true }).selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Configura Switchboard' }).waitFor();
    await page.getByLabel('Contraseña', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Crear el administrador e iniciar sesión' }).click();
    await page.getByText('Usa al menos 10 caracteres.').waitFor();
    expect(await page.getByLabel('Nombre', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'setup-checks-es');
    await page.getByLabel('Idioma', { exact: true }).selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Set up Switchboard' }).waitFor();
  });

  it('creates the first admin from the printed link and signs them in', async () => {
    await page.goto(setupUrl);
    await page.getByRole('heading', { level: 1, name: 'Set up Switchboard' }).waitFor();
    await screenshot(page, 'setup');
    await fillSetup('Ana Admin', 'ana.admin@example.com', 'correct horse battery');
    await page.getByRole('button', { name: 'Create the administrator and sign in' }).click();
    await page.waitForURL(`${baseUrl}/flows`);
    await shell.heading().getByText('Flows').waitFor();
    await page.getByRole('button', { name: /^Account: Ana Admin\b/ }).waitFor();
    expect(await shell.navLinkNames()).toEqual(['Flows', 'Templates', 'Runs', 'Inbox', 'Settings']);
    const me = await (await context.request.get(`${baseUrl}/api/me`)).json();
    expect(me).toMatchObject({ role: 'admin', via: 'session', user: { name: 'Ana Admin', email: 'ana.admin@example.com', language: 'en', status: 'active' } });
    await screenshot(page, 'first-admin-signed-in');
  });

  it('says Switchboard is set up when the link is opened again, and points to sign-in', async () => {
    await page.goto(setupUrl);
    await page.getByRole('heading', { level: 1, name: 'Switchboard is already set up' }).waitFor();
    await screenshot(page, 'setup-done');
    await page.getByRole('link', { name: 'Go to sign in' }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await page.setViewportSize(narrow);
    await page.goto(setupUrl);
    await page.getByRole('heading', { level: 1, name: 'Switchboard is already set up' }).waitFor();
    await screenshot(page, 'narrow-setup-done');
  });
});
