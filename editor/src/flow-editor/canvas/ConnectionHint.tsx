import { useConnection, useReactFlow, ViewportPortal } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../document/flow-store.ts';
import type { NodeTypeIndex } from '../node-types.ts';
import styles from './canvas.module.css';
import { connectionRefusal } from './connection-rules.ts';

/**
 * While a connection is drawn over a step it may not reach, says why, next to the pointer and
 * to a screen reader (a port already used, an edge into the trigger, a step into itself).
 */
export function ConnectionHint({ nodeTypes }: { readonly nodeTypes: NodeTypeIndex | undefined }) {
  const { t } = useTranslation('canvas');
  const definition = useFlow((state) => state.definition);
  const connection = useConnection();
  const flow = useReactFlow();
  let refusal = null;
  if (connection.inProgress && connection.toNode === null && connection.fromHandle.type === 'source') {
    // Over a card but not on an input: the trigger has none, and a card's own body is no target.
    const { x, y } = connection.to;
    const under = flow.getNodes().find((node) => {
      const internal = flow.getInternalNode(node.id);
      if (internal === undefined || node.type !== 'step') return false;
      const { x: left, y: top } = internal.internals.positionAbsolute;
      return x >= left && y >= top && x <= left + (internal.measured.width ?? 0) && y <= top + (internal.measured.height ?? 0);
    });
    if (under !== undefined)
      refusal = connectionRefusal(definition, nodeTypes, { source: connection.fromNode.id, sourceHandle: connection.fromHandle.id ?? null, target: under.id });
  } else if (connection.inProgress && connection.toNode !== null) {
    // Drawn from an input back to an output, the ends swap.
    const fromOutput = connection.fromHandle.type === 'source';
    refusal = connectionRefusal(definition, nodeTypes, {
      source: fromOutput ? connection.fromNode.id : connection.toNode.id,
      sourceHandle: fromOutput ? (connection.fromHandle.id ?? null) : (connection.toHandle?.id ?? null),
      target: fromOutput ? connection.toNode.id : connection.fromNode.id,
    });
  }
  const message = refusal === null ? '' : t(`refusals.${refusal}`);
  return (
    <>
      {connection.inProgress && message !== '' && (
        <ViewportPortal>
          <div className={styles.connectionHint} style={{ transform: `translate(${connection.to.x + 14}px, ${connection.to.y + 14}px)` }} aria-hidden="true">
            {message}
          </div>
        </ViewportPortal>
      )}
      <div role="status" className={styles.visuallyHidden}>
        {message}
      </div>
    </>
  );
}
