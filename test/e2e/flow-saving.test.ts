/**
 * The flow editor never loses a change: it saves itself, keeps what it could not save in the
 * browser across a reload or an outage, and refuses to overwrite someone else's newer save,
 * showing who made it. A real Chromium against a real engine.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { desktop, launchBrowser, screenshot } from './support/browser.ts';
import { createWorkflow, FlowEditorPage, readWorkflow, smallFlow } from './support/flow-editor-page.ts';
import { createPerson, type Person, signInByApi } from './support/people.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let editor: FlowEditorPage;
let person: Person;

beforeAll(async () => {
  browser = await launchBrowser();
  person = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Elena Editora' });
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'UTC' });
  await signInByApi(context, baseUrl, person);
  page = await context.newPage();
  editor = new FlowEditorPage(page, baseUrl);
});
afterEach(async () => {
  await context?.close();
});

describe('saving a flow', () => {
  it('saves a change by itself and says so', async () => {
    const id = await createWorkflow(baseUrl, adminToken, smallFlow('Autosave'));
    await editor.open(id);
    await editor.saved();
    await editor.rename('Autosave, renamed');
    await editor.saved();
    expect((await readWorkflow(baseUrl, adminToken, id)).draft.name).toBe('Autosave, renamed');
    await screenshot(page, 'flow-editor-saved', { viewport: true });
  });

  it('keeps a change the server never got when the browser closes offline, and saves it when the flow opens again', async () => {
    const id = await createWorkflow(baseUrl, adminToken, smallFlow('Reload'));
    await editor.open(id);
    await editor.saved();
    // The network drops, the person changes the flow, and the browser goes away before it is back.
    // The whole browser, not one tab: a tab's exit save (a keepalive fetch on pagehide) can outlive
    // the tab and reach the server once the network is back, and then there is nothing to recover.
    await context.setOffline(true);
    await editor.rename('Reload, changed');
    await page.locator('[data-testid="save-status"][data-state="offline"]').waitFor();
    const storage = await context.storageState();
    await context.close();
    expect((await readWorkflow(baseUrl, adminToken, id)).draft.name).toBe('Reload');

    // Opened again with the network back, but the first save still failing: the change is this browser's.
    context = await browser.newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'UTC', storageState: storage });
    page = await context.newPage();
    editor = new FlowEditorPage(page, baseUrl);
    const dropSaves = (route: import('playwright-core').Route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.fallback());
    await page.route('**/api/workflows/*', dropSaves);
    await editor.open(id);
    await expect.poll(() => editor.nameInput().inputValue()).toBe('Reload, changed');
    await page.getByText('Recovered changes from this browser').waitFor();
    await screenshot(page, 'flow-editor-recovered', { viewport: true });
    expect((await readWorkflow(baseUrl, adminToken, id)).draft.name).toBe('Reload');
    await page.unroute('**/api/workflows/*', dropSaves);
    await editor.saved();
    expect((await readWorkflow(baseUrl, adminToken, id)).draft.name).toBe('Reload, changed');
  });

  it('keeps changes in the browser while offline and saves them when the server is back', async () => {
    const id = await createWorkflow(baseUrl, adminToken, smallFlow('Offline'));
    await editor.open(id);
    await editor.saved();
    await context.setOffline(true);
    await editor.rename('Offline, changed');
    await page.locator('[data-testid="save-status"][data-state="offline"]').waitFor();
    await screenshot(page, 'flow-editor-offline', { viewport: true });
    expect((await readWorkflow(baseUrl, adminToken, id)).draft.name).toBe('Offline');
    await context.setOffline(false);
    // The browser's online event retries at once.
    await editor.saved();
    expect((await readWorkflow(baseUrl, adminToken, id)).draft.name).toBe('Offline, changed');
  });
});

describe('two people on one flow', () => {
  it('refuses the stale save, says who saved, and lets the second person load their version', async () => {
    const other = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Óscar Otro' });
    const id = await createWorkflow(baseUrl, adminToken, smallFlow('Shared'));
    const second = await browser.newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'UTC' });
    try {
      await signInByApi(second, baseUrl, other);
      const otherPage = await second.newPage();
      const otherEditor = new FlowEditorPage(otherPage, baseUrl);
      await editor.open(id);
      await otherEditor.open(id);
      // The one who opens second sees the first at once (the first sees them at their next heartbeat).
      await otherPage.getByTestId('presence').getByText('Elena Editora also has this flow open').waitFor();

      await otherEditor.rename('Shared, by Óscar');
      await otherEditor.saved();
      await editor.rename('Shared, by Elena');
      const dialog = page.getByRole('dialog', { name: 'Someone else saved this flow' });
      await dialog.waitFor();
      await dialog.getByText(/Óscar Otro saved it/).waitFor();
      await screenshot(page, 'flow-editor-conflict', { viewport: true });
      // Nothing of Elena's reached the server.
      expect((await readWorkflow(baseUrl, adminToken, id)).draft.name).toBe('Shared, by Óscar');

      await dialog.getByRole('button', { name: 'Load their version' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => editor.nameInput().inputValue()).toBe('Shared, by Óscar');
      // Saving works again, on top of Óscar's revision.
      await editor.rename('Shared, by Elena after all');
      await editor.saved();
      expect((await readWorkflow(baseUrl, adminToken, id)).draft.name).toBe('Shared, by Elena after all');
    } finally {
      await second.close();
    }
  });

  it('keeps the second person’s version as a copy when they ask for it', async () => {
    const id = await createWorkflow(baseUrl, adminToken, smallFlow('Copied'));
    await editor.open(id);
    await editor.saved();
    // A script saves through the API meanwhile, as another tab would.
    const current = await readWorkflow(baseUrl, adminToken, id);
    const response = await fetch(`${baseUrl}/api/workflows/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}`, 'if-match': `"${current.revision}"` },
      body: JSON.stringify({ ...current.draft, name: 'Copied, by script' }),
    });
    expect(response.status).toBe(200);

    await editor.rename('Copied, mine');
    const dialog = page.getByRole('dialog', { name: 'Someone else saved this flow' });
    await dialog.getByRole('button', { name: 'Keep mine as a copy' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/flows/') && !url.pathname.endsWith(id));
    await editor.editor().waitFor();
    await expect.poll(() => editor.nameInput().inputValue()).toBe('Copied, mine (my copy)');
    expect((await readWorkflow(baseUrl, adminToken, id)).draft.name).toBe('Copied, by script');
  });
});
