/**
 * The flow editor end to end, as an operations person uses it: a template imported in Spanish,
 * a mistake the editor points at on the field and on the step, fixed, published, version 1 in
 * the history; a custom node offered in the palette with a form generated from its schema; and
 * no serious accessibility violation on the editor's screens. A real Chromium against a real engine.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
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

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  browser = await launchBrowser();
  person = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Olivia Operaciones', language: 'es' });
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: desktop, locale: 'es-ES', timezoneId: 'America/Mexico_City' });
  await signInByApi(context, baseUrl, person);
  page = await context.newPage();
  editor = new FlowEditorPage(page, baseUrl);
});
afterEach(async () => {
  await context?.close();
});

describe('the flow editor', () => {
  it('flags a wrong capacity on the field and on the step, and publishes version 1 once it is fixed', async () => {
    const teamName = `Norte ${Math.random().toString(36).slice(2, 6)}`;
    const team = await api<{ id: string }>('POST', '/api/inbox/teams', { name: teamName });
    // Imported as the gallery does (its own browser test drives the dialog).
    const flow = await api<{ id: string }>('POST', '/api/templates/sales-round-robin/import', { language: 'es', parameters: { team: team.id } });
    await editor.open(flow.id);
    await editor.saved();
    const assign = page.locator('[data-testid="step-card"]', { hasText: 'Asignar a un agente' });
    await assign.click();
    const panel = page.getByRole('complementary', { name: 'Paso' });
    // The team the import asked for, by its name, though the config holds its id.
    await panel.locator(`input[value="${teamName}"], :text-is("${teamName}")`).first().waitFor();

    // A capacity past what the schema allows: flagged on the field, on the step's card and in the header, in Spanish.
    await panel.getByRole('radio', { name: 'Como mucho esta cantidad' }).check();
    const capacity = panel.getByRole('textbox', { name: /Como mucho esta cantidad/ });
    await capacity.fill('20000');
    await panel.getByText('El campo «Capacidad» tiene que ser 10.000 o menos.').first().waitFor();
    await expect.poll(() => editor.problemCount().textContent()).not.toBe('0');
    await expect(assign.getByText(/1/).first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'flow-editor-capacity-invalid-es', { viewport: true });

    // Publishing now is refused, with the list of what to fix.
    await page.getByRole('button', { name: 'Publicar' }).click();
    await page.getByRole('dialog', { name: 'Publicar este flujo' }).getByRole('button', { name: 'Publicar' }).click();
    const problems = page.getByRole('complementary', { name: 'Problemas' });
    await problems
      .getByText(/Capacidad/)
      .first()
      .waitFor();
    await screenshot(page, 'flow-editor-publish-refused-es', { viewport: true });
    // The problem leads back to its field.
    await problems
      .getByRole('button', { name: /Capacidad/ })
      .first()
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('aside')?.getAttribute('data-panel'))).toBe('step');

    await page
      .getByRole('complementary', { name: 'Paso' })
      .getByRole('textbox', { name: /Como mucho esta cantidad/ })
      .fill('3');
    await expect.poll(() => editor.problemCount().textContent()).toBe('0');
    await editor.saved();
    await page.getByRole('button', { name: 'Publicar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publicar este flujo' });
    await dialog.getByLabel(/Nota/).fill('Máximo 3 por agente');
    await dialog.getByRole('button', { name: 'Publicar' }).click();
    await page.getByText('Publicado como versión 1.').waitFor();
    await page.getByText('Publicado', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Versiones' }).click();
    const versions = page.getByRole('complementary', { name: 'Versiones' });
    await versions.getByText('Versión 1', { exact: true }).first().waitFor();
    await versions.getByText('Máximo 3 por agente', { exact: true }).first().waitFor();
    await screenshot(page, 'flow-editor-published-es', { viewport: true });
    const published = await readWorkflow(baseUrl, adminToken, flow.id);
    expect(published.activeVersion).toBe(1);
    expect(
      (published.draft as unknown as { nodes: { id: string; config: { capacity?: unknown } }[] }).nodes.find((node) => node.id === 'assign')?.config.capacity,
    ).toBe(3);
  });

  it('offers a custom node from SWITCHBOARD_NODES in the palette, with a form generated from its schema', async () => {
    const id = await createWorkflow(baseUrl, adminToken, smallFlow('SMS'));
    await editor.open(id);
    await page.locator('[data-testid="step-card"]', { hasText: 'Enviar mensaje' }).click();
    await page.getByRole('combobox', { name: 'Buscar pasos' }).fill('sms');
    await page.getByRole('option', { name: /Enviar SMS/ }).waitFor();
    await page.keyboard.press('Enter');
    const card = page.locator('[data-testid="step-card"]', { hasText: 'Enviar SMS' });
    await card.waitFor();
    await card.click();
    const panel = page.getByRole('complementary', { name: 'Paso' });
    // Its fields, titled in Spanish from the node's own translation.
    await panel.getByLabel('Número de teléfono').fill('12');
    await panel
      .getByText(/Número de teléfono/)
      .first()
      .waitFor();
    await panel.getByText('Mensaje flash').waitFor();
    await panel.getByText('Prioridad').waitFor();
    await screenshot(page, 'flow-editor-custom-node-es', { viewport: true });
    await panel.getByLabel('Número de teléfono').fill('+52 55 1234 5678');
    await editor.saved();
    const saved = await readWorkflow(baseUrl, adminToken, id);
    const sms = (saved.draft as unknown as { nodes: { type: string; config: { phone?: string } }[] }).nodes.find((node) => node.type === 'acme.send_sms');
    expect(sms?.config.phone).toBe('+52 55 1234 5678');
  });

  it('has no serious accessibility violations on the editor, with each side panel open', async () => {
    const id = await createWorkflow(baseUrl, adminToken, smallFlow('Accesible'));
    await editor.open(id);
    await editor.saved();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('[data-testid="step-card"]', { hasText: 'Enviar mensaje' }).click();
    await page.getByRole('complementary', { name: 'Paso' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    for (const panel of ['Problemas', 'Esquema', 'Versiones']) {
      await page.getByRole('button', { name: panel }).click();
      await page.getByRole('complementary', { name: panel }).waitFor();
      expect(await seriousViolations(page), panel).toEqual([]);
    }
    await page.getByRole('button', { name: 'Probar' }).click();
    await page.getByRole('complementary', { name: 'Chat de prueba' }).waitFor();
    expect(await seriousViolations(page), 'Chat de prueba').toEqual([]);
  });
});
