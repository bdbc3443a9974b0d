import type { WorkflowEdge } from '@switchboard/engine/graph';

/**
 * An edge's key, unique in a definition since a port leads to one node: `from:port>to`, with an
 * empty port for an edge that names none.
 *
 * @example
 * edgeKey({ from: 'hours', port: 'open', to: 'assign' }) // 'hours:open>assign'
 */
export function edgeKey(edge: WorkflowEdge): string {
  return `${edge.from}:${edge.port ?? ''}>${edge.to}`;
}
