import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api.js';
import type { FlowDefinition } from '../document/flow-store.ts';
import type { Point } from '../document/operations.ts';
import { portsOfNode } from '../document/ports.ts';
import type { NodeTypeIndex } from '../node-types.ts';
import { resolvedPort } from './connection-rules.ts';
import { DEFAULT_CARD_SIZE } from './card-size.ts';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The flow as an ELK graph for a top-down layered layout: each card its measured size, its
 * input on top and its output ports along the bottom in the node type's order (FIXED_ORDER),
 * so `open` stays left of `closed` and the edges do not cross for nothing.
 */
export function layoutGraph(definition: FlowDefinition, nodeTypes: NodeTypeIndex, sizes: ReadonlyMap<string, Size>): ElkNode {
  const portsById = new Map<string, readonly string[]>();
  const children: ElkNode[] = definition.nodes.map((node) => {
    const nodeType = nodeTypes.get(node.type);
    const ports = nodeType === undefined ? [] : portsOfNode(node, nodeType);
    portsById.set(node.id, ports);
    const size = sizes.get(node.id) ?? DEFAULT_CARD_SIZE;
    const elkPorts: ElkPort[] = [];
    if (nodeType?.kind !== 'trigger') {
      elkPorts.push({ id: inputId(node.id), width: 1, height: 1, x: size.width / 2, y: 0, layoutOptions: { 'elk.port.side': 'NORTH', 'elk.port.index': '0' } });
    }
    ports.forEach((port, index) => {
      // ELK orders ports clockwise from the top left: along the bottom that is right to left.
      const x = ((index + 1) * size.width) / (ports.length + 1);
      elkPorts.push({
        id: portId(node.id, port),
        width: 1,
        height: 1,
        x,
        y: size.height,
        layoutOptions: { 'elk.port.side': 'SOUTH', 'elk.port.index': String(1 + ports.length - 1 - index) },
      });
    });
    return { id: node.id, width: size.width, height: size.height, ports: elkPorts, layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' } };
  });
  const ids = new Set(definition.nodes.map((node) => node.id));
  const edges: ElkExtendedEdge[] = [];
  definition.edges.forEach((edge, index) => {
    if (!ids.has(edge.from) || !ids.has(edge.to) || edge.from === edge.to) return;
    const port = resolvedPort(edge, portsById.get(edge.from) ?? []);
    const hasInput = nodeTypes.get(definition.nodes.find((node) => node.id === edge.to)?.type ?? '')?.kind !== 'trigger';
    edges.push({
      id: `e${index}`,
      sources: [port === undefined ? edge.from : portId(edge.from, port)],
      targets: [hasInput ? inputId(edge.to) : edge.to],
    });
  });
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.spacing.edgeNode': '24',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'true',
    },
    children,
    edges,
  };
}

/**
 * Node positions from a laid-out graph, moved so the flow keeps its top-left corner where it was
 * (a layout tidies the flow, it does not send it across the canvas).
 */
export function positionsOfLayout(laidOut: ElkNode, definition: FlowDefinition): Map<string, Point> {
  const positions = new Map<string, Point>();
  const children = laidOut.children ?? [];
  if (children.length === 0) return positions;
  const placed = definition.nodes.filter((node) => node.position !== undefined);
  const anchor =
    placed.length === 0
      ? { x: 0, y: 0 }
      : { x: Math.min(...placed.map((node) => node.position?.x ?? 0)), y: Math.min(...placed.map((node) => node.position?.y ?? 0)) };
  const minX = Math.min(...children.map((child) => child.x ?? 0));
  const minY = Math.min(...children.map((child) => child.y ?? 0));
  for (const child of children) {
    positions.set(child.id, { x: Math.round((child.x ?? 0) - minX + anchor.x), y: Math.round((child.y ?? 0) - minY + anchor.y) });
  }
  return positions;
}

// Node ids and port names never hold ':' or '>', so these ids cannot clash.
function portId(nodeId: string, port: string): string {
  return `${nodeId}:${port}`;
}

function inputId(nodeId: string): string {
  return `${nodeId}>in`;
}
