import { describe, expect, it } from 'vitest';
import { defineNode, Type } from '../sdk.ts';
import { createNodeCatalog } from '../graph/node-catalog.ts';
import { instantiateTemplate } from './instantiate-template.ts';
import type { WorkflowTemplate } from './template.ts';

const start = defineNode({
  type: 'test.start',
  title: 'S',
  category: 'T',
  description: 'D',
  kind: 'trigger',
  configSchema: Type.Object({}),
  ports: ['next'],
  trigger: { source: 'manual' },
});
const say = defineNode({
  type: 'test.say',
  title: 'Say',
  category: 'T',
  description: 'D',
  kind: 'step',
  configSchema: Type.Object({ text: Type.String(), team: Type.Union([Type.String(), Type.Null()]) }),
  ports: ['next'],
  run: (ctx) => ctx.next('next'),
});
const catalog = createNodeCatalog([start, say].map((node) => ({ node, source: 'test' })));

const template: WorkflowTemplate = {
  id: 'greet',
  title: { en: 'Greet', es: 'Saludar' },
  description: { en: 'Says hello.', es: 'Saluda.' },
  category: 'messages',
  parameters: [
    { name: 'team', type: 'team', title: { en: 'Team', es: 'Equipo' }, description: { en: 'Who.', es: 'Quién.' }, default: null },
    { name: 'greeting', type: 'text', title: { en: 'Greeting', es: 'Saludo' }, description: { en: 'What.', es: 'Qué.' }, default: { en: 'Hello', es: 'Hola' } },
    { name: 'agent', type: 'agent', title: { en: 'Agent', es: 'Agente' }, description: { en: 'The agent to assign.', es: 'El agente.' }, required: true },
  ],
  definition: {
    nodes: [
      { id: 'start', type: 'test.start', config: {} },
      // biome-ignore lint/suspicious/noThenProperty: `$when`/`then`/`else` is the template format's own conditional, not a thenable.
      { id: 'say', type: 'test.say', config: { text: '[[greeting]], {{ contact.name }}', team: { $when: 'team', then: { $param: 'team' }, else: null } } },
    ],
    edges: [{ from: 'start', to: 'say' }],
  },
};
const agent = '0b5c2a8e-8f1e-4d35-9c39-3b1df1b0d7a1';

describe('instantiateTemplate', () => {
  it('fills parameters, defaults and texts in the chosen language', () => {
    expect(instantiateTemplate(template, { language: 'es', parameters: { agent } }, catalog)).toMatchObject({
      name: 'Saludar',
      description: 'Saluda.',
      nodes: [{ id: 'start' }, { id: 'say', config: { text: 'Hola, {{ contact.name }}', team: null } }],
    });
    const team = '5f0c2a8e-8f1e-4d35-9c39-3b1df1b0d7a2';
    expect(instantiateTemplate(template, { language: 'en', parameters: { agent, team, greeting: 'Welcome' } }, catalog)).toMatchObject({
      name: 'Greet',
      nodes: [{ id: 'start' }, { id: 'say', config: { text: 'Welcome, {{ contact.name }}', team } }],
    });
  });

  it('names a missing required parameter and an unknown or mistyped one by pointer', () => {
    expect(() => instantiateTemplate(template, { language: 'en', parameters: { team: 'not-a-uuid', colour: 'red' } }, catalog)).toThrow(
      expect.objectContaining({
        code: 'TEMPLATE_PARAMETER_INVALID',
        status: 422,
        issues: expect.arrayContaining([
          expect.objectContaining({ path: '/parameters/colour', code: 'TEMPLATE_PARAMETER_INVALID' }),
          expect.objectContaining({ path: '/parameters/team', code: 'TEMPLATE_PARAMETER_INVALID' }),
          expect.objectContaining({ path: '/parameters/agent', code: 'TEMPLATE_PARAMETER_MISSING' }),
        ]),
      }),
    );
  });

  it('treats null for a required parameter as missing, with its own code', () => {
    expect(() => instantiateTemplate(template, { language: 'en', parameters: { agent: null } }, catalog)).toThrow(
      expect.objectContaining({
        code: 'TEMPLATE_PARAMETER_MISSING',
        status: 422,
        issues: [expect.objectContaining({ path: '/parameters/agent', code: 'TEMPLATE_PARAMETER_MISSING' })],
      }),
    );
  });

  it('refuses a template whose node types are not installed', () => {
    const withUnknown = {
      ...template,
      definition: { ...template.definition, nodes: [...(template.definition.nodes as object[]), { id: 'x', type: 'acme.missing', config: {} }] },
    };
    expect(() => instantiateTemplate(withUnknown, { language: 'en', parameters: { agent } }, catalog)).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_NODE_MISSING', message: expect.stringContaining('acme.missing') }),
    );
  });
});
