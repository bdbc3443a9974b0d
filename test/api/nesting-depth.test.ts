/**
 * Deeply nested documents through the real API server. Every route that can
 * take a body, read from the OpenAPI document the server serves (so a route
 * added later is covered without touching this file), refuses a body nested
 * 100,000 levels deep with 400 REQUEST_TOO_DEEP before anything recursive sees
 * it; such bodies used to overflow the stack of validators, structuredClone or
 * templates into a 500. Documents at the limit still work end to end, and a
 * deep value a step parses itself fails that step by name.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../engine/src/graph/json-depth.ts';
import { readPointer } from '../../engine/src/graph/json-pointer.ts';
import { createInbox, testChannel } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { authorized, type InboxServer, startInboxServer } from '../inbox/support/inbox-server.ts';

const templatesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');
const missingId = '00000000-0000-4000-8000-000000000000';
/** Methods whose requests Fastify parses a body for. */
const BODY_METHODS = ['post', 'put', 'patch', 'delete'] as const;

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, unknown>>;
}
interface ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly { readonly path: string; readonly code: string; readonly message: string }[];
}

const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('nesting depth', () => {
  let harness: TestEngine;
  let app: InboxServer;
  let webhookWorkflowId: string;

  beforeAll(async () => {
    const channel = testChannel();
    const inbox = createInbox({ channels: [channel], nodes: createInboxPack });
    harness = await startTestEngine({ nodes: corePack, plugins: [inbox.plugin], templatesDir });
    app = await startInboxServer({
      engine: harness.engine,
      inbox,
      channel,
      harness,
      tx: (body) => harness.engine.transaction(body),
      close: () => harness.close(),
    });
    // Published, so a deep body to its hook would reach the trigger rather than stop at a 404.
    const { workflow } = await harness.engine.createWorkflow({
      name: 'Echo hook',
      nodes: [
        { id: 'start', type: 'core.webhook', config: {} },
        { id: 'echo', type: 'core.set_variable', config: { assignments: [{ name: 'echo', value: '{{ trigger.body | json }}' }] } },
      ],
      edges: [{ from: 'start', to: 'echo' }],
    });
    await harness.engine.publishWorkflow(workflow.id);
    webhookWorkflowId = workflow.id;
  });
  afterAll(async () => {
    await app?.close();
    await harness?.close();
  });

  /** `METHOD url` for every operation of the document that can carry a body, /hooks/:workflowId among them. */
  async function routesWithBodies(): Promise<{ readonly route: string; readonly method: string; readonly url: string }[]> {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApiDocument>();
    const routes = Object.entries(document.paths).flatMap(([template, operations]) =>
      BODY_METHODS.filter((method) => operations[method] !== undefined).map((method) => ({
        route: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        url: template === '/hooks/{workflowId}' ? `/hooks/${webhookWorkflowId}` : template.replace(/\{[^}]+\}/g, missingId),
      })),
    );
    if (!routes.some(({ route }) => route === 'POST /hooks/{workflowId}')) {
      routes.push({ route: 'POST /hooks/{workflowId}', method: 'POST', url: `/hooks/${webhookWorkflowId}` });
    }
    return routes;
  }

  it('refuses bodies nested 100,000 levels deep on every route that takes a body, with 400 REQUEST_TOO_DEEP and a path', async () => {
    const routes = await routesWithBodies();
    expect(routes.map(({ route }) => route)).toEqual(
      expect.arrayContaining(['POST /api/workflows', 'PUT /api/workflows/{id}', 'POST /api/events', 'POST /hooks/{workflowId}', 'POST /api/inbox/messages']),
    );
    const bodies = [
      { shape: 'array', text: deepArray(100_000) },
      { shape: 'object', text: deepObject(100_000) },
    ].map((body) => ({ ...body, sent: JSON.parse(body.text) as unknown }));
    const answers: string[] = [];
    for (const { route, method, url } of routes) {
      for (const { shape, text, sent } of bodies) {
        const response = await app.inject({
          method: method as 'POST',
          url,
          headers: { ...authorized, 'content-type': 'application/json' },
          payload: text,
        });
        const body = response.json<ErrorBody>();
        const issue = body.issues?.[0];
        const pointsIntoSent = issue !== undefined && typeof readPointer(sent, issue.path) === 'object';
        answers.push(`${route} ${shape}: ${response.statusCode} ${body.code}${pointsIntoSent ? '' : ' (issue path missing or not in the body)'}`);
      }
    }
    expect(answers).toEqual(answers.map((answer) => `${answer.slice(0, answer.indexOf(':'))}: 400 REQUEST_TOO_DEEP`));
  });

  it('says how deep the body is, what the limit is, and points at the first level past it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...authorized, 'content-type': 'application/json' },
      payload: `{"type":"deep.event","data":{"list":${deepArray(5000)}}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      code: 'REQUEST_TOO_DEEP',
      message: `The request body nests arrays and objects 5002 levels deep; at most ${MAX_JSON_DEPTH} are accepted. Flatten the document; the issue's path points at the first value past the limit.`,
      issues: [
        {
          path: `/data/list${'/0'.repeat(MAX_JSON_DEPTH - 2)}`,
          code: 'REQUEST_TOO_DEEP',
          message: `This array or object opens level ${MAX_JSON_DEPTH + 1}; at most ${MAX_JSON_DEPTH} levels of arrays and objects are accepted.`,
        },
      ],
    });
  });

  it('counts brackets inside strings as text, and refuses deep text that is not JSON without reading it', async () => {
    const inString = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: authorized,
      payload: { type: 'brackets.event', data: { text: '['.repeat(10_000) } },
    });
    expect(inString.statusCode, inString.body).toBe(202);
    const unclosed = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...authorized, 'content-type': 'application/json' },
      payload: '['.repeat(10_000),
    });
    expect(unclosed.json()).toMatchObject({ statusCode: 400, code: 'REQUEST_TOO_DEEP', issues: [{ path: '/0'.repeat(MAX_JSON_DEPTH) }] });
  });

  it('takes a webhook body nested exactly to the limit and renders it in the run', async () => {
    // The body is the limit deep; inside the run it sits a few levels lower still.
    const response = await app.inject({
      method: 'POST',
      url: `/hooks/${webhookWorkflowId}`,
      headers: { 'content-type': 'application/json' },
      payload: deepObject(MAX_JSON_DEPTH),
    });
    expect(response.statusCode, response.body).toBe(202);
    const run = await waitForRun(harness.engine, response.json<{ runId: string }>().runId);
    expect(run.run.vars).toEqual({ echo: deepObject(MAX_JSON_DEPTH) });
  });

  it('saves and publishes a definition nested to the limit, and refuses one a level deeper with its pointer', async () => {
    const definition = (body: unknown) => ({
      name: 'Deep config',
      nodes: [
        { id: 'start', type: 'core.manual', config: {} },
        { id: 'call', type: 'core.http_request', config: { method: 'POST', url: 'https://example.com/', body } },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
    // The body sits 4 levels down (document, nodes, the node, config).
    const atLimit = JSON.parse(deepArray(MAX_JSON_DEPTH - 4));
    const created = await app.inject({ method: 'POST', url: '/api/workflows', headers: authorized, payload: definition(atLimit) });
    expect(created.statusCode, created.body).toBe(201);
    const published = await app.inject({ method: 'POST', url: `/api/workflows/${created.json<{ id: string }>().id}/publish`, headers: authorized });
    expect(published.statusCode, published.body).toBe(200);
    const past = await app.inject({
      method: 'POST',
      url: '/api/workflows/validate',
      headers: authorized,
      payload: definition(JSON.parse(deepArray(MAX_JSON_DEPTH - 3))),
    });
    expect(past.json()).toMatchObject({
      statusCode: 400,
      code: 'REQUEST_TOO_DEEP',
      issues: [{ path: `/nodes/1/config/body${'/0'.repeat(MAX_JSON_DEPTH - 4)}` }],
    });
  });

  it('fails a step whose parsed value nests past the limit with STEP_OUTPUT_INVALID and its pointer, not a stack overflow', async () => {
    // A string in the definition, so no request body is deep; the step parses it into 100,000 levels.
    const { workflow } = await harness.engine.createWorkflow({
      name: 'Deep variable',
      nodes: [
        { id: 'start', type: 'core.manual', config: {} },
        { id: 'parse', type: 'core.set_variable', config: { assignments: [{ name: 'deep', value: deepArray(100_000), type: 'json' }] } },
      ],
      edges: [{ from: 'start', to: 'parse' }],
    });
    await harness.engine.publishWorkflow(workflow.id);
    const started = await app.inject({ method: 'POST', url: `/api/workflows/${workflow.id}/runs`, headers: authorized, payload: {} });
    expect(started.statusCode, started.body).toBe(201);
    const { run, steps } = await waitForRun(harness.engine, started.json<{ runId: string }>().runId, ['failed']);
    expect(run.error).toMatchObject({ code: 'STEP_OUTPUT_INVALID' });
    const step = steps.find((candidate) => candidate.nodeId === 'parse');
    expect(step?.error).toMatchObject({
      code: 'STEP_OUTPUT_INVALID',
      message: expect.stringContaining(`/output/deep${'/0'.repeat(MAX_JSON_DEPTH - 1)} is nested more than ${MAX_JSON_DEPTH} levels deep`),
    });
  });

  it('refuses event data and signal data nested past the limit from inside the engine, as the parser does from outside', async () => {
    // What a custom node forwarding an upstream answer to ctx.emit, or a plugin, would send.
    const deep: unknown = JSON.parse(deepArray(100_000));
    await expect(harness.engine.emit({ type: 'deep.inside', subject: 'deep:1', data: { upstream: deep } })).rejects.toMatchObject({
      code: 'REQUEST_TOO_DEEP',
      details: { path: `/upstream${'/0'.repeat(MAX_JSON_DEPTH - 1)}` },
    });
    await expect(harness.engine.signal('deep:signal', null, { upstream: deep })).rejects.toMatchObject({ code: 'REQUEST_TOO_DEEP' });
  });
});
