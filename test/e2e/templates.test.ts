/**
 * The templates gallery in a real Chromium against a real engine: the bundled templates as cards
 * in the person's language with what each uses and asks; importing one asks its parameters with
 * their pickers, flags a required one left empty on its field, and opens the new draft.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { screenViolations } from './support/screen-axe.ts';
import { desktop, launchBrowser, narrow, screenshot } from './support/browser.ts';
import { createPerson, type Person, signInByApi } from './support/people.ts';
import { TemplatesPage } from './support/templates-page.ts';
import { WorkflowsApi } from './support/workflows.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

let browser: Browser;
let spanishEditor: Person;
let context: BrowserContext;
let page: Page;
let gallery: TemplatesPage;
let salesTeamId: string;
let salesTeamName: string;
let agentId: string;

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

async function asAdmin<T>(method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The new draft's id, from the address the import lands on. */
async function landedFlowId(): Promise<string> {
  await page.waitForURL((url) => url.pathname.startsWith('/flows/') && uuid.test(url.pathname));
  return uuid.exec(new URL(page.url()).pathname)?.[0] ?? '';
}

beforeAll(async () => {
  browser = await launchBrowser();
  spanishEditor = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Tomás Plantillas', language: 'es' });
  const suffix = Math.random().toString(36).slice(2, 6);
  salesTeamName = `Ventas ${suffix}`;
  salesTeamId = (await asAdmin<{ id: string }>('POST', '/api/inbox/teams', { name: salesTeamName })).id;
  agentId = (await asAdmin<{ id: string }>('POST', '/api/inbox/agents', { name: `Lucía Agente ${suffix}`, email: `lucia-${suffix}@example.com` })).id;
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: desktop, locale: 'es-ES', timezoneId: 'America/Mexico_City' });
  await signInByApi(context, baseUrl, spanishEditor);
  page = await context.newPage();
  gallery = new TemplatesPage(page, baseUrl);
});
afterEach(async () => {
  await context?.close();
});

describe('the templates gallery', () => {
  it('shows the bundled templates in Spanish, with what starts each, its steps and what it asks', async () => {
    await gallery.open();
    await page.getByRole('heading', { level: 1, name: 'Plantillas' }).waitFor();
    const sales = gallery.card('Asignación automática para ventas (por turnos)');
    await sales.getByText('Reparte las conversaciones nuevas por turnos', { exact: false }).waitFor();
    await sales.getByText('Asignación', { exact: true }).waitFor();
    await sales.getByText('Equipo de ventas · Tiempo en la cola').waitFor();
    expect(await gallery.titles()).toHaveLength(10);
    await screenshot(page, 'templates-gallery-es');

    await gallery.category('Mensajes').click();
    await page.waitForURL((url) => url.searchParams.get('category') === 'messages');
    expect((await gallery.titles()).length).toBeGreaterThan(0);
    expect(await gallery.titles()).not.toContain('Asignación automática para ventas (por turnos)');
    expect(await gallery.category('Mensajes').getAttribute('aria-current')).toBe('page');

    await page.setViewportSize(narrow);
    await gallery.category('Todas').click();
    await page.waitForURL(`${baseUrl}/templates`);
    await screenshot(page, 'templates-gallery-narrow-es', { viewport: true });
  });

  it('asks the out-of-hours template for its zone, hours, holidays and message with their pickers', async () => {
    await gallery.open();
    const dialog = await gallery.use('Mensaje fuera de horario');
    await dialog.getByRole('combobox', { name: 'Zona horaria' }).waitFor();
    await dialog.getByText('Mensaje de ausencia', { exact: true }).waitFor();
    await screenshot(page, 'templates-import-out-of-hours-es', { viewport: true });
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('imports sales round robin with a team and opens the new draft', async () => {
    await gallery.open();
    const dialog = await gallery.use('Asignación automática para ventas (por turnos)');
    await dialog.getByRole('heading', { name: 'Usar «Asignación automática para ventas (por turnos)»' }).waitFor();
    await dialog.getByRole('combobox', { name: 'Equipo de ventas' }).click();
    // Other files' teams share the engine ("Ventas Norte"): pick this file's own.
    await page.getByRole('option', { name: salesTeamName, exact: true }).click();
    await screenshot(page, 'templates-import-es', { viewport: true });
    await dialog.getByRole('button', { name: 'Crear el flujo' }).click();
    const id = await landedFlowId();

    const api = new WorkflowsApi(context.request, baseUrl);
    const draft = await api.get(id);
    expect(draft.name).toBe('Asignación automática para ventas (por turnos)');
    expect(draft.status).toBe('draft');
    expect(draft.draft.nodes.find((node) => node.type === 'inbox.assign_to')?.config).toMatchObject({
      target: 'team',
      teamId: salesTeamId,
      timeoutSeconds: 86400,
    });
  });

  it('flags a required parameter left empty on its field, and imports once it is chosen', async () => {
    await gallery.open('?category=assignment');
    const dialog = await gallery.use('Asignar a un agente, con respaldo del equipo');
    await dialog.getByRole('button', { name: 'Crear el flujo' }).click();
    // On the field, in the form's words or the dialog's, and the field has the focus.
    await dialog.getByText(/obligatorio|Elige una opción para continuar/).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await screenshot(page, 'templates-import-missing-es', { viewport: true });
    await dialog.getByRole('combobox', { name: 'Agente' }).click();
    await page.getByRole('option', { name: /^Lucía Agente / }).click();
    await dialog.getByRole('button', { name: 'Crear el flujo' }).click();
    const id = await landedFlowId();
    const draft = await new WorkflowsApi(context.request, baseUrl).get(id);
    expect(JSON.stringify(draft.draft)).toContain(agentId);
  });

  it('finds no serious axe violations on the gallery and the import dialog', async () => {
    // bypassCSP: axe-core goes into the page as an inline script, which the app's CSP refuses.
    const checking = await browser.newContext({ viewport: desktop, locale: 'es-ES', bypassCSP: true });
    try {
      await signInByApi(checking, baseUrl, spanishEditor);
      const checkingPage = await checking.newPage();
      const checkingGallery = new TemplatesPage(checkingPage, baseUrl);
      await checkingGallery.open();
      expect(await screenViolations(checkingPage)).toEqual([]);
      await checkingGallery.use('Asignar a un agente, con respaldo del equipo');
      expect(await screenViolations(checkingPage)).toEqual([]);
    } finally {
      await checking.close();
    }
  });

  it('shows a viewer the templates without the import', async () => {
    const viewer = await createPerson(baseUrl, adminToken, { role: 'viewer', name: 'Valeria Lectora', language: 'es' });
    const viewing = await browser.newContext({ viewport: desktop, locale: 'es-ES' });
    try {
      await signInByApi(viewing, baseUrl, viewer);
      const viewerPage = await viewing.newPage();
      const viewerGallery = new TemplatesPage(viewerPage, baseUrl);
      await viewerGallery.open();
      expect(await viewerPage.getByRole('button', { name: /^Usar la plantilla/ }).count()).toBe(0);
    } finally {
      await viewing.close();
    }
  });
});
