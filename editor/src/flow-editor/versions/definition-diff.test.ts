import type { WorkflowDefinition, WorkflowNode } from '@switchboard/engine/graph';
import { describe, expect, it } from 'vitest';
import { edgeKey } from '../document/edge-key.ts';
import { diffDefinitions, isEmptyDiff, marksOf } from './definition-diff.ts';

function makeFlow(overrides: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return {
    name: 'Sales round robin',
    nodes: [
      { id: 'start', type: 'inbox.conversation_opened', config: {}, position: { x: 0, y: 0 } },
      { id: 'assign', type: 'inbox.assign_to', name: 'Sales', config: { target: 'team', teamId: 't1', capacity: 3 }, position: { x: 0, y: 150 } },
      { id: 'sorry', type: 'inbox.send_message', config: { text: 'All busy' }, position: { x: 200, y: 300 } },
    ],
    edges: [
      { from: 'start', to: 'assign' },
      { from: 'assign', port: 'timeout', to: 'sorry' },
    ],
    settings: { reentry: 'ignore' },
    ...overrides,
  };
}

function replaceNode(flow: WorkflowDefinition, id: string, change: (node: WorkflowNode) => WorkflowNode): WorkflowDefinition {
  return { ...flow, nodes: flow.nodes.map((node) => (node.id === id ? change(node) : node)) };
}

