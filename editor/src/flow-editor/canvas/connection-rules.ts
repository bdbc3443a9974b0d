import type { WorkflowEdge, WorkflowNode } from '@switchboard/engine/graph';
import type { FlowDefinition } from '../document/flow-store.ts';
import { portsOfNode } from '../document/ports.ts';
import type { NodeType, NodeTypeIndex } from '../node-types.ts';

/** Why a connection the person is drawing would be refused; each has its sentence in the strings. */
export type ConnectionRefusal = 'selfLoop' | 'intoTrigger' | 'portUsed' | 'unknownPort' | 'unknownNode';

export interface ProposedConnection {
  readonly source: string;
  /** The source's port (the handle id); null for a node whose handle has none. */
  readonly sourceHandle: string | null;
  readonly target: string;
}

/**
 * Checks a connection against the rules publishing enforces, so the canvas refuses it while it
 * is drawn instead of the problems list reporting it afterwards: a port leads to one node, a
 * trigger has no input, a step does not lead to itself, the port exists.
 */
export function connectionRefusal(definition: FlowDefinition, nodeTypes: NodeTypeIndex | undefined, connection: ProposedConnection): ConnectionRefusal | null {
  if (connection.source === connection.target) return 'selfLoop';
  const source = definition.nodes.find((node) => node.id === connection.source);
  const target = definition.nodes.find((node) => node.id === connection.target);
  if (source === undefined || target === undefined) return 'unknownNode';
  const targetType = nodeTypes?.get(target.type);
  if (targetType?.kind === 'trigger') return 'intoTrigger';
  const sourceType = nodeTypes?.get(source.type);
  if (sourceType === undefined) return 'unknownPort';
  const ports = portsOfNode(source, sourceType);
  const port = connection.sourceHandle ?? (ports.length === 1 ? ports[0] : undefined);
  if (port === undefined || !ports.includes(port)) return 'unknownPort';
  if (targetOfPort(definition.edges, source.id, port, ports) !== undefined) return 'portUsed';
  return null;
}

/** The node a port leads to, if any; an edge naming no port is the port of a single-port node. */
export function targetOfPort(edges: readonly WorkflowEdge[], nodeId: string, port: string, ports: readonly string[]): string | undefined {
  for (const edge of edges) {
    if (edge.from === nodeId && resolvedPort(edge, ports) === port) return edge.to;
  }
  return undefined;
}

/** The port an edge leaves by: its own, or the single port of its source. */
export function resolvedPort(edge: WorkflowEdge, ports: readonly string[]): string | undefined {
  return edge.port ?? (ports.length === 1 ? ports[0] : undefined);
}

/** Whether adding a node of this type would make a second trigger. */
export function wouldBeSecondTrigger(definition: FlowDefinition, nodeTypes: NodeTypeIndex, nodeType: NodeType): boolean {
  return nodeType.kind === 'trigger' && definition.nodes.some((node: WorkflowNode) => nodeTypes.get(node.type)?.kind === 'trigger');
}
