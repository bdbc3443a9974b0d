/**
 * The OpenAPI document (`/docs/json`) describes what the server sends: real
 * requests go through every route, engine and inbox, with success and error
 * statuses, and each real body is validated (ajv) against the schema the
 * document declares for that route and status. A mismatch names the route, the
 * status and the JSON Pointer of the offending value.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createInbox, testChannel } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFor } from '../../engine/src/api/test-app.ts';
import { startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { authorized, type InboxServer, startInboxServer } from '../inbox/support/inbox-server.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const templatesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');
const missingId = '00000000-0000-4000-8000-000000000000';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
}
interface Exercised {
  readonly route: string;
  readonly status: number;
}

/** Routes whose only failure is an outage, exercised in their own test files. */
const NO_ERROR_TO_PROVOKE: ReadonlySet<string> = new Set([
  'GET /api/health', // 503 when Postgres does not answer: health.test.ts
  'GET /api/setup', // public, and fails only when Postgres does not answer
]);

describe('the OpenAPI document', () => {
  let harness: TestEngine;
  let app: InboxServer;
  let document: OpenApiDocument;
  let ajv: Ajv;
  const exercised: Exercised[] = [];

  beforeAll(async () => {
    const channel = testChannel();
    const inbox = createInbox({ channels: [channel], nodes: createInboxPack });
    harness = await startTestEngine({ nodes: corePack, plugins: [inbox.plugin], templatesDir, secretsKey: { current: randomBytes(32) } });
    app = await startInboxServer({
      engine: harness.engine,
      inbox,
      channel,
      harness,
      tx: (body) => harness.engine.transaction(body),
      close: () => harness.close(),
    });
    document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApiDocument>();
    ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(document, 'openapi');
  });
  afterAll(async () => {
    await app?.close();
    await harness?.close();
  });

  /** The document's path template a concrete URL matches (`/api/runs/{id}`), the most literal one first. */
  function routeOf(method: Method, url: string): string {
    const pathname = url.split('?', 1)[0] ?? url;
    const candidates = Object.keys(document.paths)
      .filter((template) => document.paths[template]?.[method.toLowerCase()] !== undefined)
      .filter((template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname))
      .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    const [template] = candidates;
    if (template === undefined) throw new Error(`${method} ${pathname} is not in the OpenAPI document`);
    return template;
  }

  /** Sends a request and checks its body against the document; returns the parsed body. */
  async function call(
    method: Method,
    url: string,
    options: { payload?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: any }> {
    // An empty authorization sends none: a request with the session cookie alone.
    const { authorization, ...headers }: Record<string, string> = { ...authorized, ...options.headers };
    const response = await app.inject({
      method,
      url,
      headers: authorization === '' ? headers : { ...headers, authorization },
      ...(options.payload === undefined ? {} : { payload: options.payload as Record<string, unknown> }),
    });
    const template = routeOf(method, url);
    const route = `${method} ${template}`;
    const responses = document.paths[template]?.[method.toLowerCase()]?.responses ?? {};
    const status = response.statusCode;
    const declared = [String(status), `${String(status)[0]}XX`, 'default'].find((key) => responses[key] !== undefined);
    expect(declared, `${route} answered ${status}, which the document does not declare (${Object.keys(responses).join(', ')}): ${response.body}`).toBeDefined();
    exercised.push({ route, status });
    const content = responses[declared as string]?.content;
    if (status === 204 || content === undefined) {
      expect(response.body, `${route} ${status} declares no body`).toBe('');
      return { status, body: undefined };
    }
    const body: unknown = response.json();
    const pointer = `openapi#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${declared}/content/application~1json/schema`;
    const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
    if (!validate(body))
      throw new Error(`${route} ${status}: the body does not match the document:\n${describeErrors(validate.errors ?? [])}\n${response.body.slice(0, 2000)}`);
    return { status, body };
  }

  it('describes every response of every route', async () => {
    // People first: the setup link works only while nobody has an account.
    const people = harness.engine.people;
    expect((await call('GET', '/api/setup')).body).toEqual({ needed: true });
    const setupLink = await people.createSetupLink();
    const setupBody = { name: 'Ana', email: 'ana.admin@example.com', password: 'a long enough password' };
    expect((await call('POST', '/api/setup', { payload: { ...setupBody, token: 'not-the-token' } })).status).toBe(403);
    expect((await call('POST', '/api/setup', { payload: { ...setupBody, token: setupLink?.token } })).status).toBe(201);
    // Engine: workflows.
    const manual = {
      name: 'Manual',
      nodes: [
        { id: 'start', type: 'core.manual', config: {} },
        { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 60, unit: 'minutes' } },
      ],
      edges: [{ from: 'start', to: 'pause' }],
    };
    const created = await call('POST', '/api/workflows', { payload: manual });
    expect(created.status).toBe(201);
    const workflowId: string = created.body.id;
    await call('POST', '/api/workflows', { payload: { nodes: [] } });
    await call('GET', '/api/workflows');
    expect((await call('POST', '/api/workflows/validate', { payload: manual })).body).toEqual({ ok: true, issues: [] });
    expect((await call('POST', '/api/workflows/validate', { payload: '{"name":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    await call('GET', '/api/workflows?archived=maybe');
    await call('GET', `/api/workflows/${workflowId}`);
    await call('GET', `/api/workflows/${missingId}`);
    await call('PUT', `/api/workflows/${workflowId}`, { payload: { ...manual, description: 'Started by hand' } });
    await call('PUT', `/api/workflows/${workflowId}`, { payload: { name: 5 } });
    await call('POST', `/api/workflows/${workflowId}/runs`, { payload: {} });
    expect((await call('POST', `/api/workflows/${workflowId}/publish`)).status).toBe(200);
    await call('POST', `/api/workflows/${missingId}/publish`);
    await call('GET', `/api/workflows/${workflowId}/versions`);
    await call('GET', `/api/workflows/${missingId}/versions`);
    expect((await call('GET', `/api/workflows/${workflowId}/live-counts?window=7d`)).status).toBe(200);
    expect((await call('GET', `/api/workflows/${missingId}/live-counts`)).status).toBe(404);
    expect((await call('GET', `/api/workflows/${workflowId}/live-counts?window=2h`)).status).toBe(422);
    expect((await call('POST', `/api/workflows/${workflowId}/publish`, { payload: { note: 'Second, with a note' } })).body.version).toMatchObject({
      version: 2,
    });
    await call('POST', `/api/workflows/${workflowId}/publish`, { payload: { note: 'x'.repeat(501) } });
    const renamed = await call('PATCH', `/api/workflows/${workflowId}`, { payload: { name: 'Manual, renamed' } });
    expect(renamed.status).toBe(200);
    const stale = await call('PATCH', `/api/workflows/${workflowId}`, { payload: { name: 'Stale' }, headers: { 'if-match': '"1"' } });
    expect(stale.body).toMatchObject({ code: 'WORKFLOW_REVISION_CONFLICT', currentRevision: renamed.body.revision });
    await call('PATCH', `/api/workflows/${workflowId}`, { payload: { name: '' } });
    await call('PATCH', `/api/workflows/${missingId}`, { payload: { name: 'Nobody' } });
    expect((await call('POST', `/api/workflows/${workflowId}/versions/1/restore`)).status).toBe(200);
    await call('POST', `/api/workflows/${workflowId}/versions/9/restore`);
    await call('POST', `/api/workflows/${workflowId}/versions/1/restore`, { headers: { 'if-match': '"1"' } });
    await call('POST', `/api/workflows/${workflowId}/versions/0/restore`);
    const copy = await call('POST', `/api/workflows/${workflowId}/duplicate`);
    expect(copy.status).toBe(201);
    await call('POST', `/api/workflows/${workflowId}/duplicate`, { payload: { name: 'x'.repeat(201) } });
    await call('POST', `/api/workflows/${missingId}/duplicate`);
    await call('DELETE', `/api/workflows/${copy.body.id}`);
    await call('GET', '/api/workflows?query=manual&status=active&hasUnpublishedChanges=true');
    await call('GET', '/api/workflows?status=published');
    const started = await call('POST', `/api/workflows/${workflowId}/runs`, { payload: { subject: 'order:1' } });
    expect(started.status).toBe(201);
    await call('POST', `/api/workflows/${missingId}/runs`, { payload: {} });
    await waitForRun(harness.engine, started.body.runId, ['waiting']);

    // Engine: runs.
    await call('GET', `/api/runs?workflowId=${workflowId}`);
    await call('GET', '/api/runs?limit=0');
    await call('GET', `/api/runs/${started.body.runId}`);
    await call('GET', `/api/runs/${missingId}`);
    expect((await call('POST', `/api/runs/${started.body.runId}/cancel`)).status).toBe(200);
    await call('POST', `/api/runs/${started.body.runId}/cancel`);

    // Engine: stop, archive, restore, delete.
    await call('POST', `/api/workflows/${workflowId}/stop`);
    await call('POST', `/api/workflows/${missingId}/stop`);
    await call('POST', `/api/workflows/${workflowId}/archive`);
    await call('POST', `/api/workflows/${missingId}/archive`);
    await call('POST', `/api/workflows/${workflowId}/restore`);
    await call('POST', `/api/workflows/${missingId}/restore`);
    expect((await call('DELETE', `/api/workflows/${workflowId}`)).status).toBe(409);
    const unused = await call('POST', '/api/workflows', { payload: manual });
    expect((await call('DELETE', `/api/workflows/${unused.body.id}`)).status).toBe(204);

    // Engine: events, webhooks, node types, templates, health.
    const onEvent = await call('POST', '/api/workflows', {
      payload: {
        name: 'On order',
        nodes: [
          { id: 'start', type: 'core.event', config: { event: 'order.created' } },
          { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 60, unit: 'minutes' } },
        ],
        edges: [{ from: 'start', to: 'pause' }],
      },
    });
    await call('POST', `/api/workflows/${onEvent.body.id}/publish`);
    expect((await call('POST', '/api/events', { payload: { type: 'order.created', subject: 'order:2', idempotencyKey: 'order-2' } })).status).toBe(202);
    expect((await call('POST', '/api/events', { payload: { type: 'order.created', subject: 'order:2', idempotencyKey: 'order-2' } })).status).toBe(200);
    await call('POST', '/api/events', { payload: { subject: 'order:2' } });
    const hook = await call('POST', '/api/workflows', {
      payload: {
        name: 'Hook',
        nodes: [
          { id: 'start', type: 'core.webhook', config: {} },
          { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 60, unit: 'minutes' } },
        ],
        edges: [{ from: 'start', to: 'pause' }],
      },
    });
    await call('POST', `/api/workflows/${hook.body.id}/publish`);
    expect((await call('POST', `/hooks/${hook.body.id}`, { payload: { order: 3 } })).status).toBe(202);
    await call('POST', `/hooks/${missingId}`, { payload: {} });
    await call('GET', '/api/node-types');
    await call('GET', '/api/node-types?language=es');
    await call('GET', '/api/node-types?language=not_a_tag');
    await call('GET', '/api/node-types', { headers: { authorization: 'Bearer wrong' } });
    await call('GET', '/api/template-scope');
    await call('GET', '/api/template-scope?language=es');
    await call('GET', '/api/template-scope?language=not_a_tag');
    const templates = await call('GET', '/api/templates');
    expect(templates.body.length).toBeGreaterThan(0);
    await call('GET', '/api/templates', { headers: { authorization: 'Bearer wrong' } });
    await call('GET', '/api/templates/close-and-restart-bot');
    await call('GET', '/api/templates/nope');
    expect((await call('POST', '/api/templates/close-and-restart-bot/import', { payload: { language: 'es' } })).status).toBe(201);
    await call('POST', '/api/templates/nope/import', { payload: {} });
    await call('GET', '/api/health');

    // Engine: secrets.
    expect((await call('PUT', '/api/secrets/API_TOKEN', { payload: { value: 'tok_live_1' } })).status).toBe(201);
    expect((await call('PUT', '/api/secrets/API_TOKEN', { payload: { value: 'tok_live_2' } })).status).toBe(200);
    await call('PUT', '/api/secrets/api-token', { payload: { value: 'tok_live_1' } });
    await call('GET', '/api/secrets');
    await call('GET', '/api/secrets', { headers: { authorization: 'Bearer wrong' } });
    expect((await call('DELETE', '/api/secrets/API_TOKEN')).status).toBe(204);
    expect((await call('DELETE', '/api/secrets/API_TOKEN')).status).toBe(404);

    // Inbox: teams, agents, fields, snippets.
    const team = await call('POST', '/api/inbox/teams', { payload: { name: 'Sales' } });
    await call('POST', '/api/inbox/teams', { payload: { name: 'Sales' } });
    await call('GET', '/api/inbox/teams');
    await call('GET', '/api/inbox/teams', { headers: { authorization: 'Bearer wrong' } });
    await call('GET', `/api/inbox/teams/${team.body.id}`);
    await call('GET', `/api/inbox/teams/${missingId}`);
    await call('PATCH', `/api/inbox/teams/${team.body.id}`, { payload: { name: 'Sales MX' } });
    await call('PATCH', `/api/inbox/teams/${team.body.id}`, { payload: {} });
    const agent = await call('POST', '/api/inbox/agents', {
      payload: { name: 'Ana', email: 'ana@example.com', status: 'online', capacity: 5, teamIds: [team.body.id] },
    });
    await call('POST', '/api/inbox/agents', { payload: { name: 'Ana', email: 'ana@example.com' } });
    await call('GET', '/api/inbox/agents');
    await call('GET', '/api/inbox/agents?status=busy');
    await call('GET', `/api/inbox/agents/${agent.body.id}`);
    await call('GET', `/api/inbox/agents/${missingId}`);
    await call('PATCH', `/api/inbox/agents/${agent.body.id}`, { payload: { capacity: 6 } });
    await call('PATCH', `/api/inbox/agents/${missingId}`, { payload: { capacity: 6 } });
    // The caller's own profile: a person with the agent role gets one on first use; a machine token is no one.
    const asAgent = await headersFor(harness, 'agent');
    await call('GET', '/api/inbox/me', { headers: asAgent });
    await call('GET', '/api/inbox/me');
    await call('PATCH', '/api/inbox/me', { headers: asAgent, payload: { status: 'away' } });
    await call('PATCH', '/api/inbox/me', { headers: asAgent, payload: { status: 'busy' } });
    await call('GET', '/api/inbox/conversations?assigneeId=me', { headers: asAgent });
    await call('GET', '/api/inbox/conversations?assigneeId=me');
    await call('POST', '/api/inbox/contact-fields', { payload: { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'] } });
    await call('POST', '/api/inbox/contact-fields', { payload: { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'] } });
    await call('GET', '/api/inbox/contact-fields');
    await call('GET', '/api/inbox/contact-fields', { headers: { authorization: 'Bearer wrong' } });
    const snippet = await call('POST', '/api/inbox/snippets', { payload: { shortcut: 'hours', title: 'Hours', text: 'We open at 9.' } });
    await call('POST', '/api/inbox/snippets', { payload: { shortcut: 'hours', title: 'Hours', text: 'Again.' } });
    await call('GET', '/api/inbox/snippets');
    await call('GET', '/api/inbox/snippets', { headers: { authorization: 'Bearer wrong' } });
    await call('GET', `/api/inbox/snippets/${snippet.body.id}`);
    await call('GET', `/api/inbox/snippets/${missingId}`);
    await call('PATCH', `/api/inbox/snippets/${snippet.body.id}`, { payload: { title: 'Opening hours' } });
    await call('PATCH', `/api/inbox/snippets/${missingId}`, { payload: { title: 'Opening hours' } });
    expect((await call('DELETE', `/api/inbox/snippets/${snippet.body.id}`)).status).toBe(204);
    await call('DELETE', `/api/inbox/snippets/${snippet.body.id}`);

    // Inbox: messages, conversations, contacts.
    const inbound = { channel: 'test', contact: { externalId: '+5215550001', name: 'Lucía' }, text: 'hola', idempotencyKey: 'wamid-1' };
    const received = await call('POST', '/api/inbox/messages', { payload: inbound });
    expect(received.status).toBe(201);
    expect((await call('POST', '/api/inbox/messages', { payload: inbound })).status).toBe(200);
    await call('POST', '/api/inbox/messages', { payload: { ...inbound, channel: 'fax' } });
    const conversationId: string = received.body.conversation.id;
    const contactId: string = received.body.contactId;
    await call('GET', '/api/inbox/conversations?status=open');
    await call('GET', '/api/inbox/conversations?before=nonsense');
    await call('GET', `/api/inbox/conversations/${conversationId}`);
    await call('GET', `/api/inbox/conversations/${missingId}`);
    await call('PATCH', `/api/inbox/conversations/${conversationId}`, { payload: { priority: 'high', teamId: team.body.id } });
    await call('PATCH', `/api/inbox/conversations/${conversationId}`, { payload: { teamId: 'Sales' } });
    const actions = `/api/inbox/conversations/${conversationId}`;
    const elsewhere = `/api/inbox/conversations/${missingId}`;
    await call('POST', `${actions}/assign`, { payload: { agentId: agent.body.id } });
    await call('POST', `${elsewhere}/assign`, { payload: { agentId: agent.body.id } });
    await call('POST', `${actions}/messages`, { payload: { agentId: agent.body.id, text: 'Hola Lucía' } });
    await call('POST', `${actions}/messages`, { payload: { text: 'no agent' } });
    await call('POST', `${actions}/notes`, { payload: { agentId: agent.body.id, text: 'VIP' } });
    await call('POST', `${elsewhere}/notes`, { payload: { agentId: agent.body.id, text: 'VIP' } });
    await call('POST', `${actions}/tags`, { payload: { add: ['vip'] } });
    await call('POST', `${elsewhere}/tags`, { payload: { add: ['vip'] } });
    await call('POST', `${actions}/bot`, { payload: { active: false } });
    await call('POST', `${actions}/bot`, { payload: {} });
    await call('POST', `${actions}/unassign`);
    await call('POST', `${elsewhere}/unassign`);
    await call('POST', `${actions}/take-over`, { payload: { agentId: agent.body.id } });
    await call('POST', `${actions}/take-over`, { payload: {} });
    const shortcut = await call('POST', '/api/workflows', {
      payload: {
        name: 'Shortcut',
        nodes: [
          { id: 'start', type: 'inbox.shortcut', config: {} },
          { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 60, unit: 'minutes' } },
        ],
        edges: [{ from: 'start', to: 'pause' }],
      },
    });
    await call('POST', `/api/workflows/${shortcut.body.id}/publish`);
    expect((await call('POST', `${actions}/shortcuts`, { payload: { workflowId: shortcut.body.id, agentId: agent.body.id } })).status).toBe(201);
    await call('POST', `${actions}/shortcuts`, { payload: { workflowId: missingId } });
    await call('POST', `${actions}/close`);
    await call('POST', `${elsewhere}/close`);
    await call('POST', `${actions}/reopen`);
    await call('POST', `${elsewhere}/reopen`);
    await call('POST', `${actions}/spam`, { payload: {} });
    await call('POST', `${elsewhere}/spam`, { payload: {} });
    await call('GET', '/api/inbox/tags?query=lea');
    await call('GET', '/api/inbox/tags?limit=0');
    await call('GET', '/api/inbox/contacts?query=Luc');
    await call('GET', '/api/inbox/contacts?limit=0');
    await call('GET', `/api/inbox/contacts/${contactId}`);
    await call('GET', `/api/inbox/contacts/${missingId}`);
    await call('PATCH', `/api/inbox/contacts/${contactId}`, { payload: { email: 'lucia@example.com', fields: { plan: 'pro' } } });
    await call('PATCH', `/api/inbox/contacts/${contactId}`, { payload: { fields: { plan: 'gold' } } });
    await call('POST', `/api/inbox/contacts/${contactId}/tags`, { payload: { add: ['lead'] } });
    await call('POST', `/api/inbox/contacts/${missingId}/tags`, { payload: { add: ['lead'] } });
    await call('POST', `/api/inbox/contacts/${contactId}/comments`, { payload: { agentId: agent.body.id, text: 'Call back @ana@example.com' } });
    await call('POST', `/api/inbox/contacts/${missingId}/comments`, { payload: { agentId: agent.body.id, text: 'Nobody' } });
    await call('GET', `/api/inbox/contacts/${contactId}/comments`);
    await call('GET', `/api/inbox/contacts/${missingId}/comments`);

    // People, sign-in and tokens.
    expect((await call('POST', '/api/session', { payload: { email: 'ana.admin@example.com', password: 'a long enough password' } })).status).toBe(200);
    expect((await call('POST', '/api/session', { payload: { email: 'ana.admin@example.com', password: 'not her password' } })).status).toBe(401);
    const agentPerson = await people.createUser({
      name: 'Luis',
      email: 'luis.agent@example.com',
      role: 'agent',
      language: 'es',
      password: 'a long enough password',
    });
    const asAgentPerson = { authorization: `Bearer ${(await people.createApiToken({ name: 'Luis', userId: agentPerson.id })).token}` };
    const noToken = { authorization: 'Bearer not-a-token' };
    expect((await call('GET', '/api/me')).body.user).toBeNull();
    expect((await call('GET', '/api/me', { headers: noToken })).status).toBe(401);
    expect((await call('PATCH', '/api/me', { payload: { timeZone: 'America/Mexico_City' }, headers: asAgentPerson })).status).toBe(200);
    expect((await call('PATCH', '/api/me', { payload: { language: 'es' } })).status).toBe(409);
    // A password is changed in a session, not with a token.
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'luis.agent@example.com', password: 'a long enough password' },
    });
    const agentSession = { authorization: '', cookie: `sb_session=${signedIn.cookies[0]?.value}`, origin: 'http://localhost:80' };
    const passwords = { currentPassword: 'a long enough password', newPassword: 'an even longer password' };
    expect((await call('POST', '/api/me/password', { payload: passwords, headers: asAgentPerson })).status).toBe(403);
    expect((await call('POST', '/api/me/password', { payload: { ...passwords, currentPassword: 'not his password' }, headers: agentSession })).status).toBe(
      422,
    );
    expect((await call('POST', '/api/me/password', { payload: passwords, headers: agentSession })).status).toBe(204);
    expect((await call('DELETE', '/api/session', { headers: asAgentPerson })).status).toBe(204);
    expect((await call('DELETE', '/api/session', { headers: noToken })).status).toBe(401);
    expect((await call('GET', '/api/users')).status).toBe(200);
    expect((await call('GET', '/api/users', { headers: asAgentPerson })).status).toBe(403);
    const invited = await call('POST', '/api/users', { payload: { name: 'Marta', email: 'marta@example.com', role: 'viewer' } });
    expect(invited.status).toBe(201);
    expect((await call('POST', '/api/users', { payload: { name: 'Marta', email: 'MARTA@example.com', role: 'viewer' } })).status).toBe(409);
    expect((await call('PATCH', `/api/users/${invited.body.user.id}`, { payload: { role: 'editor' } })).status).toBe(200);
    expect((await call('PATCH', `/api/users/${missingId}`, { payload: { role: 'editor' } })).status).toBe(404);
    const reissued = await call('POST', `/api/users/${invited.body.user.id}/invite`);
    expect(reissued.status).toBe(201);
    expect((await call('POST', `/api/users/${missingId}/invite`)).status).toBe(404);
    const inviteToken = new URL(reissued.body.url).hash.slice('#token='.length);
    expect((await call('POST', '/api/invite/accept', { payload: { token: inviteToken, password: 'a long enough password' } })).status).toBe(200);
    expect((await call('POST', '/api/invite/accept', { payload: { token: inviteToken, password: 'a long enough password' } })).status).toBe(403);
    expect((await call('GET', '/api/tokens')).status).toBe(200);
    expect((await call('GET', '/api/tokens', { headers: asAgentPerson })).status).toBe(403);
    expect((await call('POST', '/api/tokens', { payload: { name: 'No owner' } })).status).toBe(409);
    const madeToken = await call('POST', '/api/tokens', { payload: { name: 'CRM sync', userId: invited.body.user.id } });
    expect(madeToken.status).toBe(201);
    const viewerPerson = await people.createUser({
      name: 'Vera',
      email: 'vera.viewer@example.com',
      role: 'viewer',
      language: null,
      password: 'a long enough password',
    });
    const asViewerPerson = { authorization: `Bearer ${(await people.createApiToken({ name: 'Vera', userId: viewerPerson.id })).token}` };
    expect((await call('POST', `/api/workflows/${workflowId}/presence`, { headers: asViewerPerson })).body).toEqual({ viewers: [] });
    await call('POST', `/api/workflows/${workflowId}/presence`);
    await call('POST', `/api/workflows/${missingId}/presence`, { headers: asViewerPerson });
    expect((await call('DELETE', `/api/workflows/${workflowId}/presence`, { headers: asViewerPerson })).status).toBe(204);
    await call('DELETE', `/api/workflows/${workflowId}/presence`);
    expect((await call('DELETE', `/api/tokens/${madeToken.body.apiToken.id}`)).status).toBe(204);
    expect((await call('DELETE', `/api/tokens/${madeToken.body.apiToken.id}`)).status).toBe(404);

    // Every documented route was answered at least once with success and once with an error.
    const documented = Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${template}`),
    );
    const missing = documented.flatMap((route) => {
      const statuses = exercised.filter((entry) => entry.route === route).map((entry) => entry.status);
      const gaps: string[] = [];
      if (!statuses.some((status) => status < 400)) gaps.push(`${route}: no success`);
      if (!NO_ERROR_TO_PROVOKE.has(route) && !statuses.some((status) => status >= 400)) gaps.push(`${route}: no error`);
      return gaps;
    });
    expect(missing).toEqual([]);
  });

  it('names the route, the status and the pointer of a mismatch', async () => {
    // A body that breaks the Run schema where the enum is: the checker must point there.
    const pointer = `openapi#/paths/${escapePointer('/api/runs/{id}')}/get/responses/200/content/application~1json/schema`;
    const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
    const { body } = await call('GET', `/api/runs/${(await harness.engine.listRuns({ limit: 1 }))[0]?.id}`);
    expect(validate({ ...body, run: { ...body.run, status: 'paused' } })).toBe(false);
    expect(describeErrors(validate.errors ?? [])).toContain('/run/status');
  });
});

/** A path template as a JSON Pointer segment inside a URI fragment (RFC 6901 §6): `~1` for `/`, braces percent-encoded. */
function escapePointer(template: string): string {
  return template.replace(/~/g, '~0').replace(/\//g, '~1').replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

function describeErrors(errors: readonly ErrorObject[]): string {
  return errors.map((error) => `  at ${error.instancePath || '(body)'}: ${error.message ?? 'is invalid'} (${error.schemaPath})`).join('\n');
}
