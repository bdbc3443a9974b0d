import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import type { DB } from '../../engine/src/store/database.ts';
import { runRetentionPass } from '../../engine/src/runtime/run-retention-pass.ts';
import { connectTestDatabase } from '../support/test-database.ts';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

const DAY = 86_400_000;

const quick = (event: string, retentionDays?: number) => ({
  name: `Quick ${event}`,
  nodes: [
    { id: 'start', type: 'core.event', config: { event } },
    { id: 'mark', type: 'core.set_variable', config: { assignments: [{ name: 'done', value: 'yes' }] } },
  ],
  edges: [{ from: 'start', to: 'mark' }],
  ...(retentionDays === undefined ? {} : { settings: { retentionDays } }),
});

const waitForReply = (event: string) => ({
  name: `Wait ${event}`,
  nodes: [
    { id: 'start', type: 'core.event', config: { event } },
    { id: 'reply', type: 'core.wait', config: { mode: 'event', event: `${event}.reply`, timeoutAmount: 1, timeoutUnit: 'days' } },
  ],
  edges: [{ from: 'start', to: 'reply' }],
});

describe('retention', () => {
  let harness: TestEngine;
  let db: Kysely<DB>;
  // The injected clock: runs finish "now", then the test moves time forward past their retention.
  let now = new Date();

  beforeAll(async () => {
    // The engine's own scheduled pass keeps a century, so it never races the passes this test runs.
    harness = await startTestEngine({ nodes: [...corePack], clock: () => now, retentionDays: 36_500 });
    db = connectTestDatabase(harness.schema) as Kysely<DB>;
  });
  afterAll(async () => {
    await db?.destroy();
    await harness?.close();
  });

  async function emitAndSettle(type: string, subject: string, statuses: readonly string[] = ['completed']): Promise<string> {
    const { runIds } = await harness.engine.emit({ type, subject });
    const runId = runIds[0] as string;
    await waitForRun(harness.engine, runId, statuses);
    return runId;
  }

  async function rowsOf(runIds: readonly string[]): Promise<{ runs: number; steps: number; waits: number }> {
    const count = async (table: 'runs' | 'steps' | 'waits', column: 'id' | 'run_id') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where(column, 'in', runIds)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { runs: await count('runs', 'id'), steps: await count('steps', 'run_id'), waits: await count('waits', 'run_id') };
  }

  it('deletes old finished runs with their steps and waits, and keeps recent, waiting and running ones', async () => {
    const start = new Date();
    now = start;
    await publish(harness.engine, quick('ret.default'));
    await publish(harness.engine, quick('ret.long', 90));
    await publish(harness.engine, quick('ret.short', 1));
    await publish(harness.engine, waitForReply('ret.wait'));

    const oldDefault = [await emitAndSettle('ret.default', 'a:1'), await emitAndSettle('ret.default', 'a:2')];
    const longKept = await emitAndSettle('ret.long', 'b:1');
    const waiting = await emitAndSettle('ret.wait', 'c:1', ['waiting']);
    const cancelled = await emitAndSettle('ret.wait', 'c:2', ['waiting']);
    await harness.engine.cancelRun(cancelled);
    // A run whose job has not moved it yet: in flight, whatever its age.
    const running = (
      await db
        .insertInto('runs')
        .values((eb) => ({
          workflow_id: eb.selectFrom('runs').select('workflow_id').where('id', '=', longKept),
          version: 1,
          subject: 'd:1',
          status: 'running',
          trigger_data: '{}',
          vars: '{}',
          outputs: '{}',
          visits: '{}',
          cursor_node: 'mark',
          wait_id: null,
          parent_run_id: null,
          event_id: null,
          error: null,
          created_at: start,
          updated_at: start,
          finished_at: null,
        }))
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

    now = new Date(start.getTime() + 10 * DAY);
    const shortGone = await emitAndSettle('ret.short', 'e:1');
    const recentDefault = await emitAndSettle('ret.default', 'a:3');
    const doomed = [...oldDefault, cancelled, shortGone];
    expect(await rowsOf(doomed)).toEqual({ runs: 4, steps: 8, waits: 1 });

    now = new Date(start.getTime() + 31 * DAY);
    const result = await runRetentionPass(db, now, { retentionDays: 30 });

    expect(result.complete).toBe(true);
    expect(await rowsOf(doomed)).toEqual({ runs: 0, steps: 0, waits: 0 });
    const kept = [longKept, waiting, running, recentDefault];
    expect((await db.selectFrom('runs').select('id').where('id', 'in', kept).execute()).map((row) => row.id).sort()).toEqual([...kept].sort());
    expect(await rowsOf([waiting])).toEqual({ runs: 1, steps: 2, waits: 1 });
    expect((await harness.engine.getRun(waiting)).run.status).toBe('waiting');
    // The events that started the deleted runs are past the same retention.
    expect(
      Number(
        (
          await db
            .selectFrom('events')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('received_at', '<', new Date(start.getTime() + DAY))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
  });

  it('stops a pass at its batch bound and continues with the next pass', async () => {
    const start = new Date(now.getTime() + DAY);
    const later = new Date(start.getTime() + 31 * DAY);
    // Runs the first test kept that are due by then go first, so the bounds below count only this test's runs.
    await runRetentionPass(db, later, { retentionDays: 30 });
    now = start;
    await publish(harness.engine, quick('ret.batch'));
    const runIds: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      now = new Date(start.getTime() + index * 1000);
      runIds.push(await emitAndSettle('ret.batch', `f:${index}`));
    }

    now = later;
    const bounded = { retentionDays: 30, batchSize: 2, maxBatches: 1 };
    const first = await runRetentionPass(db, now, bounded);
    expect(first).toMatchObject({ runs: 2, complete: false });
    expect((await rowsOf(runIds)).runs).toBe(3);
    // Oldest first: the two runs that finished first are the ones gone.
    expect((await rowsOf(runIds.slice(0, 2))).runs).toBe(0);

    const second = await runRetentionPass(db, now, bounded);
    expect(second).toMatchObject({ runs: 2, complete: false });
    expect((await rowsOf(runIds)).runs).toBe(1);

    const last = await runRetentionPass(db, now, { retentionDays: 30, batchSize: 2 });
    expect(last.runs).toBe(1);
    expect(last.complete).toBe(true);
    expect(await rowsOf(runIds)).toEqual({ runs: 0, steps: 0, waits: 0 });
  });
});
