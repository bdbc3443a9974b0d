/**
 * Benchmark: how late due timers fire. 10,000 runs each park on a wait (a
 * delayed pg-boss job), and lateness is the time from a wait's deadline to the
 * moment a worker resumed it (`waits.resumed_at - waits.resume_at`). Three
 * scenarios, each on a schema of its own:
 *
 * - running: the engine runs throughout; every wait is due at the same moment
 *   (the runs park on day-long waits, then the bench moves every deadline to
 *   2 s ahead, so parking time does not matter).
 * - restart: the engine stops once the runs are parked, every deadline passes
 *   while it is down, and it starts again 3 s later, so every timer is overdue
 *   at start; lateness is also given from the restart (the drain), which is
 *   what the engine controls.
 * - backlog: the timers are set while a backlog of new runs, queued before
 *   them, is still waiting for workers, and are due a second later; they should
 *   not wait for the backlog to drain.
 *
 * Prints figures; asserts nothing. Run with `pnpm bench:timers` (on this
 * machine's Postgres: embedded unless DATABASE_URL). BENCH_TIMERS,
 * BENCH_BACKLOG and BENCH_SCENARIOS (comma-separated) scale it down;
 * BENCH_TIMER_CONCURRENCY sets the engine's timer workers; BENCH_KEEP leaves each
 * scenario's schemas in place to look into.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { createEngine, createLogger, type Engine } from '@switchboard/engine';
import { defineNode, Type } from '@switchboard/engine/sdk';
import { corePack } from '@switchboard/nodes-core';
import { startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';
import { dropSchemas, latencyPercentiles, type Percentiles } from './latency-percentiles.ts';
import { connectTestDatabase } from '../support/test-database.ts';

const TIMERS = Number(process.env.BENCH_TIMERS ?? 10_000);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 5_000);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'running,restart,backlog').split(',');
const EMIT_CONCURRENCY = 32;
/** How long the engine stays down past the deadline in the restart scenario. */
const DOWNTIME_PAST_DUE_MS = 3_000;
/** No scenario waits longer than this for its timers; what is left unresumed is reported. */
const DRAIN_LIMIT_MS = Number(process.env.BENCH_DRAIN_LIMIT_MS ?? 180_000);

/**
 * Waits `trigger.data.delayMs` (default a day). The running and restart
 * scenarios park their runs on a day, then move every deadline to one instant,
 * so that thousands of timers come due together however long parking took.
 */
const benchWait = defineNode({
  type: 'bench.wait',
  title: 'Wait',
  category: 'Bench',
  description: "Waits the trigger's delayMs.",
  kind: 'step',
  effects: 'none',
  configSchema: Type.Object({}),
  ports: ['next'],
  waits: true,
  run: (ctx) => {
    const data = ctx.trigger['data'] as Readonly<Record<string, unknown>> | undefined;
    const delayMs = typeof data?.['delayMs'] === 'number' ? data['delayMs'] : 86_400_000;
    return ctx.wait({ until: new Date(ctx.now.getTime() + delayMs) });
  },
  resume: (ctx) => ctx.next('next', { resumedAt: ctx.now.toISOString() }),
});

const dataDir = process.env.DATABASE_URL === undefined ? await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-')) : undefined;
const embedded = dataDir === undefined ? undefined : await startEmbeddedPostgres({ dataDir });
const databaseUrl = process.env.DATABASE_URL ?? (embedded?.connectionString as string);

function startEngine(schema: string, runWorkers: boolean): Engine {
  return createEngine({
    databaseUrl,
    schema,
    nodes: [...corePack, benchWait],
    logger: createLogger('error'),
    runWorkers,
    workerConcurrency: 16,
    ...(process.env.BENCH_TIMER_CONCURRENCY === undefined ? {} : { timerConcurrency: Number(process.env.BENCH_TIMER_CONCURRENCY) }),
    maxConnections: 40,
  });
}

