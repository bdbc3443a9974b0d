import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { corePack } from '@switchboard/nodes-core';
import { publish, startTestEngine, type TestEngine } from '../support/test-engine.ts';
import { testEvent } from '../support/test-nodes.ts';

/**
 * A node that tells the loop guard it waits but asks for no time at all: what a
 * zero wait that slipped past the guard looks like at run time (a deadline from
 * a template, a version published before the guard counted zero waits).
 */
const instant = defineNode({
  type: 'test.instant_wait',
  title: 'Instant wait',
  category: 'Test',
  description: 'Waits until now.',
  kind: 'step',
  effects: 'none',
  configSchema: Type.Object({}),
  ports: ['next'],
  waits: true,
  run: (ctx) => ctx.wait({ until: ctx.now }),
  resume: (ctx) => ctx.next('next'),
});

describe('a wait that resolves to zero inside a cycle', () => {
  let harness: TestEngine;

  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [...corePack, testEvent, instant] });
  });
  afterAll(() => harness?.close());

  it('ends at once on the first visit, and pauses a second on every later one instead of spinning', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Spin',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'spin' } },
        { id: 'a', type: 'core.set_variable', config: { assignments: [{ name: 'seen', value: 'yes' }] } },
        { id: 'pause', type: 'test.instant_wait', config: {} },
      ],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'pause' },
        { from: 'pause', to: 'a' },
      ],
      // Without the pause, the loop would run to this cap in a moment.
      settings: { maxSteps: 60 },
    });
    const runId = (await engine.emit({ type: 'spin', subject: 'spin:1' })).runIds[0] as string;
    await expect.poll(async () => (await engine.getRun(runId)).waits.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const { run, waits } = await engine.getRun(runId);
    const pausedMs = waits.map((wait) => (wait.resumeAt?.getTime() ?? Number.NaN) - wait.createdAt.getTime());
    // The first visit's deadline is its step's own start: already past when the wait is recorded.
    expect(pausedMs[0]).toBeLessThanOrEqual(0);
    expect(pausedMs[1]).toBe(1000);
    expect(run.status).not.toBe('failed');
    await engine.cancelRun(runId);
  });
});
