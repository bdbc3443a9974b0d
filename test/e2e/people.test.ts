/**
 * Settings in a real Chromium against a real engine: an admin invites an agent who signs in and
 * sees only what an agent may; roles change, people are deactivated and come back; API tokens are
 * created, shown once and revoked.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { AppShellPage } from './support/app-shell-page.ts';
import { desktop, launchBrowser, narrow, screenshot } from './support/browser.ts';
import { createPerson, type Person, signInByApi, uniqueEmail } from './support/people.ts';
import { TokensPage, UsersPage } from './support/settings-pages.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let shell: AppShellPage;
let admin: Person;
/** Admins of this file are Ada Admin 1, 2, …: unique on the People list, which every file's people share. */
let admins = 0;

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
  admin = await createPerson(baseUrl, adminToken, { role: 'admin', name: `Ada Admin ${++admins}` });
  await signInByApi(context, baseUrl, admin);
});
afterEach(async () => {
  await context?.close();
});

describe('people in Settings', () => {
  it('lets an admin invite an agent, who follows the link, signs in and sees only the Inbox', async () => {
    const users = new UsersPage(page, baseUrl);
    await users.open();
    await screenshot(page, 'settings-users');
    const name = 'Alex Agent';
    const link = await users.invite({ name, email: uniqueEmail('alex'), role: 'Agent' });
    expect(link).toMatch(new RegExp(`^${baseUrl.replaceAll('.', '\\.')}/invite#token=[\\w-]{20,}$`));
    await users.dialog().getByText('This link is shown only now', { exact: false }).waitFor();
    await screenshot(page, 'settings-invite-link', { viewport: true });
    await users.dialog().getByRole('button', { name: 'Done' }).click();
    await users.row(name).getByText('Invited').waitFor();

    const agentContext = await browser.newContext({ viewport: desktop, locale: 'en-US' });
    try {
      const agentPage = await agentContext.newPage();
      const agentShell = new AppShellPage(agentPage, baseUrl);
      await agentPage.goto(link);
      await agentPage.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
      await screenshot(agentPage, 'invite-accept');
      await agentPage.getByLabel('Password', { exact: true }).fill('agent password 123');
      await agentPage.getByRole('button', { name: 'Save the password and sign in' }).click();
      await agentPage.waitForURL(`${baseUrl}/inbox`);
      await agentShell.waitForHeading('Inbox');
      expect(await agentShell.navLinkNames()).toEqual(['Inbox']);
      expect(await agentShell.userMenuButton().textContent()).toContain('Agent');
      await screenshot(agentPage, 'agent-inbox');

      // Settings is for administrators: the screen says so, and so does the API.
      await agentShell.open('/settings');
      await agentShell.waitForHeading('You can’t open Settings');
      await agentPage.getByText('Only administrators can open Settings.', { exact: false }).waitFor();
      await screenshot(agentPage, 'agent-settings-refused');
      const refused = await agentContext.request.get(`${baseUrl}/api/users`);
      expect(refused.status()).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'AUTH_FORBIDDEN' });

      await agentShell.open('/flows');
      await agentShell.waitForHeading('You can’t open Flows');
      await agentPage.getByRole('link', { name: 'Go to Inbox' }).click();
      await agentPage.waitForURL(`${baseUrl}/inbox`);

      await agentShell.chooseLanguage('Español');
      await agentShell.open('/settings');
      await agentShell.waitForHeading('No puedes abrir Configuración');
      await screenshot(agentPage, 'agent-settings-refused-es');
    } finally {
      await agentContext.close();
    }

    await users.open();
    await users.row(name).getByText('Active').waitFor();
  });

  it('changes a role, and deactivates and reactivates a person after asking', async () => {
    const viewer = await createPerson(baseUrl, adminToken, { role: 'viewer', name: 'Vera Lectora' });
    const viewerContext = await browser.newContext({ viewport: desktop, locale: 'en-US' });
    try {
      await signInByApi(viewerContext, baseUrl, viewer);
      const users = new UsersPage(page, baseUrl);
      await users.open();

      await users.choose(viewer.name, 'Change role…');
      await users.dialog().getByRole('radio', { name: 'Editor', exact: true }).check();
      await screenshot(page, 'settings-change-role', { viewport: true });
      await users.dialog().getByRole('button', { name: 'Save role' }).click();
      await users.dialog().waitFor({ state: 'hidden' });
      await users.row(viewer.name).getByRole('cell', { name: 'Editor', exact: true }).waitFor();
      expect(await (await viewerContext.request.get(`${baseUrl}/api/me`)).json()).toMatchObject({ role: 'editor' });

      await users.choose(viewer.name, 'Deactivate…');
      const confirm = page.getByRole('alertdialog');
      await confirm.getByText('is signed out everywhere at once', { exact: false }).waitFor();
      await screenshot(page, 'settings-deactivate-confirm', { viewport: true });
      await confirm.getByRole('button', { name: 'Deactivate' }).click();
      await confirm.waitFor({ state: 'hidden' });
      await users.row(viewer.name).getByText('Deactivated').waitFor();
      expect((await viewerContext.request.get(`${baseUrl}/api/me`)).status()).toBe(401);

      await users.choose(viewer.name, 'Reactivate…');
      await confirm.getByRole('button', { name: 'Reactivate' }).click();
      await users.row(viewer.name).getByText('Active').waitFor();

      await users.choose(viewer.name, 'Password reset link…');
      await users.dialog().getByRole('button', { name: 'Create the link' }).click();
      const link = await users.dialog().getByLabel(`Link for ${viewer.name}`).inputValue();
      expect(link).toContain('/invite#token=');
      await screenshot(page, 'settings-reset-link', { viewport: true });
    } finally {
      await viewerContext.close();
    }
  });

  it('marks the admin’s own row and offers no way to deactivate themselves', async () => {
    const users = new UsersPage(page, baseUrl);
    await users.open();
    await users.row(`${admin.name} (you)`).waitFor();
    await page.getByRole('button', { name: `Actions for ${admin.name}` }).click();
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Change role…' }).waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Change role…', 'Password reset link…']);
  });
});

