import { describe, expect, it } from 'vitest';
import { formatRunChain, parseRunChain } from './run-chain.ts';

describe('the Switchboard-Run-Chain header', () => {
  const rootRunId = '0b6f3c3e-9a51-4b7e-8d0c-1f2a3b4c5d6e';

  it('reads back what it writes', () => {
    expect(formatRunChain({ rootRunId, depth: 3 })).toBe(`${rootRunId};depth=3`);
    expect(parseRunChain(formatRunChain({ rootRunId, depth: 3 }))).toEqual({ rootRunId, depth: 3 });
    expect(parseRunChain(` ${rootRunId.toUpperCase()} ; depth=0 `)).toEqual({ rootRunId, depth: 0 });
  });

  it('reads nothing from a value that is not a uuid and a whole depth', () => {
    for (const value of ['', rootRunId, `${rootRunId};depth=-1`, `${rootRunId};depth=1.5`, `run-1;depth=1`, `${rootRunId};depth=1, ${rootRunId};depth=2`]) {
      expect(parseRunChain(value), value).toBeUndefined();
    }
  });
});
