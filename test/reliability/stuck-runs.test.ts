import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, createLogger, type Engine } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { createServer } from '../../engine/src/api/create-server.ts';
import { seedAdminToken } from '../../engine/src/api/auth.ts';
import { connectTestDatabase } from '../support/test-database.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { testEvent } from '../support/test-nodes.ts';

/** Asks for a retry an hour from now on its first attempt, and goes on at the second. */
const retryLater = defineNode({
  type: 'test.retry_later',
  title: 'Retry later',
  category: 'Test',
  description: 'Retries once, an hour later.',
  kind: 'step',
  configSchema: Type.Object({}),
  ports: ['next'],
  run: (ctx) =>
    ctx.attempt === 1
      ? ctx.retry(3_600_000, { code: 'STEP_UPSTREAM_FAILED', kind: 'operational', message: 'try again in an hour' })
      : ctx.next('next', { attempt: ctx.attempt }),
});

const MINUTE = 60_000;

/** No run may be `running`, or `waiting` past a deadline, without a job that will move it. */
describe('stuck runs', () => {
  let workers: TestEngine;
  let api: Engine;
  let db: Kysely<any>;
  let app: Awaited<ReturnType<typeof createServer>>;
  // Two processes on one database: an API-only one that reports, and one with workers that repairs.
  // Each reads its own clock, so the test decides when each sees the run as stuck.
  let apiOffsetMs = 0;
  let workerOffsetMs = 0;
  const warnings: Record<string, unknown>[] = [];
  const jobs = () => sql.table(`${workers.schema.schema}_boss.job`);

  beforeAll(async () => {
    const logger = createLogger('warn', {}, (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.level === 'warn') warnings.push(entry);
    });
    workers = await startTestEngine({
      nodes: [...corePack, testEvent, retryLater],
      clock: () => new Date(Date.now() + workerOffsetMs),
      logger,
      stuckRuns: { intervalMs: 100 },
    });
    api = createEngine({
      databaseUrl: workers.schema.databaseUrl,
      schema: workers.schema.schema,
      nodes: [...corePack, testEvent, retryLater],
      runWorkers: false,
      clock: () => new Date(Date.now() + apiOffsetMs),
      logger: createLogger('silent'),
    });
    await api.start();
    await seedAdminToken(api, { adminToken: 'stuck-token', tokenFile: '/nonexistent/unused', log: () => undefined });
    app = await createServer(api, { logger: false });
    db = connectTestDatabase(workers.schema);
  });
  afterAll(async () => {
    await db?.destroy();
    await app?.close();
    await api?.stop({ timeoutMs: 5000 });
    await workers?.close();
  });

  /** What `GET /api/runs?stuck=true` reports for the workflow. */
  const reportedStuck = async (workflowId: string) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/runs?stuck=true&workflowId=${workflowId}`,
      headers: { authorization: 'Bearer stuck-token' },
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ runs: { id: string }[] }>().runs.map((run) => run.id);
  };

  const loseJobsOf = async (runId: string) => {
    // Wait for the job the run depends on (a retry or a deadline: the timer queue's), then lose it as a bug or a hand-edit would.
    await expect
      .poll(
        async () =>
          (await sql`select 1 from ${jobs()} where name = 'switchboard-run-timer' and state = 'created' and data ->> 'runId' = ${runId}`.execute(db)).rows
            .length,
        { timeout: 10_000 },
      )
      .toBe(1);
    await sql`delete from ${jobs()} where name = 'switchboard-run-timer' and data ->> 'runId' = ${runId}`.execute(db);
  };

  it('reports a running run whose job was lost, logs it, and moves it on to completion', async () => {
    const workflowId = await publish(workers.engine, {
      name: 'Retry in an hour',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'retry.later' } },
        { id: 'call', type: 'test.retry_later', config: {} },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
    const { runIds } = await workers.engine.emit({ type: 'retry.later', subject: 'stuck:1' });
    const runId = runIds[0] as string;
    await loseJobsOf(runId);
    expect((await api.getRun(runId)).run).toMatchObject({ status: 'running', attempt: 2 });

    // Within the grace period it is not reported: its next job may simply not be fetched yet.
    expect(await reportedStuck(workflowId)).toEqual([]);
    apiOffsetMs = 2 * MINUTE;
    expect(await reportedStuck(workflowId)).toEqual([runId]);
    // Stuck is about the job, not the time: a run still waiting for its retry is not stuck.
    const healthy = (await workers.engine.emit({ type: 'retry.later', subject: 'stuck:2' })).runIds[0] as string;
    await expect.poll(async () => (await api.getRun(healthy)).run.attempt, { timeout: 10_000 }).toBe(2);
    expect(await reportedStuck(workflowId)).toEqual([runId]);

    // The workers' check sees it once past the grace period on their clock, and sends it a job.
    workerOffsetMs = 2 * MINUTE;
    const { run, steps } = await waitForRun(workers.engine, runId);
    expect(steps.find((step) => step.nodeId === 'call' && step.status === 'completed')).toMatchObject({ attempt: 2, output: { attempt: 2 } });
    expect(run.status).toBe('completed');
    expect(warnings.find((entry) => entry.msg === 'stuck runs found and sent a fresh job')).toMatchObject({ runIds: [runId] });
    expect(await reportedStuck(workflowId)).toEqual([]);
  });

  it('resumes a waiting run whose deadline job was lost, once the deadline passed', async () => {
    const workflowId = await publish(workers.engine, {
      name: 'Wait an hour',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'wait.hour' } },
        { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 1, unit: 'hours' } },
      ],
      edges: [{ from: 'start', to: 'pause' }],
    });
    const { runIds } = await workers.engine.emit({ type: 'wait.hour', subject: 'stuck:3' });
    const runId = runIds[0] as string;
    await waitForRun(workers.engine, runId, ['waiting']);
    await loseJobsOf(runId);
    // Before its deadline a waiting run has nothing to do, job or not.
    expect(await reportedStuck(workflowId)).toEqual([]);
    apiOffsetMs += 62 * MINUTE;
    expect(await reportedStuck(workflowId)).toEqual([runId]);
    workerOffsetMs += 62 * MINUTE;
    const { steps } = await waitForRun(workers.engine, runId);
    expect(steps.find((step) => step.nodeId === 'pause')).toMatchObject({ status: 'completed', port: 'next' });
  });
});