async function publishFlows(engine: Engine): Promise<void> {
  const timer = await engine.createWorkflow({
    name: 'Timer',
    nodes: [
      { id: 'in', type: 'core.event', config: { event: 'bench.timer' } },
      { id: 'wait', type: 'bench.wait', config: {} },
      { id: 'done', type: 'core.set_variable', config: { assignments: [{ name: 'done', value: 'yes' }] } },
    ],
    edges: [
      { from: 'in', to: 'wait' },
      { from: 'wait', to: 'done' },
    ],
    settings: { reentry: 'parallel' },
  });
  await engine.publishWorkflow(timer.workflow.id);
  const work = await engine.createWorkflow({
    name: 'New run',
    nodes: [
      { id: 'in', type: 'core.event', config: { event: 'bench.work' } },
      { id: 'a', type: 'core.set_variable', config: { assignments: [{ name: 'a', value: '{{ trigger.data.n }}' }] } },
      { id: 'b', type: 'core.set_variable', config: { assignments: [{ name: 'b', value: 'Hola {{ vars.a }}' }] } },
    ],
    edges: [
      { from: 'in', to: 'a' },
      { from: 'a', to: 'b' },
    ],
    settings: { reentry: 'parallel' },
  });
  await engine.publishWorkflow(work.workflow.id);
}

async function emitMany(engine: Engine, count: number, event: (n: number) => { type: string; subject: string; data: Record<string, unknown> }): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: EMIT_CONCURRENCY }, async () => {
      while (next < count) await engine.emit(event(next++));
    }),
  );
}

/** Waits of the timer flow, in one status or (without one) in any. */
async function countWaits(db: Kysely<any>, status?: string): Promise<number> {
  const result = await sql<{ count: string }>`
    select count(*) as count from waits where node_id = 'wait' and (${status ?? null}::text is null or status = ${status ?? null})
  `.execute(db);
  return Number(result.rows[0]?.count);
}

