/**
 * Benchmark (`pnpm bench:scale-out`): the saturation phases of `pnpm bench` (routing and the
 * small flow, BENCH_CLIENTS clients back to back for BENCH_SECONDS each) in two topologies on
 * one Postgres, back to back: one `switchboard start`, then one `switchboard api` with two
 * `switchboard worker` processes (each with the default worker concurrency, so twice the run
 * workers). Each topology gets a schema of its own, so neither counts the other's rows.
 *
 * Reports items finished a second, latencies, statements per item (the driver hook runs in
 * every process and their counts are added up) and peak resident memory summed across the
 * processes; then checks the routing it did: every routed conversation assigned exactly once
 * and answered once, and every agent's open_count equal to the open conversations it holds.
 * Prints a table and writes JSON to test/bench/results/<date>-<host>-scale-out.json. The
 * paced rates and the pg-boss ceiling are `pnpm bench`'s, not repeated here.
 *
 * BENCH_SECONDS (each phase, default 10), BENCH_CLIENTS (64).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../support/free-port.ts';
import { startBenchPostgres } from './bench-postgres.ts';
import { createAgents, publishRoutingTemplates, publishSmallFlow, SMALL_FLOW_EVENT } from './bench-workflows.ts';
import { dropSchemas } from './latency-percentiles.ts';
import { machineFacts } from './machine-facts.ts';
import { measurePhase, type Phase } from './measure-phase.ts';
import { startSwitchboard, type Topology } from './start-switchboard.ts';
import { statementStatisticsReady } from './statement-report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 64);
const TOKEN = 'bench-admin-token';
const AGENTS = 20;
const TOPOLOGIES: readonly Topology[] = ['start', 'scale-out'];

interface Routing {
  readonly conversations: number;
  /** Conversations without an assignee, or assigned (`inbox.conversation_assigned`) or answered other than once. */
  readonly notExactlyOnce: number;
  /** Agents whose open_count is not the number of open conversations they hold, or is past their capacity. */
  readonly agentsMiscounted: number;
  readonly correct: boolean;
}

interface TopologyResult {
  readonly topology: Topology;
  readonly processes: readonly string[];
  readonly phases: readonly Phase[];
  /** Peak of the sum of the processes' resident memory, sampled every 250 ms; and the sum of their own peaks. */
  readonly rssMb: { readonly peakSampled: number; readonly highWaterMarkSum: number };
  readonly routing: Routing;
}

const database = await startBenchPostgres({ statementStatistics: true });
const { databaseUrl } = database;
const stamp = Date.now().toString(36);
const schemas: string[] = [];

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