describe('diffDefinitions', () => {
  it('finds nothing between a flow and itself, whatever the key order', () => {
    const flow = makeFlow();
    // Every object's keys reversed, at every depth.
    const reordered = JSON.parse(JSON.stringify(flow), (_key, value: unknown) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    ) as WorkflowDefinition;
    expect(Object.keys(reordered)[0]).toBe('settings');
    const diff = diffDefinitions(flow, reordered);
    expect(isEmptyDiff(diff, { includeMoves: true })).toBe(true);
  });

  it('lists nodes added and removed, in the order of their documents', () => {
    const before = makeFlow();
    const after: WorkflowDefinition = {
      ...before,
      nodes: [...before.nodes.filter((node) => node.id !== 'sorry'), { id: 'tag', type: 'inbox.update_tags', config: { add: ['busy'] } }],
    };
    const diff = diffDefinitions(before, after);
    expect(diff.nodes.added.map((node) => node.id)).toEqual(['tag']);
    expect(diff.nodes.removed.map((node) => node.id)).toEqual(['sorry']);
    expect(diff.nodes.changed).toEqual([]);
  });

  it('lists a node’s config changes field by field', () => {
    const before = makeFlow();
    const after = replaceNode(before, 'assign', (node) => ({ ...node, config: { teamId: 't2', target: 'team', capacity: 3, onlineOnly: true } }));
    const [change, ...rest] = diffDefinitions(before, after).nodes.changed;
    expect(rest).toEqual([]);
    expect(change?.id).toBe('assign');
    expect(change?.config).toEqual([
      { kind: 'changed', pointer: '/teamId', before: 't1', after: 't2' },
      { kind: 'added', pointer: '/onlineOnly', before: undefined, after: true },
    ]);
    expect(change?.name).toBeUndefined();
    expect(change?.type).toBeUndefined();
  });

  it('says when a node was renamed or its name cleared, and treats an empty name as none', () => {
    const before = makeFlow();
    const renamed = diffDefinitions(
      before,
      replaceNode(before, 'assign', (node) => ({ ...node, name: 'Sales team' })),
    );
    expect(renamed.nodes.changed[0]?.name).toEqual({ before: 'Sales', after: 'Sales team' });

    const { name: _name, ...unnamed } = before.nodes[1] as WorkflowNode;
    const cleared = diffDefinitions(
      before,
      replaceNode(before, 'assign', () => unnamed),
    );
    expect(cleared.nodes.changed[0]?.name).toEqual({ before: 'Sales', after: undefined });

    const emptied = diffDefinitions(
      replaceNode(before, 'sorry', (node) => ({ ...node, name: '' })),
      before,
    );
    expect(emptied.nodes.changed).toEqual([]);
  });

  it('says when a node changed type, and compares the configs of both types', () => {
    const before = makeFlow();
    const after = replaceNode(before, 'sorry', (node) => ({ ...node, type: 'inbox.add_comment', config: { text: 'All busy' } }));
    const change = diffDefinitions(before, after).nodes.changed[0];
    expect(change?.type).toEqual({ before: 'inbox.send_message', after: 'inbox.add_comment' });
    expect(change?.config).toEqual([]);
  });

  it('lists other node fields such as its deadline', () => {
    const before = makeFlow();
    const after = replaceNode(before, 'sorry', (node) => ({ ...node, timeoutMs: 5000 }));
    expect(diffDefinitions(before, after).nodes.changed[0]?.other).toEqual([{ kind: 'added', pointer: '/timeoutMs', before: undefined, after: 5000 }]);
  });

  it('never counts a move as a change: moves are listed apart', () => {
    const before = makeFlow();
    const after = replaceNode(before, 'assign', (node) => ({ ...node, position: { x: 40, y: 160 } }));
    const diff = diffDefinitions(before, after);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.nodes.moved).toEqual([{ id: 'assign', before: { x: 0, y: 150 }, after: { x: 40, y: 160 } }]);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(isEmptyDiff(diff, { includeMoves: true })).toBe(false);
  });

  it('lists a node moved and edited in both places', () => {
    const before = makeFlow();
    const after = replaceNode(before, 'sorry', (node) => ({ ...node, position: { x: 0, y: 300 }, config: { text: 'Everyone is busy' } }));
    const diff = diffDefinitions(before, after);
    expect(diff.nodes.changed.map((change) => change.id)).toEqual(['sorry']);
    expect(diff.nodes.moved.map((move) => move.id)).toEqual(['sorry']);
  });

  it('reports a position gained or lost as a move', () => {
    const before = makeFlow();
    const { position: _position, ...placeless } = before.nodes[2] as WorkflowNode;
    const diff = diffDefinitions(
      before,
      replaceNode(before, 'sorry', () => placeless),
    );
    expect(diff.nodes.moved).toEqual([{ id: 'sorry', before: { x: 200, y: 300 }, after: undefined }]);
    expect(diff.nodes.changed).toEqual([]);
  });

  it('keys edges by from, port and to: a re-routed port is one edge removed and one added', () => {
    const before = makeFlow({ nodes: [...makeFlow().nodes, { id: 'note', type: 'inbox.add_comment', config: { text: 'x' } }] });
    const after: WorkflowDefinition = {
      ...before,
      edges: [
        { from: 'start', to: 'assign' },
        { from: 'assign', port: 'timeout', to: 'note' },
      ],
    };
    const diff = diffDefinitions(before, after);
    expect(diff.edges.removed).toEqual([{ from: 'assign', port: 'timeout', to: 'sorry' }]);
    expect(diff.edges.added).toEqual([{ from: 'assign', port: 'timeout', to: 'note' }]);
  });

  it('tells an edge from a port from the default output of the same node', () => {
    const before = makeFlow();
    const after: WorkflowDefinition = { ...before, edges: [{ from: 'start', port: 'out', to: 'assign' }, before.edges[1] as never] };
    const diff = diffDefinitions(before, after);
    expect(diff.edges.removed.map(edgeKey)).toEqual(['start:>assign']);
    expect(diff.edges.added.map(edgeKey)).toEqual(['start:out>assign']);
  });

  it('compares a branch node’s branches by id, down to the condition that changed', () => {
    const branches = (value: string) => [
      { id: 'vip', match: 'any', conditions: [{ path: 'contact.tags', operator: 'contains', value }] },
      { id: 'sales', match: 'any', conditions: [{ path: 'trigger.text', operator: 'contains', value: 'price' }] },
    ];
    const before = makeFlow({ nodes: [...makeFlow().nodes, { id: 'route', type: 'core.branch', config: { branches: branches('vip') } }] });
    const after = replaceNode(before, 'route', (node) => ({ ...node, config: { branches: branches('gold') } }));
    expect(diffDefinitions(before, after).nodes.changed[0]?.config).toEqual([
      { kind: 'changed', pointer: '/branches/0/conditions/0/value', before: 'vip', after: 'gold' },
    ]);
  });

  it('lists settings field by field, an absent settings object being an empty one', () => {
    const before = makeFlow({ settings: undefined });
    const after = makeFlow({ settings: { reentry: 'restart', maxSteps: 200 } });
    expect(diffDefinitions(before, after).settings).toEqual([
      { kind: 'added', pointer: '/reentry', before: undefined, after: 'restart' },
      { kind: 'added', pointer: '/maxSteps', before: undefined, after: 200 },
    ]);
    expect(diffDefinitions(makeFlow({ settings: {} }), makeFlow({ settings: undefined })).settings).toEqual([]);
  });

  it('says when the name or description changed, an empty description being none', () => {
    const diff = diffDefinitions(makeFlow(), makeFlow({ name: 'Sales', description: 'Round robin over the sales team' }));
    expect(diff.name).toEqual({ before: 'Sales round robin', after: 'Sales' });
    expect(diff.description).toEqual({ before: undefined, after: 'Round robin over the sales team' });
    expect(diffDefinitions(makeFlow({ description: '' }), makeFlow()).description).toBeUndefined();
  });

  it('lists notes added, removed, edited and moved apart', () => {
    const before = makeFlow({
      notes: [
        { id: 'n1', text: 'Ask Ana before changing', x: 0, y: 0 },
        { id: 'n2', text: 'Old', x: 10, y: 10, color: 'yellow' },
        { id: 'n3', text: 'Here', x: 10, y: 10 },
      ],
    });
    const after = makeFlow({
      notes: [
        { id: 'n1', text: 'Ask Ana before changing', x: 50, y: 0 },
        { id: 'n3', text: 'Here', x: 10, y: 10, color: 'blue', width: 300 },
        { id: 'n4', text: 'New', x: 0, y: 0 },
      ],
    });
    const diff = diffDefinitions(before, after);
    expect(diff.notes.added.map((note) => note.id)).toEqual(['n4']);
    expect(diff.notes.removed.map((note) => note.id)).toEqual(['n2']);
    expect(diff.notes.changed).toEqual([
      {
        id: 'n3',
        before: before.notes?.[2],
        after: after.notes?.[1],
        fields: [
          { kind: 'added', pointer: '/color', before: undefined, after: 'blue' },
          { kind: 'added', pointer: '/width', before: undefined, after: 300 },
        ],
      },
    ]);
    expect(diff.notes.moved).toEqual([{ id: 'n1', before: { x: 0, y: 0 }, after: { x: 50, y: 0 } }]);
  });

  it('treats a flow without notes like one with an empty list', () => {
    expect(isEmptyDiff(diffDefinitions(makeFlow({ notes: [] }), makeFlow()), { includeMoves: true })).toBe(true);
  });
});

