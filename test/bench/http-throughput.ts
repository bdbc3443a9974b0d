/**
 * Benchmark (`pnpm bench`): Switchboard over HTTP, as an operator runs it. Prints figures and
 * writes them to test/bench/results/; asserts nothing. README "Performance" reads them.
 *
 * - The engine is its own process, `switchboard start`, on Postgres from DATABASE_URL or an
 *   embedded one this script starts (the process gets it as DATABASE_URL, so the queue ceiling
 *   below is measured on the same database).
 * - The load comes from another process (load-generator.ts), over HTTP to 127.0.0.1.
 * - Two flows, each at saturation (BENCH_CLIENTS clients back to back) and at paced rates
 *   (BENCH_RATES): routing (POST /api/inbox/messages, a new contact each -> `sales-round-robin`
 *   assigns round robin within capacity -> `assigned-agent-message` records "te atiende ..." in
 *   the outbox, delivered to a local sink) and the small flow (POST /api/events -> branch -> set
 *   a variable). At 200 messages a second, 10 two-second timers a second run beside them.
 * - Latencies are Postgres' clock on both ends: inbound row to the assign step's end, inbound
 *   row to the outbound row, event row to the run's end, a wait's due time to its resumption.
 * - Then pg-boss alone on the same database (no-op jobs, the engine's queue settings): the
 *   ceiling the engine's flows a second are a share of.
 *
 * - Statements and round trips per item: a driver hook in the engine process (count-statements.mjs)
 *   counts what it sends; on the embedded Postgres, pg_stat_statements adds the server's time per
 *   statement.
 *
 * BENCH_SECONDS (each phase, default 10), BENCH_CLIENTS (64), BENCH_RATES (50,200,500,1000),
 * BENCH_FLOWS (routing,small);
 * BENCH_CPU_PROFILE=<dir> writes the engine process's CPU profile there (node --cpu-prof) when it stops.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createBoss } from '../../engine/src/runtime/queue.ts';
import { freePort } from '../support/free-port.ts';
import { startBenchPostgres } from './bench-postgres.ts';
import { createAgents, publishRoutingTemplates, publishSmallFlow, publishTimerFlow, SMALL_FLOW_EVENT } from './bench-workflows.ts';
import { dropSchemas, type Percentiles } from './latency-percentiles.ts';
import type { LoadPlan } from './load-generator.ts';
import { machineFacts } from './machine-facts.ts';
import { measurePhase, type Phase } from './measure-phase.ts';
import { count, percentiles, until } from './phase-measures.ts';
import { startSwitchboard } from './start-switchboard.ts';
import { statementStatisticsReady } from './statement-report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 64);
const RATES = (process.env.BENCH_RATES ?? '50,200,500,1000').split(',').map(Number);
/** `routing`, `small` or both: one flow alone makes a quick before-and-after comparison. */
const FLOWS = (process.env.BENCH_FLOWS ?? 'routing,small').split(',').filter((flow): flow is 'routing' | 'small' => flow === 'routing' || flow === 'small');
const TOKEN = 'bench-admin-token';
const AGENTS = 20;

const database = await startBenchPostgres({ statementStatistics: true });
const { databaseUrl } = database;
const schema = `bench_${Date.now().toString(36)}`;

// The channel bridge: takes every delivery at once.
let delivered = 0;
const sink = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    delivered += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
const sinkPort = await freePort();
await new Promise<void>((resolve) => sink.listen(sinkPort, '127.0.0.1', resolve));

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema}` });
const switchboard = await startSwitchboard({
  topology: 'start',
  databaseUrl,
  schema,
  token: TOKEN,
  channels: `whatsapp=http://127.0.0.1:${sinkPort}/send`,
  countStatements: true,
  ...(process.env.BENCH_CPU_PROFILE === undefined ? {} : { cpuProfileDir: process.env.BENCH_CPU_PROFILE }),
}).catch(async (error: unknown) => {
  await pool.end();
  sink.close();
  await dropSchemas(databaseUrl, [schema, `${schema}_boss`]);
  await database.stop();
  throw error;
});
const { baseUrl } = switchboard;

