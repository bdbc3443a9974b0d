import type { WorkflowNode } from '@switchboard/engine/graph';
import type { NodeType } from '../node-types.ts';

/** How a node is called in lists and diffs. */
export interface NodeLabel {
  readonly id: string;
  /** Its name; else its type's title, with its id when another node would read the same. */
  readonly title: string;
  /** Its type's title (its type id while node types load or for an unknown type). */
  readonly typeTitle: string;
  /** Whether `title` is a name the person gave it (then show `typeTitle` beside it). */
  readonly isNamed: boolean;
}

/**
 * A node's label among `nodes` (the definition it is in): "Sales" (named) or "Send message", and
 * "Send message (send_message_2)" when two unnamed steps of one type would read the same.
 *
 * @example
 * nodeLabel({ id: 'assign', type: 'inbox.assign_to', config: {}, name: 'Sales' }, assignType, nodes) // { title: 'Sales', typeTitle: 'Assign to', isNamed: true, … }
 */
export function nodeLabel(node: WorkflowNode, nodeType: NodeType | undefined, nodes: readonly WorkflowNode[]): NodeLabel {
  const typeTitle = nodeType?.title ?? node.type;
  const name = node.name?.trim() ?? '';
  if (name !== '') {
    const clash = nodes.some((other) => other.id !== node.id && other.name?.trim() === name);
    return { id: node.id, title: clash ? `${name} (${node.id})` : name, typeTitle, isNamed: true };
  }
  const clash = nodes.some((other) => other.id !== node.id && other.type === node.type && (other.name?.trim() ?? '') === '');
  return { id: node.id, title: clash ? `${typeTitle} (${node.id})` : typeTitle, typeTitle, isNamed: false };
}