describe('marksOf', () => {
  it('marks added and changed nodes and added edges, and draws what was removed as ghosts where it was', () => {
    const before = makeFlow();
    const after: WorkflowDefinition = {
      ...before,
      nodes: [
        before.nodes[0] as WorkflowNode,
        { ...(before.nodes[1] as WorkflowNode), config: { target: 'team', teamId: 't1', capacity: 5 } },
        { id: 'tag', type: 'inbox.update_tags', config: { add: ['busy'] }, position: { x: 200, y: 300 } },
      ],
      edges: [before.edges[0] as never, { from: 'assign', port: 'timeout', to: 'tag' }],
    };
    const marks = marksOf(diffDefinitions(before, after), before);
    expect([...marks.nodes]).toEqual([
      ['tag', 'added'],
      ['assign', 'changed'],
      ['sorry', 'removed'],
    ]);
    expect([...marks.edges]).toEqual([
      ['assign:timeout>tag', 'added'],
      ['assign:timeout>sorry', 'removed'],
    ]);
    expect(marks.ghosts).toEqual({ nodes: [before.nodes[2]], edges: [{ from: 'assign', port: 'timeout', to: 'sorry' }] });
  });

  it('marks nothing for moves alone and draws no ghosts when nothing was removed', () => {
    const before = makeFlow();
    const after = replaceNode(before, 'sorry', (node) => ({ ...node, position: { x: 1, y: 1 } }));
    const marks = marksOf(diffDefinitions(before, after), before);
    expect(marks.nodes.size).toBe(0);
    expect(marks.edges.size).toBe(0);
    expect(marks.ghosts).toBeUndefined();
  });
});