async function until(condition: () => Promise<boolean>, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface Figures {
  readonly scenario: string;
  readonly timers: number;
  readonly resumed: number;
  readonly latenessMs: Percentiles;
  readonly [extra: string]: unknown;
}

/** Lateness of every resumed wait (also counted from `from`, a restart), and how many were resumed a second. */
async function lateness(
  db: Kysely<any>,
  from: Date | undefined,
): Promise<{ resumed: number; latenessMs: Percentiles; fromRestartMs?: Percentiles; timersPerSecond: number; resumedInFirst10s?: number }> {
  const resumed = await countWaits(db, 'resumed');
  const latenessMs = await latencyPercentiles(
    db,
    sql`select extract(epoch from resumed_at - resume_at) * 1000 as ms from waits where node_id = 'wait' and status = 'resumed'`,
  );
  if (from === undefined) return { resumed, latenessMs, timersPerSecond: Math.round(resumed / (latenessMs.max / 1000)) };
  const fromMs = await latencyPercentiles(
    db,
    sql`select extract(epoch from resumed_at - greatest(resume_at, ${from})) * 1000 as ms from waits where node_id = 'wait' and status = 'resumed'`,
  );
  // A slow start (a drain that crawls for its first seconds) shows here, not in the percentiles.
  const early = await sql<{ count: string }>`
    select count(*) as count from waits where node_id = 'wait' and status = 'resumed' and resumed_at < ${new Date(from.getTime() + 10_000)}
  `.execute(db);
  return {
    resumed,
    latenessMs,
    fromRestartMs: fromMs,
    timersPerSecond: Math.round(resumed / (fromMs.max / 1000)),
    resumedInFirst10s: Number(early.rows[0]?.count),
  };
}

async function scenario(name: string, body: (schema: string, db: Kysely<any>) => Promise<Figures>): Promise<void> {
  const schema = `bench_${name}_${Date.now().toString(36)}`;
  const db = connectTestDatabase({ databaseUrl, schema });
  try {
    const figures = await body(schema, db);
    console.log(JSON.stringify(figures, null, 2));
  } finally {
    await db.destroy();
    if (process.env.BENCH_KEEP === undefined) await dropSchemas(databaseUrl, [schema, `${schema}_boss`]);
    else console.log('kept', schema);
  }
}

/** Parks TIMERS runs on day-long waits with the engine running; returns how long that took. */
async function parkTimers(engine: Engine, db: Kysely<any>): Promise<number> {
  const started = performance.now();
  await emitMany(engine, TIMERS, (n) => ({ type: 'bench.timer', subject: `timer:${n}`, data: {} }));
  await until(async () => (await countWaits(db, 'pending')) >= TIMERS, DRAIN_LIMIT_MS);
  return Math.round(performance.now() - started);
}

/**
 * Moves every pending deadline to `dueAt`: the wait rows and their deadline jobs, in whichever
 * queue they are (pg-boss's job table, as a test arranges a state it cannot reach quickly).
 */
async function moveDeadlines(db: Kysely<any>, schema: string, dueAt: Date): Promise<void> {
  await sql`update waits set resume_at = ${dueAt} where status = 'pending'`.execute(db);
  await sql`update ${sql.table(`${schema}_boss.job`)} set start_after = ${dueAt} where state = 'created' and data ? 'timeoutWaitId'`.execute(db);
}

const scenarios: Record<string, () => Promise<void>> = {
  running: () =>
    scenario('running', async (schema, db) => {
      const engine = startEngine(schema, true);
      await engine.start();
      try {
        await publishFlows(engine);
        const parkMs = await parkTimers(engine, db);
        await moveDeadlines(db, schema, new Date(Date.now() + 2_000));
        await until(async () => (await countWaits(db, 'pending')) === 0, DRAIN_LIMIT_MS);
        return { scenario: 'running', timers: TIMERS, parkMs, ...(await lateness(db, undefined)) };
      } finally {
        await engine.stop({ timeoutMs: 5000 });
      }
    }),

  restart: () =>
    scenario('restart', async (schema, db) => {
      const first = startEngine(schema, true);
      await first.start();
      let parkMs: number;
      try {
        await publishFlows(first);
        parkMs = await parkTimers(first, db);
      } finally {
        await first.stop({ timeoutMs: 5000 });
      }
      await moveDeadlines(db, schema, new Date());
      await sleep(DOWNTIME_PAST_DUE_MS);
      const restartedAt = new Date();
      const second = startEngine(schema, true);
      await second.start();
      try {
        await until(async () => (await countWaits(db, 'pending')) === 0, DRAIN_LIMIT_MS);
        return { scenario: 'restart', timers: TIMERS, parkMs, downtimePastDueMs: DOWNTIME_PAST_DUE_MS, ...(await lateness(db, restartedAt)) };
      } finally {
        await second.stop({ timeoutMs: 5000 });
      }
    }),

  backlog: () =>
    scenario('backlog', async (schema, db) => {
      // No workers while the queue fills: the timer runs' first jobs, then the backlog behind them.
      const api = startEngine(schema, false);
      await api.start();
      try {
        await publishFlows(api);
        await emitMany(api, TIMERS, (n) => ({ type: 'bench.timer', subject: `timer:${n}`, data: { delayMs: 1000 } }));
        await emitMany(api, BACKLOG, (n) => ({ type: 'bench.work', subject: `work:${n}`, data: { n } }));
      } finally {
        await api.stop({ timeoutMs: 5000 });
      }
      // Each timer run parks on a 1 s wait as soon as a worker starts it; by then the backlog is queued.
      const started = new Date();
      const workers = startEngine(schema, true);
      await workers.start();
      try {
        await until(async () => (await countWaits(db, 'resumed')) >= TIMERS, DRAIN_LIMIT_MS);
        const timersDoneMs = Date.now() - started.getTime();
        await until(async () => {
          const result = await sql<{ count: string }>`select count(*) as count from runs where status = 'completed'`.execute(db);
          return Number(result.rows[0]?.count) >= TIMERS + BACKLOG;
        }, DRAIN_LIMIT_MS);
        const backlogDone = await sql<{ ms: number | null }>`
          select extract(epoch from max(r.finished_at) - ${started}) * 1000 as ms
          from runs r join workflows w on w.id = r.workflow_id where w.name = 'New run'
        `.execute(db);
        return {
          scenario: 'backlog',
          timers: TIMERS,
          backlog: BACKLOG,
          timersResumedWithinMs: timersDoneMs,
          backlogFinishedWithinMs: Math.round(Number(backlogDone.rows[0]?.ms)),
          ...(await lateness(db, undefined)),
        };
      } finally {
        await workers.stop({ timeoutMs: 5000 });
      }
    }),
};

try {
  for (const name of SCENARIOS) {
    const run = scenarios[name];
    if (run === undefined) throw new Error(`Unknown scenario "${name}"; choose from ${Object.keys(scenarios).join(', ')}.`);
    await run();
  }
} finally {
  await embedded?.stop();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
}
