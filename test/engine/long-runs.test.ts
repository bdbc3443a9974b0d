import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { recordStepResults, type StepRecord } from '../../engine/src/store/steps.ts';
import { connectTestDatabase } from '../support/test-database.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

/** The cheapest step there is: decides, writes nothing, renders nothing. */
const pass = defineNode({
  type: 'test.pass',
  title: 'Pass',
  category: 'Test',
  description: 'Leaves by next.',
  kind: 'step',
  effects: 'none',
  configSchema: Type.Object({}),
  ports: ['next'],
  run: (ctx) => ctx.next('next'),
});

/**
 * Promise 8: no segment is unbounded. A run of thousands of steps is split into segments of a
 * bounded number of steps, each its own transaction and job, and its step records are written in
 * statements within Postgres's bind-parameter limit.
 */
describe('long runs', () => {
  let harness: TestEngine;
  let db: Kysely<any>;
  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [...corePack, pass] });
    db = connectTestDatabase(harness.schema);
  });
  afterAll(async () => {
    await db?.destroy();
    await harness?.close();
  });

  /** A jump loop of `body` pass steps and the jump: it goes round `iterations` times, then once more to leave. */
  const loop = (event: string, body: number, iterations: number, maxSteps: number) => {
    const steps = Array.from({ length: body }, (_, index) => ({ id: `p${index}`, type: 'test.pass', config: {} }));
    return {
      name: `Loop of ${body} steps, ${iterations} times`,
      nodes: [
        { id: 'start', type: 'core.event', config: { event } },
        ...steps,
        { id: 'again', type: 'core.jump_to', config: { target: 'p0', maxIterations: iterations } },
        { id: 'after', type: 'core.set_variable', config: { assignments: [{ name: 'done', value: true }] } },
      ],
      edges: [
        { from: 'start', to: 'p0' },
        ...steps.slice(1).map((step, index) => ({ from: `p${index}`, to: step.id })),
        { from: `p${body - 1}`, to: 'again' },
        { from: 'again', port: 'exhausted', to: 'after' },
      ],
      settings: { maxSteps },
    };
  };

  const runJobs = async (runId: string) =>
    Number(
      (
        await sql<{
          count: string;
        }>`select count(*) from ${sql.table(`${harness.schema.schema}_boss.job`)} where name = 'switchboard-run' and data ->> 'runId' = ${runId}`.execute(db)
      ).rows[0]?.count,
    );

  it('completes a jump loop of 6,000 steps in several segments, every step recorded', async () => {
    const { engine } = harness;
    await publish(engine, loop('long.6000', 5, 1000, 10_000));
    const { runIds } = await engine.emit({ type: 'long.6000', subject: 'long:1' });
    const runId = runIds[0] as string;
    const { run, steps } = await waitForRun(engine, runId, ['completed'], 20_000);
    // start, 1,001 turns of five passes and a jump (the last one leaves), after.
    expect(steps).toHaveLength(1 + 1_001 * 6 + 1);
    expect(run.stepCount).toBe(steps.length);
    expect(new Set(steps.map((step) => `${step.nodeId}#${step.visit}`)).size).toBe(steps.length);
    expect(steps.filter((step) => step.nodeId === 'p4').map((step) => step.visit)).toEqual(Array.from({ length: 1_001 }, (_, n) => n + 1));
    expect(run.vars).toEqual({ done: true });
    // The first segment (50 steps) ran in the emitting transaction and needed no job; a segment
    // ends after 500 steps, and each of the 12 that followed the first came with a fresh, fenced job.
    expect(run.seq).toBe(12);
    expect(await runJobs(runId)).toBe(run.seq);
  });

  it('records 6,000 steps in one call, in statements within the bind-parameter limit', async () => {
    const { engine } = harness;
    await publish(engine, loop('long.short', 1, 1, 10));
    const { runIds } = await engine.emit({ type: 'long.short', subject: 'long:3' });
    const runId = runIds[0] as string;
    await waitForRun(engine, runId);
    const at = new Date();
    const records: StepRecord[] = Array.from({ length: 6_000 }, (_, index) => ({
      runId,
      nodeId: 'p0',
      nodeType: 'test.pass',
      visit: 100 + index,
      attempt: 1,
      status: 'completed',
      port: 'next',
      input: {},
      output: { index },
      error: null,
      explanation: null,
      startedAt: at,
      finishedAt: at,
    }));
    await recordStepResults(db, records);
    const { steps } = await engine.getRun(runId);
    expect(steps.filter((step) => step.visit >= 100).map((step) => step.output)).toEqual(records.map((record) => record.output));
  });

  it('stops a run at its step cap across segments', async () => {
    const { engine } = harness;
    await publish(engine, loop('long.capped', 2, 1000, 1_200));
    const { runIds } = await engine.emit({ type: 'long.capped', subject: 'long:2' });
    const { run, steps } = await waitForRun(engine, runIds[0] as string, ['failed'], 20_000);
    expect(run.error).toMatchObject({ code: 'RUN_STEP_LIMIT' });
    expect(steps).toHaveLength(1_200);
    expect(run.seq).toBeGreaterThanOrEqual(2);
  });
});