describe('API tokens in Settings', () => {
  it('creates a token shown once, which works as a bearer token until it is revoked', async () => {
    const tokens = new TokensPage(page, baseUrl);
    await tokens.open();
    const name = 'CRM sync';
    const token = await tokens.create(name);
    await tokens.dialog().getByText('This token is shown only now', { exact: false }).waitFor();
    await screenshot(page, 'settings-token-created', { viewport: true });
    await tokens.dialog().getByRole('button', { name: 'Done' }).click();
    const row = tokens.row(name);
    await row.getByRole('cell', { name: admin.name }).waitFor();
    await row.getByRole('cell', { name: 'Admin', exact: true }).waitFor();
    await screenshot(page, 'settings-tokens');

    const asToken = (): Promise<Response> => fetch(`${baseUrl}/api/users`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asToken()).status).toBe(200);

    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    await screenshot(page, 'settings-token-revoke-confirm', { viewport: true });
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    expect((await asToken()).status).toBe(401);
  });

  it('lays Settings out for a narrow screen, in Spanish too', async () => {
    await page.setViewportSize(narrow);
    await shell.open('/settings/users');
    await screenshot(page, 'narrow-settings-users');
    await shell.chooseLanguage('Español');
    await page.getByRole('heading', { level: 2, name: 'Personas' }).waitFor();
    await screenshot(page, 'narrow-settings-users-es');
    await page.setViewportSize(desktop);
    await shell.open('/settings/tokens');
    await page.getByRole('heading', { level: 2, name: 'Tokens de API' }).waitFor();
    await screenshot(page, 'settings-tokens-es');
  });
});
