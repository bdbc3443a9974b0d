import { describe, expect, it } from 'vitest';
import type { NodeType } from '../node-types.ts';
import { portLabel, portsOfNode, withSchemaDefaults } from './ports.ts';

const base = { language: 'en', category: 'Inbox', description: '', kind: 'step', portLabels: {}, portsFromConfig: false, configSchema: {} } as const;

const ask: NodeType = {
  ...base,
  type: 'inbox.ask_question',
  title: 'Ask a question',
  configSchema: { type: 'object', properties: { type: { type: 'string', default: 'text' }, choices: { type: 'array' } } },
  ports: [
    { kind: 'switch', on: '/type', cases: { multiple_choice: [{ kind: 'per_item', items: '/choices', name: '/id' }] }, default: ['answered'] },
    'timeout',
  ],
  portLabels: { answered: 'Answered', timeout: 'Timed out' },
  portsFromConfig: true,
};

const wait: NodeType = {
  ...base,
  type: 'core.wait',
  title: 'Wait',
  configSchema: { type: 'object', properties: { mode: { type: 'string', default: 'duration' } } },
  ports: [{ kind: 'switch', on: '/mode', cases: { event: ['received', 'timeout'] }, default: ['next'] }],
  portLabels: { next: 'Next', received: 'Received' },
  portsFromConfig: true,
};

describe('portsOfNode', () => {
  it('lists fixed ports as they are', () => {
    const assign: NodeType = { ...base, type: 'inbox.assign_to', title: 'Assign', ports: ['assigned', 'timeout'] };
    expect(portsOfNode({ id: 'a', type: 'inbox.assign_to', config: {} }, assign)).toEqual(['assigned', 'timeout']);
  });

  it('evaluates a switch over the config with schema defaults', () => {
    expect(portsOfNode({ id: 'w', type: 'core.wait', config: {} }, wait)).toEqual(['next']);
    expect(portsOfNode({ id: 'w', type: 'core.wait', config: { mode: 'event' } }, wait)).toEqual(['received', 'timeout']);
  });

  it('names one port per answer of a multiple-choice question', () => {
    const node = { id: 'q', type: 'inbox.ask_question', config: { type: 'multiple_choice', choices: [{ id: 'sales', label: 'Sales' }, { id: 'billing' }] } };
    expect(portsOfNode(node, ask)).toEqual(['sales', 'billing', 'timeout']);
    expect(portLabel(ask, node, 'sales')).toBe('Sales');
    expect(portLabel(ask, node, 'billing')).toBe('billing');
    expect(portLabel(ask, node, 'timeout')).toBe('Timed out');
  });

  it('computes a node snapshot once', () => {
    const node = { id: 'w', type: 'core.wait', config: {} };
    expect(portsOfNode(node, wait)).toBe(portsOfNode(node, wait));
  });
});

describe('withSchemaDefaults', () => {
  it('fills missing values in nested objects and arrays of objects, keeping what is set', () => {
    const schema = {
      type: 'object',
      properties: {
        capacity: { type: 'integer', default: 3 },
        online: { type: 'boolean', default: true },
        limits: { type: 'object', default: {}, properties: { max: { type: 'integer', default: 10 } } },
        branches: { type: 'array', items: { type: 'object', properties: { match: { type: 'string', default: 'any' } } } },
      },
    };
    expect(withSchemaDefaults(schema, { capacity: 5, branches: [{ id: 'a' }, { id: 'b', match: 'all' }] })).toEqual({
      capacity: 5,
      online: true,
      limits: { max: 10 },
      branches: [
        { id: 'a', match: 'any' },
        { id: 'b', match: 'all' },
      ],
    });
  });

  it('returns the same config when nothing is missing', () => {
    const config = { mode: 'event' };
    expect(withSchemaDefaults(wait.configSchema, config)).toBe(config);
  });
});
