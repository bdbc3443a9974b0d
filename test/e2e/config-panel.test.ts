/**
 * The step settings: a form generated from the node type's schema, with pickers, conditional
 * fields, template fields with autocomplete and a preview, problems on the fields as the person
 * types, and "go to field". A real Chromium against a real engine.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { desktop, launchBrowser, narrow, screenshot, screenshotDir } from './support/browser.ts';
import { ConfigPanelPage } from './support/config-panel.ts';
import { createWorkflow, FlowEditorPage, readWorkflow } from './support/flow-editor-page.ts';
import { createPerson, type Person, signInByApi } from './support/people.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let editor: FlowEditorPage;
let settings: ConfigPanelPage;
let person: Person;
let salesTeam: string;

async function createTeam(name: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/inbox/teams`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw new Error(`POST /api/inbox/teams answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** A conversation opened, routed by business hours to an agent or an away message. */
function routingFlow(name: string, assign: Record<string, unknown> = { target: 'workspace' }) {
  return {
    name,
    nodes: [
      { id: 'opened', type: 'inbox.conversation_opened', config: {}, position: { x: 0, y: 0 } },
      { id: 'hours', type: 'core.business_hours', config: { timezone: 'America/Mexico_City' }, position: { x: 0, y: 160 } },
      { id: 'assign', type: 'inbox.assign_to', config: assign, position: { x: -160, y: 340 } },
      { id: 'away', type: 'inbox.send_message', config: { text: 'Hola {{ contact.name }}' }, position: { x: 160, y: 340 } },
    ],
    edges: [
      { from: 'opened', to: 'hours' },
      { from: 'hours', port: 'open', to: 'assign' },
      { from: 'hours', port: 'closed', to: 'away' },
    ],
  };
}

beforeAll(async () => {
  browser = await launchBrowser();
  person = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Carla Config' });
  salesTeam = await createTeam('Ventas Norte');
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  // bypassCSP: axe-core goes into the page as an inline script, which the app's CSP refuses.
  context = await browser.newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'UTC', bypassCSP: true });
  await signInByApi(context, baseUrl, person);
  page = await context.newPage();
  editor = new FlowEditorPage(page, baseUrl);
  settings = new ConfigPanelPage(page);
});
afterEach(async () => {
  await context?.close();
});