try {
  const results: TopologyResult[] = [];
  for (const topology of TOPOLOGIES) results.push(await measureTopology(topology));
  const report = {
    date: new Date().toISOString(),
    machine: await withPool(machineFacts),
    settings: { secondsPerPhase: SECONDS, clients: CLIENTS, agents: AGENTS },
    topologies: results,
    deliveredToSink: delivered,
  };
  const resultsDir = path.join(here, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${report.date.slice(0, 10)}-${os.hostname()}-scale-out.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(table(results));
  console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
} finally {
  sink.close();
  await dropSchemas(
    databaseUrl,
    schemas.flatMap((schema) => [schema, `${schema}_boss`]),
  );
  await database.stop();
}

async function measureTopology(topology: Topology): Promise<TopologyResult> {
  const schema = `bench_scale_${stamp}_${topology.replace('-', '_')}`;
  schemas.push(schema);
  const switchboard = await startSwitchboard({
    topology,
    databaseUrl,
    schema,
    token: TOKEN,
    channels: `whatsapp=http://127.0.0.1:${sinkPort}/send`,
    countStatements: true,
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema}` });
  try {
    await createAgents(switchboard.api, AGENTS);
    await publishRoutingTemplates(switchboard.api);
    await publishSmallFlow(switchboard.api);
    const serverStatistics = await statementStatisticsReady(pool, database.embedded);
    const phases: Phase[] = [];
    for (const flow of ['routing', 'small'] as const) {
      const prefix = `${flow}-saturation`;
      const phase = await measurePhase({ pool, switchboard, serverStatistics }, flow, 'saturation', {
        baseUrl: switchboard.baseUrl,
        token: TOKEN,
        kind: flow === 'routing' ? 'messages' : 'events',
        eventType: SMALL_FLOW_EVENT,
        prefix,
        seconds: SECONDS,
        clients: CLIENTS,
      });
      console.error(`${topology} ${prefix}: ${phase.load.accepted} accepted, ${phase.finished} finished, ${phase.completedPerSecond}/s`);
      phases.push(phase);
    }
    const routing = await checkRouting(pool, 'routing-saturation', phases[0]?.load.accepted ?? 0);
    console.error(`${topology} routing correct: ${routing.correct ? 'yes' : 'no'} (${JSON.stringify(routing)})`);
    return {
      topology,
      processes: switchboard.processes.map((entry) => entry.command),
      phases,
      rssMb: { peakSampled: switchboard.peakRssMb(), highWaterMarkSum: await switchboard.highWaterMarkMb() },
      routing,
    };
  } finally {
    await switchboard.stop();
    await pool.end();
  }
}

/** Exactly once, after the phase drained: one conversation per accepted message, each assigned and answered once, agents' counts true. */
async function checkRouting(pool: pg.Pool, prefix: string, accepted: number): Promise<Routing> {
  const { rows } = await pool.query<{ conversations: string; wrong: string }>(
    `select count(*) as conversations,
            count(*) filter (where assignee_id is null or assigned <> 1 or answered <> 1) as wrong
     from (select c.assignee_id,
             (select count(*) from events e where e.type = 'inbox.conversation_assigned' and e.subject = 'conversation:' || c.id) as assigned,
             (select count(*) from messages m where m.conversation_id = c.id and m.direction = 'out') as answered
           from conversations c join contacts p on p.id = c.contact_id where p.name like $1) as routed`,
    [`${prefix} %`],
  );
  const agents = await pool.query<{ count: string }>(
    `select count(*) from agents a
     where a.open_count > a.capacity or a.open_count <> (select count(*) from conversations c where c.assignee_id = a.id and c.status = 'open')`,
  );
  const conversations = Number(rows[0]?.conversations ?? 0);
  const notExactlyOnce = Number(rows[0]?.wrong ?? 0);
  const agentsMiscounted = Number(agents.rows[0]?.count ?? 0);
  return { conversations, notExactlyOnce, agentsMiscounted, correct: conversations === accepted && notExactlyOnce === 0 && agentsMiscounted === 0 };
}

async function withPool<T>(body: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return await body(pool);
  } finally {
    await pool.end();
  }
}

function table(results: readonly TopologyResult[]): string {
  const lines = [
    '| topology | flow | accepted | accepted/s | finished/s | p50 / p99 ms | statements / item | peak RSS summed | correct |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const result of results) {
    for (const phase of result.phases) {
      const [latency] = Object.values(phase.latency);
      lines.push(
        `| ${result.topology} (${result.processes.join(' + ')}) | ${phase.flow} | ${phase.load.accepted} | ${Math.round(phase.load.accepted / phase.load.seconds)} | ${phase.completedPerSecond} | ${latency?.p50} / ${latency?.p99} | ${phase.statements.perItem} | ${result.rssMb.peakSampled} MB | ${phase.flow === 'routing' ? (result.routing.correct ? 'yes' : 'no') : ''} |`,
      );
    }
  }
  const [single, split] = results;
  if (single !== undefined && split !== undefined) {
    lines.push('');
    for (const flow of ['routing', 'small'] as const) {
      const of = (result: TopologyResult) => result.phases.find((phase) => phase.flow === flow)?.completedPerSecond ?? 0;
      lines.push(`${flow}: scale-out / start = ${of(single) > 0 ? (of(split) / of(single)).toFixed(2) : 'n/a'}`);
    }
    lines.push(`correct: ${results.every((result) => result.routing.correct) ? 'yes' : 'no'}`);
  }
  return lines.join('\n');
}
