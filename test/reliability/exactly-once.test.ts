import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { testNodes } from '../support/test-nodes.ts';
import { startTestBoss } from '../support/test-boss.ts';
import { connectTestDatabase } from '../support/test-database.ts';
import type { Kysely } from 'kysely';
import type { PgBoss } from '../../engine/src/runtime/queue.ts';
import { waitForJobsSettled } from '../support/wait-for-jobs.ts';

/** Promise 1: a step's database effects, its log row and what comes next commit together. */
describe('exactly-once effects inside Postgres', () => {
  let harness: TestEngine;
  let db: Kysely<unknown>;
  let boss: PgBoss;
  const effects = async (label?: string) => {
    const rows = await sql<{ count: string }>`select count(*) from test_effects ${label === undefined ? sql`` : sql`where label = ${label}`}`.execute(db);
    return Number(rows.rows[0]?.count);
  };

  beforeAll(async () => {
    harness = await startTestEngine({ nodes: [...corePack, ...testNodes] });
    db = connectTestDatabase(harness.schema);
    boss = await startTestBoss(harness.schema);
    await sql`create table test_effects (run_id uuid, label text, subject text, started_at timestamptz, finished_at timestamptz)`.execute(db);
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: true });
    await db?.destroy();
    await harness?.close();
  });
  beforeEach(async () => {
    await sql`truncate test_effects`.execute(db);
  });

  it('keeps the steps before a failing one and rolls back the failing step alone', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Fails at the third step',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'fail.third' } },
        { id: 'one', type: 'test.record_effect', config: { label: 'one' } },
        { id: 'two', type: 'test.record_effect', config: { label: 'two' } },
        { id: 'three', type: 'test.record_effect', config: { label: 'three', fail: true } },
      ],
      edges: [
        { from: 'start', to: 'one' },
        { from: 'one', to: 'two' },
        { from: 'two', to: 'three' },
      ],
    });
    const { runIds } = await engine.emit({ type: 'fail.third', subject: 'x:1' });
    const { run, steps } = await waitForRun(engine, runIds[0] as string, ['failed']);
    expect(await effects('one')).toBe(1);
    expect(await effects('two')).toBe(1);
    expect(await effects('three')).toBe(0);
    const failed = steps.find((step) => step.nodeId === 'three');
    expect(failed).toMatchObject({ status: 'failed', port: null, error: { code: 'STEP_FAILED', kind: 'bug' } });
    expect(failed?.error?.message).toContain('failing on purpose at three');
    expect(failed?.input).toEqual({ label: 'three', fail: true, sleepMs: 0 });
    expect(run.error?.message).toContain('Node "three" (test.record_effect) failed');
  });

  it('repeats no effect when a run job is delivered again after the run moved on', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'One effect',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'once' } },
        { id: 'write', type: 'test.record_effect', config: { label: 'once' } },
      ],
      edges: [{ from: 'start', to: 'write' }],
    });
    const { runIds } = await engine.emit({ type: 'once', subject: 'x:2' });
    const runId = runIds[0] as string;
    await waitForRun(engine, runId);
    // The job that started the run, delivered twice more (a redelivery after a lost ack).
    const again = [await boss.send('switchboard-run', { runId, seq: 0 }), await boss.send('switchboard-run', { runId, seq: 0 })];
    // The positive marker: both redelivered jobs ran to completion.
    expect(
      await waitForJobsSettled(harness.schema, { queue: 'switchboard-run', ids: again.filter((id): id is string => id !== null) }, { atLeast: 2 }),
    ).toEqual(['completed', 'completed']);
    expect(await effects('once')).toBe(1);
    const { steps } = await engine.getRun(runId);
    expect(steps.map((step) => step.nodeId)).toEqual(['start', 'write']);
  });

  it('runs each step of 50 concurrent runs once', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Two effects',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'burst' } },
        { id: 'a', type: 'test.record_effect', config: { label: 'burst-a' } },
        { id: 'b', type: 'test.record_effect', config: { label: 'burst-b' } },
      ],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'b' },
      ],
    });
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => engine.emit({ type: 'burst', subject: `burst:${n}` })));
    await Promise.all(results.map((result) => waitForRun(engine, result.runIds[0] as string)));
    expect(await effects('burst-a')).toBe(50);
    expect(await effects('burst-b')).toBe(50);
  });
});
