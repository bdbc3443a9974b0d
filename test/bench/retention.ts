/**
 * Benchmark: deleting a million step rows past their retention, and whether the
 * API stays responsive meanwhile. Fills one schema with finished runs of ten
 * steps each (generate_series, in Postgres), runs retention passes until
 * nothing is due, and meanwhile requests `GET /api/runs/:id` over HTTP in a
 * loop. Prints figures; asserts nothing. Run with `pnpm bench:retention`
 * (on this machine's Postgres: embedded unless DATABASE_URL).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createEngine, createLogger } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import { createServer } from '../../engine/src/api/create-server.ts';
import { seedAdminToken } from '../../engine/src/api/auth.ts';
import type { DB } from '../../engine/src/store/database.ts';
import { runRetentionPass } from '../../engine/src/runtime/run-retention-pass.ts';
import { startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';
import { dropSchemas } from './latency-percentiles.ts';

const STEP_ROWS = Number(process.env.BENCH_STEP_ROWS ?? 1_000_000);
const STEPS_PER_RUN = 10;
/** Runs in flight and recent runs that must survive, and that the API reads meanwhile. */
const KEPT_RUNS = 1000;
/** The request loop stops after this long even if deletion has not finished. */
const REQUEST_LOOP_LIMIT_MS = Number(process.env.BENCH_REQUEST_LIMIT_MS ?? 300_000);
const TOKEN = 'bench-retention-token';

