import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../document/flow-store.ts';
import { placeBelow } from './placement.ts';

const flow: FlowDefinition = {
  name: 'Place',
  nodes: [
    { id: 'a', type: 'x.a', config: {}, position: { x: 0, y: 0 } },
    { id: 'b', type: 'x.b', config: {}, position: { x: -140, y: 170 } },
  ],
  edges: [],
};

describe('placeBelow', () => {
  it('puts a step under its port, a row down, past the cards already there', () => {
    expect(placeBelow(flow, { x: 0, y: 0 }, 1, 2)).toEqual({ x: 140, y: 170 });
    expect(placeBelow(flow, { x: 0, y: 0 }, 0, 2)).toEqual({ x: -140, y: 340 });
    expect(placeBelow(flow, { x: 0, y: 0 }, 0, 1)).toEqual({ x: 0, y: 340 });
  });
});
