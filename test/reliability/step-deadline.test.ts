import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { connectTestDatabase } from '../support/test-database.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { recordEffect, testEvent } from '../support/test-nodes.ts';

type EffectTables = { test_effects: { run_id: string; label: string; subject: string | null; started_at: Date; finished_at: Date } };

/** What a hung node did when it woke up after its deadline: the write it tried, and how that ended. */
const lateWrites: { label: string; error: string | null; wasAborted: boolean }[] = [];
let wakeHungNodes: () => void = () => undefined;
let hungNodesWake = new Promise<void>((resolve) => (wakeHungNodes = resolve));

/**
 * Hangs on its first `hangAttempts` attempts: `never` (a promise that never
 * settles), `late` (wakes when the test says so and then tries to write), or
 * `query` (a query that runs far longer than the deadline). Later attempts
 * write their effect and go on.
 */
const hang = defineNode({
  type: 'deadline.hang',
  title: 'Hang',
  category: 'Test',
  description: 'Hangs on its first attempts, then writes an effect.',
  kind: 'step',
  configSchema: Type.Object({
    label: Type.String(),
    how: Type.Union([Type.Literal('never'), Type.Literal('late'), Type.Literal('query')]),
    hangAttempts: Type.Integer({ default: 1 }),
  }),
  ports: ['next'],
  async run(ctx) {
    const db = ctx.db.withTables<EffectTables>();
    const write = () =>
      db
        .insertInto('test_effects')
        .values({ run_id: ctx.run.id, label: ctx.config.label, subject: ctx.run.subject, started_at: new Date(), finished_at: new Date() })
        .execute();
    if (ctx.attempt <= ctx.config.hangAttempts) {
      if (ctx.config.how === 'never') await new Promise(() => undefined);
      if (ctx.config.how === 'query') await sql`select pg_sleep(30)`.execute(db);
      await hungNodesWake;
      try {
        await write();
        lateWrites.push({ label: ctx.config.label, error: null, wasAborted: ctx.abortSignal.aborted });
      } catch (error) {
        lateWrites.push({ label: ctx.config.label, error: (error as Error).message, wasAborted: ctx.abortSignal.aborted });
      }
      return ctx.next('next', { late: true, aborted: ctx.abortSignal.aborted });
    }
    await write();
    return ctx.next('next', { attempt: ctx.attempt });
  },
});

