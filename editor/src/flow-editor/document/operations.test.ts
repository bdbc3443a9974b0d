import { type Draft, produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from './flow-store.ts';
import { copyFragment } from './fragment.ts';
import { addNote, connect, disconnect, duplicate, newNodeId, pasteFragment, removeNodes, removeNotes, spliceIntoEdge, updateNote } from './operations.ts';

const flow: FlowDefinition = {
  name: 'Support',
  nodes: [
    { id: 'opened', type: 'inbox.conversation_opened', config: {}, position: { x: 0, y: 0 } },
    { id: 'hours', type: 'core.business_hours', config: {}, position: { x: 0, y: 160 } },
    { id: 'assign', type: 'inbox.assign_to', config: { capacity: 3 }, position: { x: -200, y: 320 } },
    { id: 'assign_2', type: 'inbox.assign_to', config: {}, position: { x: 200, y: 320 } },
  ],
  edges: [
    { from: 'opened', to: 'hours' },
    { from: 'hours', port: 'open', to: 'assign' },
    { from: 'hours', port: 'closed', to: 'assign_2' },
  ],
  notes: [{ id: 'note', text: 'Hi', x: 300, y: 0 }],
};

const edit = (recipe: (draft: Draft<FlowDefinition>) => void) => produce(flow, recipe);

describe('newNodeId', () => {
  it('names a node after its type, numbering repeats', () => {
    expect(newNodeId(flow, 'core.wait')).toBe('wait');
    expect(newNodeId(flow, 'inbox.assign_to')).toBe('assign_to');
    expect(newNodeId({ nodes: [{ id: 'assign_to', type: 'inbox.assign_to', config: {} }] }, 'inbox.assign_to')).toBe('assign_to_2');
  });
});

describe('connect', () => {
  it('replaces the edge the port had, since a port leads to one node', () => {
    const next = edit((draft) => connect(draft, { from: 'hours', port: 'open', to: 'assign_2' }));
    expect(next.edges).toEqual([
      { from: 'opened', to: 'hours' },
      { from: 'hours', port: 'open', to: 'assign_2' },
      { from: 'hours', port: 'closed', to: 'assign_2' },
    ]);
  });

  it('treats an unnamed edge of a single-port node as that port', () => {
    const next = edit((draft) => connect(draft, { from: 'opened', to: 'assign' }, { sourcePorts: ['next'] }));
    expect(next.edges[0]).toEqual({ from: 'opened', port: 'next', to: 'assign' });
    expect(next.edges).toHaveLength(3);
  });

  it('changes nothing when the edge is there already', () => {
    expect(edit((draft) => connect(draft, { from: 'hours', port: 'open', to: 'assign' }))).toBe(flow);
  });
});

describe('disconnect and removeNodes', () => {
  it('removes one edge', () => {
    expect(edit((draft) => disconnect(draft, { from: 'hours', port: 'open', to: 'assign' })).edges).toHaveLength(2);
  });

  it('removes nodes with every edge into or out of them', () => {
    const next = edit((draft) => removeNodes(draft, ['hours']));
    expect(next.nodes.map((node) => node.id)).toEqual(['opened', 'assign', 'assign_2']);
    expect(next.edges).toEqual([]);
  });
});

describe('spliceIntoEdge', () => {
  it('puts a node between the ends of an edge, keeping the port it left by', () => {
    const next = edit((draft) => {
      draft.nodes.push({ id: 'wait', type: 'core.wait', config: {} });
      spliceIntoEdge(draft, { from: 'hours', port: 'open', to: 'assign' }, 'wait', 'next');
    });
    expect(next.edges).toContainEqual({ from: 'hours', port: 'open', to: 'wait' });
    expect(next.edges).toContainEqual({ from: 'wait', port: 'next', to: 'assign' });
    expect(next.edges).not.toContainEqual({ from: 'hours', port: 'open', to: 'assign' });
  });
});

describe('pasteFragment', () => {
  it('renames clashing ids, rewires the edges between pasted nodes and drops the rest', () => {
    const fragment = copyFragment(flow, { nodeIds: ['hours', 'assign'], noteIds: ['note'] });
    expect(fragment.edges).toEqual([{ from: 'hours', port: 'open', to: 'assign' }]);
    let pasted = { nodeIds: [] as readonly string[], noteIds: [] as readonly string[] };
    const next = edit((draft) => {
      pasted = pasteFragment(draft, fragment, { at: { x: 1000, y: 1000 } });
    });
    expect(pasted).toEqual({ nodeIds: ['hours_2', 'assign_3'], noteIds: ['note_2'] });
    expect(next.edges.at(-1)).toEqual({ from: 'hours_2', port: 'open', to: 'assign_3' });
    // The fragment's top-left corner (x -200 of assign, y 0 of the note) lands at the point.
    expect(next.nodes.find((node) => node.id === 'hours_2')?.position).toEqual({ x: 1200, y: 1160 });
    expect(next.nodes.find((node) => node.id === 'assign_3')?.position).toEqual({ x: 1000, y: 1320 });
    expect(next.notes?.at(-1)).toMatchObject({ id: 'note_2', x: 1500, y: 1000, text: 'Hi' });
  });

  it('keeps ids that are free and leaves out refused nodes', () => {
    const fragment = {
      switchboard: 'flow-fragment' as const,
      nodes: [
        { id: 'other_trigger', type: 'inbox.conversation_opened', config: {} },
        { id: 'fresh', type: 'core.wait', config: {} },
      ],
      edges: [{ from: 'other_trigger', to: 'fresh' }],
      notes: [],
    };
    const next = edit((draft) => {
      pasteFragment(draft, fragment, { keepNode: (node) => node.type !== 'inbox.conversation_opened' });
    });
    expect(next.nodes.map((node) => node.id)).toEqual(['opened', 'hours', 'assign', 'assign_2', 'fresh']);
    expect(next.edges).toHaveLength(3);
  });

  it('duplicates a selection beside itself', () => {
    const next = edit((draft) => {
      duplicate(draft, copyFragment(flow, { nodeIds: ['assign'], noteIds: [] }));
    });
    expect(next.nodes.at(-1)).toMatchObject({ id: 'assign_3', config: { capacity: 3 }, position: { x: -160, y: 360 } });
  });
});

describe('notes', () => {
  it('adds, edits and removes a sticky note', () => {
    let id = '';
    const added = edit((draft) => {
      id = addNote(draft, { x: 10.4, y: 20, color: 'blue' });
    });
    expect(added.notes?.at(-1)).toEqual({ id: 'note_2', text: '', x: 10, y: 20, width: 240, height: 160, color: 'blue' });
    const edited = produce(added, (draft) => updateNote(draft, id, { text: 'Remember', width: 300, color: 'green' }));
    expect(edited.notes?.at(-1)).toMatchObject({ text: 'Remember', width: 300, color: 'green' });
    expect(produce(edited, (draft) => removeNotes(draft, [id])).notes).toEqual(flow.notes);
  });
});
