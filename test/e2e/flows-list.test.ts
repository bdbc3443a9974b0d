/**
 * The flows list in a real Chromium against a real engine: each flow's state, version, last edit
 * and runs of the last day; search and the status filter kept in the address; create, rename
 * (and a rename over a stale list refused and explained), duplicate, archive and restore; a viewer
 * sees the list and nothing that changes it. Screenshots in English and Spanish, desktop and phone.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { AppShellPage } from './support/app-shell-page.ts';
import { screenViolations } from './support/screen-axe.ts';
import { desktop, launchBrowser, narrow, screenshot } from './support/browser.ts';
import { FlowsPage } from './support/flows-page.ts';
import { createPerson, type Person, signInByApi } from './support/people.ts';
import { countingFlow, type WorkflowInfo, WorkflowsApi } from './support/workflows.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

let browser: Browser;
let editor: Person;
let context: BrowserContext;
let page: Page;
let flows: FlowsPage;
let api: WorkflowsApi;

/** The flows every test reads, made once by the editor: one of each state, with runs. */
const seeded: Record<'published' | 'changed' | 'stopped' | 'draft', WorkflowInfo | undefined> = {
  published: undefined,
  changed: undefined,
  stopped: undefined,
  draft: undefined,
};

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

async function signedIn(
  person: Person,
  options: { viewport?: typeof desktop | typeof narrow; locale?: string; bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  const made = await browser.newContext({
    viewport: options.viewport ?? desktop,
    locale: options.locale ?? 'en-US',
    timezoneId: 'Europe/Madrid',
    bypassCSP: options.bypassCSP ?? false,
  });
  await signInByApi(made, baseUrl, person);
  return made;
}

beforeAll(async () => {
  browser = await launchBrowser();
  editor = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Elena Editor' });
  const seeding = await signedIn(editor);
  try {
    const seeder = new WorkflowsApi(seeding.request, baseUrl);
    const published = await seeder.create({ ...countingFlow('Sales round robin'), description: 'New sales conversations, one agent after another.' });
    await seeder.publish(published.id);
    for (const n of [1, 2, 3, 'x']) await seeder.run(published.id, { n });
    seeded.published = published;

    const changed = await seeder.create(countingFlow('Support to the least busy agent'));
    await seeder.publish(changed.id);
    await seeder.run(changed.id, { n: 1 });
    await seeder.save(changed.id, { ...countingFlow('Support to the least busy agent'), settings: { reentry: 'ignore' } });
    seeded.changed = changed;

    const stopped = await seeder.create(countingFlow('Old weekend message'));
    await seeder.publish(stopped.id);
    await seeder.stop(stopped.id);
    seeded.stopped = stopped;

    seeded.draft = await seeder.create(countingFlow('VIP routing idea'));
  } finally {
    await seeding.close();
  }
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await signedIn(editor);
  page = await context.newPage();
  flows = new FlowsPage(page, baseUrl);
  api = new WorkflowsApi(context.request, baseUrl);
});
afterEach(async () => {
  await context?.close();
});

describe('the flows list', () => {
  it('shows each flow’s state, published version, last edit and runs of the last 24 hours', async () => {
    await flows.open();
    const sales = flows.row('Sales round robin');
    await sales.getByText('Published', { exact: true }).waitFor();
    await sales.getByText('Version 1', { exact: true }).waitFor();
    await sales.getByText('4 runs', { exact: true }).waitFor();
    await sales.getByText('1 failed', { exact: true }).waitFor();
    await sales.getByText('by Elena Editor', { exact: true }).waitFor();
    const support = flows.row('Support to the least busy agent');
    await support.getByText('Published', { exact: true }).waitFor();
    await support.getByText('Unpublished changes', { exact: true }).waitFor();
    await flows.row('Support to the least busy agent').getByText('none failed', { exact: true }).waitFor();
    await flows.row('Old weekend message').getByText('Stopped', { exact: true }).waitFor();
    const draft = flows.row('VIP routing idea');
    await draft.getByText('Draft', { exact: true }).waitFor();
    await draft.getByText('Not published', { exact: true }).waitFor();
    await draft.getByText('No runs', { exact: true }).waitFor();
    await screenshot(page, 'flows-list');

    await page.getByRole('link', { name: 'Sales round robin', exact: true }).click();
    await page.waitForURL(`${baseUrl}/flows/${seeded.published?.id}`);
  });

  it('shows the list in Spanish, and as cards on a phone', async () => {
    const spanish = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Sofía Editora', language: 'es' });
    const inSpanish = await signedIn(spanish, { locale: 'es-ES' });
    try {
      const spanishPage = await inSpanish.newPage();
      const spanishFlows = new FlowsPage(spanishPage, baseUrl);
      await spanishFlows.open();
      await spanishPage.getByRole('heading', { level: 1, name: 'Flujos' }).waitFor();
      const sales = spanishFlows.row('Sales round robin');
      await sales.getByText('Publicado', { exact: true }).waitFor();
      await sales.getByText('4 ejecuciones', { exact: true }).waitFor();
      await sales.getByText('1 con error', { exact: true }).waitFor();
      await spanishFlows.row('Support to the least busy agent').getByText('Cambios sin publicar', { exact: true }).waitFor();
      await screenshot(spanishPage, 'flows-list-es');

      await spanishPage.setViewportSize(narrow);
      await spanishPage.getByRole('table').waitFor({ state: 'detached' });
      await spanishFlows.row('Sales round robin').getByText('Versión 1', { exact: true }).waitFor();
      await screenshot(spanishPage, 'flows-list-narrow-es');
    } finally {
      await inSpanish.close();
    }

    await page.setViewportSize(narrow);
    await flows.open();
    await flows.row('Sales round robin').getByText('4 runs', { exact: true }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await screenshot(page, 'flows-list-narrow');
    await flows.actionsButton('Sales round robin').click();
    await page.getByRole('menuitem', { name: 'Rename…' }).waitFor();
    await screenshot(page, 'flows-list-narrow-menu', { viewport: true });
    await page.keyboard.press('Escape');
  });

  it('creates a flow from a name and opens it', async () => {
    await flows.open();
    await page.getByRole('button', { name: 'New flow' }).click();
    const dialog = flows.dialog();
    await dialog.getByRole('button', { name: 'Create and open' }).click();
    await dialog.getByText('Enter this to continue.').waitFor();
    await dialog.getByLabel('Name', { exact: true }).fill('Out of hours reply');
    await screenshot(page, 'flows-create', { viewport: true });
    await dialog.getByRole('button', { name: 'Create and open' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/flows/') && uuid.test(url.pathname));
    const id = uuid.exec(new URL(page.url()).pathname)?.[0] ?? '';
    const created = await api.get(id);
    expect(created).toMatchObject({ name: 'Out of hours reply', status: 'draft', draft: { name: 'Out of hours reply', nodes: [] } });
  });

  it('searches by name and filters by status, keeping both in the address across a reload', async () => {
    await flows.open();
    await flows.search('ROUND');
    expect(await flows.names()).toEqual(['Sales round robin']);
    await page.reload();
    await flows.settled();
    expect(await flows.searchBox().inputValue()).toBe('ROUND');
    expect(await flows.names()).toEqual(['Sales round robin']);

    await flows.search('');
    await flows.statusFilter().selectOption({ label: 'Published, with unpublished changes' });
    await page.waitForURL((url) => url.searchParams.get('status') === 'changed');
    await flows.settled();
    expect(await flows.names()).toEqual(['Support to the least busy agent']);
    await flows.statusFilter().selectOption({ label: 'Published' });
    await page.waitForURL((url) => url.searchParams.get('status') === 'published');
    await flows.settled();
    expect(await flows.names()).toContain('Sales round robin');
    expect(await flows.names()).not.toContain('Support to the least busy agent');

    await flows.search('nothing is called this');
    await page.getByRole('heading', { name: 'No flows match' }).waitFor();
    await page.getByText('No flow has “nothing is called this” in its name.').waitFor();
    await screenshot(page, 'flows-no-match');
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.waitForURL(`${baseUrl}/flows`);
    await flows.settled();
    expect(await flows.searchBox().inputValue()).toBe('');
    expect(await flows.statusFilter().inputValue()).toBe('');
  });

  it('renames a flow, and explains a rename refused because the flow changed since the list was read', async () => {
    const flow = await api.create(countingFlow('Rename me'));
    await flows.open('?q=Rename');
    await flows.choose('Rename me', 'Rename…');
    const dialog = flows.dialog();
    await dialog.getByLabel('Name', { exact: true }).fill('Renamed once');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await flows.search('Renamed');
    await flows.row('Renamed once').waitFor();
    expect((await api.get(flow.id)).name).toBe('Renamed once');

    // Someone saves the flow in the editor while this list still shows the revision before.
    await flows.choose('Renamed once', 'Rename…');
    await api.save(flow.id, { ...countingFlow('Renamed once'), settings: { reentry: 'ignore' } });
    await dialog.getByLabel('Name', { exact: true }).fill('Renamed twice');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.getByRole('alert').getByText('Elena Editor changed this flow', { exact: false }).waitFor();
    await screenshot(page, 'flows-rename-conflict', { viewport: true });
    expect((await api.get(flow.id)).name).toBe('Renamed once');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const renamed = await api.get(flow.id);
    expect(renamed.name).toBe('Renamed twice');
    expect(renamed.draft.nodes).toHaveLength(2);
  });

  it('duplicates a flow as a new draft named in the person’s language', async () => {
    await flows.open('?q=Sales');
    await flows.choose('Sales round robin', 'Duplicate');
    await page.getByText('Duplicated as “Sales round robin (copy)”.').waitFor();
    const copy = flows.row('Sales round robin (copy)');
    await copy.getByText('Draft', { exact: true }).waitFor();
    await copy.getByText('No runs', { exact: true }).waitFor();
    await screenshot(page, 'flows-duplicated');
    await page.getByRole('link', { name: 'Open the copy' }).click();
    await page.waitForURL((url) => uuid.test(url.pathname) && !url.pathname.includes(seeded.published?.id ?? '-'));
  });

  it('archives a flow after asking, which stops it, and restores it from Archived', async () => {
    const flow = await api.create(countingFlow('Seasonal promo'));
    await api.publish(flow.id);
    await flows.open('?q=Seasonal');
    await flows.choose('Seasonal promo', 'Archive…');
    const confirm = flows.alertDialog();
    await confirm.getByText('archiving stops it', { exact: false }).waitFor();
    await screenshot(page, 'flows-archive-confirm', { viewport: true });
    await confirm.getByRole('button', { name: 'Archive' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'No flows match' }).waitFor();
    const archived = await api.get(flow.id);
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.status).toBe('stopped');

    await flows.view('Archived').click();
    await page.waitForURL((url) => url.searchParams.get('archived') === 'true' && url.searchParams.get('q') === 'Seasonal');
    await flows.settled();
    await flows.row('Seasonal promo').getByText('Archived', { exact: true }).waitFor();
    expect(await flows.view('Archived').getAttribute('aria-current')).toBe('page');
    expect(await flows.view('Flows').getAttribute('aria-current')).toBeNull();
    await screenshot(page, 'flows-archived');
    await flows.actionsButton('Seasonal promo').click();
    expect(await page.getByRole('menu').getByRole('menuitem').allTextContents()).toEqual(['Open', 'Duplicate', 'Restore…']);
    await page.getByRole('menuitem', { name: 'Restore…' }).click();
    await confirm.getByRole('button', { name: 'Restore' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'No flows match' }).waitFor();
    expect((await api.get(flow.id)).archivedAt).toBeNull();
    await flows.view('Flows').click();
    await flows.settled();
    await flows.row('Seasonal promo').getByText('Stopped', { exact: true }).waitFor();
  });

  it('points a first-time editor to the templates and to a blank flow', async () => {
    // Other files' flows share this engine: the list is answered empty, as on a new Switchboard.
    await page.route(
      (url) => url.pathname === '/api/workflows',
      (route) => route.fulfill({ json: [] }),
    );
    await flows.open();
    await page.getByRole('heading', { name: 'Build your first flow' }).waitFor();
    await screenshot(page, 'flows-empty');
    await page.getByRole('main').getByRole('link', { name: 'Start from a template' }).last().click();
    await page.waitForURL(`${baseUrl}/templates`);
  });
});

describe('accessibility', () => {
  it('finds no serious axe violations on the list, its cards, its menu and its dialogs', async () => {
    // bypassCSP: axe-core goes into the page as an inline script, which the app's CSP refuses.
    const checking = await signedIn(editor, { bypassCSP: true });
    try {
      const checkingPage = await checking.newPage();
      const checkingFlows = new FlowsPage(checkingPage, baseUrl);
      await checkingFlows.open();
      expect(await screenViolations(checkingPage)).toEqual([]);
      await checkingFlows.actionsButton('Sales round robin').click();
      await checkingPage.getByRole('menu').waitFor();
      expect(await screenViolations(checkingPage)).toEqual([]);
      await checkingPage.getByRole('menuitem', { name: 'Rename…' }).click();
      await checkingFlows.dialog().waitFor();
      expect(await screenViolations(checkingPage)).toEqual([]);
      await checkingPage.keyboard.press('Escape');
      await checkingPage.getByRole('button', { name: 'New flow' }).click();
      await checkingFlows.dialog().waitFor();
      expect(await screenViolations(checkingPage)).toEqual([]);
      await checkingPage.keyboard.press('Escape');
      await checkingPage.setViewportSize(narrow);
      await checkingPage.getByRole('table').waitFor({ state: 'detached' });
      expect(await screenViolations(checkingPage)).toEqual([]);
    } finally {
      await checking.close();
    }
  });
});

describe('a viewer', () => {
  it('sees the flows and nothing that would change them', async () => {
    const viewer = await createPerson(baseUrl, adminToken, { role: 'viewer', name: 'Victor Viewer' });
    const viewing = await signedIn(viewer);
    try {
      const viewerPage = await viewing.newPage();
      const viewerFlows = new FlowsPage(viewerPage, baseUrl);
      const shell = new AppShellPage(viewerPage, baseUrl);
      await viewerFlows.open();
      await shell.waitForHeading('Flows');
      await viewerFlows.row('Sales round robin').getByText('Published', { exact: true }).waitFor();
      expect(await viewerPage.getByRole('button', { name: 'New flow' }).count()).toBe(0);
      expect(await viewerPage.getByRole('link', { name: 'Start from a template' }).count()).toBe(0);
      expect(await viewerFlows.actionsButton('Sales round robin').count()).toBe(0);
      expect(await viewerPage.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);
      await screenshot(viewerPage, 'flows-list-viewer');
    } finally {
      await viewing.close();
    }
  });
});