describe('the step settings', () => {
  it('edits a step in its generated form: a conditional team picker, a capacity flagged as typed, only what changed saved', async () => {
    const id = await createWorkflow(baseUrl, adminToken, routingFlow('Config form'));
    await editor.open(id);
    await settings.open('Assign to');
    expect(await settings.panel().getByRole('combobox', { name: 'Team' }).count()).toBe(0);

    await settings.panel().getByRole('combobox', { name: 'Assign to', exact: true }).selectOption({ label: 'An agent of a team' });
    await settings.pick('Team', 'ventas', 'Ventas Norte');
    expect(await settings.panel().getByRole('combobox', { name: 'Team' }).inputValue()).toBe('Ventas Norte');

    await settings.panel().getByRole('radio', { name: 'At most this many' }).check();
    const capacity = settings.panel().getByRole('textbox', { name: 'At most this many' });
    await capacity.fill('20000');
    await settings.error('“Capacity” must be 10,000 or less.').waitFor();
    expect(await capacity.getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('step-card').filter({ hasText: 'Assign to' }).getByText('1', { exact: true }).waitFor();
    await screenshot(page, 'config-panel-invalid', { viewport: true });

    await capacity.fill('5');
    await settings.error('“Capacity”').waitFor({ state: 'detached' });
    await editor.saved();
    const saved = await readWorkflow(baseUrl, adminToken, id);
    const assign = (saved.draft['nodes'] as { id: string; config: unknown }[]).find((node) => node.id === 'assign');
    // Only what the person set: the defaults the form shows stay out of the document.
    expect(assign?.config).toEqual({ target: 'team', teamId: salesTeam, capacity: 5 });
    await screenshot(page, 'config-panel-fixed', { viewport: true });
  });

  it('completes {{ }} with what the step can read and previews the message over sample data', async () => {
    const id = await createWorkflow(baseUrl, adminToken, routingFlow('Config template'));
    await editor.open(id);
    await settings.open('Send message');
    const text = settings.template(/^Text/);
    await text.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(', back {{ steps.');
    const completions = page.locator('.cm-tooltip-autocomplete');
    await completions.getByRole('option', { name: /hours/ }).waitFor();
    await screenshot(page, 'config-panel-template-completion', { viewport: true });
    await page.keyboard.press('Enter');
    await page.keyboard.type('.');
    await completions.getByRole('option', { name: /nextOpen/ }).waitFor();
    await page.keyboard.press('Escape');
    const preview = settings.panel().getByRole('region', { name: 'Preview with sample data' });
    await preview.waitFor();
    // The contact's sample from GET /api/template-scope, not an empty name.
    expect(await preview.textContent()).not.toContain('Hola ,');
    // Tab leaves the editor: the keyboard is never trapped in it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('contenteditable'))).not.toBe('true');
    await screenshot(page, 'config-panel-template-preview', { viewport: true });
  });

  it('edits a list with labelled buttons, the focus staying with the item', async () => {
    const flow = routingFlow('Config lists');
    flow.nodes.push({
      id: 'vip',
      type: 'core.branch',
      config: {
        branches: [
          { id: 'vip', name: 'VIP', match: 'all', conditions: [{ path: 'contact.tags', operator: 'contains', value: 'vip' }] },
          { id: 'gold', name: 'Gold', match: 'all', conditions: [{ path: 'vars.plan', operator: 'equals', value: 'gold' }] },
        ],
      },
      position: { x: 400, y: 160 },
    } as never);
    const id = await createWorkflow(baseUrl, adminToken, flow);
    await editor.open(id);
    await settings.open('Branch');
    const up = settings.panel().getByRole('button', { name: 'Move Branches, item 2: Gold up' });
    await up.focus();
    await page.keyboard.press('Enter');
    // Now first: its "up" is disabled, so the focus moved to its "down".
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Move Branches, item 1: Gold down');
    await settings.panel().getByRole('button', { name: 'Add to “Conditions”' }).first().click();
    await screenshot(page, 'config-panel-lists', { viewport: true });
    await settings.panel().getByRole('button', { name: 'Remove Branches, item 2: VIP' }).click();
    await editor.saved();
    const saved = await readWorkflow(baseUrl, adminToken, id);
    const branch = (saved.draft['nodes'] as { id: string; config: { branches: { id: string; conditions: unknown[] }[] } }[]).find((node) => node.id === 'vip');
    expect(branch?.config.branches.map((each) => [each.id, each.conditions.length])).toEqual([['gold', 2]]);
  });

  it('opens the field a problem names from the problems list', async () => {
    const id = await createWorkflow(baseUrl, adminToken, routingFlow('Config go to', { target: 'workspace', capacity: 20000 }));
    await editor.open(id);
    await editor.panelButton('Problems').click();
    await page
      .getByRole('button', { name: /Capacity/ })
      .first()
      .click();
    await settings.heading('Assign to').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('20000');
    await screenshot(page, 'config-panel-go-to', { viewport: true });
  });

  it('edits the opening hours and the holidays, and a time zone picked by keyboard', async () => {
    const id = await createWorkflow(baseUrl, adminToken, routingFlow('Config hours'));
    await editor.open(id);
    await settings.open('Business hours');
    await settings.pick('Time zone', 'madr', 'Madrid');
    await settings.panel().getByRole('button', { name: 'Add hours on Saturday' }).click();
    await settings.panel().getByRole('textbox', { name: 'Saturday, hours 1: closes' }).fill('08:00');
    await settings.error('The closing time must be after the opening time').waitFor();
    await settings.panel().getByRole('textbox', { name: 'Saturday, hours 1: closes' }).fill('14:00');
    await settings.panel().getByRole('button', { name: 'Add holiday' }).click();
    await settings.panel().getByRole('textbox', { name: 'Holiday 1: name' }).fill('Navidad');
    await editor.saved();
    const saved = await readWorkflow(baseUrl, adminToken, id);
    const hours = (saved.draft['nodes'] as { id: string; config: Record<string, unknown> }[]).find((node) => node.id === 'hours');
    expect(hours?.config['timezone']).toBe('Europe/Madrid');
    expect(hours?.config['schedule']).toContainEqual({ day: 'saturday', open: '09:00', close: '14:00' });
    expect(hours?.config['holidays']).toEqual([expect.objectContaining({ name: 'Navidad' })]);
    await screenshot(page, 'config-panel-hours');
    const violations = await seriousViolations(page, 'aside[data-panel="step"]');
    expect(violations).toEqual([]);
  });

  it('draws the settings of every installed node type without a serious accessibility problem', { timeout: 240_000 }, async () => {
    const response = await fetch(`${baseUrl}/api/node-types?language=en`, { headers: { authorization: `Bearer ${adminToken}` } });
    const types = (await response.json()) as { type: string; title: string }[];
    const nodes = types.map((type, index) => ({
      id: type.type.replace(/\W/g, '_'),
      name: `${type.title} (${type.type})`,
      type: type.type,
      config: {},
      position: { x: (index % 6) * 280, y: Math.floor(index / 6) * 220 },
    }));
    const id = await createWorkflow(baseUrl, adminToken, { name: 'Every node', nodes, edges: [] });
    // Tall enough for the longest form, so each screenshot shows all of it.
    await page.setViewportSize({ width: desktop.width, height: 2200 });
    await editor.open(id);
    const problems: string[] = [];
    for (const node of nodes) {
      await editor.panelButton('Outline').click();
      await page.getByRole('button', { name: `Settings of ${node.name}`, exact: true }).click();
      await settings.heading(node.name).waitFor();
      await settings.panel().screenshot({ path: `${screenshotDir}/config-panel-type-${node.type}.png` });
      for (const violation of await seriousViolations(page, 'aside[data-panel="step"]')) problems.push(`${node.type}: ${violation}`);
    }
    expect(problems).toEqual([]);
  });

  it('speaks Spanish, and fits a phone', async () => {
    const spanish = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Sara Ajustes', language: 'es' });
    const phone = await browser.newContext({ viewport: narrow, locale: 'es-MX', timezoneId: 'UTC', bypassCSP: true });
    try {
      await signInByApi(phone, baseUrl, spanish);
      const phonePage = await phone.newPage();
      const id = await createWorkflow(baseUrl, adminToken, routingFlow('Ajustes'));
      await new FlowEditorPage(phonePage, baseUrl).open(id);
      const ajustes = new ConfigPanelPage(phonePage);
      await ajustes.open('Asignar a un agente');
      await ajustes.panel().getByRole('radio', { name: 'Como mucho esta cantidad' }).check();
      await ajustes.panel().getByRole('textbox', { name: 'Como mucho esta cantidad' }).fill('-1');
      await ajustes.error('El campo «Capacidad» tiene que ser 0 o más.').waitFor();
      await screenshot(phonePage, 'config-panel-es-narrow', { viewport: true });
      const violations = await seriousViolations(phonePage, 'aside[data-panel="step"]');
      expect(violations).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
