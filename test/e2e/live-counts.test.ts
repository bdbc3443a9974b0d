/**
 * Live counts on the canvas: with the only agent of a team full, new conversations queue at the
 * flow's assign step, whose card says how many wait; when the agent frees up (a conversation
 * closed through the API) the count drops without a reload, and the port the next run left by
 * counts it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, launchBrowser, screenshot } from './support/browser.ts';
import { FlowEditorPage } from './support/flow-editor-page.ts';
import { LiveCanvas } from './support/live-canvas.ts';
import { createPerson, signInByApi } from './support/people.ts';
import { WorkflowsApi } from './support/workflows.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const suffix = Math.random().toString(36).slice(2, 8);

let browser: Browser;
let context: BrowserContext;
let page: Page;

async function asAdmin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A customer writes in: a new conversation, which the published flow routes. */
async function customerWrites(n: number): Promise<string> {
  const answer = await asAdmin<{ message: { conversationId: string } }>('POST', '/api/inbox/messages', {
    channel: 'test',
    contact: { externalId: `live-${suffix}-${n}`, name: `Cola ${n}` },
    text: 'Hola, necesito ayuda',
  });
  return answer.message.conversationId;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const editor = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Lalo Live' });
  context = await browser.newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'UTC' });
  await signInByApi(context, baseUrl, editor);
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('live counts', () => {
  it('shows the conversations waiting at an assign step and drops the count when an agent frees up', async () => {
    // One team, one online agent with room for one conversation: the second and third queue.
    const team = await asAdmin<{ id: string }>('POST', '/api/inbox/teams', { name: `Cola en vivo ${suffix}` });
    await asAdmin('POST', '/api/inbox/agents', {
      name: `Única ${suffix}`,
      email: `unica-${suffix}@example.com`,
      status: 'online',
      capacity: 1,
      teamIds: [team.id],
    });
    const workflows = new WorkflowsApi(context.request, baseUrl);
    const flow = await workflows.create({
      name: `Queue with live counts ${suffix}`,
      nodes: [
        { id: 'opened', type: 'inbox.conversation_opened', config: {}, position: { x: 0, y: 0 } },
        {
          id: 'queue',
          type: 'inbox.assign_to',
          config: { target: 'team', teamId: team.id, strategy: 'least_open', onlyOnline: true, capacity: 'agent', timeoutSeconds: 3600 },
          position: { x: 0, y: 180 },
        },
      ],
      edges: [{ from: 'opened', to: 'queue' }],
    });
    await workflows.publish(flow.id);
    const first = await customerWrites(1);
    await customerWrites(2);
    await customerWrites(3);

    await new FlowEditorPage(page, baseUrl).open(flow.id);
    const canvas = new LiveCanvas(page);
    await canvas.waiting('queue').filter({ hasText: '2 waiting' }).waitFor({ timeout: 15_000 });
    expect(await canvas.accessibleName('queue')).toContain('2 waiting');
    await expectText(canvas.portCount('queue', 'assigned'), '1');
    await screenshot(page, 'live-counts-queueing', { viewport: true });

    // The agent closes the first conversation: the next in the queue is assigned, without a reload.
    const before = page.url();
    await asAdmin('POST', `/api/inbox/conversations/${first}/close`, {});
    await canvas.waiting('queue').filter({ hasText: '1 waiting' }).waitFor({ timeout: 10_000 });
    await expectText(canvas.portCount('queue', 'assigned'), '2');
    expect(page.url()).toBe(before);
    await screenshot(page, 'live-counts-freed', { viewport: true });

    // The window is a choice the address keeps.
    await canvas.windowPicker().selectOption('1h');
    await page.waitForURL(/window=1h/);
    await expectText(canvas.portCount('queue', 'assigned'), '2');
  }, 40_000);
});

async function expectText(locator: ReturnType<LiveCanvas['portCount']>, text: string): Promise<void> {
  await locator.filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 10_000 });
}
