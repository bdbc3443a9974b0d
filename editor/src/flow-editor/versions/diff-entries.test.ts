import type { WorkflowDefinition } from '@switchboard/engine/graph';
import { describe, expect, it } from 'vitest';
import { type NodeType, nodeTypeIndex } from '../node-types.ts';
import { diffDefinitions } from './definition-diff.ts';
import { diffEntries } from './diff-entries.ts';
import { nodeLabel } from './node-label.ts';
import type { ValueWords } from './value-text.ts';

function makeNodeType(type: string, title: string, overrides: Partial<NodeType> = {}): NodeType {
  return {
    type,
    language: 'en',
    title,
    category: 'Inbox',
    description: '',
    kind: 'step',
    configSchema: { type: 'object', properties: {} },
    ports: [],
    portLabels: {},
    portsFromConfig: false,
    ...overrides,
  };
}

const nodeTypes = nodeTypeIndex([
  makeNodeType('inbox.conversation_opened', 'Conversation opened', { kind: 'trigger', ports: ['out'] }),
  makeNodeType('inbox.assign_to', 'Assign to', {
    configSchema: {
      type: 'object',
      properties: {
        capacity: { title: 'Capacity', anyOf: [{ const: 'agent', title: "Each agent's own capacity" }, { type: 'integer' }] },
        strategy: { title: 'Strategy', enum: ['round_robin', 'least_open'], 'x-enumNames': ['Round robin', 'Fewest open conversations'] },
      },
    },
    ports: ['assigned', 'timeout'],
    portLabels: { assigned: 'Assigned', timeout: 'Timed out' },
  }),
  makeNodeType('inbox.send_message', 'Send message', { ports: ['out'] }),
  makeNodeType('core.branch', 'Branch', {
    configSchema: {
      type: 'object',
      properties: { branches: { type: 'array', title: 'Branches', items: { type: 'object', properties: { id: { title: 'Port' }, name: { title: 'Name' } } } } },
    },
    ports: [{ kind: 'per_item', items: '/branches', name: '/id' }, 'else'],
    portLabels: { else: 'Otherwise' },
    portsFromConfig: true,
  }),
]);

const words: ValueWords = { notSet: '(not set)', empty: '(empty)', yes: 'Yes', no: 'No', items: (count) => `${count} items`, number: String };
const settingsSchema = { properties: { reentry: { title: 'Re-entry', enum: ['ignore', 'restart'], 'x-enumNames': ['Ignore', 'Restart the run'] } } };

const before: WorkflowDefinition = {
  name: 'Sales',
  nodes: [
    { id: 'start', type: 'inbox.conversation_opened', config: {} },
    { id: 'assign', type: 'inbox.assign_to', config: { capacity: 3, strategy: 'round_robin' } },
    { id: 'sorry', type: 'inbox.send_message', name: 'All busy', config: { text: 'Sorry' } },
    { id: 'route', type: 'core.branch', config: { branches: [{ id: 'vip', name: 'VIP customers' }] } },
  ],
  edges: [
    { from: 'start', port: 'out', to: 'assign' },
    { from: 'assign', port: 'timeout', to: 'sorry' },
    { from: 'route', port: 'vip', to: 'assign' },
  ],
  settings: { reentry: 'ignore' },
};

const after: WorkflowDefinition = {
  name: 'Sales',
  nodes: [
    { id: 'start', type: 'inbox.conversation_opened', config: {} },
    { id: 'assign', type: 'inbox.assign_to', name: 'Sales team', config: { capacity: 'agent', strategy: 'least_open' } },
    { id: 'route', type: 'core.branch', config: { branches: [{ id: 'vip', name: 'VIP customers' }] } },
    { id: 'send_message', type: 'inbox.send_message', config: { text: 'We are busy' } },
    { id: 'send_message_2', type: 'inbox.send_message', config: { text: 'Hello' } },
  ],
  edges: [
    { from: 'start', port: 'out', to: 'assign' },
    { from: 'assign', port: 'timeout', to: 'send_message' },
    { from: 'route', port: 'vip', to: 'send_message_2' },
    { from: 'assign', port: 'assigned', to: 'send_message_2' },
  ],
  settings: { reentry: 'restart' },
};

describe('diffEntries', () => {
  const entries = diffEntries(diffDefinitions(before, after), before, after, { nodeTypes, words, settingsSchema });

  it('names nodes by their names, else their type titles, telling apart two of one type', () => {
    expect(entries.added.map((node) => node.title)).toEqual(['Send message (send_message)', 'Send message (send_message_2)']);
    expect(entries.removed).toEqual([{ id: 'sorry', title: 'All busy', typeTitle: 'Send message', isNamed: true }]);
  });

  it('reads config changes with field titles and value labels, and says what a node was called', () => {
    expect(entries.changed).toEqual([
      {
        node: { id: 'assign', title: 'Sales team', typeTitle: 'Assign to', isNamed: true },
        rename: { kind: 'named' },
        fields: [
          {
            kind: 'changed',
            pointer: '/capacity',
            path: [{ kind: 'field', key: 'capacity', title: 'Capacity' }],
            before: '3',
            after: "Each agent's own capacity",
          },
          {
            kind: 'changed',
            pointer: '/strategy',
            path: [{ kind: 'field', key: 'strategy', title: 'Strategy' }],
            before: 'Round robin',
            after: 'Fewest open conversations',
          },
        ],
      },
    ]);
  });

  it('reads a port sent elsewhere as one rerouted connection, with port labels from the config', () => {
    expect(entries.connections.map((entry) => [entry.kind, entry.from.title, entry.port, entry.to?.title, entry.was?.title])).toEqual([
      ['rerouted', 'Sales team', 'Timed out', 'Send message (send_message)', 'All busy'],
      ['rerouted', 'Branch', 'VIP customers', 'Send message (send_message_2)', 'Sales team'],
      ['added', 'Sales team', 'Assigned', 'Send message (send_message_2)', undefined],
    ]);
  });

  it('reads settings with their titles and labels', () => {
    expect(entries.settings).toEqual([
      { kind: 'changed', pointer: '/reentry', path: [{ kind: 'field', key: 'reentry', title: 'Re-entry' }], before: 'Ignore', after: 'Restart the run' },
    ]);
  });

  it('reads a removed connection with where it went', () => {
    const without: WorkflowDefinition = { ...before, edges: before.edges.filter((edge) => edge.from !== 'route') };
    const removed = diffEntries(diffDefinitions(before, without), before, without, { nodeTypes, words, settingsSchema });
    expect(removed.connections).toEqual([
      {
        kind: 'removed',
        key: 'route:vip>assign',
        from: expect.objectContaining({ title: 'Branch' }),
        port: 'VIP customers',
        to: undefined,
        was: expect.objectContaining({ title: 'Assign to' }),
      },
    ]);
  });

  it('still reads while node types load, by type ids and port names', () => {
    const loading = diffEntries(diffDefinitions(before, after), before, after, { nodeTypes: undefined, words, settingsSchema });
    expect(loading.connections[0]).toMatchObject({ port: 'timeout', to: { title: 'inbox.send_message (send_message)' } });
    expect(loading.changed[0]?.fields[0]).toMatchObject({ path: [{ title: 'Capacity' }] });
  });
});

describe('nodeLabel', () => {
  it('adds the id to a name two nodes share', () => {
    const nodes = [
      { id: 'a', type: 'x', name: 'Greet', config: {} },
      { id: 'b', type: 'y', name: 'Greet', config: {} },
    ];
    expect(nodeLabel(nodes[0] as never, undefined, nodes).title).toBe('Greet (a)');
  });
});
