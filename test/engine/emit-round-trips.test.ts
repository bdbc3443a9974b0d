import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { publish, startTestEngine, type TestEngine } from '../support/test-engine.ts';
import { countStatements } from '../support/count-statements.ts';

const onEvent = (event: string, name: string, reentry: 'ignore' | 'parallel' = 'ignore') => ({
  name,
  nodes: [
    { id: 'start', type: 'core.event', config: { event } },
    { id: 'mark', type: 'core.set_variable', config: { assignments: [{ name: 'seen', value: name }] } },
  ],
  edges: [{ from: 'start', to: 'mark' }],
  settings: { reentry },
});

describe('round trips of an emitted event', () => {
  let harness: TestEngine;
  beforeAll(async () => {
    // No workers: only the emit talks to Postgres on the engine's connections.
    harness = await startTestEngine({ nodes: [...corePack], runWorkers: false });
    await publish(harness.engine, onEvent('trip.one', 'one'));
    for (const name of ['a', 'b', 'c']) await publish(harness.engine, onEvent('trip.three', name, name === 'c' ? 'parallel' : 'ignore'));
    // Warm the graph cache: published versions are loaded once per process.
    await harness.engine.emit({ type: 'trip.one', subject: 'warm:1' });
    await harness.engine.emit({ type: 'trip.three', subject: 'warm:1' });
  });
  afterAll(() => harness?.close());

  it('starts one run in a fixed handful of statements', async () => {
    let runIds: readonly string[] = [];
    const { count, texts } = await countStatements(async () => {
      runIds = (await harness.engine.emit({ type: 'trip.one', subject: 'conversation:1' })).runIds;
    });
    expect(runIds).toHaveLength(1);
    // Before: 12 (a lock, a reentry check, a run, a step and a job per run, then the event's run ids).
    // Now: begin, the subject's lock, the event with its signal key's lock and its starts, the
    // runs, the signal, the jobs, commit.
    expect(count, texts.join('\n')).toBeLessThanOrEqual(7);
  });

  it('starts three runs in as many statements as one', async () => {
    let runIds: readonly string[] = [];
    const { count, texts } = await countStatements(async () => {
      runIds = (await harness.engine.emit({ type: 'trip.three', subject: 'conversation:2' })).runIds;
    });
    expect(runIds).toHaveLength(3);
    // Before: 20, five more per run.
    expect(count, texts.join('\n')).toBeLessThanOrEqual(7);
  });
});
