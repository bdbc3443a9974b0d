import type { WorkflowDefinition } from '@switchboard/engine/graph';
import { describe, expect, it } from 'vitest';
import { type NodeType, nodeTypeIndex } from '../node-types.ts';
import { nodeTypeGroups } from './node-type-groups.ts';
import { outlineOf } from './outline-model.ts';

function makeNodeType(type: string, title: string, overrides: Partial<NodeType> = {}): NodeType {
  return {
    type,
    language: 'en',
    title,
    category: 'Inbox',
    description: '',
    kind: 'step',
    configSchema: { type: 'object', properties: {} },
    ports: ['out'],
    portLabels: {},
    portsFromConfig: false,
    ...overrides,
  };
}

const list = [
  makeNodeType('inbox.conversation_opened', 'Conversation opened', { kind: 'trigger', description: 'A new conversation' }),
  makeNodeType('core.business_hours', 'Business hours', { category: 'Date & time', ports: ['open', 'closed'], portLabels: { open: 'Open', closed: 'Closed' } }),
  makeNodeType('inbox.assign_to', 'Asignación', { ports: ['assigned', 'timeout'], portLabels: { assigned: 'Assigned', timeout: 'Timed out' } }),
  makeNodeType('inbox.send_message', 'Send message'),
  makeNodeType('inbox.close_conversation', 'Close conversation', { ports: [] }),
  makeNodeType('core.branch', 'Branch', {
    category: 'Flow',
    configSchema: { type: 'object', properties: { branches: { type: 'array', items: { type: 'object' } } } },
    ports: [{ kind: 'per_item', items: '/branches', name: '/id' }, 'else'],
    portLabels: { else: 'Otherwise' },
    portsFromConfig: true,
  }),
];
const nodeTypes = nodeTypeIndex(list);

const flow: WorkflowDefinition = {
  name: 'Out of hours',
  nodes: [
    { id: 'away', type: 'inbox.send_message', name: 'te atiende', config: { text: 'Hola' } },
    { id: 'orphan', type: 'inbox.send_message', config: {} },
    { id: 'start', type: 'inbox.conversation_opened', config: {} },
    { id: 'assign', type: 'inbox.assign_to', config: {} },
    { id: 'hours', type: 'core.business_hours', config: {} },
    { id: 'close', type: 'inbox.close_conversation', config: {} },
  ],
  edges: [
    { from: 'start', to: 'hours' },
    { from: 'hours', port: 'closed', to: 'away' },
    { from: 'hours', port: 'open', to: 'assign' },
    { from: 'assign', port: 'assigned', to: 'away' },
    { from: 'away', port: 'gone', to: 'close' },
  ],
};

describe('outlineOf', () => {
  const outline = outlineOf(flow, nodeTypes);

  it('starts at the trigger and lists steps breadth first, ports in their order', () => {
    expect(outline.triggers.map((step) => step.node.id)).toEqual(['start']);
    expect(outline.steps.map((step) => step.node.id)).toEqual(['hours', 'assign', 'away', 'close']);
  });

  it('lists the steps no run reaches last', () => {
    expect(outline.unconnected.map((step) => step.node.id)).toEqual(['orphan']);
  });

  it('says where each port goes, by label, and which go nowhere', () => {
    const assign = outline.steps.find((step) => step.node.id === 'assign');
    expect(assign?.ports.map((port) => [port.label, port.target?.title ?? null])).toEqual([
      ['Assigned', 'te atiende'],
      ['Timed out', null],
    ]);
  });

  it('takes an edge without a port as the single port of its node', () => {
    expect(outline.triggers[0]?.ports).toMatchObject([{ name: 'out', target: { title: 'Business hours' }, isUnknown: false }]);
  });

  it('shows an edge from a port the node does not have, marked unknown', () => {
    const away = outline.steps.find((step) => step.node.id === 'away');
    expect(away?.ports.map((port) => [port.name, port.isUnknown, port.target?.title])).toEqual([
      ['out', false, undefined],
      ['gone', true, 'Close conversation'],
    ]);
  });

  it('gives a step without outputs no ports', () => {
    expect(outline.steps.find((step) => step.node.id === 'close')?.ports).toEqual([]);
  });

  it('has a port per branch from the config, labelled by the branch', () => {
    const branching: WorkflowDefinition = {
      name: 'x',
      nodes: [
        { id: 'start', type: 'inbox.conversation_opened', config: {} },
        { id: 'route', type: 'core.branch', config: { branches: [{ id: 'vip', name: 'VIP' }] } },
      ],
      edges: [{ from: 'start', to: 'route' }],
    };
    expect(outlineOf(branching, nodeTypes).steps[0]?.ports.map((port) => port.label)).toEqual(['VIP', 'Otherwise']);
  });

  it('lists everything as not connected while there is no trigger, and every edge while node types load', () => {
    const loading = outlineOf(flow, undefined);
    expect(loading.triggers).toEqual([]);
    expect(loading.unconnected).toHaveLength(6);
    expect(loading.unconnected.find((step) => step.node.id === 'hours')?.ports.map((port) => port.name)).toEqual(['closed', 'open']);
  });

  it('survives a loop back to an earlier step', () => {
    const looping: WorkflowDefinition = { ...flow, edges: [...flow.edges, { from: 'close', to: 'hours' }] };
    expect(outlineOf(looping, nodeTypes).steps.map((step) => step.node.id)).toEqual(['hours', 'assign', 'away', 'close']);
  });
});

describe('nodeTypeGroups', () => {
  it('groups one kind by category in the server’s order', () => {
    expect(nodeTypeGroups(list, 'step', '').map((group) => [group.category, group.nodeTypes.map((each) => each.type)])).toEqual([
      ['Date & time', ['core.business_hours']],
      ['Inbox', ['inbox.assign_to', 'inbox.send_message', 'inbox.close_conversation']],
      ['Flow', ['core.branch']],
    ]);
    expect(nodeTypeGroups(list, 'trigger', '').map((group) => group.nodeTypes.map((each) => each.type))).toEqual([['inbox.conversation_opened']]);
  });

  it('finds by every word, ignoring case and accents, in titles, categories, descriptions and ids', () => {
    expect(nodeTypeGroups(list, 'step', 'ASIGNACION').flatMap((group) => group.nodeTypes.map((each) => each.type))).toEqual(['inbox.assign_to']);
    expect(nodeTypeGroups(list, 'step', 'inbox conv').flatMap((group) => group.nodeTypes.map((each) => each.type))).toEqual(['inbox.close_conversation']);
    expect(nodeTypeGroups(list, 'trigger', 'new conversation')).toHaveLength(1);
    expect(nodeTypeGroups(list, 'step', 'nothing like this')).toEqual([]);
  });

  it('puts title matches first, groups included', () => {
    const withSends = [...list, makeNodeType('core.relay', 'Relay', { category: 'Flow', description: 'Sends the run on' })];
    expect(nodeTypeGroups(withSends, 'step', 'send').map((group) => [group.category, group.nodeTypes.map((each) => each.type)])).toEqual([
      ['Inbox', ['inbox.send_message']],
      ['Flow', ['core.relay']],
    ]);
  });
});