try {
  const { timerWorkflowId } = await prepare();
  const serverStatistics = await statementStatisticsReady(pool, database.embedded);
  const phases: Phase[] = [];
  /** Timer lateness (resumed minus due) by the paced routing rate beside which the timers ran. */
  const timers: Record<string, Percentiles> = {};

  for (const flow of FLOWS) {
    const offered = ['saturation', ...RATES.map(String)];
    for (const rate of offered) {
      const prefix = `${flow}-${rate}`;
      const plan: LoadPlan = {
        baseUrl,
        token: TOKEN,
        kind: flow === 'routing' ? 'messages' : 'events',
        eventType: SMALL_FLOW_EVENT,
        prefix,
        seconds: SECONDS,
        ...(rate === 'saturation' ? { clients: CLIENTS } : { rate: Number(rate) }),
      };
      // Two-second timers, 10 a second, beside every paced routing phase: how late they fire under that load.
      const withTimers = flow === 'routing' && rate !== 'saturation';
      const timerPrefix = `timers-${rate}`;
      const timerPlan: LoadPlan = { baseUrl, token: TOKEN, kind: 'events', eventType: 'bench.timer', prefix: timerPrefix, seconds: SECONDS, rate: 10 };
      const phase = await measurePhase({ pool, switchboard, serverStatistics }, flow, rate, plan, withTimers ? [timerPlan] : []);
      phases.push(phase);
      if (withTimers) {
        const ofPhase = `from runs r join events e on e.id = r.event_id where r.workflow_id = $1 and e.data->>'phase' = $2`;
        await until(
          async () => (await count(pool, `select count(*) ${ofPhase} and r.status = 'completed'`, [timerWorkflowId, timerPrefix])) >= SECONDS * 10,
          60_000,
        );
        timers[rate] = await percentiles(
          pool,
          `select extract(epoch from w.resumed_at - w.resume_at) * 1000 as ms from waits w join runs r on r.id = w.run_id join events e on e.id = r.event_id
           where r.workflow_id = $1 and e.data->>'phase' = $2 and w.resumed_at is not null`,
          [timerWorkflowId, timerPrefix],
        );
      }
      const done = phase.completedPerSecond;
      console.error(`${prefix}: ${phase.load.accepted} accepted, ${phase.finished} finished, ${done}/s`);
      // A rate the engine cannot keep up with only grows its backlog: the higher ones would too.
      if (rate !== 'saturation' && done < 0.9 * Number(rate)) {
        console.error(`${flow}: ${rate}/s is not sustained; the higher rates are left out`);
        break;
      }
    }
  }

  const rssAtEnd = await switchboard.highWaterMarkMb();
  const peakRssMb = switchboard.peakRssMb();
  await switchboard.stop();
  const ceiling = await pgBossCeiling();
  const bestSmall = Math.max(...phases.filter((phase) => phase.flow === 'small').map((phase) => phase.completedPerSecond));
  const bestRouting = Math.max(...phases.filter((phase) => phase.flow === 'routing').map((phase) => phase.completedPerSecond));
  const results = {
    date: new Date().toISOString(),
    machine: await machineFacts(pool),
    settings: { secondsPerPhase: SECONDS, clients: CLIENTS, rates: RATES, agents: AGENTS },
    phases,
    timerLatenessMsByRoutingRate: timers,
    engineRssMb: { peakSampled: peakRssMb, highWaterMark: rssAtEnd },
    deliveredToSink: delivered,
    pgBossCeiling: ceiling,
    ratios: {
      smallFlowsPerSecondOverPgBossJobsPerSecond: Math.round((bestSmall / ceiling.workedPerSecond) * 1000) / 1000,
      routedConversationsPerSecond: bestRouting,
      smallFlowsPerSecond: bestSmall,
    },
  };
  const resultsDir = path.join(here, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${results.date.slice(0, 10)}-${os.hostname()}.json`);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(markdown(results));
  console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
} finally {
  await switchboard.stop().catch(() => undefined);
  await pool.end();
  sink.close();
  await dropSchemas(databaseUrl, [schema, `${schema}_boss`, `${schema}_ceiling`]);
  await database.stop();
}

/** Agents with room for everything, the two routing templates, the small flow and the timer flow, published. */
async function prepare() {
  await createAgents(switchboard.api, AGENTS);
  await publishRoutingTemplates(switchboard.api);
  await publishSmallFlow(switchboard.api);
  const timerWorkflowId = await publishTimerFlow(switchboard.api);
  return { timerWorkflowId };
}

/** pg-boss alone on the same database, with the engine's queue settings: no-op jobs inserted in batches, then worked in batches. */
async function pgBossCeiling(): Promise<{ readonly jobs: number; readonly insertedPerSecond: number; readonly workedPerSecond: number }> {
  const jobs = 20_000;
  const boss = createBoss({ connectionString: databaseUrl, schema: `${schema}_ceiling`, maxConnections: 10 });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    await boss.createQueue('noop');
    const insertStart = performance.now();
    for (let i = 0; i < jobs; i += 1000)
      await boss.insert(
        'noop',
        Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ data: { i: i + k } })),
      );
    const insertedPerSecond = Math.round(jobs / ((performance.now() - insertStart) / 1000));
    let done = 0;
    const workStart = performance.now();
    await new Promise<void>((resolve) => {
      // As the engine's run workers poll (work-run-jobs.ts): fetch again at once while batches come back full.
      void boss.work(
        'noop',
        { batchSize: 50, localConcurrency: 4, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 },
        async (batch) => {
          done += batch.length;
          if (done >= jobs) resolve();
        },
      );
    });
    const workedPerSecond = Math.round(jobs / ((performance.now() - workStart) / 1000));
    return { jobs, insertedPerSecond, workedPerSecond };
  } finally {
    await boss.stop({ graceful: false });
  }
}

function markdown(results: { phases: readonly Phase[]; [key: string]: unknown }): string {
  const lines = [
    '| flow | offered | accepted | finished | finished/s | HTTP answer p50 / p99 ms | p50 / p99 ms | second latency p50 / p99 ms | tx / item | statements / item | rows / item |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const phase of results.phases) {
    const [first, second] = Object.values(phase.latency);
    lines.push(
      `| ${phase.flow} | ${phase.offered === 'saturation' ? `saturation (${CLIENTS} clients)` : `${phase.offered}/s`} | ${phase.load.accepted} | ${phase.finished} | ${phase.completedPerSecond} | ${phase.load.answerMs.p50} / ${phase.load.answerMs.p99} | ${first?.p50} / ${first?.p99} | ${second === undefined ? '—' : `${second.p50} / ${second.p99}`} | ${phase.perItem.transactions} | ${phase.statements.perItem} | ${phase.perItem.rowsWritten} |`,
    );
  }
  // Where the round trips go, for each flow at saturation.
  for (const phase of results.phases.filter(({ offered }) => offered === 'saturation')) {
    lines.push('', `${phase.flow} at saturation, statements per item (client wait ms per item):`);
    for (const { sql, perItem, clientMsPerItem } of phase.statements.top) lines.push(`  ${perItem} (${clientMsPerItem} ms)  ${sql}`);
    const { server } = phase.statements;
    if (server !== null) {
      lines.push(`  server time per item: ${server.msPerItem} ms, of which planning ${server.planningMsPerItem} ms; the costliest:`);
      for (const { sql, callsPerItem, msPerItem, planningMsPerItem } of server.top) {
        lines.push(`  server: ${msPerItem} ms (planning ${planningMsPerItem}) in ${callsPerItem} calls  ${sql}`);
      }
    }
  }
  const { phases: _phases, ...rest } = results;
  return `${lines.join('\n')}\n\n${JSON.stringify(rest, null, 2)}`;
}
