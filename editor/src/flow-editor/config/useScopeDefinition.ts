import { useRef } from 'react';
import type { FlowDefinition } from '../document/flow-store.ts';
import { useFlow } from '../document/flow-store.ts';

/**
 * The flow as the template scope reads it, kept the same object while nothing the scope depends
 * on changes: moving a card on the canvas (a new definition each frame of the drag) leaves the
 * scope, and so the form, alone. The store's immer snapshots keep unchanged nodes, configs and
 * the edge list as the same objects, so comparing them by identity is enough.
 */
export function useScopeDefinition(): FlowDefinition {
  const definition = useFlow((state) => state.definition);
  const kept = useRef(definition);
  if (!sameForScope(kept.current, definition)) kept.current = definition;
  return kept.current;
}

export function sameForScope(a: FlowDefinition, b: FlowDefinition): boolean {
  if (a === b) return true;
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((node, index) => {
    const other = b.nodes[index];
    return other !== undefined && node.id === other.id && node.type === other.type && node.name === other.name && node.config === other.config;
  });
}
