import { describe, expect, it } from 'vitest';
import { parseFragment } from './fragment.ts';

describe('parseFragment', () => {
  it('reads a fragment copied from another flow', () => {
    const text = JSON.stringify({
      switchboard: 'flow-fragment',
      nodes: [{ id: 'wait', type: 'core.wait', config: { amount: 2 }, position: { x: 1, y: 2 }, name: 'Pause' }],
      edges: [{ from: 'wait', port: 'next', to: 'wait' }],
      notes: [{ id: 'n', text: 'Hi', x: 0, y: 0, color: 'blue' }],
    });
    expect(parseFragment(text)).toEqual({
      switchboard: 'flow-fragment',
      nodes: [{ id: 'wait', type: 'core.wait', config: { amount: 2 }, position: { x: 1, y: 2 }, name: 'Pause' }],
      edges: [{ from: 'wait', port: 'next', to: 'wait' }],
      notes: [{ id: 'n', text: 'Hi', x: 0, y: 0, color: 'blue' }],
    });
  });

  it('refuses text that is not a fragment and drops malformed parts', () => {
    expect(parseFragment('hello')).toBeNull();
    expect(parseFragment('{"nodes":[]}')).toBeNull();
    const fragment = parseFragment(
      JSON.stringify({
        switchboard: 'flow-fragment',
        nodes: [{ id: 1 }, { id: 'ok', type: 'core.wait' }],
        edges: [{ from: 'ok' }],
        notes: [{ id: 'n', text: 'x', x: 0, y: 0, color: 'neon' }],
      }),
    );
    expect(fragment?.nodes).toEqual([{ id: 'ok', type: 'core.wait', config: {} }]);
    expect(fragment?.edges).toEqual([]);
    expect(fragment?.notes).toEqual([{ id: 'n', text: 'x', x: 0, y: 0 }]);
  });
});
