/**
 * Versions and the outline in the flow editor, a real Chromium against a real engine: a change
 * is listed and drawn against version 1, version 1 is restored as the draft; a flow is built from
 * an empty canvas with the keyboard only, through the outline.
 */
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { desktop, launchBrowser, narrow, screenshot } from './support/browser.ts';
import { createWorkflow, FlowEditorPage, readWorkflow, smallFlow } from './support/flow-editor-page.ts';
import { OutlinePanel } from './support/outline-panel.ts';
import { createPerson, type Person, signInByApi } from './support/people.ts';
import { VersionHistoryPanel } from './support/version-history-panel.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let editor: FlowEditorPage;
let person: Person;

beforeAll(async () => {
  browser = await launchBrowser();
  person = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Valeria Versiones' });
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  // bypassCSP: axe-core is added to the page as an inline script, which the app's CSP refuses.
  context = await browser.newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'UTC', bypassCSP: true });
  await signInByApi(context, baseUrl, person);
  page = await context.newPage();
  editor = new FlowEditorPage(page, baseUrl);
});
afterEach(async () => {
  await context?.close();
});

async function publish(id: string, note: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/workflows/${id}/publish`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ note }),
  });
  if (!response.ok) throw new Error(`publish answered ${response.status}: ${await response.text()}`);
}

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/**
 * axe-core's serious and critical WCAG 2.1 A/AA violations inside one side panel: these tests
 * answer for the outline and the version history, not for the canvas or the shell around them.
 */
async function panelViolations(panel: 'outline' | 'versions'): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (selector) => {
    type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ include: [[selector]] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }, `aside[data-panel="${panel}"]`);
}

/** Opens a side panel from the toolbar with the keyboard. */
async function openPanel(name: 'Outline' | 'Versions'): Promise<void> {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('complementary', { name }).waitFor();
}

describe('versions', () => {
  it('lists and draws a change against version 1, then restores version 1 as the draft', async () => {
    const id = await createWorkflow(baseUrl, adminToken, smallFlow('Greeting'));
    await publish(id, 'First greeting');
    await editor.open(id);
    await editor.saved();

    // The change: the message step gets a name and the flow closes the conversation after it.
    await openPanel('Outline');
    const outline = new OutlinePanel(page, page.getByRole('complementary', { name: 'Outline' }));
    await outline.rename('Send message', 'Welcome');
    await outline.addAfter('Welcome', 'Next', 'close conversation');
    await outline.step('Close conversation').waitFor();
    await editor.saved();

    await openPanel('Versions');
    const versions = new VersionHistoryPanel(page, page.getByRole('complementary', { name: 'Versions' }));
    await versions.waitForVersions(1);
    await versions.compareWithDraft(1);
    await expect.poll(() => versions.diffHeading().textContent()).toBe('Changes from version 1 to the draft');
    await versions.diffSection('Steps added').getByText('Close conversation').waitFor();
    await versions.diffSection('Steps changed').getByText('given a name').waitFor();
    await versions.diffSection('Connections').getByText('Welcome · Next: now goes to Close conversation').waitFor();

    await versions.showOnCanvas();
    await page.locator('[data-testid="step-card"][class*="added"]').waitFor();
    await page.locator('[data-testid="step-card"][class*="changed"]').waitFor();
    await screenshot(page, 'flow-versions-diff', { viewport: true });

    const dialog = await versions.restore(1);
    await dialog.waitFor({ state: 'detached' });
    await versions.restoredNotice(1).waitFor();
    await versions.root.getByText('No differences.').waitFor();
    await expect
      .poll(async () => (await readWorkflow(baseUrl, adminToken, id)).draft)
      .toMatchObject({
        nodes: smallFlow('Greeting').nodes,
        edges: smallFlow('Greeting').edges,
      });
    expect(await page.locator('[data-testid="step-card"]').count()).toBe(2);
    await screenshot(page, 'flow-versions-restored', { viewport: true });
    expect(await panelViolations('versions')).toEqual([]);

    await page.setViewportSize(narrow);
    await screenshot(page, 'flow-versions-narrow', { viewport: true });
  });
});

describe('the outline', () => {
  it('builds a flow from an empty canvas with the keyboard only', async () => {
    const id = await createWorkflow(baseUrl, adminToken, { name: 'Out of hours', nodes: [], edges: [] });
    await editor.open(id);
    await openPanel('Outline');
    const outline = new OutlinePanel(page, page.getByRole('complementary', { name: 'Outline' }));

    await outline.addTrigger('message received');
    await expect.poll(() => outline.focusedText()).toBe('Message received');
    await outline.addAfter('Message received', 'Next', 'business hours');
    await expect.poll(() => outline.focusedText()).toBe('Business hours');
    await outline.addAfter('Business hours', 'Closed', 'send message');
    await outline.rename('Send message', 'Away message');
    await outline.port('Business hours', 'Closed').getByText('Away message').waitFor();
    await outline.port('Business hours', 'Open').getByText('(nothing)').waitFor();
    await screenshot(page, 'flow-outline-built', { viewport: true });
    expect(await panelViolations('outline')).toEqual([]);

    await editor.saved();
    const saved = await readWorkflow(baseUrl, adminToken, id);
    const draft = saved.draft as unknown as { nodes: { id: string; type: string; name?: string }[]; edges: { from: string; port?: string; to: string }[] };
    expect(draft.nodes.map((node) => [node.type, node.name])).toEqual([
      ['inbox.message_received', undefined],
      ['core.business_hours', undefined],
      ['inbox.send_message', 'Away message'],
    ]);
    const [trigger, hours, away] = draft.nodes.map((node) => node.id);
    expect(draft.edges).toEqual([
      { from: trigger, port: 'next', to: hours },
      { from: hours, port: 'closed', to: away },
    ]);

    // A port sent elsewhere and back, and a step deleted, each one undo step.
    await outline.route('Business hours', 'Open', 'Away message');
    await outline.port('Business hours', 'Open').getByText('Away message').waitFor();
    await outline.route('Business hours', 'Open', null);
    await outline.remove('Away message');
    await outline.root.getByText('Deleted Away message.', { exact: false }).waitFor();
    await outline.port('Business hours', 'Closed').getByText('(nothing)').waitFor();
  });
});