async function eventually<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`not done in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Promise 8 (bounded): every step has a deadline; a hung node fails by STEP_TIMEOUT and blocks nobody else. */
describe('step deadlines', () => {
  let harness: TestEngine;
  let db: Kysely<any>;
  const effects = async (label: string) =>
    Number((await sql<{ count: string }>`select count(*) from test_effects where label = ${label}`.execute(db)).rows[0]?.count);

  beforeAll(async () => {
    // A short statement timeout, so a hung query is cancelled within the test's patience.
    harness = await startTestEngine({ nodes: [testEvent, recordEffect, hang], sessionTimeouts: { statementTimeoutMs: 1500 } });
    db = connectTestDatabase(harness.schema);
    await sql`create table test_effects (run_id uuid, label text, subject text, started_at timestamptz, finished_at timestamptz)`.execute(db);
  });
  afterAll(async () => {
    wakeHungNodes();
    await db?.destroy();
    await harness?.close();
  });
  beforeEach(() => {
    lateWrites.length = 0;
    hungNodesWake = new Promise<void>((resolve) => (wakeHungNodes = resolve));
  });

  const hangingFlow = (event: string, config: Record<string, unknown>, timeoutMs: number) => ({
    name: `Hangs (${event})`,
    nodes: [
      { id: 'start', type: 'test.event', config: { event } },
      { id: 'hang', type: 'deadline.hang', config, timeoutMs },
    ],
    edges: [{ from: 'start', to: 'hang' }],
  });
  const hangStep = async (runId: string) => (await harness.engine.getRun(runId)).steps.find((step) => step.nodeId === 'hang');

  it('fails a step that never resolves by STEP_TIMEOUT at its deadline, while other runs go on, and retries it', async () => {
    const { engine } = harness;
    await publish(engine, hangingFlow('hang.never', { label: 'never', how: 'never' }, 1500));
    await publish(engine, {
      name: 'Other subject',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'other' } },
        { id: 'write', type: 'test.record_effect', config: { label: 'other' } },
      ],
      edges: [{ from: 'start', to: 'write' }],
    });
    const startedAt = Date.now();
    const hung = (await engine.emit({ type: 'hang.never', subject: 'hung:1' })).runIds[0] as string;
    // Another conversation's run finishes while the hung step still holds its worker and transaction.
    const other = (await engine.emit({ type: 'other', subject: 'other:1' })).runIds[0] as string;
    await waitForRun(engine, other);
    expect((await hangStep(hung))?.status).not.toBe('failed');

    const failed = await eventually(
      () => hangStep(hung),
      (step) => step?.status === 'failed',
    );
    const failedAfterMs = Date.now() - startedAt;
    expect(failed).toMatchObject({ attempt: 1, error: { code: 'STEP_TIMEOUT', kind: 'operational', details: { timeoutMs: 1500 } } });
    expect(failed?.error?.message).toContain('Node "hang" (deadline.hang) did not finish within its deadline of 1500 ms');
    expect(failedAfterMs).toBeGreaterThanOrEqual(1500);
    expect(failedAfterMs).toBeLessThan(1500 + 3000);
    // Operational: retried with backoff by the executor's policy; the second attempt does not hang.
    const { steps } = await waitForRun(engine, hung);
    expect(steps.find((step) => step.nodeId === 'hang')).toMatchObject({ status: 'completed', attempt: 2, output: { attempt: 2 } });
    expect(await effects('never')).toBe(1);
  });

  it('refuses the writes a hung step tries after its deadline, and aborts its signal', async () => {
    const { engine } = harness;
    await publish(engine, hangingFlow('hang.late', { label: 'late', how: 'late' }, 300));
    const runId = (await engine.emit({ type: 'hang.late', subject: 'late:1' })).runIds[0] as string;
    await eventually(
      () => hangStep(runId),
      (step) => step?.status === 'failed' || step?.status === 'completed',
    );
    wakeHungNodes();
    const [late] = await eventually(
      async () => lateWrites,
      (writes) => writes.length === 1,
    );
    expect(late?.error).toContain('used its database handle after its step ended');
    expect(late?.wasAborted).toBe(true);
    const { steps } = await waitForRun(engine, runId);
    expect(steps.find((step) => step.nodeId === 'hang')).toMatchObject({ status: 'completed', attempt: 2 });
    // The retry's write alone: the late one landed in no transaction.
    expect(await effects('late')).toBe(1);
  });

  it('fails a step hung in a query by STEP_TIMEOUT and rolls it back once the statement timeout cancels the query', async () => {
    const { engine } = harness;
    await publish(engine, hangingFlow('hang.query', { label: 'query', how: 'query' }, 300));
    const runId = (await engine.emit({ type: 'hang.query', subject: 'query:1' })).runIds[0] as string;
    const failed = await eventually(
      () => hangStep(runId),
      (step) => step?.status === 'failed' || step?.status === 'completed',
    );
    expect(failed).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'STEP_TIMEOUT' } });
    const { steps } = await waitForRun(engine, runId);
    expect(steps.find((step) => step.nodeId === 'hang')).toMatchObject({ status: 'completed', attempt: 2 });
    expect(await effects('query')).toBe(1);
  });

  it('refuses a node-level timeoutMs out of bounds with its pointer', async () => {
    const { engine } = harness;
    const { issues } = await engine
      .createWorkflow(hangingFlow('hang.bounds', { label: 'bounds', how: 'never' }, 5))
      .catch((error: { issues: unknown }) => ({ issues: error.issues }));
    expect(issues).toEqual([expect.objectContaining({ path: '/nodes/1/timeoutMs' })]);
  });
});
