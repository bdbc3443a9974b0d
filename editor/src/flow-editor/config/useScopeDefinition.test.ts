import type { WorkflowDefinition } from '@switchboard/engine/graph';
import { produce } from 'immer';
import type { FlowDraft } from '../document/flow-store.ts';
import { describe, expect, it } from 'vitest';
import { sameForScope } from './useScopeDefinition.ts';

const definition: WorkflowDefinition = {
  name: 'Flow',
  nodes: [
    { id: 'start', type: 'core.manual', config: {}, position: { x: 0, y: 0 } },
    { id: 'set', type: 'core.set_variable', config: { assignments: [] }, position: { x: 0, y: 160 } },
  ],
  edges: [{ from: 'start', to: 'set' }],
};

describe('sameForScope', () => {
  it('sees no change for the scope when a card moves', () => {
    const moved = produce(definition, (draft) => {
      const node = draft.nodes[1];
      if (node !== undefined) node.position = { x: 40, y: 200 };
    });
    expect(moved).not.toBe(definition);
    expect(sameForScope(definition, moved)).toBe(true);
  });

  it('sees a change of a config, a name or an edge', () => {
    const changed = (recipe: (draft: FlowDraft) => void) => sameForScope(definition, produce(definition, recipe));
    expect(
      changed((draft) => {
        if (draft.nodes[1] !== undefined) draft.nodes[1].config['x'] = 1;
      }),
    ).toBe(false);
    expect(
      changed((draft) => {
        if (draft.nodes[1] !== undefined) draft.nodes[1].name = 'Plan';
      }),
    ).toBe(false);
    expect(
      changed((draft) => {
        draft.edges.pop();
      }),
    ).toBe(false);
  });
});
