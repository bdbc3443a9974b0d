/**
 * Importing the bundled templates through the API: every one imports and
 * publishes in both languages on the app's catalog; bad parameters, unknown
 * ids and missing node types are refused with nothing created.
 */
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createEngine, type Engine } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import { createServer } from '../../engine/src/api/create-server.ts';
import { seedAdminToken } from '../../engine/src/api/auth.ts';
import { errorCatalogue } from '../../engine/src/errors.ts';
import { createTestSchema, type TestSchema } from '../support/test-database.ts';
import { authorized, type InboxServer, startInboxServer } from '../inbox/support/inbox-server.ts';
import { addAgent } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox, templatesDir } from './support/template-inbox.ts';

interface ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly { readonly path: string; readonly code: string; readonly message: string }[];
}

interface Summary {
  readonly id: string;
  readonly title: { readonly en: string; readonly es: string };
  readonly category: string;
  readonly parameters: readonly {
    readonly name: string;
    readonly type: string;
    readonly required?: boolean;
    readonly title: { readonly en: string; readonly es: string };
  }[];
  readonly trigger: string | null;
  readonly steps: readonly string[];
  readonly missingNodeTypes: readonly string[];
}

/** What each template starts on and does, in order: the README's table. */
const expected: Readonly<Record<string, { readonly trigger: string; readonly steps: readonly string[]; readonly required: readonly string[] }>> = {
  'agent-routing': {
    trigger: 'inbox.conversation_opened',
    steps: ['inbox.ask_question', 'inbox.assign_to', 'inbox.assign_to', 'inbox.assign_to', 'inbox.assign_to'],
    required: [],
  },
  'agents-at-capacity': { trigger: 'inbox.conversation_opened', steps: ['inbox.assign_to', 'inbox.send_message', 'inbox.assign_to'], required: [] },
  'assign-agent-fallback-team': { trigger: 'inbox.conversation_opened', steps: ['inbox.assign_to', 'inbox.assign_to'], required: ['agent'] },
  'assigned-agent-message': { trigger: 'inbox.conversation_assigned', steps: ['inbox.send_message'], required: [] },
  'close-and-restart-bot': { trigger: 'inbox.shortcut', steps: ['inbox.close_conversation', 'inbox.bot'], required: [] },
  'csat-after-close': { trigger: 'inbox.conversation_closed', steps: ['inbox.ask_question', 'inbox.send_message'], required: [] },
  'out-of-hours': { trigger: 'inbox.message_received', steps: ['core.business_hours', 'core.branch', 'inbox.send_message', 'inbox.update_tags'], required: [] },
  'sales-round-robin': { trigger: 'inbox.conversation_opened', steps: ['inbox.assign_to'], required: [] },
  'support-least-open': { trigger: 'inbox.conversation_opened', steps: ['inbox.assign_to'], required: [] },
  'vip-senior-support': {
    trigger: 'inbox.conversation_opened',
    steps: ['core.branch', 'inbox.set_priority', 'inbox.assign_to', 'inbox.assign_to'],
    required: [],
  },
};

