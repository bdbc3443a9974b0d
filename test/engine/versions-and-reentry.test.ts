import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { waitForJobsSettled } from '../support/wait-for-jobs.ts';

const waitThenSet = (event: string, value: string, reentry?: 'ignore' | 'restart' | 'parallel') => ({
  name: `Wait then set ${value}`,
  nodes: [
    { id: 'start', type: 'core.event', config: { event } },
    { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 1, unit: 'seconds' } },
    { id: 'mark', type: 'core.set_variable', config: { assignments: [{ name: 'version', value }] } },
  ],
  edges: [
    { from: 'start', to: 'pause' },
    { from: 'pause', to: 'mark' },
  ],
  ...(reentry === undefined ? {} : { settings: { reentry } }),
});

describe('versions and reentry', () => {
  let harness: TestEngine;
  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [...corePack] });
  });
  afterAll(() => harness?.close());

  it('keeps a run in flight on the version it started with when a new one is published', async () => {
    const { engine } = harness;
    const workflowId = await publish(engine, waitThenSet('pinned', 'one'));
    const { runIds } = await engine.emit({ type: 'pinned', subject: 'p:1' });
    await waitForRun(engine, runIds[0] as string, ['waiting']);
    await engine.updateWorkflow(workflowId, waitThenSet('pinned', 'two'));
    const { version } = await engine.publishWorkflow(workflowId);
    expect(version.version).toBe(2);
    const { run } = await waitForRun(engine, runIds[0] as string);
    expect(run).toMatchObject({ version: 1, vars: { version: 'one' } });
    const next = await engine.emit({ type: 'pinned', subject: 'p:2' });
    expect((await waitForRun(engine, next.runIds[0] as string)).run).toMatchObject({ version: 2, vars: { version: 'two' } });
    expect((await engine.listVersions(workflowId)).map((item) => item.version)).toEqual([2, 1]);
  });

  it('ignores a subject already in a run by default', async () => {
    const { engine } = harness;
    await publish(engine, waitThenSet('ignore.me', 'x'));
    const first = await engine.emit({ type: 'ignore.me', subject: 'i:1' });
    const second = await engine.emit({ type: 'ignore.me', subject: 'i:1' });
    const other = await engine.emit({ type: 'ignore.me', subject: 'i:2' });
    expect(first.runIds).toHaveLength(1);
    expect(second.runIds).toEqual([]);
    expect(other.runIds).toHaveLength(1);
  });

  it('restarts: cancels the run in flight and starts anew', async () => {
    const { engine } = harness;
    await publish(engine, waitThenSet('restart.me', 'x', 'restart'));
    const first = await engine.emit({ type: 'restart.me', subject: 'r:1' });
    await waitForRun(engine, first.runIds[0] as string, ['waiting']);
    const second = await engine.emit({ type: 'restart.me', subject: 'r:1' });
    expect((await engine.getRun(first.runIds[0] as string)).run.status).toBe('cancelled');
    expect((await waitForRun(engine, second.runIds[0] as string)).run.status).toBe('completed');
    const cancelled = await engine.getRun(first.runIds[0] as string);
    expect(cancelled.run.status).toBe('cancelled');
    expect(cancelled.waits.map((wait) => wait.status)).toEqual(['cancelled']);
  });

  it('runs in parallel when reentry is parallel', async () => {
    const { engine } = harness;
    await publish(engine, waitThenSet('twice', 'x', 'parallel'));
    const first = await engine.emit({ type: 'twice', subject: 't:1' });
    const second = await engine.emit({ type: 'twice', subject: 't:1' });
    await waitForRun(engine, first.runIds[0] as string);
    await waitForRun(engine, second.runIds[0] as string);
  });

  it('starts nothing new for a repeated idempotency key and reports the first runs', async () => {
    const { engine } = harness;
    await publish(engine, waitThenSet('dedupe', 'x', 'parallel'));
    const first = await engine.emit({ type: 'dedupe', subject: 'd:1', idempotencyKey: 'evt-1' });
    const again = await engine.emit({ type: 'dedupe', subject: 'd:1', idempotencyKey: 'evt-1' });
    expect(again).toEqual({ eventId: first.eventId, runIds: first.runIds, duplicate: true });
    expect(await engine.listRuns({ subject: 'd:1' })).toHaveLength(1);
  });

  it('cancels a waiting run so its wait never fires', async () => {
    const { engine } = harness;
    await publish(engine, waitThenSet('cancel.me', 'x'));
    const { runIds } = await engine.emit({ type: 'cancel.me', subject: 'c:1' });
    const runId = runIds[0] as string;
    await waitForRun(engine, runId, ['waiting']);
    const [wait] = (await engine.getRun(runId)).waits;
    expect((await engine.cancelRun(runId)).status).toBe('cancelled');
    // The positive marker: the wait's timeout job came due and ran (and found nothing to do).
    expect(await waitForJobsSettled(harness.schema, { queue: 'switchboard-run-timer', data: { timeoutWaitId: wait?.id ?? '' } })).toEqual(['completed']);
    const { run, steps } = await engine.getRun(runId);
    expect(run.status).toBe('cancelled');
    expect(steps.map((step) => [step.nodeId, step.status])).toEqual([
      ['start', 'completed'],
      ['pause', 'cancelled'],
    ]);
    await expect(engine.cancelRun(runId)).rejects.toMatchObject({ code: 'RUN_NOT_CANCELLABLE', status: 409 });
  });

  it('stops starting runs once a workflow is stopped', async () => {
    const { engine } = harness;
    const workflowId = await publish(engine, waitThenSet('stoppable', 'x'));
    expect((await engine.stopWorkflow(workflowId)).status).toBe('stopped');
    expect((await engine.emit({ type: 'stoppable', subject: 's:1' })).runIds).toEqual([]);
  });
});
