import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

/** Promise 8: jump loops have an iteration cap and runs a step cap. */
describe('bounds', () => {
  let harness: TestEngine;
  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [...corePack] });
  });
  afterAll(() => harness?.close());

  const loop = (maxIterations: number, maxSteps?: number) => ({
    name: 'Count in a loop',
    nodes: [
      { id: 'start', type: 'core.event', config: { event: `loop.${maxIterations}.${maxSteps ?? 0}` } },
      { id: 'count', type: 'core.set_variable', config: { assignments: [{ name: 'n', value: '{{ vars.n | default: 0 | plus: 1 }}', type: 'number' }] } },
      { id: 'again', type: 'core.jump_to', config: { target: 'count', maxIterations } },
      { id: 'after', type: 'core.set_variable', config: { assignments: [{ name: 'done', value: true }] } },
    ],
    edges: [
      { from: 'start', to: 'count' },
      { from: 'count', to: 'again' },
      { from: 'again', port: 'exhausted', to: 'after' },
    ],
    ...(maxSteps === undefined ? {} : { settings: { maxSteps } }),
  });

  it('leaves a jump loop by exhausted after its iteration cap', async () => {
    const { engine } = harness;
    await publish(engine, loop(3));
    const { runIds } = await engine.emit({ type: 'loop.3.0', subject: 'l:1' });
    const { run, steps } = await waitForRun(engine, runIds[0] as string);
    expect(run.vars).toEqual({ n: 4, done: true });
    expect(steps.filter((step) => step.nodeId === 'count').map((step) => step.visit)).toEqual([1, 2, 3, 4]);
    expect(steps.at(-2)).toMatchObject({ nodeId: 'again', visit: 4, port: 'exhausted' });
  });

  it('fails a run that reaches its step cap', async () => {
    const { engine } = harness;
    await publish(engine, loop(100, 10));
    const { runIds } = await engine.emit({ type: 'loop.100.10', subject: 'l:2' });
    const { run, steps } = await waitForRun(engine, runIds[0] as string, ['failed']);
    expect(run.error).toMatchObject({ code: 'RUN_STEP_LIMIT' });
    expect(steps).toHaveLength(10);
  });
});
