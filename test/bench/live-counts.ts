/**
 * Benchmark: what GET /api/workflows/:id/live-counts costs with millions of steps. Fills a
 * schema with runs spread over eight days (one workflow with half of them, the rest over
 * others), each with several steps that left by a port, then times each window: counted
 * straight from steps joined to runs (what the query would be without step_departures), and
 * as the engine counts them (five-minute buckets past the watermark plus the tail from steps,
 * store/live-counts.ts), after one rollup pass, whose time is printed too. Prints figures and a
 * one-line EXPLAIN summary of each; asserts nothing. Run with `pnpm bench:live-counts`
 * (embedded Postgres unless DATABASE_URL; BENCH_RUNS, BENCH_STEPS_PER_RUN, BENCH_CALLS).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createEngine, createLogger } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import type { DB } from '../../engine/src/store/database.ts';
import { countLive, windowStart } from '../../engine/src/store/live-counts.ts';
import { runLiveCountsPass } from '../../engine/src/runtime/live-counts-pass.ts';
import { startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';
import { dropSchemas } from './latency-percentiles.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 400_000);
const STEPS_PER_RUN = Number(process.env.BENCH_STEPS_PER_RUN ?? 6);
const WORKFLOWS = 20;
const CALLS = Number(process.env.BENCH_CALLS ?? 10);
const WINDOWS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;

const dataDir = process.env.DATABASE_URL === undefined ? await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-')) : undefined;
const embedded = dataDir === undefined ? undefined : await startEmbeddedPostgres({ dataDir });
const databaseUrl = process.env.DATABASE_URL ?? (embedded?.connectionString as string);
const schema = `bench_${Date.now().toString(36)}`;
const engine = createEngine({ databaseUrl, schema, nodes: [...corePack], logger: createLogger('error'), runWorkers: false });
const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: `-c search_path=${schema},public` });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });

async function time(body: () => Promise<unknown>): Promise<{ medianMs: number; p95Ms: number }> {
  await body();
  const latencies: number[] = [];
  for (let call = 0; call < CALLS; call += 1) {
    const started = performance.now();
    await body();
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { medianMs: at(0.5), p95Ms: at(0.95) };
}

/** The plan's top node, its scans, and its execution time, on one line. */
async function explainSummary(text: string, parameters: unknown[]): Promise<string> {
  const plan = await pool.query(`explain (analyze, format json) ${text}`, parameters);
  const root = (plan.rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] })['QUERY PLAN'][0];
  const scans: string[] = [];
  const walk = (node: PlanNode) => {
    if (node['Node Type'].includes('Scan'))
      scans.push(`${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : node['Relation Name'] ? ` ${node['Relation Name']}` : ''}`);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(root.Plan);
  return `${root.Plan['Node Type']}; ${[...new Set(scans)].join(', ')}; ${Math.round(root['Execution Time'] * 10) / 10} ms`;
}
interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const direct = `
  select s.node_id, s.port, count(*) from steps s join runs r on r.id = s.run_id
  where r.workflow_id = $1 and s.finished_at >= $2 and s.port is not null
  group by s.node_id, s.port`;
// What countLive runs after reading the watermark ($3).
const rolled = `
  select node_id, port, sum(count) from (
    select d.node_id, d.port, d.count from step_departures d where d.workflow_id = $1 and d.bucket >= $2 and d.bucket < $3
    union all
    select s.node_id, s.port, 1 from steps s join runs r on r.id = s.run_id
    where s.finished_at >= $3 and s.port is not null and r.workflow_id = $1
  ) departed group by node_id, port`;

try {
  await engine.start();
  const ids: string[] = [];
  for (let index = 0; index < WORKFLOWS; index += 1) {
    const { workflow } = await engine.createWorkflow({ name: `Flow ${index}`, nodes: [{ id: 'in', type: 'core.manual', config: {} }], edges: [] });
    await engine.publishWorkflow(workflow.id);
    ids.push(workflow.id);
  }
  const fillStarted = performance.now();
  // Runs in created order over eight days, their steps a few seconds apart, inserted in that
  // order as workers write them; 1% of runs still waiting.
  await sql`
    insert into runs (workflow_id, version, status, trigger_data, cursor_node, created_at, updated_at, finished_at)
    select case when g % 2 = 0 then ${ids[0]}::uuid else (${sql.val(ids)}::uuid[])[1 + g % ${WORKFLOWS}::int] end, 1,
           case when g % 100 = 0 then 'waiting' else 'completed' end, '{}'::jsonb,
           case when g % 100 = 0 then 'n' || (g % ${STEPS_PER_RUN}::int) end,
           now() - (1 - g::float8 / ${RUNS}::int) * interval '8 days', now(), now()
    from generate_series(1, ${RUNS}::int) g
  `.execute(db);
  await sql`
    insert into steps (run_id, node_id, node_type, visit, attempt, status, port, started_at, finished_at)
    select r.id, 'n' || k, 'core.branch', 1, 1, 'completed', case when k % 3 = 0 then 'no' else 'yes' end,
           r.created_at + k * interval '2 seconds', r.created_at + k * interval '2 seconds'
    from (select id, created_at from runs order by created_at) r, generate_series(1, ${STEPS_PER_RUN}::int) k
    order by r.created_at, k
  `.execute(db);
  await sql`vacuum analyze runs`.execute(db);
  await sql`vacuum analyze steps`.execute(db);
  const steps = Number((await sql<{ count: string }>`select count(*) from steps`.execute(db)).rows[0]?.count);
  console.log(
    JSON.stringify({ runs: RUNS, steps, workflows: WORKFLOWS, busyWorkflowShare: 0.5, fillSeconds: Math.round((performance.now() - fillStarted) / 100) / 10 }),
  );

  const now = new Date();
  const figures: Record<string, unknown>[] = [];
  for (const [window, windowMs] of Object.entries(WINDOWS)) {
    const since = windowStart(now, windowMs);
    figures.push({
      query: 'steps joined to runs (no rollup)',
      window,
      ...(await time(() => pool.query(direct, [ids[0], since]))),
      plan: await explainSummary(direct, [ids[0], since]),
    });
  }
  const passStarted = performance.now();
  const passSteps = await runLiveCountsPass(db, now, 1000);
  const firstPassMs = Math.round(performance.now() - passStarted);
  const departures = Number((await sql<{ count: string }>`select count(*) from step_departures`.execute(db)).rows[0]?.count);
  const catchUpStarted = performance.now();
  await runLiveCountsPass(db, new Date(now.getTime() + 60_000));
  console.log(
    JSON.stringify({
      firstRollupPassMs: firstPassMs,
      passStatements: passSteps,
      departureRows: departures,
      oneMinuteCatchUpMs: Math.round(performance.now() - catchUpStarted),
    }),
  );
  const watermark = (await sql<{ watermark: Date }>`select watermark from step_departures_watermark`.execute(db)).rows[0]?.watermark;
  for (const [window, windowMs] of Object.entries(WINDOWS)) {
    const since = windowStart(now, windowMs);
    figures.push({
      query: 'engine: buckets + tail',
      window,
      ...(await time(() => countLive(db, ids[0] as string, since))),
      plan: await explainSummary(rolled, [ids[0], since, watermark]),
    });
  }
  for (const figure of figures) console.log(JSON.stringify(figure));
} finally {
  await db.destroy();
  await engine.stop({ timeoutMs: 1000 });
  await dropSchemas(databaseUrl, [schema, `${schema}_boss`]);
  await embedded?.stop();
}
