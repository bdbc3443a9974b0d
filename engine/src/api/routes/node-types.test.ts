import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branch } from '../../../../nodes/core/branch.ts';
import { wait } from '../../../../nodes/core/wait.ts';
import { portRuleSchema, type PortRule } from '../../graph/port-rule.ts';
import { portsForConfig } from '../../graph/ports-for-config.ts';
import { defineNode, Type } from '../../sdk.ts';
import { authorized, expectError, startTestApp, type TestApp } from '../test-app.ts';
import { testNodes } from '../test-nodes.ts';

/** A custom node in English with a Spanish translation of everything a person reads. */
const greet = defineNode({
  type: 'acme.greet',
  title: 'Greet',
  category: 'Messages',
  description: 'Greets the contact.',
  kind: 'step',
  configSchema: Type.Object({
    tone: Type.Unsafe<'warm' | 'formal'>({
      type: 'string',
      enum: ['warm', 'formal'],
      'x-enumNames': ['Warm', 'Formal'],
      title: 'Tone',
      description: 'How it sounds.',
    }),
    name: Type.String({ title: 'Name', description: 'Who to greet.', 'x-template': true }),
    agentId: Type.Optional(Type.String({ title: 'Agent', description: 'Who signs.', 'x-picker': 'agent', 'x-when': { tone: 'formal' } })),
  }),
  summaryFields: ['tone', 'name'],
  outputSchema: {
    type: 'object',
    properties: { greeting: { type: 'string', description: 'What it said.' } },
    examples: [{ greeting: 'Hello Ana' }],
  },
  ports: ['sent', 'failed'],
  portLabels: { sent: 'Sent', failed: 'Failed' },
  translations: {
    es: {
      title: 'Saludar',
      category: 'Mensajes',
      description: 'Saluda al contacto.',
      config: {
        '/properties/tone': { title: 'Tono', description: 'Cómo suena.', enumNames: { warm: 'Cercano' } },
        '/properties/name': { title: 'Nombre' },
      },
      output: { '/properties/greeting': { description: 'Lo que dijo.' } },
      ports: { sent: 'Enviado' },
    },
  },
  run: (ctx) => ctx.next('sent'),
});

/** A custom node written only in Spanish. */
const despedir = defineNode({
  type: 'acme.despedir',
  language: 'es',
  title: 'Despedir',
  category: 'Mensajes',
  description: 'Se despide del contacto.',
  kind: 'step',
  configSchema: Type.Object({}),
  ports: ['next'],
  run: (ctx) => ctx.next('next'),
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ nodes: [...testNodes, greet, despedir] });
});
afterAll(() => t.close());

async function nodeTypes(query: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: 'GET', url: `/api/node-types${query}`, headers: { ...authorized, ...headers } });
  expect(response.statusCode).toBe(200);
  const types = response.json<Record<string, unknown>[]>();
  return { response, type: (id: string) => types.find((candidate) => candidate['type'] === id) };
}

