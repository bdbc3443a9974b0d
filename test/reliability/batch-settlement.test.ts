import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { connectTestDatabase } from '../support/test-database.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

/** Jobs fetched together are settled one by one: a failing job never runs its neighbours again. */
describe('batch settlement', () => {
  let harness: TestEngine;
  let db: Kysely<any>;
  const handled = new Map<string, number>();
  const jobs = () => sql.table(`${harness.schema.schema}_boss.job`);

  beforeAll(async () => {
    harness = await startTestEngine({
      nodes: [...corePack],
      queues: [
        {
          name: 'test-deliveries',
          concurrency: 3,
          retryDelaySeconds: 1,
          async handler(data) {
            const key = String(data.key);
            const times = (handled.get(key) ?? 0) + 1;
            handled.set(key, times);
            if (key === 'b' && times === 1) throw new Error('delivery b fails once');
          },
        },
      ],
    });
    db = connectTestDatabase(harness.schema);
  });
  afterAll(async () => {
    await db?.destroy();
    await harness?.close();
  });

  it('retries only the failing job of a batch and handles the others once', async () => {
    const { engine } = harness;
    // One transaction, one commit: the worker fetches the three in one batch.
    await engine.transaction(async (trx) => {
      for (const key of ['a', 'b', 'c']) await engine.enqueue(trx, 'test-deliveries', { key });
    });
    await expect.poll(() => handled.get('b'), { timeout: 15_000 }).toBe(2);
    await expect
      .poll(
        async () =>
          (await sql<{ state: string }>`select state from ${jobs()} where name = 'test-deliveries' and data ->> 'key' = 'b'`.execute(db)).rows[0]?.state,
        { timeout: 10_000 },
      )
      .toBe('completed');
    expect(Object.fromEntries(handled)).toEqual({ a: 1, b: 2, c: 1 });
    const retried = await sql<{
      key: string;
      retry_count: number;
    }>`select data ->> 'key' as key, retry_count from ${jobs()} where name = 'test-deliveries' order by 1`.execute(db);
    expect(retried.rows).toEqual([
      { key: 'a', retry_count: 0 },
      { key: 'b', retry_count: 1 },
      { key: 'c', retry_count: 0 },
    ]);
  });

  it('starts one run for a schedule tick delivered again after its run committed', async () => {
    const { engine } = harness;
    const workflowId = await publish(engine, {
      name: 'Every morning',
      nodes: [
        { id: 'tick', type: 'core.schedule', config: { cron: '0 9 * * 1-5', timezone: 'UTC' } },
        { id: 'mark', type: 'core.set_variable', config: { assignments: [{ name: 'ran', value: true }] } },
      ],
      edges: [{ from: 'tick', to: 'mark' }],
    });
    // A tick, as pg-boss's cron sends it.
    const tick = await sql<{
      id: string;
    }>`insert into ${jobs()} (name, data, policy) values ('switchboard-schedule', ${JSON.stringify({ workflowId })}, 'standard') returning id`.execute(db);
    const jobId = tick.rows[0]?.id;
    const state = async () =>
      (await sql<{ state: string; retry_count: number }>`select state, retry_count from ${jobs()} where id = ${jobId}`.execute(db)).rows[0];
    await expect.poll(state, { timeout: 10_000 }).toMatchObject({ state: 'completed', retry_count: 0 });
    const [run] = await engine.listRuns({ workflowId });
    await waitForRun(engine, run?.id as string);
    // The same job again, as when a worker is lost after the run committed but before the job was completed.
    await sql`update ${jobs()} set state = 'retry', start_after = now(), completed_on = null where id = ${jobId}`.execute(db);
    await expect.poll(state, { timeout: 10_000 }).toMatchObject({ state: 'completed', retry_count: 1 });
    const runs = await engine.listRuns({ workflowId });
    expect(runs.map((each) => each.id)).toEqual([run?.id]);
    expect(runs[0]?.trigger).toEqual({ scheduledAt: expect.any(String) });
  });
});
