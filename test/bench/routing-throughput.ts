/**
 * Benchmark: complete routing flows per second and the latency from event to
 * finished run, on this machine's Postgres (embedded unless DATABASE_URL).
 * Prints figures; asserts nothing. Run with `pnpm bench`.
 *
 * The flow is the shape docs/ARCHITECTURE.md (Performance) compares against peers: event in -> branch ->
 * set a variable -> branch -> set, five steps in one run, every step durable.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createEngine, createLogger } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import { startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';
import { dropSchemas, latencyPercentiles } from './latency-percentiles.ts';
import { connectTestDatabase } from '../support/test-database.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
/** Second phase: events at a steady rate below saturation, for latency that is not queueing. */
const RATE = Number(process.env.BENCH_RATE ?? 100);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 5);

const dataDir = process.env.DATABASE_URL === undefined ? await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-')) : undefined;
const embedded = dataDir === undefined ? undefined : await startEmbeddedPostgres({ dataDir });
const databaseUrl = process.env.DATABASE_URL ?? (embedded?.connectionString as string);
const schema = `bench_${Date.now().toString(36)}`;
const engine = createEngine({
  databaseUrl,
  schema,
  nodes: [...corePack],
  logger: createLogger('error'),
  workerConcurrency: Number(process.env.BENCH_WORKERS ?? 16),
  maxConnections: 24,
});
await engine.start();
// Rows are read beside the engine, on a connection of the bench's own.
const db = connectTestDatabase({ databaseUrl, schema });

try {
  const { workflow } = await engine.createWorkflow({
    name: 'Route by priority',
    nodes: [
      { id: 'in', type: 'core.event', config: { event: 'message.received' } },
      {
        id: 'urgent',
        type: 'core.branch',
        config: { branches: [{ id: 'yes', conditions: [{ path: 'trigger.data.priority', operator: 'equals', value: 'high' }] }] },
      },
      { id: 'vip', type: 'core.set_variable', config: { assignments: [{ name: 'queue', value: 'vip' }] } },
      { id: 'normal', type: 'core.set_variable', config: { assignments: [{ name: 'queue', value: 'general' }] } },
      {
        id: 'reply',
        type: 'core.set_variable',
        config: { assignments: [{ name: 'reply', value: 'Hola {{ trigger.data.name }}, te atiende {{ vars.queue }}' }] },
      },
    ],
    edges: [
      { from: 'in', to: 'urgent' },
      { from: 'urgent', port: 'yes', to: 'vip' },
      { from: 'urgent', port: 'else', to: 'normal' },
      { from: 'vip', to: 'reply' },
      { from: 'normal', to: 'reply' },
    ],
    settings: { reentry: 'parallel' },
  });
  await engine.publishWorkflow(workflow.id);

  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RUNS) {
        const n = next++;
        await engine.emit({
          type: 'message.received',
          subject: `conversation:${n}`,
          data: { name: `Cliente ${n}`, priority: n % 4 === 0 ? 'high' : 'normal' },
        });
      }
    }),
  );
  const emitted = performance.now();
  for (;;) {
    const row = await sql<{ done: string }>`select count(*) as done from runs where status = 'completed'`.execute(db);
    if (Number(row.rows[0]?.done) >= RUNS) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const finished = performance.now();
  const saturated = await latencyPercentiles(db, sql`select extract(epoch from finished_at - created_at) * 1000 as ms from runs`);

  // Phase 2: open-loop arrivals at RATE per second; latency of those runs only.
  const pacedRunIds: string[] = [];
  const pacedStart = performance.now();
  const sends: Promise<void>[] = [];
  for (let n = 0; n < RATE * PACED_SECONDS; n += 1) {
    const due = pacedStart + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(
      engine.emit({ type: 'message.received', subject: `paced:${n}`, data: { name: `Cliente ${n}`, priority: 'normal' } }).then((result) => {
        pacedRunIds.push(...result.runIds);
      }),
    );
  }
  await Promise.all(sends);
  for (;;) {
    const row = await sql<{ done: string }>`select count(*) as done from runs where status = 'completed' and id = any(${pacedRunIds}::uuid[])`.execute(db);
    if (Number(row.rows[0]?.done) >= pacedRunIds.length) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const paced = await latencyPercentiles(
    db,
    sql`select extract(epoch from finished_at - created_at) * 1000 as ms from runs where id = any(${pacedRunIds}::uuid[])`,
  );
  const steps = await sql<{ count: string }>`select count(*) from steps`.execute(db);
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify(
      {
        runs: RUNS,
        steps: Number(steps.rows[0]?.count),
        emitConcurrency: CONCURRENCY,
        emitPerSecond: Math.round(RUNS / ((emitted - started) / 1000)),
        completedFlowsPerSecond: Math.round(RUNS / ((finished - started) / 1000)),
        eventToFinishedMsAtSaturation: saturated,
        pacedRatePerSecond: RATE,
        eventToFinishedMsAtPacedRate: paced,
        rssMb: Math.round(memory.rss / 1048576),
      },
      null,
      2,
    ),
  );
} finally {
  await db.destroy();
  await engine.stop({ timeoutMs: 5000 });
  await dropSchemas(databaseUrl, [schema, `${schema}_boss`]);
  await embedded?.stop();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
}
