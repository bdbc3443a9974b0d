import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../document/flow-store.ts';
import { layoutGraph, positionsOfLayout } from './layout-graph.ts';
import { testNodeTypes } from './test-node-types.ts';

const flow: FlowDefinition = {
  name: 'Layout',
  nodes: [
    { id: 'opened', type: 'inbox.conversation_opened', config: {}, position: { x: 100, y: 50 } },
    { id: 'assign', type: 'inbox.assign_to', config: {}, position: { x: 900, y: 900 } },
    // Listed in the opposite order of the ports they hang from.
    { id: 'on_timeout', type: 'core.wait', config: {}, position: { x: -500, y: 30 } },
    { id: 'on_assigned', type: 'core.wait', config: {}, position: { x: 500, y: 30 } },
  ],
  edges: [
    { from: 'opened', to: 'assign' },
    { from: 'assign', port: 'timeout', to: 'on_timeout' },
    { from: 'assign', port: 'assigned', to: 'on_assigned' },
  ],
};

describe('layoutGraph', () => {
  it('lays the flow out top-down keeping port order, from the flow’s top-left corner', async () => {
    const laidOut = await new ELK().layout(layoutGraph(flow, testNodeTypes, new Map()));
    const positions = positionsOfLayout(laidOut, flow);
    const at = (id: string) => positions.get(id) ?? { x: Number.NaN, y: Number.NaN };
    expect(at('opened').y).toBeLessThan(at('assign').y);
    expect(at('assign').y).toBeLessThan(at('on_assigned').y);
    // `assigned` is the first port, drawn left of `timeout`: its step lands on the left.
    expect(at('on_assigned').x).toBeLessThan(at('on_timeout').x);
    expect(Math.min(...[...positions.values()].map((point) => point.x))).toBe(-500);
    expect(Math.min(...[...positions.values()].map((point) => point.y))).toBe(30);
  });

  it('gives the trigger no input port and every step one', () => {
    const graph = layoutGraph(flow, testNodeTypes, new Map([['assign', { width: 300, height: 120 }]]));
    expect(graph.children?.[0]?.ports?.map((port) => port.id)).toEqual(['opened:next']);
    expect(graph.children?.[1]).toMatchObject({ width: 300, height: 120 });
    expect(graph.children?.[1]?.ports?.map((port) => port.id)).toEqual(['assign>in', 'assign:assigned', 'assign:timeout']);
  });
});
