/**
 * The flow canvas in a real Chromium against a real engine: cards drawn top-down with their
 * ports, steps added from the palette (below the selection, onto an edge, after a free port),
 * connections refused with their reason, the keyboard path (Tab, Enter, C to connect), copy,
 * paste into another tab, duplicate, undo of each, auto-layout as one undo step, sticky notes,
 * the shortcut sheet, a viewer's read-only canvas, and an accessibility check.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { desktop, launchBrowser, narrow, screenshot } from './support/browser.ts';
import { CanvasPage } from './support/canvas-page.ts';
import { createPerson, type Person, signInByApi } from './support/people.ts';
import { WorkflowsApi } from './support/workflows.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
let editor: Person;
let context: BrowserContext;
let page: Page;
let canvas: CanvasPage;
let api: WorkflowsApi;

/** A conversation opens, goes to a team; assigned waits, the message step is loose. Straight down, so the first edge is a vertical line. */
function supportFlow(name: string): Record<string, unknown> {
  return {
    name,
    nodes: [
      { id: 'opened', type: 'inbox.conversation_opened', config: {}, position: { x: 0, y: 0 } },
      { id: 'assign', type: 'inbox.assign_to', config: { target: 'team', teamId: 'sales' }, position: { x: 0, y: 220 }, name: 'Sales team' },
      { id: 'wait', type: 'core.wait', config: { mode: 'duration', amount: 5, unit: 'minutes' }, position: { x: -160, y: 460 } },
      { id: 'send', type: 'inbox.send_message', config: { text: 'Hello {{ contact.name }}' }, position: { x: 220, y: 460 } },
    ],
    edges: [
      { from: 'opened', to: 'assign' },
      { from: 'assign', port: 'assigned', to: 'wait' },
    ],
  };
}

async function signedIn(person: Person, options: { viewport?: typeof desktop | typeof narrow; locale?: string } = {}): Promise<BrowserContext> {
  const made = await browser.newContext({ viewport: options.viewport ?? desktop, locale: options.locale ?? 'en-US', timezoneId: 'UTC' });
  await made.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  await signInByApi(made, baseUrl, person);
  return made;
}

/** Clicks an empty part of the canvas: the selection clears and the keys go to the canvas. */
async function clickPane(): Promise<void> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (pane === null) throw new Error('No canvas pane');
  await page.mouse.click(pane.x + pane.width - 40, pane.y + pane.height / 2);
}

beforeAll(async () => {
  browser = await launchBrowser();
  editor = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Carla Canvas' });
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await signedIn(editor);
  page = await context.newPage();
  canvas = new CanvasPage(page, baseUrl);
  api = new WorkflowsApi(context.request, baseUrl);
});
afterEach(async () => {
  await context?.close();
});

