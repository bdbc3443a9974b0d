import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInbox } from '../../engine/src/inbox/create-inbox.ts';
import { testChannel } from '../../engine/src/inbox/channels/test-channel.ts';
import { defineContextProvider } from '../../engine/src/sdk.ts';
import { authorized, expectError, headersFor, startTestApp, type TestApp } from '../../engine/src/api/test-app.ts';

interface Root {
  readonly name: string;
  readonly language: string;
  readonly title: string;
  readonly description: string;
  readonly schema: Record<string, unknown>;
  readonly example: unknown;
}

/** A provider described only in English, as a third-party plugin might be. */
const orders = defineContextProvider({
  name: 'orders',
  provides: ['order'],
  roots: [
    {
      name: 'order',
      title: 'Order',
      description: 'The order the run is about.',
      schema: { type: 'object', properties: { total: { type: 'number', description: 'In euros.' } }, examples: [{ total: 120 }] },
    },
  ],
  load: async () => ({}),
});

let t: TestApp;
beforeAll(async () => {
  const inbox = createInbox({ channels: [testChannel()], nodes: () => [] });
  t = await startTestApp({ secretsKey: { current: randomBytes(32) }, plugins: [inbox.plugin], contextProviders: [orders] });
  await t.engine.putSecret('CRM_TOKEN', 'tok_live_123456');
});
afterAll(() => t?.close());

async function scope(query: string, headers: Record<string, string> = authorized) {
  const response = await t.app.inject({ method: 'GET', url: `/api/template-scope${query}`, headers });
  expect(response.statusCode, response.body).toBe(200);
  const { roots } = response.json<{ roots: Root[] }>();
  return { response, roots, root: (name: string) => roots.find((candidate) => candidate.name === name) };
}

describe('GET /api/template-scope', () => {
  it("lists the engine's roots first, then each context provider's, each with a schema and a sample", async () => {
    const { roots, root } = await scope('?language=en');
    expect(roots.map((each) => each.name)).toEqual(['vars', 'run', 'now', 'secrets', 'order', 'contact', 'conversation', 'assignee', 'team']);
    expect(root('run')).toMatchObject({
      language: 'en',
      title: 'Run',
      schema: { type: 'object', properties: { depth: { type: 'integer' } } },
      example: { version: 3, depth: 0 },
    });
    expect(root('now')).toMatchObject({ schema: { type: 'string', format: 'date-time' }, example: '2025-06-02T09:30:00.000Z' });
    expect(root('contact')).toMatchObject({
      title: 'Contact',
      schema: { properties: { firstName: { description: 'The first word of their name, for greetings.' } } },
      example: { firstName: 'Ana', fields: { plan: 'pro' }, tags: ['cliente', 'vip'] },
    });
    expect(root('assignee')).toMatchObject({ schema: { type: ['object', 'null'] }, example: { name: 'Carlos Ruiz', status: 'online' } });
  });

  it('answers in Spanish where a root has it, and in its own language where it does not', async () => {
    const { root, response } = await scope('?language=es');
    expect(root('conversation')).toMatchObject({
      language: 'es',
      title: 'Conversación',
      schema: { properties: { botActive: { description: 'Si la automatización responde; false mientras la atiende una persona.' } } },
    });
    expect(root('vars')).toMatchObject({ language: 'es', title: 'Variables' });
    expect(root('order')).toMatchObject({ language: 'en', title: 'Order', schema: { properties: { total: { description: 'In euros.' } } } });
    expect(response.headers['vary']).toMatch(/accept-language/i);
    expect((await scope('', { ...authorized, 'accept-language': 'es-MX, en;q=0.5' })).root('contact')).toMatchObject({ title: 'Contacto' });
  });

  it('names the stored secrets and never shows a value: the sample is what a step records', async () => {
    const { response, root } = await scope('?language=en');
    expect(root('secrets')).toMatchObject({
      schema: { type: 'object', properties: { CRM_TOKEN: { type: 'string' } }, additionalProperties: false },
      example: { CRM_TOKEN: '[secret:CRM_TOKEN]' },
    });
    expect(response.body).not.toContain('tok_live_123456');
  });

  it('is open to whoever reads flows, and to no one else', async () => {
    expect((await scope('', await headersFor(t, 'viewer'))).roots.length).toBeGreaterThan(0);
    expect((await scope('', await headersFor(t, 'editor'))).roots.length).toBeGreaterThan(0);
    const agent = await t.app.inject({ method: 'GET', url: '/api/template-scope', headers: await headersFor(t, 'agent') });
    expectError(agent, 403, 'AUTH_FORBIDDEN');
  });

  it('refuses a language that is not a language tag', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/template-scope?language=es_ES!', headers: authorized });
    expect(expectError(response, 422, 'REQUEST_INVALID').issues?.map((issue) => issue.path)).toEqual(['/query/language']);
  });
});
