/**
 * Benchmark: what the rate bound on runs started by runs costs each such start.
 * A start with a chain (core.trigger_workflow, an emitted event, a webhook called
 * by a run) counts its workflow's chained runs of the last second
 * (runtime/run-chain.ts); a start from outside runs no statement for it. Fills a
 * workflow's window with as many chained runs as the bound allows (a workflow at
 * its bound, the worst case), with and without runs started from outside beside
 * them, among older runs the index must skip, then times the count. Prints
 * figures; asserts nothing. Run with `pnpm bench:chains` (embedded Postgres
 * unless DATABASE_URL).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createEngine, createLogger } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import type { DB } from '../../engine/src/store/database.ts';
import { countRecentChainedRuns } from '../../engine/src/store/runs.ts';
import { startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';
import { dropSchemas } from './latency-percentiles.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
/** Chained runs in the window (the default bound, and ten times it), and runs started from outside beside them. */
const SCENARIOS = [
  { chained: 100, fromOutside: 0 },
  { chained: 1000, fromOutside: 0 },
  { chained: 100, fromOutside: 1000 },
];
/** Runs of other workflows and of older seconds, which the index must skip. */
const OTHER_RUNS = 100_000;

const dataDir = process.env.DATABASE_URL === undefined ? await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-')) : undefined;
const embedded = dataDir === undefined ? undefined : await startEmbeddedPostgres({ dataDir });
const databaseUrl = process.env.DATABASE_URL ?? (embedded?.connectionString as string);
const schema = `bench_${Date.now().toString(36)}`;
const engine = createEngine({ databaseUrl, schema, nodes: [...corePack], logger: createLogger('error'), runWorkers: false });
const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: `-c search_path=${schema},public` });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });

try {
  await engine.start();
  const publish = async (name: string) => {
    const { workflow } = await engine.createWorkflow({ name, nodes: [{ id: 'in', type: 'core.manual', config: {} }], edges: [] });
    await engine.publishWorkflow(workflow.id);
    return workflow.id;
  };
  const other = await publish('Other');
  // Chained runs of another workflow and chained runs of this one from an hour ago: the index skips both.
  await sql`
    insert into runs (workflow_id, version, subject, status, trigger_data, vars, outputs, visits, cursor_node, step_count, depth, created_at, updated_at, finished_at)
    select ${other}::uuid, 1, null, 'completed', '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, null, 1, 1, now() - g * interval '1 ms', now(), now()
    from generate_series(1, ${OTHER_RUNS}::int) g
  `.execute(db);
  const figures: Record<string, unknown>[] = [];
  for (const { chained, fromOutside } of SCENARIOS) {
    const workflowId = await publish(`${chained} chained and ${fromOutside} from outside a second`);
    await sql`
      insert into runs (workflow_id, version, subject, status, trigger_data, vars, outputs, visits, cursor_node, step_count, depth, created_at, updated_at, finished_at)
      select ${workflowId}::uuid, 1, null, 'completed', '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, null, 1, 2, now() - interval '1 hour' - g * interval '1 ms', now(), now()
      from generate_series(1, ${OTHER_RUNS}::int) g
      union all
      select ${workflowId}::uuid, 1, null, 'completed', '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, null, 1, case when g <= ${chained}::int then 1 else 0 end, now(), now(), now()
      from generate_series(1, ${chained + fromOutside}::int) g
    `.execute(db);
    await sql`analyze runs`.execute(db);
    // The fill took a moment: a window reaching back a minute holds exactly the recent runs.
    const since = new Date(Date.now() - 60_000);
    if (process.env.BENCH_EXPLAIN !== undefined) {
      const query = db
        .selectFrom('runs')
        .select(['workflow_id', db.fn.countAll<string>().as('count')])
        .where('workflow_id', 'in', [workflowId])
        .where('depth', '>', 0)
        .where('created_at', '>', since)
        .groupBy('workflow_id');
      console.log((await query.explain('text', sql`analyze`)).map((row) => row['QUERY PLAN']).join('\n'));
    }
    const latencies: number[] = [];
    for (let call = 0; call < CALLS; call += 1) {
      const started = performance.now();
      await countRecentChainedRuns(db, [workflowId], since);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 100) / 100;
    figures.push({ chained, fromOutside, calls: CALLS, p50Ms: at(0.5), p99Ms: at(0.99) });
  }
  console.log(
    JSON.stringify(
      { check: "a workflow's chained runs of the last second, counted in one round trip", olderOrOtherRuns: OTHER_RUNS * (SCENARIOS.length + 1), figures },
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
