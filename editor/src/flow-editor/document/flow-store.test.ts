import { describe, expect, it } from 'vitest';
import { COALESCE_MS, createFlowStore, type FlowDefinition } from './flow-store.ts';
import { addNode, connect, findNode, moveNodes, pasteFragment, spliceIntoEdge } from './operations.ts';
import { copyFragment } from './fragment.ts';

const flow: FlowDefinition = {
  name: 'Support',
  nodes: [
    { id: 'opened', type: 'inbox.conversation_opened', config: {}, position: { x: 0, y: 0 } },
    { id: 'assign', type: 'inbox.assign_to', config: { target: 'team', capacity: 3 }, position: { x: 0, y: 160 } },
  ],
  edges: [{ from: 'opened', to: 'assign' }],
};

function storeWithClock(definition = flow) {
  let time = 1_000_000;
  const store = createFlowStore(definition, { now: () => time });
  return { store, tick: (ms: number) => (time += ms) };
}

describe('createFlowStore', () => {
  it('undoes and redoes adding and connecting a step as one change', () => {
    const { store } = storeWithClock();
    store.getState().change('Add step', (draft) => {
      const id = addNode(draft, { type: 'core.wait', config: {}, position: { x: 0, y: 320 } });
      connect(draft, { from: 'assign', port: 'timeout', to: id });
    });
    expect(store.getState().definition.nodes.map((node) => node.id)).toEqual(['opened', 'assign', 'wait']);
    expect(store.getState().definition.edges).toContainEqual({ from: 'assign', port: 'timeout', to: 'wait' });
    expect(store.getState()).toMatchObject({ canUndo: true, undoLabel: 'Add step', canRedo: false });

    store.getState().undo();
    expect(store.getState().definition).toEqual(flow);
    expect(store.getState()).toMatchObject({ canUndo: false, canRedo: true, redoLabel: 'Add step', undoLabel: null });

    store.getState().redo();
    expect(store.getState().definition.nodes).toHaveLength(3);
    expect(store.getState().definition.edges).toHaveLength(2);
  });

  it('undoes a splice back to the edge it split', () => {
    const { store } = storeWithClock();
    store.getState().change('Insert step', (draft) => {
      const id = addNode(draft, { type: 'core.wait', config: {} });
      spliceIntoEdge(draft, { from: 'opened', to: 'assign' }, id, 'next');
    });
    expect(store.getState().definition.edges).toEqual([
      { from: 'opened', to: 'wait' },
      { from: 'wait', port: 'next', to: 'assign' },
    ]);
    store.getState().undo();
    expect(store.getState().definition.edges).toEqual(flow.edges);
    store.getState().redo();
    expect(store.getState().definition.edges).toHaveLength(2);
  });

  it('undoes a paste and redoes it with the same renamed ids', () => {
    const { store } = storeWithClock();
    const fragment = copyFragment(store.getState().definition, { nodeIds: ['opened', 'assign'], noteIds: [] });
    store.getState().change('Paste', (draft) => {
      pasteFragment(draft, fragment, { offset: { x: 40, y: 40 } });
    });
    const pasted = store.getState().definition;
    expect(pasted.nodes.map((node) => node.id)).toEqual(['opened', 'assign', 'opened_2', 'assign_2']);
    store.getState().undo();
    expect(store.getState().definition).toEqual(flow);
    store.getState().redo();
    expect(store.getState().definition).toEqual(pasted);
  });

  it('undoes a move and a config edit separately', () => {
    const { store, tick } = storeWithClock();
    store.getState().change('Move step', (draft) => moveNodes(draft, new Map([['assign', { x: 200, y: 300 }]])));
    tick(10);
    store.getState().change(
      'Edit capacity',
      (draft) => {
        const node = findNode(draft, 'assign');
        if (node !== undefined) node.config['capacity'] = 5;
      },
      { coalesce: 'config:assign:/capacity' },
    );
    store.getState().undo();
    expect(store.getState().definition.nodes[1]).toMatchObject({ position: { x: 200, y: 300 }, config: { capacity: 3 } });
    store.getState().undo();
    expect(store.getState().definition.nodes[1]?.position).toEqual({ x: 0, y: 160 });
  });

  it('coalesces edits with the same key within a second into one undo step', () => {
    const { store, tick } = storeWithClock();
    const type = (text: string) =>
      store.getState().change(
        'Rename step',
        (draft) => {
          const node = findNode(draft, 'assign');
          if (node !== undefined) node.name = text;
        },
        { coalesce: 'name:assign' },
      );
    type('S');
    tick(300);
    type('Sa');
    tick(300);
    type('Sales');
    expect(store.getState().changeCount).toBe(3);
    store.getState().undo();
    expect(store.getState().definition.nodes[1]?.name).toBeUndefined();
    expect(store.getState().canUndo).toBe(false);
    store.getState().redo();
    expect(store.getState().definition.nodes[1]?.name).toBe('Sales');
  });

  it('starts a new undo step after a pause, another key, or an undo', () => {
    const { store, tick } = storeWithClock();
    const setCapacity = (capacity: number, key = 'config:assign:/capacity') =>
      store.getState().change(
        'Edit capacity',
        (draft) => {
          const node = findNode(draft, 'assign');
          if (node !== undefined) node.config['capacity'] = capacity;
        },
        { coalesce: key },
      );
    setCapacity(4);
    tick(COALESCE_MS + 1);
    setCapacity(5);
    tick(10);
    setCapacity(6, 'config:assign:/other');
    store.getState().undo();
    expect(store.getState().definition.nodes[1]?.config['capacity']).toBe(5);
    setCapacity(7);
    store.getState().undo();
    expect(store.getState().definition.nodes[1]?.config['capacity']).toBe(5);
    store.getState().undo();
    expect(store.getState().definition.nodes[1]?.config['capacity']).toBe(4);
    store.getState().undo();
    expect(store.getState().definition.nodes[1]?.config['capacity']).toBe(3);
  });

  it('records nothing for a change that changes nothing', () => {
    const { store } = storeWithClock();
    store.getState().change('Move step', (draft) => moveNodes(draft, new Map([['assign', { x: 0, y: 160 }]])));
    expect(store.getState()).toMatchObject({ canUndo: false, changeCount: 0 });
    expect(store.getState().definition).toBe(flow);
  });

  it('counts every change, undo and redo, and clears the redo steps on a new change', () => {
    const { store } = storeWithClock();
    store.getState().change('Move step', (draft) => moveNodes(draft, new Map([['assign', { x: 10, y: 10 }]])));
    store.getState().undo();
    store.getState().redo();
    expect(store.getState().changeCount).toBe(3);
    store.getState().undo();
    store.getState().change('Move step', (draft) => moveNodes(draft, new Map([['opened', { x: 10, y: 10 }]])));
    expect(store.getState()).toMatchObject({ canRedo: false, redoLabel: null, changeCount: 5 });
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().changeCount).toBe(6);
  });

  it('forgets the history on reset without counting it as a change', () => {
    const { store } = storeWithClock();
    store.getState().change('Move step', (draft) => moveNodes(draft, new Map([['assign', { x: 10, y: 10 }]])));
    store.getState().undo();
    const loaded: FlowDefinition = { ...flow, name: 'Reloaded' };
    store.getState().reset(loaded);
    expect(store.getState()).toMatchObject({ definition: loaded, canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, changeCount: 2 });
    store.getState().undo();
    expect(store.getState().definition).toBe(loaded);
  });

  it('keeps the definition immutable', () => {
    const { store } = storeWithClock();
    const before = store.getState().definition;
    store.getState().change('Move step', (draft) => moveNodes(draft, new Map([['assign', { x: 10, y: 10 }]])));
    expect(before.nodes[1]?.position).toEqual({ x: 0, y: 160 });
    expect(Object.isFrozen(store.getState().definition.nodes)).toBe(true);
    // An unchanged node keeps its identity, so memoised cards skip it.
    expect(store.getState().definition.nodes[0]).toBe(before.nodes[0]);
  });

  it('drops selected ids that an undo removed', () => {
    const { store } = storeWithClock();
    store.getState().change('Add step', (draft) => {
      addNode(draft, { type: 'core.wait' });
    });
    store.getState().select({ nodeIds: ['wait', 'assign', 'missing'] });
    expect(store.getState().selection.nodeIds).toEqual(['wait', 'assign']);
    store.getState().undo();
    expect(store.getState().selection).toEqual({ nodeIds: ['assign'], noteIds: [] });
  });

  it('numbers focus requests so the same node can be asked for twice', () => {
    const { store } = storeWithClock();
    store.getState().requestFocus('assign', '/capacity');
    store.getState().requestFocus('assign');
    expect(store.getState().focusRequest).toEqual({ nodeId: 'assign', seq: 2 });
  });

  it('keeps problems until they are set again, outside the history', () => {
    const { store } = storeWithClock();
    const problems = new Map([['assign', [{ field: '/capacity', message: 'Too big', code: 'CONFIG_INVALID' }]]]);
    store.getState().setProblems(problems, []);
    expect(store.getState().problemsByNode.get('assign')).toHaveLength(1);
    expect(store.getState().canUndo).toBe(false);
  });
});
