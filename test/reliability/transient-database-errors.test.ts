import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { connectTestDatabase } from '../support/test-database.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { testEvent } from '../support/test-nodes.ts';

/** Adds one to a counter row in the step's transaction: waits for the row lock like any writer would. */
const bump = defineNode({
  type: 'transient.bump',
  title: 'Bump',
  category: 'Test',
  description: 'Adds one to test_counter row 1.',
  kind: 'step',
  configSchema: Type.Object({}),
  ports: ['next'],
  async run(ctx) {
    const db = ctx.db.withTables<{ test_counter: { id: number; n: number } }>();
    await db
      .updateTable('test_counter')
      .set((eb) => ({ n: eb('n', '+', 1) }))
      .where('id', '=', 1)
      .execute();
    return ctx.next('next', { attempt: ctx.attempt });
  },
});

/** Holds row locks in a transaction of its own until `release()`. */
async function holdLock(db: Kysely<any>, lock: (trx: Kysely<any>) => Promise<unknown>) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked: () => void = () => undefined;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = db.transaction().execute(async (trx) => {
    await lock(trx);
    locked();
    await released;
  });
  await isLocked;
  return {
    async release() {
      release();
      await done;
    },
  };
}

async function eventually<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`not done in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Deadlocks, serialization failures and lock or statement timeouts pass: they are retried, never recorded as bugs. */
describe('transient database errors', () => {
  let harness: TestEngine;
  let db: Kysely<any>;
  const logLines: { level: string; msg: string; sqlState?: string }[] = [];

  beforeAll(async () => {
    harness = await startTestEngine({
      nodes: [...corePack, testEvent, bump],
      // Short lock waits, so a held row lock turns into 55P03 quickly.
      sessionTimeouts: { lockTimeoutMs: 300 },
      logger: createLogger('warn', {}, (line) => logLines.push(JSON.parse(line) as { level: string; msg: string })),
    });
    db = connectTestDatabase(harness.schema);
    await sql`create table test_counter (id int primary key, n int not null)`.execute(db);
    await sql`insert into test_counter values (1, 0)`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await harness?.close();
  });

  it('retries a step whose write ran into a lock timeout, and the run completes with the write made once', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Bump once',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'bump' } },
        { id: 'bump', type: 'transient.bump', config: {} },
      ],
      edges: [{ from: 'start', to: 'bump' }],
    });
    const lock = await holdLock(db, (trx) => sql`select * from test_counter where id = 1 for update`.execute(trx));
    const { runIds } = await engine.emit({ type: 'bump', subject: 'bump:1' });
    const runId = runIds[0] as string;
    const failed = await eventually(
      async () => (await engine.getRun(runId)).steps.find((step) => step.nodeId === 'bump'),
      (step) => step?.status === 'failed',
    );
    expect(failed).toMatchObject({ attempt: 1, error: { code: 'DATABASE_TRANSIENT', kind: 'operational', details: { sqlState: '55P03' } } });
    await lock.release();
    const { run, steps } = await waitForRun(engine, runId);
    expect(run.error).toBeNull();
    expect(steps.find((step) => step.nodeId === 'bump')).toMatchObject({ status: 'completed', attempt: 2, output: { attempt: 2 } });
    expect((await sql<{ n: number }>`select n from test_counter where id = 1`.execute(db)).rows[0]?.n).toBe(1);
  });

  it('retries a run job whose own statements ran into a lock timeout, logging a warning and no error', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Nap then set',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'nap' } },
        { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 1, unit: 'seconds' } },
        { id: 'after', type: 'core.set_variable', config: { assignments: [{ name: 'woke', value: true }] } },
      ],
      edges: [
        { from: 'start', to: 'pause' },
        { from: 'pause', to: 'after' },
      ],
    });
    const { runIds } = await engine.emit({ type: 'nap', subject: 'nap:1' });
    const runId = runIds[0] as string;
    await waitForRun(engine, runId, ['waiting']);
    logLines.length = 0;
    // The wait's timeout job must lock the run row to resume it; held here, its segment fails with 55P03.
    const lock = await holdLock(db, (trx) => sql`select * from runs where id = ${runId} for update`.execute(trx));
    const warned = await eventually(
      async () => logLines.filter((line) => line.level === 'warn'),
      (lines) => lines.length > 0,
    );
    expect(warned[0]).toMatchObject({ msg: expect.stringContaining('transient database error'), sqlState: '55P03' });
    await lock.release();
    const { run } = await waitForRun(engine, runId);
    expect(run.vars).toEqual({ woke: true });
    expect(logLines.filter((line) => line.level === 'error')).toEqual([]);
  });
});
