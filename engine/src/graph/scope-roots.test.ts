import { describe, expect, it } from 'vitest';
import { defineNode, Type } from '../sdk.ts';
import { scopeRootsOf } from './scope-roots.ts';

const say = defineNode({
  type: 'test.say',
  title: 'Say',
  category: 'Test',
  description: 'Says a text.',
  kind: 'step',
  configSchema: Type.Object({ text: Type.String(), paths: Type.Optional(Type.Array(Type.String())) }),
  ports: ['next'],
  reads: (config) => config.paths ?? [],
  run: (ctx) => ctx.next('next'),
});

describe('scopeRootsOf', () => {
  it('names the roots templates read, nested anywhere in the config', () => {
    expect(
      scopeRootsOf(say, { text: 'Hola {{ contact.name }}, {% for tag in conversation.tags %}{{ tag }}{% endfor %} {{ steps.a.b | default: vars.x }}' }),
    ).toEqual(new Set(['contact', 'conversation', 'steps', 'vars']));
    expect(scopeRootsOf(say, { text: 'plain [text] without templates' })).toEqual(new Set());
  });

  it('adds the roots of the paths the node type reads itself', () => {
    expect(scopeRootsOf(say, { text: '{{ vars.a }}', paths: ['assignee.name', 'trigger.data.plan'] })).toEqual(new Set(['vars', 'assignee', 'trigger']));
  });

  it('answers all when a template looks a root up by value', () => {
    expect(scopeRootsOf(say, { text: 'Hi [there] {{ [vars.root].name }}' })).toBe('all');
    expect(scopeRootsOf(say, { text: '{{ contact[vars.field] }}' })).toEqual(new Set(['contact', 'vars']));
  });
});
