import type { FlowDefinition } from '../document/flow-store.ts';
import type { Point } from '../document/operations.ts';
import { DEFAULT_CARD_SIZE } from './card-size.ts';

/** Vertical room from a card's top to the next card's top. */
export const ROW_HEIGHT = 170;
const COLUMN_WIDTH = 280;

/**
 * Where a step added after port `portIndex` of `count` ports goes: a row below its source, under
 * that port (left ports to the left), moved down past any card already there.
 */
export function placeBelow(definition: FlowDefinition, source: Point, portIndex: number, count: number): Point {
  return freeSpot(definition, { x: source.x + (portIndex - (count - 1) / 2) * COLUMN_WIDTH, y: source.y + ROW_HEIGHT });
}

/** `point`, or the first place below it where no card overlaps. */
export function freeSpot(definition: FlowDefinition, point: Point): Point {
  let y = point.y;
  for (let tries = 0; tries < 50; tries += 1) {
    const taken = definition.nodes.some(
      (node) =>
        node.position !== undefined &&
        Math.abs(node.position.x - point.x) < DEFAULT_CARD_SIZE.width &&
        Math.abs(node.position.y - y) < DEFAULT_CARD_SIZE.height + 20,
    );
    if (!taken) break;
    y += ROW_HEIGHT;
  }
  return { x: Math.round(point.x), y: Math.round(y) };
}
