import { describe, expect, it } from 'vitest';
import { runNodeStep } from '@switchboard/engine/testing';
import { jumpTo } from './jump-to.ts';

const config = { target: 'ask_email', maxIterations: 3 };

describe('core.jump_to', () => {
  it('jumps to its target while the visit is within the cap', async () => {
    expect(await runNodeStep(jumpTo, { config, visit: 1 })).toEqual({ kind: 'jump', target: 'ask_email', output: { iteration: 1 } });
    expect(await runNodeStep(jumpTo, { config, visit: 3 })).toEqual({ kind: 'jump', target: 'ask_email', output: { iteration: 3 } });
  });

  it('leaves through exhausted on the visit after the last allowed jump', async () => {
    expect(await runNodeStep(jumpTo, { config, visit: 4 })).toEqual({ kind: 'next', port: 'exhausted', output: { iterations: 3 } });
  });

  it('caps at 10 jumps by default', async () => {
    expect(await runNodeStep(jumpTo, { config: { target: 'start' }, visit: 10 })).toMatchObject({ kind: 'jump' });
    expect(await runNodeStep(jumpTo, { config: { target: 'start' }, visit: 11 })).toMatchObject({ kind: 'next', port: 'exhausted' });
  });

  it('declares its target and cap so publishing accepts the loop as bounded', () => {
    expect(jumpTo.jump?.(config)).toEqual({ target: 'ask_email', maxIterations: 3 });
  });

  it('refuses a cap outside 1 to 1000', async () => {
    await expect(runNodeStep(jumpTo, { config: { target: 'start', maxIterations: 0 } })).rejects.toThrow(/maxIterations/);
    await expect(runNodeStep(jumpTo, { config: { target: 'start', maxIterations: 1001 } })).rejects.toThrow(/maxIterations/);
  });
});