describe('GET /api/node-types', () => {
  it('lists every installed node type with its config schema and ports', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/node-types', headers: authorized });
    expect(response.statusCode).toBe(200);
    const types = response.json<Record<string, unknown>[]>();
    expect(types.map((type) => type['type'])).toEqual([
      'test.on_event',
      'test.on_webhook',
      'test.on_manual',
      'test.note',
      'test.choose',
      'acme.greet',
      'acme.despedir',
    ]);
    expect(types.find((type) => type['type'] === 'test.on_webhook')).toMatchObject({
      kind: 'trigger',
      triggerSource: 'webhook',
      ports: ['next'],
      portsFromConfig: false,
      configSchema: { type: 'object', required: ['secret'] },
    });
    expect(types.find((type) => type['type'] === 'test.note')).toMatchObject({
      kind: 'step',
      effects: 'database',
      waits: false,
      ports: ['next'],
      portLabels: {},
    });
  });

  it('answers in the language asked for, with the config schema texts and port labels translated', async () => {
    const { type } = await nodeTypes('?language=es');
    const greeting = type('acme.greet');
    expect(greeting).toMatchObject({ language: 'es', title: 'Saludar', category: 'Mensajes', description: 'Saluda al contacto.' });
    expect(greeting?.['configSchema']).toMatchObject({
      properties: {
        // "formal" has no Spanish label, so it keeps its default one; "name" keeps its English description.
        tone: { title: 'Tono', description: 'Cómo suena.', enum: ['warm', 'formal'], 'x-enumNames': ['Cercano', 'Formal'] },
        name: { title: 'Nombre', description: 'Who to greet.' },
      },
    });
    expect(greeting?.['portLabels']).toEqual({ sent: 'Enviado', failed: 'Failed' });
  });

  it('falls back to the default text of a node that has only one language, and says which language it is', async () => {
    const { type } = await nodeTypes('?language=es');
    expect(type('test.note')).toMatchObject({ language: 'en', title: 'Note', description: 'Outputs its text.' });
    const english = await nodeTypes('?language=en');
    expect(english.type('acme.despedir')).toMatchObject({ language: 'es', title: 'Despedir' });
    expect(english.type('acme.greet')).toMatchObject({ language: 'en', title: 'Greet', portLabels: { sent: 'Sent', failed: 'Failed' } });
    expect(english.type('acme.greet')?.['configSchema']).toMatchObject({ properties: { tone: { title: 'Tone', 'x-enumNames': ['Warm', 'Formal'] } } });
  });

  it('takes the language from Accept-Language when none is asked for, and says the answer varies with it', async () => {
    const mexican = await nodeTypes('', { 'accept-language': 'es-MX, es;q=0.9, en;q=0.5' });
    expect(mexican.type('acme.greet')).toMatchObject({ language: 'es', title: 'Saludar' });
    expect(mexican.type('test.note')).toMatchObject({ language: 'en', title: 'Note' });
    expect(mexican.response.headers['vary']).toMatch(/accept-language/i);
    const french = await nodeTypes('', { 'accept-language': 'fr-FR, fr;q=0.9' });
    expect(french.type('acme.greet')).toMatchObject({ language: 'en', title: 'Greet' });
    expect(french.type('acme.despedir')).toMatchObject({ language: 'es', title: 'Despedir' });
    expect((await nodeTypes('')).type('acme.greet')).toMatchObject({ language: 'en' });
    // The query is an explicit choice: it wins over the browser's header.
    expect((await nodeTypes('?language=en', { 'accept-language': 'es' })).type('acme.greet')).toMatchObject({ language: 'en' });
  });

  it("gives the card's summary fields, and passes the editor annotations through in every language", async () => {
    for (const language of ['en', 'es']) {
      const { type } = await nodeTypes(`?language=${language}`);
      expect(type('acme.greet')?.['summaryFields']).toEqual(['tone', 'name']);
      expect(type('acme.greet')?.['configSchema']).toMatchObject({
        properties: { name: { 'x-template': true }, agentId: { 'x-picker': 'agent', 'x-when': { tone: 'formal' } } },
      });
      expect(type('test.note')).not.toHaveProperty('summaryFields');
    }
  });

  it('gives the output schema with its example, its texts in the language asked for', async () => {
    const english = await nodeTypes('?language=en');
    expect(english.type('acme.greet')?.['outputSchema']).toEqual({
      type: 'object',
      properties: { greeting: { type: 'string', description: 'What it said.' } },
      examples: [{ greeting: 'Hello Ana' }],
    });
    expect((await nodeTypes('?language=es')).type('acme.greet')?.['outputSchema']).toMatchObject({
      properties: { greeting: { description: 'Lo que dijo.' } },
      examples: [{ greeting: 'Hello Ana' }],
    });
    expect(english.type('test.note')).not.toHaveProperty('outputSchema');
  });

  it('refuses a language that is not a language tag', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/node-types?language=es_ES!', headers: authorized });
    expect(expectError(response, 422, 'REQUEST_INVALID').issues?.map((issue) => issue.path)).toEqual(['/query/language']);
  });

  it('returns ports that depend on the config as their rule, which portsForConfig evaluates', async () => {
    const types = (await t.app.inject({ method: 'GET', url: '/api/node-types', headers: authorized })).json<Record<string, unknown>[]>();
    const choose = types.find((type) => type['type'] === 'test.choose');
    expect(choose).toMatchObject({ ports: [{ kind: 'per_item', items: '/options', name: '' }], portsFromConfig: true, waits: null });
    expect(portsForConfig(choose?.['ports'] as PortRule, { options: ['now', 'later'] })).toEqual(['now', 'later']);
  });

  it('returns the rules of core.branch and core.wait as data, and their texts in Spanish', async () => {
    const t2 = await startTestApp({ nodes: [...testNodes, branch, wait] });
    try {
      const types = (await t2.app.inject({ method: 'GET', url: '/api/node-types', headers: authorized })).json<Record<string, unknown>[]>();
      const rule = (type: string) => types.find((candidate) => candidate['type'] === type)?.['ports'] as PortRule;
      expect(rule('core.branch')).toEqual([{ kind: 'per_item', items: '/branches', name: '/id' }, 'else']);
      expect(portsForConfig(rule('core.branch'), { branches: [{ id: 'vip' }, { id: 'rest' }] })).toEqual(['vip', 'rest', 'else']);
      expect(portsForConfig(rule('core.wait'), { mode: 'event' })).toEqual(['received', 'timeout']);
      expect(portsForConfig(rule('core.wait'), { mode: 'duration' })).toEqual(['next']);
      const spanish = (await t2.app.inject({ method: 'GET', url: '/api/node-types', headers: { ...authorized, 'accept-language': 'es-419' } })).json<
        Record<string, unknown>[]
      >();
      expect(spanish.find((candidate) => candidate['type'] === 'core.wait')).toMatchObject({
        language: 'es',
        title: 'Esperar',
        category: 'Flujo',
        portLabels: { next: 'Siguiente', received: 'Recibido', timeout: 'Tiempo agotado' },
        configSchema: {
          properties: { unit: { title: 'Unidad', enum: ['seconds', 'minutes', 'hours', 'days'], 'x-enumNames': ['Segundos', 'Minutos', 'Horas', 'Días'] } },
        },
      });
    } finally {
      await t2.close();
    }
  });

  it('describes the port rule in the OpenAPI document', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>();
    const ports = document.components.schemas['NodeType']?.properties['ports'] as { type: string; items: { anyOf: { required?: string[] }[] } };
    expect(ports.type).toBe(portRuleSchema.type);
    expect(ports.items.anyOf.map((option) => option.required ?? [])).toEqual([[], ['kind', 'items', 'name'], ['kind', 'on', 'cases', 'default']]);
  });
});