describe('importing templates', () => {
  let box: TemplateInbox;
  let app: InboxServer;

  beforeAll(async () => {
    box = await startTemplateInbox();
    app = await startInboxServer(box);
  });
  afterAll(async () => {
    await app?.close();
    await box?.close();
  });

  function post(url: string, payload: Record<string, unknown>) {
    return app.inject({ method: 'POST', url, headers: authorized, payload });
  }

  /** A 422 refusal in the API's error shape, and no workflow more than before. */
  async function expectRefused(url: string, payload: Record<string, unknown>): Promise<ErrorBody> {
    const before = (await box.engine.listWorkflows()).length;
    const response = await post(url, payload);
    const body = response.json<ErrorBody>();
    expect({ status: response.statusCode, statusCode: body.statusCode }).toEqual({ status: 422, statusCode: 422 });
    expect(Object.keys(errorCatalogue)).toContain(body.code);
    expect((await box.engine.listWorkflows()).length).toBe(before);
    return body;
  }

  it('imports and publishes every bundled template in English and in Spanish with its defaults', async () => {
    const files = (await readdir(templatesDir)).filter((file) => file.endsWith('.json')).map((file) => file.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    const agent = await addAgent(box, 'Ana López');
    const listed = (await app.inject({ method: 'GET', url: '/api/templates', headers: authorized })).json<Summary[]>();
    for (const id of files) {
      for (const language of ['en', 'es'] as const) {
        const parameters = Object.fromEntries((expected[id]?.required ?? []).map((name) => [name, agent.id]));
        const imported = await post(`/api/templates/${id}/import`, { language, parameters });
        expect(imported.statusCode, imported.body).toBe(201);
        const draft = imported.json<{ id: string; name: string; status: string; issues: unknown[] }>();
        expect({ id, language, name: draft.name, status: draft.status, issues: draft.issues }).toEqual({
          id,
          language,
          name: listed.find((summary) => summary.id === id)?.title[language],
          status: 'draft',
          issues: [],
        });
        const published = await app.inject({ method: 'POST', url: `/api/workflows/${draft.id}/publish`, headers: authorized });
        expect(published.statusCode, `${id} (${language}): ${published.body}`).toBe(200);
        await box.engine.stopWorkflow(draft.id);
      }
    }
  });

  it('lists the ten with titles in both languages, what they need configured, their trigger and steps', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/templates', headers: authorized });
    expect(response.statusCode).toBe(200);
    const listed = response.json<Summary[]>();
    expect(listed.map((summary) => summary.id).sort()).toEqual(Object.keys(expected).sort());
    for (const summary of listed) {
      const want = expected[summary.id];
      expect({ id: summary.id, trigger: summary.trigger, steps: summary.steps, missing: summary.missingNodeTypes }).toEqual({
        id: summary.id,
        trigger: want?.trigger,
        steps: want?.steps,
        missing: [],
      });
      expect(summary.title.en).not.toBe(summary.title.es);
      expect(summary.parameters.filter((parameter) => parameter.required === true).map((parameter) => parameter.name)).toEqual(want?.required);
      for (const parameter of summary.parameters)
        expect(parameter.title, `${summary.id}/${parameter.name}`).toEqual({ en: expect.stringMatching(/\S/), es: expect.stringMatching(/\S/) });
    }
    expect(listed.find((summary) => summary.id === 'sales-round-robin')?.parameters.map((parameter) => [parameter.name, parameter.type])).toEqual([
      ['team', 'team'],
      ['queueSeconds', 'number'],
    ]);

    const one = await app.inject({ method: 'GET', url: '/api/templates/out-of-hours', headers: authorized });
    expect(one.json()).toMatchObject({
      id: 'out-of-hours',
      title: { en: 'Out-of-hours message', es: 'Mensaje fuera de horario' },
      definition: { nodes: expect.any(Array), edges: expect.any(Array) },
      missingNodeTypes: [],
    });
  });

  it('refuses an import without a required parameter with a 422 naming it, and creates nothing', async () => {
    const body = await expectRefused('/api/templates/assign-agent-fallback-team/import', { language: 'es', parameters: {} });
    expect(body.issues).toEqual([expect.objectContaining({ path: '/parameters/agent', code: 'TEMPLATE_PARAMETER_MISSING' })]);
    expect(body.message).toContain('"agent"');
  });

  it('refuses an unknown and a wrongly typed parameter with a pointer to each, and creates nothing', async () => {
    const body = await expectRefused('/api/templates/sales-round-robin/import', {
      language: 'en',
      parameters: { team: 'sales', queueSeconds: 'sixty', colour: 'red' },
    });
    expect(body.code).toBe('TEMPLATE_PARAMETER_INVALID');
    expect(body.issues?.every((issue) => issue.code === 'TEMPLATE_PARAMETER_INVALID')).toBe(true);
    expect([...new Set(body.issues?.map((issue) => issue.path))].sort()).toEqual(['/parameters/colour', '/parameters/queueSeconds', '/parameters/team']);
    const schedule = await expectRefused('/api/templates/out-of-hours/import', { parameters: { schedule: [{ day: 'lunes', open: '9am', close: '18:00' }] } });
    expect(schedule.issues?.map((issue) => issue.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^\/parameters\/schedule\/0/)]));
  });

  it('answers 404 TEMPLATE_NOT_FOUND for an unknown template id', async () => {
    const before = (await box.engine.listWorkflows()).length;
    for (const request of [
      { method: 'GET' as const, url: '/api/templates/night-shift' },
      { method: 'POST' as const, url: '/api/templates/night-shift/import', payload: {} },
    ]) {
      const response = await app.inject({ ...request, headers: authorized });
      expect({ status: response.statusCode, code: response.json<ErrorBody>().code }).toEqual({ status: 404, code: 'TEMPLATE_NOT_FOUND' });
    }
    expect((await box.engine.listWorkflows()).length).toBe(before);
  });
});

describe('importing templates into an engine without the inbox pack', () => {
  let schema: TestSchema;
  let engine: Engine;
  let app: Awaited<ReturnType<typeof createServer>>;
  const token = { authorization: 'Bearer core-only-token' };

  beforeAll(async () => {
    schema = await createTestSchema();
    engine = createEngine({
      databaseUrl: schema.databaseUrl,
      schema: schema.schema,
      nodes: [...corePack],
      runWorkers: false,
      templatesDir,
      logger: createLogger('error'),
    });
    await engine.start();
    await seedAdminToken(engine, { adminToken: 'core-only-token', tokenFile: '/nonexistent/unused', log: () => undefined });
    app = await createServer(engine, { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await engine?.stop({ timeoutMs: 1000 });
    await schema?.drop();
  });

  it('refuses with TEMPLATE_NODE_MISSING naming the node types that are not installed, and creates nothing', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/templates/out-of-hours/import', headers: token, payload: { language: 'es' } });
    const body = response.json<ErrorBody>();
    expect({ status: response.statusCode, code: body.code }).toEqual({ status: 422, code: 'TEMPLATE_NODE_MISSING' });
    for (const type of ['inbox.message_received', 'inbox.send_message', 'inbox.update_tags']) expect(body.message).toContain(type);
    expect(body.message).not.toContain('core.business_hours');
    expect(await engine.listWorkflows()).toEqual([]);
    await expect(engine.importTemplate('close-and-restart-bot', { language: 'en', parameters: {} })).rejects.toMatchObject({
      code: 'TEMPLATE_NODE_MISSING',
      details: { missing: ['inbox.shortcut', 'inbox.close_conversation', 'inbox.bot'] },
    });
    expect(await engine.listWorkflows()).toEqual([]);

    const listed = (await app.inject({ method: 'GET', url: '/api/templates', headers: token })).json<Summary[]>();
    expect(listed.find((summary) => summary.id === 'out-of-hours')?.missingNodeTypes).toEqual([
      'inbox.message_received',
      'inbox.send_message',
      'inbox.update_tags',
    ]);
  });
});
