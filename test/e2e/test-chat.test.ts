/**
 * The test chat: from the editor, a person writes as a customer to the out-of-hours template's
 * draft, with the clock pretended, through the real inbox and engine. At Sunday 23:00 the away
 * message comes back into the pane and the canvas highlights the `closed` path; at Monday 10:00
 * the run takes `open` and nothing is sent. Reset deletes the test.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, launchBrowser, screenshot } from './support/browser.ts';
import { FlowEditorPage } from './support/flow-editor-page.ts';
import { LiveCanvas } from './support/live-canvas.ts';
import { createPerson, signInByApi } from './support/people.ts';
import { TestChatPanel } from './support/test-chat-panel.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let flowId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const editor = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Tere Tester' });
  // The person is in Mexico City, where the template keeps its business hours.
  context = await browser.newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'America/Mexico_City' });
  await signInByApi(context, baseUrl, editor);
  page = await context.newPage();
  const imported = await context.request.post(`${baseUrl}/api/templates/out-of-hours/import`, {
    headers: { origin: baseUrl },
    data: { language: 'en', parameters: { timezone: 'America/Mexico_City' } },
  });
  if (!imported.ok()) throw new Error(`Importing out-of-hours answered ${imported.status()}: ${await imported.text()}`);
  flowId = ((await imported.json()) as { id: string }).id;
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('the test chat', () => {
  it('sends the away message on Sunday at 23:00 and highlights the closed path; sends nothing on Monday at 10:00', async () => {
    await new FlowEditorPage(page, baseUrl).open(flowId);
    const chat = new TestChatPanel(page);
    const canvas = new LiveCanvas(page);
    await chat.open();
    await screenshot(page, 'test-chat-setup', { viewport: true });

    // 6 December 2026 is a Sunday.
    const sundayTest = await chat.start({ name: 'Carla Prueba', tags: 'vip', clock: '2026-12-06T23:00' });
    await chat.write('Hola, ¿siguen abiertos?');
    const away = chat.messages('outbound').first();
    await away.waitFor({ timeout: 15_000 });
    expect(await away.textContent()).toContain('we are closed right now');
    expect(await away.textContent()).toContain('Automation');
    await canvas.waitForTaken('hours:closed>sent_today');
    expect(await canvas.isVisited('away')).toBe(true);
    expect(await canvas.isTaken('message:>hours')).toBe(true);
    expect(await canvas.card('away').getAttribute('aria-label')).toContain('visited');
    await screenshot(page, 'test-chat-sunday-night', { viewport: true });

    await chat.reset();
    const gone = await context.request.get(`${baseUrl}/api/tests/${sundayTest}`);
    expect(gone.status()).toBe(404);
    // The reset left the canvas as it was: no path drawn.
    expect(await canvas.isVisited('hours')).toBe(false);

    // 7 December 2026, a Monday, inside 09:00-18:00.
    await chat.start({ clock: '2026-12-07T10:00' });
    await chat.write('Hola otra vez');
    await canvas.waitForVisited('hours');
    await page.locator('.react-flow__node[data-id="hours"] [class*="portTaken"]').filter({ hasText: /open/i }).waitFor({ timeout: 15_000 });
    await page.getByTestId('test-runs').filter({ hasNotText: 'Now at' }).waitFor();
    expect(await chat.messages('outbound').count()).toBe(0);
    expect(await canvas.isVisited('away')).toBe(false);
    await screenshot(page, 'test-chat-monday-morning', { viewport: true });
    await chat.reset();
  }, 40_000);
});
