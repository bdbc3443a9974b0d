import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../document/flow-store.ts';
import { createCanvasModel, type CanvasModelInput, type StepNode } from './canvas-model.ts';
import type { NodeCounts } from './canvas-live.ts';
import { testNodeTypes } from './test-node-types.ts';

const flow: FlowDefinition = {
  name: 'Model',
  nodes: [
    { id: 'opened', type: 'inbox.conversation_opened', config: {}, position: { x: 0, y: 0 } },
    { id: 'assign', type: 'inbox.assign_to', config: { target: 'team' }, position: { x: 0, y: 160 }, name: 'Sales' },
    { id: 'loose', type: 'core.wait', config: {} },
  ],
  edges: [
    { from: 'opened', to: 'assign' },
    { from: 'assign', port: 'assigned', to: 'loose' },
  ],
  notes: [{ id: 'n1', text: 'Hello', x: 400, y: 0 }],
};

const describeStep = (data: { title: string }) => data.title;
const roles = { step: 'step', note: 'note', edge: 'edge' };
const describeEdge = (from: string, port: string, to: string) => `${from} ${port} ${to}`;

function input(overrides: Partial<CanvasModelInput> = {}): CanvasModelInput {
  return {
    definition: flow,
    nodeTypes: testNodeTypes,
    selection: { nodeIds: [], noteIds: [] },
    selectedEdges: new Set(),
    problemsByNode: new Map(),
    marks: undefined,
    readOnly: false,
    describe: describeStep,
    describeEdge,
    roles,
    ...overrides,
  };
}

describe('createCanvasModel', () => {
  it('draws cards with titles, summaries, labelled ports and which ports are free', () => {
    const { nodes, edges } = createCanvasModel()(input());
    expect(nodes.map((node) => node.id)).toEqual(['note:n1', 'opened', 'assign', 'loose']);
    const assign = nodes[2] as StepNode;
    expect(assign.data).toMatchObject({ title: 'Sales', summary: 'A team', hasInput: true });
    expect(assign.data.ports).toEqual([
      { name: 'assigned', label: 'Assigned', connected: true, count: undefined, taken: false },
      { name: 'timeout', label: 'Timed out', connected: false, count: undefined, taken: false },
    ]);
    expect((nodes[1] as StepNode).data.hasInput).toBe(false);
    // The unnamed edge of the trigger's single port is drawn from that port.
    expect(edges.map((edge) => [edge.id, edge.sourceHandle])).toEqual([
      ['opened:>assign', 'next'],
      ['assign:assigned>loose', 'assigned'],
    ]);
    // A node without a position is drawn below the ones it follows.
    expect((nodes[3] as StepNode).position).toEqual({ x: 280, y: 320 });
  });

  it('reuses the objects of nodes and edges that did not change', () => {
    const build = createCanvasModel();
    const first = build(input());
    const renamed: FlowDefinition = { ...flow, nodes: flow.nodes.map((node) => (node.id === 'assign' ? { ...node, name: 'Support' } : node)) };
    const second = build(input({ definition: renamed, selection: { nodeIds: ['opened'], noteIds: [] } }));
    expect(second.nodes[0]).toBe(first.nodes[0]);
    expect(second.nodes[1]).not.toBe(first.nodes[1]);
    expect(second.nodes[1]?.selected).toBe(true);
    expect(second.nodes[2]).not.toBe(first.nodes[2]);
    expect(second.nodes[3]).toBe(first.nodes[3]);
    // Its accessible name says where it leads, which was renamed.
    expect(second.edges[0]).not.toBe(first.edges[0]);
    const third = build(input({ definition: renamed }));
    expect(third.edges).toEqual(second.edges);
    expect(third.edges[0]).toBe(second.edges[0]);
    expect(third.nodes[2]).toBe(second.nodes[2]);
  });

  it('marks a diff and draws removed nodes and edges as ghosts', () => {
    const marks = {
      nodes: new Map([
        ['assign', 'changed' as const],
        ['old', 'removed' as const],
      ]),
      edges: new Map([['assign:assigned>loose', 'added' as const]]),
      ghosts: { nodes: [{ id: 'old', type: 'core.wait', config: {}, position: { x: 300, y: 300 } }], edges: [{ from: 'assign', port: 'timeout', to: 'old' }] },
    };
    const { nodes, edges } = createCanvasModel()(input({ marks, readOnly: true }));
    expect((nodes[2] as StepNode).data.mark).toBe('changed');
    const ghost = nodes.at(-1) as StepNode;
    expect(ghost).toMatchObject({ id: 'ghost:old', className: 'sb-ghost', selectable: false, data: { ghost: true, mark: 'removed' } });
    expect(edges.find((edge) => edge.id === 'assign:assigned>loose')?.className).toBe('sb-edge-added');
    expect(edges.at(-1)).toMatchObject({ id: 'ghost:assign:timeout>old', source: 'assign', target: 'ghost:old', className: 'sb-edge-removed' });
  });

  it('counts problems on the card', () => {
    const problems = new Map([['assign', [{ field: '/capacity', message: 'Too big', code: 'CONFIG_INVALID' }]]]);
    const { nodes } = createCanvasModel()(input({ problemsByNode: problems }));
    expect((nodes[2] as StepNode).data.problemCount).toBe(1);
  });

  it('draws live counts and rebuilds only the cards whose numbers moved', () => {
    const build = createCanvasModel();
    const counts = (waiting: number) =>
      new Map<string, NodeCounts>([
        ['opened', { running: 0, waiting: 0, ports: { next: 20 } }],
        ['assign', { running: 1, waiting, ports: { assigned: 6, timeout: 2 } }],
      ]);
    const first = build(input({ live: { counts: counts(14), window: '24h' } }));
    const assign = first.nodes[2] as StepNode;
    expect(assign.data.live).toEqual({ running: 1, waiting: 14 });
    expect(assign.data.ports.map((port) => port.count)).toEqual([6, 2]);
    // A node the counts do not name has had no runs: zero, not unknown.
    expect((first.nodes[3] as StepNode).data.live).toEqual({ running: 0, waiting: 0 });
    // A refresh brings new objects with the same numbers for all but one node.
    const second = build(input({ live: { counts: counts(13), window: '24h' } }));
    expect(second.nodes[1]).toBe(first.nodes[1]);
    expect(second.nodes[3]).toBe(first.nodes[3]);
    expect(second.nodes[2]).not.toBe(first.nodes[2]);
    expect((second.nodes[2] as StepNode).data.live?.waiting).toBe(13);
    expect(second.edges[0]).toBe(first.edges[0]);
  });

  it('highlights a run path: visited cards, taken ports and edges', () => {
    const path = {
      visits: new Map([
        ['opened', 1],
        ['assign', 2],
      ]),
      ports: new Set(['opened:next']),
      at: new Set(['assign']),
    };
    const { nodes, edges } = createCanvasModel()(input({ live: { path } }));
    expect((nodes[2] as StepNode).data).toMatchObject({ visits: 2, isAt: true });
    expect(nodes[2]?.className).toBe('sb-visited');
    expect((nodes[3] as StepNode).data.visits).toBe(0);
    expect(edges.map((edge) => edge.className)).toEqual(['sb-edge-taken', undefined]);
  });
});
