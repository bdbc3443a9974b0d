import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, createLogger, type Engine } from '@switchboard/engine';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { corePack } from '@switchboard/nodes-core';
import { connectTestDatabase, createTestSchema, type TestSchema } from '../support/test-database.ts';
import { startTestBoss } from '../support/test-boss.ts';
import { publish, waitForRun } from '../support/test-engine.ts';
import { testEvent } from '../support/test-nodes.ts';

/** Waits `delayMs` from the step: 1 ms makes a timer that is due the moment it is set. */
const pause = defineNode({
  type: 'test.pause',
  title: 'Pause',
  category: 'Test',
  description: 'Waits delayMs.',
  kind: 'step',
  effects: 'none',
  configSchema: Type.Object({ delayMs: Type.Integer({ minimum: 1 }) }),
  ports: ['next'],
  waits: true,
  run: (ctx) => ctx.wait({ until: new Date(ctx.now.getTime() + ctx.config.delayMs) }),
  resume: (ctx) => ctx.next('next', { resumed: ctx.resumed.reason }),
});

const TIMERS = 10;
// Large enough that the backlog takes seconds to drain: at 200 runs, an idle machine finished most
// of it within the timer workers' first poll, and the ordering below measured the poll, not the queue.
const BACKLOG = 600;

describe('due timers', { timeout: 90_000 }, () => {
  let schema: TestSchema;
  let db: Kysely<any>;
  const engines: Engine[] = [];

  const startEngine = async (runWorkers: boolean): Promise<Engine> => {
    const engine = createEngine({
      databaseUrl: schema.databaseUrl,
      schema: schema.schema,
      nodes: [...corePack, testEvent, pause],
      // Silent: the dead-letter case logs the failures it provokes.
      logger: createLogger('silent'),
      runWorkers,
    });
    engines.push(engine);
    await engine.start();
    return engine;
  };
  const stopEngines = async () => {
    for (const engine of engines.splice(0)) await engine.stop({ timeoutMs: 5000 });
  };
  const jobs = () => sql.table(`${schema.schema}_boss.job`);

  /** New runs of two steps and no wait: the backlog. */
  const publishBacklog = (engine: Engine) =>
    publish(engine, {
      name: 'Backlog',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'work.new' } },
        { id: 'mark', type: 'core.set_variable', config: { assignments: [{ name: 'done', value: 'yes' }] } },
      ],
      edges: [{ from: 'start', to: 'mark' }],
      settings: { reentry: 'parallel' },
    });

  beforeEach(async () => {
    schema = await createTestSchema();
    db = connectTestDatabase(schema);
  });
  afterEach(async () => {
    await stopEngines();
    await db?.destroy();
    await schema?.drop();
  });

  it('resumes due timers on their own queue, before a backlog of new runs queued ahead of them drains', async () => {
    // No workers while the queue fills: the timer runs' first jobs, then a backlog of new runs behind them.
    const api = await startEngine(false);
    await publish(api, {
      name: 'Timer',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'timer.set' } },
        { id: 'pause', type: 'test.pause', config: { delayMs: 1 } },
      ],
      edges: [{ from: 'start', to: 'pause' }],
      settings: { reentry: 'parallel' },
    });
    await publishBacklog(api);
    await api.transaction(async (trx) => {
      for (let n = 0; n < TIMERS; n += 1) await api.emitInTransaction(trx, { type: 'timer.set', subject: `timer:${n}` });
      for (let n = 0; n < BACKLOG; n += 1) await api.emitInTransaction(trx, { type: 'work.new', subject: `work:${n}` });
    });
    await stopEngines();

    // The workers start the timer runs first (their jobs are oldest); each parks on a timer due at
    // once, set after every backlog job was queued. In one queue, worked in the order jobs were
    // created, the timers would wait for the whole backlog.
    const workers = await startEngine(true);
    await expect
      .poll(async () => Number((await sql<{ n: string }>`select count(*) as n from runs where status = 'completed'`.execute(db)).rows[0]?.n), {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(TIMERS + BACKLOG);

    const order = await sql<{ lastTimer: Date; backlogBefore: string }>`
      select max(w.resumed_at) as "lastTimer",
             (select count(*) from runs b where b.subject like 'work:%' and b.finished_at < max(w.resumed_at)) as "backlogBefore"
      from waits w
    `.execute(db);
    // Ordering, not wall time: when the last timer fired, most of the backlog had not finished.
    expect(Number(order.rows[0]?.backlogBefore)).toBeLessThan(BACKLOG / 2);
    const queues = await sql<{ name: string; count: string }>`
      select name, count(*) as count from ${jobs()} where data ? 'timeoutWaitId' group by name
    `.execute(db);
    expect(queues.rows.map((row) => [row.name, Number(row.count)])).toEqual([['switchboard-run-timer', TIMERS]]);
    const timerRun = (await workers.listRuns({ subject: 'timer:0' }))[0];
    expect((await workers.getRun(timerRun?.id ?? '')).steps.find((step) => step.nodeId === 'pause')).toMatchObject({
      status: 'completed',
      output: { resumed: 'timeout' },
    });
  });

  it('resumes timers that came due while the engine was down, ahead of new runs queued meanwhile', async () => {
    const first = await startEngine(true);
    const workflowId = await publish(first, {
      name: 'Wait an hour',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'hour.wait' } },
        { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 1, unit: 'hours' } },
      ],
      edges: [{ from: 'start', to: 'pause' }],
      settings: { reentry: 'parallel' },
    });
    await publishBacklog(first);
    const parked: string[] = [];
    for (let n = 0; n < TIMERS; n += 1) parked.push(...(await first.emit({ type: 'hour.wait', subject: `hour:${n}` })).runIds);
    for (const runId of parked) await waitForRun(first, runId, ['waiting']);
    await stopEngines();

    // Down for the hour: the deadlines pass (moved, as the clock would), and new runs queue up.
    await sql`update waits set resume_at = now() where status = 'pending'`.execute(db);
    await sql`update ${jobs()} set start_after = now() where state = 'created' and data ? 'timeoutWaitId'`.execute(db);
    const api = await startEngine(false);
    await api.transaction(async (trx) => {
      for (let n = 0; n < BACKLOG; n += 1) await api.emitInTransaction(trx, { type: 'work.new', subject: `later:${n}` });
    });
    await stopEngines();

    const workers = await startEngine(true);
    for (const runId of parked) await waitForRun(workers, runId, ['completed'], 60_000);
    const order = await sql<{ backlogBefore: string }>`
      select (select count(*) from runs b where b.subject like 'later:%' and b.finished_at < max(w.resumed_at)) as "backlogBefore"
      from waits w join runs r on r.id = w.run_id where r.workflow_id = ${workflowId}
    `.execute(db);
    expect(Number(order.rows[0]?.backlogBefore)).toBeLessThan(BACKLOG / 2);
  });

  it('still works a deadline job that an older version left on the run queue', async () => {
    const engine = await startEngine(true);
    await publish(engine, {
      name: 'Old deadline',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'old.deadline' } },
        { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 1, unit: 'hours' } },
      ],
      edges: [{ from: 'start', to: 'pause' }],
    });
    const runId = (await engine.emit({ type: 'old.deadline', subject: 'old:1' })).runIds[0] as string;
    const { waits } = await waitForRun(engine, runId, ['waiting']);
    const boss = await startTestBoss(schema);
    try {
      // What the single-queue version sent for a wait's deadline, come due.
      await boss.send('switchboard-run', { runId, timeoutWaitId: waits[0]?.id, subject: 'old:1' });
    } finally {
      await boss.stop({ graceful: false });
    }
    const { steps } = await waitForRun(engine, runId);
    expect(steps.find((step) => step.nodeId === 'pause')).toMatchObject({ status: 'completed', port: 'next' });
  });

  it('fails the run whose timer job died on every retry, through the run dead-letter queue', async () => {
    const engine = await startEngine(true);
    await sql`
      create function refuse_resume() returns trigger language plpgsql as $$
      begin
        if new.node_id = 'doomed' and new.status = 'completed' then raise exception 'refusing to resume node doomed'; end if;
        return new;
      end $$;
      create trigger refuse_resume before insert or update on steps for each row execute function refuse_resume();
    `.execute(db);
    await publish(engine, {
      name: 'Doomed timer',
      nodes: [
        { id: 'start', type: 'test.event', config: { event: 'doomed.timer' } },
        { id: 'doomed', type: 'core.wait', config: { mode: 'duration', amount: 1, unit: 'hours' } },
      ],
      edges: [{ from: 'start', to: 'doomed' }],
    });
    const runId = (await engine.emit({ type: 'doomed.timer', subject: 'doomed:1' })).runIds[0] as string;
    await waitForRun(engine, runId, ['waiting']);
    // Due now, and given up after the first failure instead of 20 retries with backoff.
    await sql`update ${jobs()} set start_after = now(), retry_limit = 0 where name = 'switchboard-run-timer' and data ->> 'runId' = ${runId}`.execute(db);
    const { run } = await waitForRun(engine, runId, ['failed'], 30_000);
    expect(run.error).toMatchObject({ code: 'RUN_JOB_FAILED', kind: 'bug' });
    expect(run.error?.message).toContain('refusing to resume node doomed');
  });
});
