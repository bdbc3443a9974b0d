import type { WorkflowDefinition } from '@switchboard/engine/graph';
import { describe, expect, it } from 'vitest';
import { asSchema } from './json-schema.ts';
import { findVariable, sampleOf, type ScopeNodeType, templateScopeAt, upstreamOf, variablesSetBy } from './template-scope.ts';

const nodeTypes: Record<string, ScopeNodeType> = {
  'inbox.conversation_opened': {
    kind: 'trigger',
    title: 'Conversation opened',
    outputSchema: { type: 'object', properties: { conversationId: { type: 'string', title: 'Conversation', examples: ['c-1'] } } },
  },
  'core.business_hours': {
    kind: 'step',
    title: 'Business hours',
    outputSchema: {
      type: 'object',
      properties: { open: { type: 'boolean', examples: [false] }, nextOpen: { type: 'object', properties: { day: { type: 'string', examples: ['monday'] } } } },
    },
  },
  'core.set_variable': {
    kind: 'step',
    title: 'Set variable',
    configSchema: {
      type: 'object',
      properties: {
        assignments: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string', 'x-variable': { sibling: 'value' } }, value: {} } },
        },
      },
    },
  },
  'core.http_request': {
    kind: 'step',
    title: 'HTTP request',
    configSchema: { type: 'object', properties: { saveAs: { type: 'string', 'x-variable': true } } },
    outputSchema: { type: 'object', properties: { status: { type: 'integer', examples: [200] } } },
  },
  'inbox.send_message': { kind: 'step', title: 'Send message' },
};
const types = { get: (type: string) => nodeTypes[type] };

const definition: WorkflowDefinition = {
  name: 'Out of hours',
  nodes: [
    { id: 'start', type: 'inbox.conversation_opened', config: {} },
    { id: 'hours', type: 'core.business_hours', config: {}, name: 'Opening hours' },
    {
      id: 'remember',
      type: 'core.set_variable',
      config: {
        assignments: [
          { name: 'plan', value: 'gold' },
          { name: 'greeting', value: 'Hi {{ contact.name }}' },
        ],
      },
    },
    { id: 'crm', type: 'core.http_request', config: { saveAs: 'crm' } },
    { id: 'away', type: 'inbox.send_message', config: {} },
    { id: 'elsewhere', type: 'inbox.send_message', config: {} },
  ],
  edges: [
    { from: 'start', to: 'hours' },
    { from: 'hours', port: 'closed', to: 'remember' },
    { from: 'remember', to: 'crm' },
    { from: 'crm', to: 'away' },
    { from: 'hours', port: 'open', to: 'elsewhere' },
  ],
};

const roots = [
  { name: 'contact', title: 'Contact', schema: { type: 'object', properties: { name: { type: 'string', title: 'Name' } } }, example: { name: 'Ana' } },
];

describe('templateScopeAt', () => {
  const scope = templateScopeAt(definition, 'away', types, roots);

  it('lists the trigger data, the server roots, vars and steps, in that order', () => {
    expect(scope.variables.map((variable) => variable.path)).toEqual(['trigger', 'contact', 'vars', 'steps']);
    expect(findVariable(scope, ['trigger', 'conversationId'])?.example).toBe('c-1');
    expect(findVariable(scope, ['contact', 'name'])?.title).toBe('Name');
  });

  it('offers the outputs of the steps upstream only, named as the flow names them', () => {
    const steps = findVariable(scope, ['steps']);
    expect(steps?.children.map((step) => step.path)).toEqual(['steps.crm', 'steps.remember', 'steps.hours']);
    expect(findVariable(scope, ['steps', 'hours'])?.title).toBe('Opening hours');
    expect(findVariable(scope, ['steps', 'hours', 'nextOpen', 'day'])).toBeDefined();
    expect(findVariable(templateScopeAt(definition, 'elsewhere', types, roots), ['steps', 'crm'])).toBeUndefined();
  });

  it('offers the variables set upstream, with their values as samples', () => {
    expect(findVariable(scope, ['vars'])?.children.map((variable) => variable.path)).toEqual(['vars.crm', 'vars.plan', 'vars.greeting']);
    expect(scope.sample['vars']).toEqual({ crm: { status: 200 }, plan: 'gold', greeting: '' });
  });

  it('builds sample data from the schemas and the roots', () => {
    expect(scope.sample['contact']).toEqual({ name: 'Ana' });
    expect(scope.sample['trigger']).toEqual({ conversationId: 'c-1' });
    expect(scope.sample['steps']).toEqual({ hours: { open: false, nextOpen: { day: 'monday' } }, remember: {}, crm: { status: 200 } });
  });

  it('still lists vars and steps when node types say nothing of their output and the server has no roots', () => {
    const bare = templateScopeAt(definition, 'away', { get: () => ({ kind: 'step', title: 'Step' }) }, []);
    expect(bare.variables.map((variable) => variable.path)).toEqual(['vars', 'steps']);
  });
});

describe('the pieces of the scope', () => {
  it('walks the edges back from a node, nearest first', () => {
    expect(upstreamOf(definition, 'crm').map((node) => node.id)).toEqual(['remember', 'hours', 'start']);
  });

  it('finds variables in fields marked x-variable, with what each holds', () => {
    expect(variablesSetBy({ id: 'x', type: 'core.http_request', config: { saveAs: 'crm' } }, asSchema(nodeTypes['core.http_request']?.configSchema))).toEqual([
      { name: 'crm', holds: { kind: 'output', pointer: '' } },
    ]);
    const ask = { type: 'object', properties: { saveAs: { type: 'string', 'x-variable': { output: '/answer' } }, note: { type: 'string' } } };
    expect(variablesSetBy({ id: 'ask', type: 'inbox.ask_question', config: { saveAs: 'reply', note: 'x' } }, ask)).toEqual([
      { name: 'reply', holds: { kind: 'output', pointer: '/answer' } },
    ]);
  });

  it('takes a sample from examples, else defaults, else the properties', () => {
    expect(sampleOf({ examples: ['a'], default: 'b' })).toBe('a');
    expect(sampleOf({ default: 'b' })).toBe('b');
    expect(sampleOf({ type: 'object', properties: { a: { examples: [1] }, b: { type: 'string' } } })).toEqual({ a: 1 });
    expect(sampleOf({ type: 'array', items: { examples: ['x'] } })).toEqual(['x']);
    expect(sampleOf({ type: 'string' })).toBeUndefined();
  });
});