const dataDir = process.env.DATABASE_URL === undefined ? await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-')) : undefined;
const embedded = dataDir === undefined ? undefined : await startEmbeddedPostgres({ dataDir });
const databaseUrl = process.env.DATABASE_URL ?? (embedded?.connectionString as string);
const schema = `bench_${Date.now().toString(36)}`;
// No workers: the benchmark runs the retention passes itself, and nothing else competes.
const engine = createEngine({ databaseUrl, schema, nodes: [...corePack], logger: createLogger('error'), runWorkers: false });
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema},public` });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
let app: Awaited<ReturnType<typeof createServer>> | undefined;

try {
  await engine.start();
  await seedAdminToken(engine, { adminToken: TOKEN, tokenFile: '/nonexistent/unused', log: () => undefined });
  app = await createServer(engine, { logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });

  const { workflow } = await engine.createWorkflow({
    name: 'Retention bench',
    nodes: [
      { id: 'start', type: 'core.event', config: { event: 'bench.retention' } },
      { id: 'mark', type: 'core.set_variable', config: { assignments: [{ name: 'done', value: 'yes' }] } },
    ],
    edges: [{ from: 'start', to: 'mark' }],
  });
  await engine.publishWorkflow(workflow.id);

  const doomedRuns = Math.ceil(STEP_ROWS / STEPS_PER_RUN);
  const fillStarted = performance.now();
  // Finished 40 days ago, past the default 30; a few finished yesterday and some still in flight stay.
  await sql`
    insert into runs (workflow_id, version, subject, status, trigger_data, vars, outputs, visits, cursor_node, step_count, created_at, updated_at, finished_at)
    select ${workflow.id}::uuid, 1, 'conversation:' || g, 'completed', '{"type":"bench.retention"}', '{"done":"yes"}', '{}', '{}', null, ${STEPS_PER_RUN}::int,
           now() - interval '40 days' - g * interval '1 ms', now() - interval '40 days', now() - interval '40 days' + g * interval '1 ms'
    from generate_series(1, ${doomedRuns}::int) g
  `.execute(db);
  await sql`
    insert into runs (workflow_id, version, subject, status, trigger_data, vars, outputs, visits, cursor_node, step_count, created_at, updated_at, finished_at)
    select ${workflow.id}::uuid, 1, 'kept:' || g, case when g % 2 = 0 then 'completed' else 'waiting' end, '{}', '{}', '{}', '{}', null, ${STEPS_PER_RUN}::int,
           now() - interval '60 days', now() - interval '1 day', case when g % 2 = 0 then now() - interval '1 day' end
    from generate_series(1, ${KEPT_RUNS}::int) g
  `.execute(db);
  await sql`
    insert into steps (run_id, node_id, node_type, visit, attempt, status, port, input, output, started_at, finished_at, duration_ms)
    select r.id, 'node_' || s, 'core.set_variable', 1, 1, 'completed', 'next', '{"assignments":[{"name":"done","value":"yes"}]}', '{"done":"yes","text":"Hola, te atiende el equipo de soporte"}',
           r.created_at, r.created_at, 1
    from runs r cross join generate_series(1, ${STEPS_PER_RUN}::int) s
  `.execute(db);
  await sql`
    insert into waits (run_id, node_id, visit, signal_key, resume_at, state, status, created_at, resumed_at)
    select r.id, 'node_5', 1, 'event:message.received:' || r.subject, null, '{}', case when r.status = 'waiting' then 'pending' else 'resumed' end, r.created_at, null
    from runs r
  `.execute(db);
  await sql`analyze runs, steps, waits`.execute(db);
  const fillMs = performance.now() - fillStarted;
  const count = async (table: 'runs' | 'steps' | 'waits') =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n);
  const before = { runs: await count('runs'), steps: await count('steps'), waits: await count('waits') };
  const keptRunIds = (await db.selectFrom('runs').select('id').where('subject', 'like', 'kept:%').execute()).map((row) => row.id);

  // The API: one request at a time, as fast as it answers, until `stop()` says so or the loop limit.
  function requestLoop(): { stop: () => Promise<{ latencies: number[]; failures: number }> } {
    const latencies: number[] = [];
    let failures = 0;
    let running = true;
    const loop = (async () => {
      const loopStarted = performance.now();
      for (let n = 0; running && performance.now() - loopStarted < REQUEST_LOOP_LIMIT_MS; n += 1) {
        const sent = performance.now();
        const response = await fetch(`${address}/api/runs/${keptRunIds[n % keptRunIds.length]}`, { headers: { authorization: `Bearer ${TOKEN}` } });
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
        if (response.status !== 200) failures += 1;
      }
    })();
    return {
      async stop() {
        running = false;
        await loop;
        return { latencies: latencies.sort((a, b) => a - b), failures };
      },
    };
  }
  const summary = ({ latencies, failures }: { latencies: number[]; failures: number }) => {
    const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
    return { requests: latencies.length, failures, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round((latencies.at(-1) ?? 0) * 10) / 10 };
  };
  const idle = requestLoop();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const apiIdle = summary(await idle.stop());
  const busy = requestLoop();

  const now = new Date();
  const passes: { runs: number; ms: number }[] = [];
  const deleteStarted = performance.now();
  for (;;) {
    const passStarted = performance.now();
    const result = await runRetentionPass(db, now, { retentionDays: 30 });
    passes.push({ runs: result.runs, ms: Math.round(performance.now() - passStarted) });
    if (result.complete) break;
  }
  const deleteMs = performance.now() - deleteStarted;
  const apiDuringDeletion = summary(await busy.stop());

  const after = { runs: await count('runs'), steps: await count('steps'), waits: await count('waits') };
  const deletedSteps = before.steps - after.steps;
  console.log(
    JSON.stringify(
      {
        fill: { ...before, seconds: Math.round(fillMs / 100) / 10 },
        deleted: { runs: before.runs - after.runs, steps: deletedSteps, waits: before.waits - after.waits },
        kept: after,
        deleteSeconds: Math.round(deleteMs / 100) / 10,
        stepRowsPerSecond: Math.round(deletedSteps / (deleteMs / 1000)),
        runsPerSecond: Math.round((before.runs - after.runs) / (deleteMs / 1000)),
        passes: passes.length,
        longestPassMs: Math.max(...passes.map((pass) => pass.ms)),
        apiIdle,
        apiDuringDeletion,
      },
      null,
      2,
    ),
  );
} finally {
  await app?.close();
  await db.destroy();
  await engine.stop({ timeoutMs: 5000 });
  await dropSchemas(databaseUrl, [schema, `${schema}_boss`]);
  await embedded?.stop();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
}
