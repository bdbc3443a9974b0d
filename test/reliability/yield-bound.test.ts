import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';
import { testEvent } from '../support/test-nodes.ts';

/**
 * Promise 3 makes a run's job let older unstarted runs of its subject go first, up to a
 * bound per job. Past the bound the job must still leave its run something to move it.
 */
describe('yield bound', () => {
  let harness: TestEngine;

  beforeAll(async () => {
    // One poller taking four jobs at a time: the newest run's job, fetched first, has only
    // three other jobs beside it to help start the older runs, so it meets the bound.
    // The stuck-run check would rescue a run its job left behind: keep it out of this test.
    harness = await startTestEngine({ nodes: [...corePack, testEvent], workerConcurrency: 1, stuckRuns: { intervalMs: 3_600_000 } });
  });
  afterAll(() => harness?.close());

  it('completes every run of a subject when more than 100 older runs have not begun', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Mark',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'crowd' } },
        { id: 'mark', type: 'core.set_variable', config: { assignments: [{ name: 'n', value: '{{ trigger.data.n }}', type: 'number' }] } },
      ],
      edges: [{ from: 'start', to: 'mark' }],
      settings: { reentry: 'parallel' },
    });
    const runIds = await engine.transaction(async (trx) => {
      const ids: string[] = [];
      for (let n = 0; n < 111; n += 1) ids.push(...(await engine.emitInTransaction(trx, { type: 'crowd', subject: 'crowd:1', data: { n } })).runIds);
      // The newest run's job is fetched before all the others.
      await sql`update ${sql.table(`${harness.schema.schema}_boss.job`)} set priority = 10 where name = 'switchboard-run' and data ->> 'runId' = ${ids.at(-1)}`.execute(
        trx,
      );
      return ids;
    });
    expect(runIds).toHaveLength(111);
    // One worker starts the 111 runs one by one: give a loaded machine time.
    const last = await waitForRun(engine, runIds.at(-1) as string, ['completed'], 60_000);
    expect(last.run.vars).toEqual({ n: 110 });
    for (const runId of runIds) expect((await waitForRun(engine, runId)).run.status).toBe('completed');
  }, 90_000);
});
