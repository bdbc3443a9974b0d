import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowStore } from '../document/flow-store.ts';
import { addNode, connect, disconnect, findNode, removeNodes, spliceIntoEdge } from '../document/operations.ts';
import { portsOfNode } from '../document/ports.ts';
import type { NodeType } from '../node-types.ts';
import { placeBelow } from '../canvas/placement.ts';
import type { OutlinePort, OutlineStep } from './outline-model.ts';

export interface OutlineActions {
  /**
   * Adds a step of `nodeType` after `port` of `step` and returns its id. A port that led somewhere
   * keeps leading there, through the new step's first port (the step is spliced in).
   */
  addAfter(step: OutlineStep, port: OutlinePort, nodeType: NodeType): string | undefined;
  /** Adds a trigger to a flow that has none and returns its id. */
  addTrigger(nodeType: NodeType): string;
  /** Sends `port` to `targetId`, or nowhere when it is null. */
  setTarget(step: OutlineStep, port: OutlinePort, targetId: string | null): void;
  rename(step: OutlineStep, name: string): void;
  remove(step: OutlineStep): void;
  /** Selects the step and asks the config panel to open it. */
  openSettings(step: OutlineStep): void;
}

/** The outline's edits, each one undo step through the store's `change`, made of the canvas's operations. */
export function useOutlineActions(): OutlineActions {
  const { t } = useTranslation('outline');
  const store = useFlowStore();
  return useMemo(() => {
    const change = store.getState().change;
    return {
      addAfter(step, port, nodeType) {
        if (port.name === undefined) return undefined;
        let added: string | undefined;
        // Below the port, as the canvas's "+" places it; the outline has no canvas to drop on.
        const portIndex = Math.max(0, step.portNames.indexOf(port.name));
        const position = placeBelow(store.getState().definition, step.node.position ?? { x: 0, y: 0 }, portIndex, Math.max(1, step.portNames.length));
        change(t('undo.addStep', { type: nodeType.title }), (draft) => {
          const id = addNode(draft, { type: nodeType.type, config: {}, position });
          const [firstPort] = portsOfNode({ id, type: nodeType.type, config: {} }, nodeType);
          if (port.edge === undefined) connect(draft, { from: step.node.id, port: port.name as string, to: id }, { sourcePorts: step.portNames });
          else spliceIntoEdge(draft, port.edge, id, firstPort);
          added = id;
        });
        return added;
      },

      addTrigger(nodeType) {
        let added = '';
        change(t('undo.addTrigger', { type: nodeType.title }), (draft) => {
          added = addNode(draft, { type: nodeType.type, config: {}, position: { x: 0, y: 0 } });
        });
        return added;
      },

      setTarget(step, port, targetId) {
        // Arrowing through a select changes it at every step: one undo step for the lot.
        change(
          t('undo.connect'),
          (draft) => {
            if (port.edge !== undefined) disconnect(draft, port.edge);
            if (targetId !== null && port.name !== undefined)
              connect(draft, { from: step.node.id, port: port.name, to: targetId }, { sourcePorts: step.portNames });
          },
          { coalesce: `outline:port:${step.node.id}:${port.name ?? ''}` },
        );
      },

      rename(step, name) {
        change(t('undo.rename'), (draft) => {
          const node = findNode(draft, step.node.id);
          if (node === undefined) return;
          const trimmed = name.trim();
          if (trimmed === '') delete node.name;
          else node.name = trimmed;
        });
      },

      remove(step) {
        change(t('undo.remove', { name: step.label.title }), (draft) => removeNodes(draft, [step.node.id]));
      },

      openSettings(step) {
        const state = store.getState();
        state.select({ nodeIds: [step.node.id], noteIds: [] });
        state.requestFocus(step.node.id);
      },
    };
  }, [store, t]);
}
