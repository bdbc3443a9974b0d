/**
 * The runs list and the run view: `sales-round-robin` published over a team of two, inbound
 * messages sent through the API, then the list, one run's path on its version and the "why this
 * agent" table; and a failed HTTP step retried from the run view until its run completes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, launchBrowser, screenshot } from './support/browser.ts';
import { LiveCanvas } from './support/live-canvas.ts';
import { createPerson, signInByApi } from './support/people.ts';
import { WorkflowsApi } from './support/workflows.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const suffix = Math.random().toString(36).slice(2, 8);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let upstream: Server;
let upstreamUrl: string;
const calls: string[] = [];

async function asAdmin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

beforeAll(async () => {
  upstream = createServer((request, response) => {
    calls.push(String(request.headers['authorization']));
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  const editor = await createPerson(baseUrl, adminToken, { role: 'editor', name: 'Rita Runs' });
  context = await browser.newContext({ viewport: desktop, locale: 'en-US', timezoneId: 'UTC' });
  await signInByApi(context, baseUrl, editor);
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('runs', () => {
  it('lists the runs of sales round robin and shows one run’s path and why its agent was chosen', async () => {
    const team = await asAdmin<{ id: string }>('POST', '/api/inbox/teams', { name: `Ventas runs ${suffix}` });
    const agent = (name: string, status: string) =>
      asAdmin('POST', '/api/inbox/agents', {
        name: `${name} ${suffix}`,
        email: `${name.toLowerCase()}-${suffix}@example.com`,
        status,
        capacity: 3,
        teamIds: [team.id],
      });
    await agent('Ana', 'online');
    await agent('Marta', 'away');
    const imported = await asAdmin<{ id: string }>('POST', '/api/templates/sales-round-robin/import', { language: 'en', parameters: { team: team.id } });
    await new WorkflowsApi(context.request, baseUrl).publish(imported.id);
    for (const n of [1, 2]) {
      await asAdmin('POST', '/api/inbox/messages', {
        channel: 'test',
        contact: { externalId: `runs-${suffix}-${n}`, name: `Cliente ${n} ${suffix}` },
        text: 'Quiero una cotización',
      });
    }

    await page.goto(`${baseUrl}/runs?flow=${imported.id}`);
    const rows = page.getByRole('table').getByRole('row');
    await rows
      .filter({ hasText: `Cliente 2 ${suffix}` })
      .filter({ hasText: 'Completed' })
      .waitFor({ timeout: 15_000 });
    await rows
      .filter({ hasText: `Cliente 1 ${suffix}` })
      .filter({ hasText: 'Completed' })
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'runs-list', { viewport: true });

    await page.getByRole('link', { name: `Cliente 1 ${suffix}` }).click();
    await page.getByRole('heading', { name: 'Steps' }).waitFor();
    // The path on the pinned version: the trigger and the assign step were visited.
    await page.getByRole('region', { name: /The path of this run on version 1/ }).waitFor();
    const canvas = new LiveCanvas(page);
    await canvas.waitForVisited('assign');
    expect(await canvas.isVisited('opened')).toBe(true);
    await page.getByRole('button', { name: /^assign \(visit 1\)/ }).click();
    const why = page.getByRole('region', { name: 'Why' });
    await why
      .getByText(new RegExp(`Ana ${suffix}`))
      .first()
      .waitFor();
    const table = why.getByRole('table');
    expect(
      await table
        .getByRole('row')
        .filter({ hasText: `Ana ${suffix}` })
        .getByRole('cell')
        .nth(1)
        .textContent(),
    ).toBe('Chosen');
    expect(
      await table
        .getByRole('row')
        .filter({ hasText: `Marta ${suffix}` })
        .getByRole('cell')
        .nth(2)
        .textContent(),
    ).toMatch(/away/);
    await screenshot(page, 'run-view-why', { viewport: true });
  }, 60_000);

  it('retries a failed HTTP step from the run view, and the run completes', async () => {
    const name = `CRM_RUNS_${suffix.toUpperCase()}`;
    await asAdmin('PUT', `/api/secrets/${name}`, { value: 'first' });
    const workflows = new WorkflowsApi(context.request, baseUrl);
    const flow = await workflows.create({
      name: `Call the CRM ${suffix}`,
      nodes: [
        { id: 'start', type: 'core.manual', config: {}, position: { x: 0, y: 0 } },
        {
          id: 'call',
          type: 'core.http_request',
          config: { method: 'GET', url: `${upstreamUrl}/crm`, headers: { authorization: `Bearer {{ secrets.${name} }}` } },
          position: { x: 0, y: 180 },
        },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
    await workflows.publish(flow.id);
    // The secret goes after publishing: the call fails for good (SECRET_NOT_FOUND) until it is back.
    await asAdmin('DELETE', `/api/secrets/${name}`);
    const { runId } = await asAdmin<{ runId: string }>('POST', `/api/workflows/${flow.id}/runs`, {});

    await page.goto(`${baseUrl}/runs/${runId}`);
    await page.getByRole('button', { name: 'Retry', exact: true }).waitFor({ timeout: 15_000 });
    await page
      .getByRole('alert')
      .filter({ hasText: /SECRET_NOT_FOUND|secret/i })
      .first()
      .waitFor();
    await screenshot(page, 'run-view-failed', { viewport: true });

    await asAdmin('PUT', `/api/secrets/${name}`, { value: 'second' });
    await page.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Retry' }).click();
    // Live, without a reload: the retry is the next visit of the step, and the run completes.
    await page.getByRole('button', { name: /^call \(visit 2\).*retry.*Completed/ }).waitFor({ timeout: 15_000 });
    expect(calls).toContain('Bearer second');
    expect(await page.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(0);
    await screenshot(page, 'run-view-retried', { viewport: true });
  }, 60_000);
});
