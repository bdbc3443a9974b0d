import { describe, expect, it } from 'vitest';
import { testPath } from './test-path.ts';

describe('testPath', () => {
  it('adds up the visits of several runs and keeps the ports their steps left by', () => {
    const path = testPath([
      {
        run: { status: 'completed', cursorNode: null, visits: { message: 1, hours: 1 } },
        steps: [
          { nodeId: 'message', visit: 1, port: 'out' },
          { nodeId: 'hours', visit: 1, port: 'open' },
        ],
      },
      {
        run: { status: 'completed', cursorNode: null, visits: { message: 1, hours: 1, away: 1 } },
        steps: [
          { nodeId: 'message', visit: 1, port: 'out' },
          { nodeId: 'hours', visit: 1, port: 'closed' },
          { nodeId: 'away', visit: 1, port: null },
        ],
      },
    ]);
    expect(Object.fromEntries(path.visits)).toEqual({ message: 2, hours: 2, away: 1 });
    expect([...path.ports].sort()).toEqual(['hours:closed', 'hours:open', 'message:out']);
    expect(path.at.size).toBe(0);
  });

  it('marks where a run in flight is, from its visit counts before its steps arrive', () => {
    const path = testPath([{ run: { status: 'waiting', cursorNode: 'ask', visits: { start: 1, ask: 1 } } }]);
    expect([...path.at]).toEqual(['ask']);
    expect(path.visits.get('ask')).toBe(1);
    expect(path.ports.size).toBe(0);
  });
});
