import type { FlowDefinition } from '../document/flow-store.ts';
import type { Point } from '../document/operations.ts';

const LEVEL_HEIGHT = 160;
const COLUMN_WIDTH = 280;

/**
 * Where to draw nodes that have no position (a flow written by hand or through the API): by
 * depth from the nodes nothing leads to, in rows, to the right of the placed ones. Drawn only;
 * the document keeps no position until the person moves a node or runs the auto-layout.
 */
export function fallbackPositions(definition: FlowDefinition): ReadonlyMap<string, Point> {
  const missing = definition.nodes.filter((node) => node.position === undefined);
  const positions = new Map<string, Point>();
  if (missing.length === 0) return positions;
  const depth = depths(definition);
  const placed = definition.nodes.filter((node) => node.position !== undefined);
  const left = placed.length === 0 ? 0 : Math.max(...placed.map((node) => node.position?.x ?? 0)) + COLUMN_WIDTH;
  const columns = new Map<number, number>();
  for (const node of missing) {
    const level = depth.get(node.id) ?? 0;
    const column = columns.get(level) ?? 0;
    columns.set(level, column + 1);
    positions.set(node.id, { x: left + column * COLUMN_WIDTH, y: level * LEVEL_HEIGHT });
  }
  return positions;
}

function depths(definition: FlowDefinition): Map<string, number> {
  const next = new Map<string, string[]>();
  const incoming = new Set<string>();
  for (const edge of definition.edges) {
    if (edge.from === edge.to) continue;
    next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
    incoming.add(edge.to);
  }
  const depth = new Map<string, number>();
  const queue: string[] = [];
  for (const node of definition.nodes) {
    if (!incoming.has(node.id)) {
      depth.set(node.id, 0);
      queue.push(node.id);
    }
  }
  // Breadth first, each node at the depth it is first reached: a loop back does not push it down.
  for (let index = 0; index < queue.length; index += 1) {
    const id = queue[index] as string;
    const level = depth.get(id) ?? 0;
    for (const to of next.get(id) ?? []) {
      if (depth.has(to)) continue;
      depth.set(to, level + 1);
      queue.push(to);
    }
  }
  return depth;
}
