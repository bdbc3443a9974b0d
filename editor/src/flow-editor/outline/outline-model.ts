import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from '@switchboard/engine/graph';
import { portLabel, portsOfNode } from '../document/ports.ts';
import type { NodeType } from '../node-types.ts';
import { type NodeLabel, nodeLabel } from '../versions/node-label.ts';

export interface NodeTypeLookup {
  get(type: string): NodeType | undefined;
}

/** One output of a step and where it leads. */
export interface OutlinePort {
  /** The port's name as edges name it; undefined for an edge that names none on a node whose ports are unknown. */
  readonly name: string | undefined;
  /** What the canvas calls it ("Assigned", a branch's name). */
  readonly label: string;
  /** The edge that leaves by it, if any. */
  readonly edge: WorkflowEdge | undefined;
  /** Where it leads, or undefined for nowhere. */
  readonly target: NodeLabel | undefined;
  /** An edge from a port the node type does not have (a renamed branch): shown so nothing hides. */
  readonly isUnknown: boolean;
}

export interface OutlineStep {
  readonly node: WorkflowNode;
  readonly label: NodeLabel;
  readonly nodeType: NodeType | undefined;
  readonly isTrigger: boolean;
  /** The ports in the node type's order, then edges from ports it does not know. */
  readonly ports: readonly OutlinePort[];
  /** The node's port names, for `connect`'s single-port rule. */
  readonly portNames: readonly string[];
}

export interface Outline {
  readonly triggers: readonly OutlineStep[];
  /** Reachable from a trigger, breadth first, each port's target in port order. */
  readonly steps: readonly OutlineStep[];
  /** Not reachable from any trigger, in the document's order. */
  readonly unconnected: readonly OutlineStep[];
}

/**
 * The flow as text: the trigger, then the steps in the order a run meets them (breadth first
 * from the trigger, following ports in order), then the steps no run reaches. Each step lists
 * its ports and where each goes.
 *
 * @example
 * outlineOf(definition, nodeTypes).steps.map((step) => step.label.title) // ['Business hours', 'Send message']
 */
export function outlineOf(definition: WorkflowDefinition, nodeTypes: NodeTypeLookup | undefined): Outline {
  const byId = new Map(definition.nodes.map((node) => [node.id, node]));
  const edgesFrom = new Map<string, WorkflowEdge[]>();
  for (const edge of definition.edges) {
    const list = edgesFrom.get(edge.from) ?? [];
    list.push(edge);
    edgesFrom.set(edge.from, list);
  }
  const labelOf = (node: WorkflowNode) => nodeLabel(node, nodeTypes?.get(node.type), definition.nodes);
  const stepOf = (node: WorkflowNode): OutlineStep => {
    const nodeType = nodeTypes?.get(node.type);
    const portNames = nodeType === undefined ? [] : portsOfNode(node, nodeType);
    const edges = edgesFrom.get(node.id) ?? [];
    const used = new Set<WorkflowEdge>();
    const target = (edge: WorkflowEdge | undefined) => {
      const to = edge === undefined ? undefined : byId.get(edge.to);
      return to === undefined ? undefined : labelOf(to);
    };
    const ports: OutlinePort[] = portNames.map((name) => {
      const edge = edges.find((each) => !used.has(each) && (each.port === name || (each.port === undefined && portNames.length === 1)));
      if (edge !== undefined) used.add(edge);
      return { name, label: nodeType === undefined ? name : portLabel(nodeType, node, name), edge, target: target(edge), isUnknown: false };
    });
    for (const edge of edges) {
      if (used.has(edge)) continue;
      // While node types load every edge is listed by its own port name; afterwards only strays are.
      ports.push({ name: edge.port, label: edge.port ?? '', edge, target: target(edge), isUnknown: nodeType !== undefined });
    }
    return { node, label: labelOf(node), nodeType, isTrigger: nodeType?.kind === 'trigger', ports, portNames };
  };

  const triggerNodes = definition.nodes.filter((node) => nodeTypes?.get(node.type)?.kind === 'trigger');
  const triggers = triggerNodes.map(stepOf);
  const seen = new Set(triggerNodes.map((node) => node.id));
  const steps: OutlineStep[] = [];
  const queue = [...triggers];
  for (let index = 0; index < queue.length; index += 1) {
    for (const port of (queue[index] as OutlineStep).ports) {
      const next = port.edge === undefined ? undefined : byId.get(port.edge.to);
      if (next === undefined || seen.has(next.id)) continue;
      seen.add(next.id);
      const step = stepOf(next);
      steps.push(step);
      queue.push(step);
    }
  }
  const unconnected = definition.nodes.filter((node) => !seen.has(node.id)).map(stepOf);
  return { triggers, steps, unconnected };
}
