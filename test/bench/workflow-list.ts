/**
 * Benchmark: what the flows list costs with many runs. GET /api/workflows counts each
 * workflow's runs of the last 24 hours and the failed ones among them, in one statement for
 * the whole list (store/workflows.ts, listWorkflowSummaries). Fills a schema with workflows and
 * runs spread over two days (one workflow with half of them, 2% failed), then times the list:
 * after a vacuum (the visibility map is set, so index-only scans read no rows), and again after
 * a quarter of the recent runs were updated since (as workers do: their pages are no longer
 * all-visible until autovacuum comes by). Beside it, the same counts taken as one aggregate that
 * reads each run's status from its row, which is what the partial index of failed runs spares.
 * Prints figures; asserts nothing. Run with `pnpm bench:workflow-list` (embedded Postgres unless
 * DATABASE_URL; BENCH_RUNS, BENCH_WORKFLOWS; BENCH_EXPLAIN=1 prints the plans).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createEngine, createLogger } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import type { DB } from '../../engine/src/store/database.ts';
import { listWorkflowSummaries, workflowSummariesQuery } from '../../engine/src/store/workflows.ts';
import { startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';
import { dropSchemas } from './latency-percentiles.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 1_000_000);
const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 50);
const CALLS = Number(process.env.BENCH_CALLS ?? 20);

const dataDir = process.env.DATABASE_URL === undefined ? await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-')) : undefined;
const embedded = dataDir === undefined ? undefined : await startEmbeddedPostgres({ dataDir });
const databaseUrl = process.env.DATABASE_URL ?? (embedded?.connectionString as string);
const schema = `bench_${Date.now().toString(36)}`;
const engine = createEngine({ databaseUrl, schema, nodes: [...corePack], logger: createLogger('error'), runWorkers: false });
const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: `-c search_path=${schema},public` });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });

async function time(label: string, body: () => Promise<unknown>): Promise<Record<string, unknown>> {
  await body(); // warm the cache: the list screen is read often
  const latencies: number[] = [];
  for (let call = 0; call < CALLS; call += 1) {
    const started = performance.now();
    await body();
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { label, calls: CALLS, p50Ms: at(0.5), maxMs: at(1) };
}

async function explain(query: { compile(): { sql: string; parameters: readonly unknown[] } }): Promise<void> {
  if (process.env.BENCH_EXPLAIN === undefined) return;
  const { sql: text, parameters } = query.compile();
  const plan = await pool.query(`explain (analyze, buffers) ${text}`, [...parameters]);
  console.log(plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'));
}

try {
  await engine.start();
  const ids: string[] = [];
  for (let index = 0; index < WORKFLOWS; index += 1) {
    const { workflow } = await engine.createWorkflow({ name: `Flow ${index}`, nodes: [{ id: 'in', type: 'core.manual', config: {} }], edges: [] });
    await engine.publishWorkflow(workflow.id);
    ids.push(workflow.id);
  }
  // Half the runs on the first workflow, the rest spread over the others; two days of them.
  await sql`
    insert into runs (workflow_id, version, status, trigger_data, created_at, updated_at, finished_at)
    select case when g % 2 = 0 then ${ids[0]}::uuid else (${sql.val(ids)}::uuid[])[1 + g % ${WORKFLOWS}::int] end,
           1, case when (g / 2) % 50 = 0 then 'failed' else 'completed' end, '{}'::jsonb,
           now() - (g::float8 / ${RUNS}::int) * interval '48 hours', now(), now()
    from generate_series(1, ${RUNS}::int) g
  `.execute(db);
  await sql`vacuum analyze runs`.execute(db);
  const since = new Date(Date.now() - 86_400_000);
  const inWindow = await sql<{ count: string }>`select count(*) from runs where created_at >= ${since}`.execute(db);

  // The alternative without runs_failed_by_workflow: one pass over the window, status from each row.
  const fromRows = () =>
    sql`
      select w.id, (
        select count(*) filter (where r.status = 'failed') from (
          select status from runs r where r.workflow_id = w.id and r.created_at >= ${since} limit 10001
        ) r
      ) as failed
      from workflows w
    `.execute(db);

  const figures: Record<string, unknown>[] = [];
  const list = () => listWorkflowSummaries(db, {}, since);
  figures.push(await time('list, after vacuum', list));
  figures.push(await time('failures read from the rows, after vacuum', fromRows));
  await explain(workflowSummariesQuery(db, {}, since));

  // Workers touch recent runs (status, cursor, updated_at): a quarter of the window's runs updated, no vacuum since.
  await sql`alter table runs set (autovacuum_enabled = false)`.execute(db);
  await sql`update runs set updated_at = now() where created_at >= ${since} and (hashtext(id::text) & 3) = 0`.execute(db);
  figures.push(await time('list, a quarter of the recent runs updated since the last vacuum', list));
  figures.push(await time('failures read from the rows, likewise', fromRows));
  await explain(workflowSummariesQuery(db, {}, since));
  await sql`alter table runs reset (autovacuum_enabled)`.execute(db);

  const [summary] = (await list()).filter((workflow) => workflow.id === ids[0]);
  console.log(
    JSON.stringify(
      {
        check: "the flows list: each workflow's runs of the last 24 hours and the failures among them, in one statement",
        workflows: WORKFLOWS,
        runs: RUNS,
        runsInWindow: Number(inWindow.rows[0]?.count),
        busiestWorkflow: summary?.runsLast24Hours,
        figures,
      },
      null,
      2,
    ),
  );
} finally {
  await db.destroy();
  await engine.stop({ timeoutMs: 1000 });
  await dropSchemas(databaseUrl, [schema, `${schema}_boss`]);
  await embedded?.stop();
}
