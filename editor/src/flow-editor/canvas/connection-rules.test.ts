import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../document/flow-store.ts';
import { connectionRefusal } from './connection-rules.ts';
import { testNodeTypes } from './test-node-types.ts';

const flow: FlowDefinition = {
  name: 'Rules',
  nodes: [
    { id: 'opened', type: 'inbox.conversation_opened', config: {} },
    { id: 'assign', type: 'inbox.assign_to', config: {} },
    { id: 'wait', type: 'core.wait', config: {} },
  ],
  edges: [
    { from: 'opened', to: 'assign' },
    { from: 'assign', port: 'assigned', to: 'wait' },
  ],
};

const check = (source: string, sourceHandle: string | null, target: string) => connectionRefusal(flow, testNodeTypes, { source, sourceHandle, target });

describe('connectionRefusal', () => {
  it('accepts a free port into a step', () => {
    expect(check('assign', 'timeout', 'wait')).toBeNull();
    expect(check('wait', 'next', 'assign')).toBeNull();
  });

  it('refuses a port that already leads somewhere, an unnamed single port included', () => {
    expect(check('assign', 'assigned', 'assign')).toBe('selfLoop');
    expect(check('assign', 'assigned', 'opened')).toBe('intoTrigger');
    expect(check('assign', 'assigned', 'wait')).toBe('portUsed');
    expect(check('opened', 'next', 'wait')).toBe('portUsed');
  });

  it('refuses an edge into a trigger, a self-loop and a port the node does not have', () => {
    expect(check('wait', 'next', 'opened')).toBe('intoTrigger');
    expect(check('wait', 'next', 'wait')).toBe('selfLoop');
    expect(check('wait', 'received', 'assign')).toBe('unknownPort');
    expect(check('ghost', 'next', 'assign')).toBe('unknownNode');
  });
});