describe('the flow canvas', () => {
  it('draws the trigger on top and each step with its icon, title, summary and labelled ports', async () => {
    const flow = await api.create(supportFlow('Drawn'));
    await canvas.open(flow.id, 4);
    await expect(canvas.card('assign').textContent()).resolves.toMatch(/Sales team/);
    await expect(canvas.card('assign').textContent()).resolves.toMatch(/Assigned/);
    await expect(canvas.card('assign').textContent()).resolves.toMatch(/Timed out/);
    await expect(canvas.card('send').textContent()).resolves.toMatch(/Hello \{\{ contact.name \}\}/);
    // The free ports offer "+", the used one does not.
    await expect(
      canvas
        .card('assign')
        .getByRole('button', { name: /Add a step after Sales team: Timed out/ })
        .count(),
    ).resolves.toBe(1);
    await expect(
      canvas
        .card('assign')
        .getByRole('button', { name: /Add a step after Sales team: Assigned/ })
        .count(),
    ).resolves.toBe(0);
    expect(await canvas.edgeIds()).toEqual(['assign:assigned>wait', 'opened:>assign']);
    await screenshot(page, 'canvas');
  });

  it('adds a step from the palette below the selected step, connected to its free port, and undoes it', async () => {
    const flow = await api.create(supportFlow('Palette'));
    await canvas.open(flow.id, 4);
    await canvas.card('assign').click();
    await canvas.paletteSearch().fill('wait');
    await screenshot(page, 'canvas-palette-search');
    await page.keyboard.press('Enter');
    await canvas.waitForCards(5);
    expect(await canvas.edgeIds()).toContain('assign:timeout>wait_2');
    await clickPane();
    await canvas.pressWithMod('z');
    await canvas.waitForCards(4);
    expect(await canvas.edgeIds()).not.toContain('assign:timeout>wait_2');
    await canvas.pressWithMod('Shift+z');
    await canvas.waitForCards(5);
  });

  it('adds a step after a free port with its "+"', async () => {
    const flow = await api.create(supportFlow('Plus'));
    await canvas.open(flow.id, 4);
    await canvas
      .card('wait')
      .getByRole('button', { name: /Add a step after Wait: Next/ })
      .click();
    await page.getByText('Adding after Wait: Next').waitFor();
    await canvas.paletteSearch().fill('close');
    await expect(page.getByRole('option').first().textContent()).resolves.toMatch(/Close conversation/);
    await page.keyboard.press('Enter');
    await canvas.waitForCards(5);
    await screenshot(page, 'canvas-plus');
    expect(await canvas.edgeIds()).toContain('wait:next>close_conversation');
  });

  it('splices a step dragged from the palette onto an edge', async () => {
    const flow = await api.create(supportFlow('Splice'));
    await canvas.open(flow.id, 4);
    await canvas.paletteSearch().fill('set variable');
    const edge = await canvas.edge('opened:>assign').boundingBox();
    if (edge === null) throw new Error('The first edge is not drawn');
    await canvas.paletteOption('Set variable').dragTo(page.locator('.react-flow__pane'), {
      targetPosition: await relativeTo(page.locator('.react-flow__pane'), edge.x + edge.width / 2, edge.y + edge.height / 2),
    });
    await canvas.waitForCards(5);
    expect(await canvas.edgeIds()).toEqual(['assign:assigned>wait', 'opened:>set_variable', 'set_variable:next>assign']);
    await screenshot(page, 'canvas-spliced');
  });

  it('refuses a connection from a used port or into the trigger while dragging, saying why, and draws a valid one', async () => {
    const flow = await api.create(supportFlow('Rules'));
    await canvas.open(flow.id, 4);
    await canvas.dragConnection('assign', 'assigned', 'send', async () => {
      await page.getByText('This output already leads to a step').first().waitFor();
      await screenshot(page, 'canvas-refused-connection');
    });
    await canvas.dragConnection('wait', 'next', 'opened', async () => {
      await page.getByText('Nothing leads into the trigger').first().waitFor();
    });
    expect(await canvas.edgeIds()).toEqual(['assign:assigned>wait', 'opened:>assign']);
    await canvas.dragConnection('assign', 'timeout', 'send');
    await canvas.waitForEdges(3);
    expect(await canvas.edgeIds()).toContain('assign:timeout>send');
  });

  it('reaches every step with Tab, opens one with Enter and connects it with C, without a mouse', async () => {
    const flow = await api.create(supportFlow('Keyboard'));
    await canvas.open(flow.id, 4);
    await canvas.paletteSearch().focus();
    const reached = new Set<string>();
    for (let presses = 0; presses < 40 && reached.size < 4; presses += 1) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() =>
        document.activeElement?.classList.contains('react-flow__node-step') ? document.activeElement.getAttribute('data-id') : null,
      );
      if (id !== null) reached.add(id);
    }
    expect([...reached].sort()).toEqual(['assign', 'opened', 'send', 'wait']);

    await canvas.card('wait').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.react-flow__node[data-id="wait"]')?.classList.contains('selected') === true);
    await canvas.card('wait').focus();
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Connect Wait' });
    await dialog.waitFor();
    await dialog.getByLabel('Leads to').selectOption({ label: 'Send message' });
    await screenshot(page, 'canvas-connect-dialog', { viewport: true });
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await canvas.waitForEdges(3);
    expect(await canvas.edgeIds()).toContain('wait:next>send');

    // Delete from the keyboard, and undo it.
    await canvas.card('send').focus();
    await page.keyboard.press('Enter');
    await canvas.card('send').focus();
    await page.keyboard.press('Delete');
    await canvas.waitForCards(3);
    await canvas.pressWithMod('z');
    await canvas.waitForCards(4);
  });

  it('copies, pastes (into another tab too) and duplicates a selection, each undone in one step', async () => {
    const flow = await api.create(supportFlow('Clipboard'));
    const other = await api.create({ name: 'Other', nodes: [], edges: [] });
    await canvas.open(flow.id, 4);
    await canvas.card('wait').click();
    await canvas.card('send').click({ modifiers: ['Shift'] });
    await canvas.pressWithMod('c');
    await canvas.pressWithMod('v');
    await canvas.waitForCards(6);
    expect(await canvas.cardIds()).toEqual(['assign', 'opened', 'send', 'send_2', 'wait', 'wait_2']);
    await canvas.pressWithMod('d');
    await canvas.waitForCards(8);
    await screenshot(page, 'canvas-pasted');
    await canvas.pressWithMod('z');
    await canvas.waitForCards(6);
    await canvas.pressWithMod('z');
    await canvas.waitForCards(4);

    const tab = await context.newPage();
    const otherCanvas = new CanvasPage(tab, baseUrl);
    await otherCanvas.open(other.id, 0);
    await tab.locator('.react-flow__pane').click();
    await tab.keyboard.press('ControlOrMeta+v');
    await otherCanvas.waitForCards(2);
    expect(await otherCanvas.cardIds()).toEqual(['send', 'wait']);
  });

  it('tidies the layout with elkjs as one undoable change', async () => {
    const flow = await api.create(supportFlow('Layout'));
    await canvas.open(flow.id, 4);
    const before = await canvas.positionOf('send');
    await canvas.toolbarButton('Tidy up layout').click();
    await page.waitForFunction((was) => (document.querySelector('.react-flow__node[data-id="send"]') as HTMLElement | null)?.style.transform !== was, before);
    await screenshot(page, 'canvas-laid-out');
    await canvas.toolbarButton(/^Undo: Tidy up layout$/).click();
    await page.waitForFunction((was) => (document.querySelector('.react-flow__node[data-id="send"]') as HTMLElement | null)?.style.transform === was, before);
  });

  it('adds, writes, colours and deletes a sticky note', async () => {
    const flow = await api.create(supportFlow('Notes'));
    await canvas.open(flow.id, 4);
    await canvas.toolbarButton('Add a sticky note').click();
    await canvas.notes().first().waitFor();
    await canvas.notes().first().dblclick();
    await page.getByRole('textbox', { name: 'Note text' }).fill('Sales answers within 5 minutes');
    await page.keyboard.press('Escape');
    await canvas.notes().first().click();
    await page.getByRole('button', { name: 'Blue' }).click();
    await expect(canvas.notes().first().textContent()).resolves.toContain('Sales answers within 5 minutes');
    await screenshot(page, 'canvas-note');
    await page.getByRole('button', { name: 'Delete note' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node-note').length === 0);
    await clickPane();
    await canvas.pressWithMod('z');
    await canvas.notes().first().waitFor();
  });

  it('lists every shortcut on ?', async () => {
    const flow = await api.create(supportFlow('Shortcuts'));
    await canvas.open(flow.id, 4);
    await clickPane();
    await page.keyboard.press('Shift+?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    await expect(sheet.getByText('Tidy up the layout').count()).resolves.toBe(1);
    await screenshot(page, 'canvas-shortcuts', { viewport: true });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });

  it('shows a viewer the flow read-only', async () => {
    const flow = await api.create(supportFlow('Read only'));
    const viewer = await createPerson(baseUrl, adminToken, { role: 'viewer', name: 'Vera Viewer' });
    const viewing = await signedIn(viewer);
    try {
      const viewerPage = await viewing.newPage();
      const viewerCanvas = new CanvasPage(viewerPage, baseUrl);
      await viewerCanvas.open(flow.id, 4);
      await expect(viewerPage.getByRole('combobox', { name: 'Search steps' }).count()).resolves.toBe(0);
      await expect(viewerPage.getByRole('button', { name: /Add a step after/ }).count()).resolves.toBe(0);
      await expect(viewerPage.getByRole('button', { name: 'Tidy up layout' }).count()).resolves.toBe(0);
      await screenshot(viewerPage, 'canvas-read-only');
    } finally {
      await viewing.close();
    }
  });

  it('speaks Spanish and fits a phone', async () => {
    const flow = await api.create(supportFlow('Teléfono'));
    const spanish = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Sara', language: 'es' });
    const phone = await signedIn(spanish, { viewport: narrow, locale: 'es-ES' });
    try {
      const phonePage = await phone.newPage();
      const phoneCanvas = new CanvasPage(phonePage, baseUrl);
      await phoneCanvas.open(flow.id, 4);
      await expect(phoneCanvas.card('assign').textContent()).resolves.toMatch(/Asignada/);
      await screenshot(phonePage, 'canvas-es-narrow');
    } finally {
      await phone.close();
    }
  });

  it('has no serious accessibility violations', async () => {
    const flow = await api.create(supportFlow('Accessible'));
    await canvas.open(flow.id, 4);
    await canvas.card('assign').click();
    await page.evaluate(await readFile(axePath, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
        }
      ).axe;
      const result = await axe.run(document.querySelector('.react-flow')?.parentElement?.parentElement ?? document, { resultTypes: ['violations'] });
      return result.violations
        .filter((each) => each.impact === 'serious' || each.impact === 'critical')
        .map((each) => `${each.id}: ${each.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });
});

async function relativeTo(locator: ReturnType<Page['locator']>, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('Not on screen');
  return { x: x - box.x, y: y - box.y };
}
