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
 * BENCH_SECONDS (each phase, default 10), BENCH_CLIENTS (64), BENCH_RATES (50,200,500,1000);
 * BENCH_CPU_PROFILE=<dir> writes the engine process's CPU profile there (node --cpu-prof) when it stops.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../engine/src/store/embedded-postgres.ts';
import { createBoss } from '../../engine/src/runtime/queue.ts';
import { freePort } from '../support/free-port.ts';
import { spawnSwitchboard, waitForHealthy } from '../support/switchboard-process.ts';
import { dropSchemas } from './latency-percentiles.ts';
import type { LoadPlan, LoadReport } from './load-generator.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 64);
const RATES = (process.env.BENCH_RATES ?? '50,200,500,1000').split(',').map(Number);
const TOKEN = 'bench-admin-token';
const AGENTS = 20;

interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

interface Phase {
  readonly flow: 'routing' | 'small';
  /** `saturation`, or the paced rate a second. */
  readonly offered: string;
  readonly load: LoadReport;
  /** Items that finished (a conversation answered, a run completed) a second, from the first accepted to the last finished. */
  readonly completedPerSecond: number;
  readonly finished: number;
  readonly latency: Record<string, Percentiles>;
  /** Transactions and rows written per item, from pg_stat_database over the phase. */
  readonly perItem: { readonly transactions: number; readonly rowsWritten: number };
  /** What the engine process sent per item, from the driver hook; the server's time where pg_stat_statements is loaded. */
  readonly statements: StatementReport;
}

interface StatementCount {
  readonly count: number;
  readonly ms: number;
}

interface StatementReport {
  /** Statements (each a round trip) per item, all connections of the engine process. */
  readonly perItem: number;
  readonly transactionsPerItem: number;
  /** The most frequent statements: per item, and the wait for their answers per item. */
  readonly top: readonly { readonly sql: string; readonly perItem: number; readonly clientMsPerItem: number }[];
  /** Server time (planning and execution) per item, in all and the costliest statements (pg_stat_statements); null when it is not loaded. */
  readonly server: {
    readonly msPerItem: number;
    readonly planningMsPerItem: number;
    readonly top: readonly { readonly sql: string; readonly callsPerItem: number; readonly msPerItem: number }[];
  } | null;
}

const dataDir = process.env.DATABASE_URL === undefined ? await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-')) : undefined;
const embedded = dataDir === undefined ? undefined : await withStatementStatistics(dataDir);
const databaseUrl = process.env.DATABASE_URL ?? (embedded?.connectionString as string);
const schema = `bench_${Date.now().toString(36)}`;
const engineData = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-engine-'));
const statementsFile = path.join(engineData, 'statements.json');
let statementSnapshots = 0;

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

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const engine = spawnSwitchboard('start', {
  DATABASE_URL: databaseUrl,
  SWITCHBOARD_SCHEMA: schema,
  SWITCHBOARD_DATA_DIR: engineData,
  SWITCHBOARD_ADMIN_TOKEN: TOKEN,
  SWITCHBOARD_CHANNEL_SECRET: 'bench-channel-secret',
  SWITCHBOARD_CHANNELS: `whatsapp=http://127.0.0.1:${sinkPort}/send`,
  PORT: String(port),
  LOG_LEVEL: 'error',
  BENCH_STATEMENTS_FILE: statementsFile,
  NODE_OPTIONS: [
    `--import=${pathToFileURL(path.join(here, 'count-statements.mjs')).href}`,
    ...(process.env.BENCH_CPU_PROFILE === undefined ? [] : [`--cpu-prof --cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE)}`]),
  ].join(' '),
});
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema}` });

let peakRssMb = 0;
const rssSampler = setInterval(() => {
  void readFile(`/proc/${engine.child.pid}/status`, 'utf8')
    .then((status) => {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakRssMb = Math.max(peakRssMb, Math.round(kb / 1024));
    })
    .catch(() => undefined);
}, 250);

try {
  await waitForHealthy(baseUrl, [engine], 120_000);
  const { timerWorkflowId } = await prepare();
  const serverStatistics = await statementStatisticsReady();
  const phases: Phase[] = [];
  /** Timer lateness (resumed minus due) by the paced routing rate beside which the timers ran. */
  const timers: Record<string, Percentiles> = {};

  for (const flow of ['routing', 'small'] as const) {
    const offered = ['saturation', ...RATES.map(String)];
    for (const rate of offered) {
      const prefix = `${flow}-${rate}`;
      const plan: LoadPlan = {
        baseUrl,
        token: TOKEN,
        kind: flow === 'routing' ? 'messages' : 'events',
        eventType: 'bench.small',
        prefix,
        seconds: SECONDS,
        ...(rate === 'saturation' ? { clients: CLIENTS } : { rate: Number(rate) }),
      };
      // Two-second timers, 10 a second, beside every paced routing phase: how late they fire under that load.
      const withTimers = flow === 'routing' && rate !== 'saturation';
      const timerPrefix = `timers-${rate}`;
      const before = await databaseStats();
      const sentBefore = await statementsSent();
      if (serverStatistics) await pool.query('select public.pg_stat_statements_reset()');
      const [load] = await Promise.all([
        generate(plan),
        ...(withTimers ? [generate({ baseUrl, token: TOKEN, kind: 'events', eventType: 'bench.timer', prefix: timerPrefix, seconds: SECONDS, rate: 10 })] : []),
      ]);
      const finished = await drained(flow, prefix, load.accepted);
      const after = await databaseStats();
      const items = Math.max(1, load.accepted);
      const statements = statementReport(sentBefore, await statementsSent(), items, serverStatistics ? await serverTime(items) : null);
      phases.push({
        flow,
        offered: rate,
        load,
        finished,
        completedPerSecond: await completedPerSecond(flow, prefix, finished),
        latency: flow === 'routing' ? await routingLatency(prefix) : { eventToCompleted: await smallLatency(prefix) },
        perItem: {
          transactions: Math.round(((after.transactions - before.transactions) / items) * 10) / 10,
          rowsWritten: Math.round(((after.rowsWritten - before.rowsWritten) / items) * 10) / 10,
        },
        statements,
      });
      if (withTimers) {
        const ofPhase = `from runs r join events e on e.id = r.event_id where r.workflow_id = $1 and e.data->>'phase' = $2`;
        await until(async () => (await count(`select count(*) ${ofPhase} and r.status = 'completed'`, [timerWorkflowId, timerPrefix])) >= SECONDS * 10, 60_000);
        timers[rate] = await percentiles(
          `select extract(epoch from w.resumed_at - w.resume_at) * 1000 as ms from waits w join runs r on r.id = w.run_id join events e on e.id = r.event_id
           where r.workflow_id = $1 and e.data->>'phase' = $2 and w.resumed_at is not null`,
          [timerWorkflowId, timerPrefix],
        );
      }
      const done = phases.at(-1)?.completedPerSecond ?? 0;
      console.error(`${prefix}: ${load.accepted} accepted, ${finished} finished, ${done}/s`);
      // A rate the engine cannot keep up with only grows its backlog: the higher ones would too.
      if (rate !== 'saturation' && done < 0.9 * Number(rate)) {
        console.error(`${flow}: ${rate}/s is not sustained; the higher rates are left out`);
        break;
      }
    }
  }

  const rssAtEnd = Number(/VmHWM:\s+(\d+)/.exec(await readFile(`/proc/${engine.child.pid}/status`, 'utf8'))?.[1] ?? 0);
  await engine.stop();
  const ceiling = await pgBossCeiling();
  const bestSmall = Math.max(...phases.filter((phase) => phase.flow === 'small').map((phase) => phase.completedPerSecond));
  const bestRouting = Math.max(...phases.filter((phase) => phase.flow === 'routing').map((phase) => phase.completedPerSecond));
  const results = {
    date: new Date().toISOString(),
    machine: await machine(),
    settings: { secondsPerPhase: SECONDS, clients: CLIENTS, rates: RATES, agents: AGENTS },
    phases,
    timerLatenessMsByRoutingRate: timers,
    engineRssMb: { peakSampled: peakRssMb, highWaterMark: Math.round(rssAtEnd / 1024) },
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
  clearInterval(rssSampler);
  await engine.stop().catch(() => undefined);
  await pool.end();
  sink.close();
  await dropSchemas(databaseUrl, [schema, `${schema}_boss`, `${schema}_ceiling`]);
  await embedded?.stop();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  await rm(engineData, { recursive: true, force: true });
}

async function api(method: string, url: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Agents with room for everything, the two routing templates, the small flow and the timer flow, published. */
async function prepare() {
  for (let n = 0; n < AGENTS; n += 1) {
    await api('POST', '/api/inbox/agents', { name: `Agente ${n}`, email: `agente${n}@bench.test`, status: 'online', capacity: 10_000 });
  }
  const publish = async (id: string) => {
    await api('POST', `/api/workflows/${id}/publish`);
    return id;
  };
  const template = async (id: string) => publish(String((await api('POST', `/api/templates/${id}/import`, { language: 'es', parameters: {} }))['id']));
  const created = async (definition: unknown) => publish(String((await api('POST', '/api/workflows', definition))['id']));
  await template('sales-round-robin');
  await template('assigned-agent-message');
  await created({
    name: 'Bench: small flow',
    nodes: [
      { id: 'in', type: 'core.event', config: { event: 'bench.small' } },
      {
        id: 'urgent',
        type: 'core.branch',
        config: { branches: [{ id: 'yes', conditions: [{ path: 'trigger.data.priority', operator: 'equals', value: 'high' }] }] },
      },
      { id: 'note', type: 'core.set_variable', config: { assignments: [{ name: 'lane', value: 'fast' }] } },
      { id: 'other', type: 'core.set_variable', config: { assignments: [{ name: 'lane', value: 'normal' }] } },
    ],
    edges: [
      { from: 'in', to: 'urgent' },
      { from: 'urgent', port: 'yes', to: 'note' },
      { from: 'urgent', port: 'else', to: 'other' },
    ],
    settings: { reentry: 'parallel' },
  });
  const timerWorkflowId = await created({
    name: 'Bench: two-second timer',
    nodes: [
      { id: 'in', type: 'core.event', config: { event: 'bench.timer' } },
      { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 2, unit: 'seconds' } },
      { id: 'note', type: 'core.set_variable', config: { assignments: [{ name: 'woke', value: 'yes' }] } },
    ],
    edges: [
      { from: 'in', to: 'pause' },
      { from: 'pause', to: 'note' },
    ],
  });
  return { timerWorkflowId };
}

/** Runs one load-generator process and returns its report. */
function generate(plan: LoadPlan): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'load-generator.ts'), JSON.stringify(plan)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += String(chunk);
    });
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadReport) : reject(new Error(`load generator exited ${code}`))));
  });
}

async function count(text: string, values: readonly unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ count: string }>(text, [...values]);
  return Number(rows[0]?.count ?? 0);
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** How many of a phase's items finished: outbound "te atiende" messages, or completed small-flow runs. */
function finishedCount(flow: Phase['flow'], prefix: string): Promise<number> {
  return flow === 'routing'
    ? count(
        `select count(*) from messages m join conversations c on c.id = m.conversation_id join contacts p on p.id = c.contact_id
         where m.direction = 'out' and p.name like $1`,
        [`${prefix} %`],
      )
    : count(`select count(*) from runs r join events e on e.id = r.event_id where e.data->>'phase' = $1 and r.status = 'completed'`, [prefix]);
}

/** Waits until every accepted item finished (or two minutes passed, then reports what did), then for the engine to go idle. */
async function drained(flow: Phase['flow'], prefix: string, accepted: number): Promise<number> {
  await until(async () => (await finishedCount(flow, prefix)) >= accepted, 180_000);
  await until(
    async () =>
      (await count(
        `select (select count(*) from runs where status = 'running') + (select count(*) from messages where direction = 'out' and delivery_status = 'pending') as count`,
      )) === 0,
    180_000,
  );
  return finishedCount(flow, prefix);
}

async function completedPerSecond(flow: Phase['flow'], prefix: string, finished: number): Promise<number> {
  const span =
    flow === 'routing'
      ? `select extract(epoch from max(m.created_at) filter (where m.direction = 'out') - min(m.created_at) filter (where m.direction = 'in')) as seconds
         from messages m join conversations c on c.id = m.conversation_id join contacts p on p.id = c.contact_id where p.name like $1`
      : `select extract(epoch from max(r.finished_at) - min(e.received_at)) as seconds from runs r join events e on e.id = r.event_id where e.data->>'phase' = $1`;
  const { rows } = await pool.query<{ seconds: number }>(span, [flow === 'routing' ? `${prefix} %` : prefix]);
  const seconds = Number(rows[0]?.seconds ?? 0);
  return seconds > 0 ? Math.round(finished / seconds) : 0;
}

async function percentiles(timed: string, values: readonly unknown[]): Promise<Percentiles> {
  const { rows } = await pool.query<Percentiles>(
    `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.95) within group (order by ms) as p95,
            percentile_cont(0.99) within group (order by ms) as p99, max(ms) as max from (${timed}) as timed`,
    [...values],
  );
  const row = rows[0];
  const round = (value: unknown) => Math.round(Number(value ?? 0) * 10) / 10;
  return { p50: round(row?.p50), p95: round(row?.p95), p99: round(row?.p99), max: round(row?.max) };
}

async function routingLatency(prefix: string): Promise<Record<string, Percentiles>> {
  const inbound = `from messages i join conversations c on c.id = i.conversation_id join contacts p on p.id = c.contact_id
    where i.direction = 'in' and p.name like $1`;
  return {
    inboundToAssigned: await percentiles(
      `select extract(epoch from s.finished_at - i.created_at) * 1000 as ms ${inbound.replace(
        'where',
        `join runs r on r.subject = 'conversation:' || c.id join steps s on s.run_id = r.id and s.node_type = 'inbox.assign_to' and s.status = 'completed' where`,
      )}`,
      [`${prefix} %`],
    ),
    inboundToOutboundRecorded: await percentiles(
      `select extract(epoch from o.created_at - i.created_at) * 1000 as ms ${inbound.replace('where', `join messages o on o.conversation_id = c.id and o.direction = 'out' where`)}`,
      [`${prefix} %`],
    ),
  };
}

function smallLatency(prefix: string): Promise<Percentiles> {
  return percentiles(
    `select extract(epoch from r.finished_at - e.received_at) * 1000 as ms from runs r join events e on e.id = r.event_id where e.data->>'phase' = $1 and r.status = 'completed'`,
    [prefix],
  );
}

async function databaseStats(): Promise<{ transactions: number; rowsWritten: number }> {
  const { rows } = await pool.query<{ transactions: string; written: string }>(
    `select xact_commit + xact_rollback as transactions, tup_inserted + tup_updated + tup_deleted as written from pg_stat_database where datname = current_database()`,
  );
  // pg_stat_database is updated when a backend reports, at most every second or so: the phases are long enough for that.
  return { transactions: Number(rows[0]?.transactions ?? 0), rowsWritten: Number(rows[0]?.written ?? 0) };
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

async function machine() {
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  })();
  const { rows } = await pool.query<{ server_version: string }>('show server_version');
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    node: process.version,
    postgres: rows[0]?.server_version ?? null,
    commit,
    hostname: os.hostname(),
  };
}

function markdown(results: { phases: readonly Phase[]; [key: string]: unknown }): string {
  const lines = [
    '| flow | offered | accepted | finished | finished/s | p50 / p99 ms | second latency p50 / p99 ms | tx / item | statements / item | rows / item |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const phase of results.phases) {
    const [first, second] = Object.values(phase.latency);
    lines.push(
      `| ${phase.flow} | ${phase.offered === 'saturation' ? `saturation (${CLIENTS} clients)` : `${phase.offered}/s`} | ${phase.load.accepted} | ${phase.finished} | ${phase.completedPerSecond} | ${first?.p50} / ${first?.p99} | ${second === undefined ? '—' : `${second.p50} / ${second.p99}`} | ${phase.perItem.transactions} | ${phase.statements.perItem} | ${phase.perItem.rowsWritten} |`,
    );
  }
  // Where the round trips go, for each flow at saturation.
  for (const phase of results.phases.filter(({ offered }) => offered === 'saturation')) {
    lines.push('', `${phase.flow} at saturation, statements per item (client wait ms per item):`);
    for (const { sql, perItem, clientMsPerItem } of phase.statements.top) lines.push(`  ${perItem} (${clientMsPerItem} ms)  ${sql}`);
    const { server } = phase.statements;
    if (server !== null) {
      lines.push(`  server time per item: ${server.msPerItem} ms, of which planning ${server.planningMsPerItem} ms; the costliest:`);
      for (const { sql, callsPerItem, msPerItem } of server.top) lines.push(`  server: ${msPerItem} ms in ${callsPerItem} calls  ${sql}`);
    }
  }
  const { phases: _phases, ...rest } = results;
  return `${lines.join('\n')}\n\n${JSON.stringify(rest, null, 2)}`;
}

/**
 * The embedded Postgres with pg_stat_statements loaded: it can only be loaded at start, so the
 * cluster is made, told to preload it, and started again.
 */
async function withStatementStatistics(directory: string) {
  const first = await startEmbeddedPostgres({ dataDir: directory });
  const client = new pg.Client({ connectionString: first.connectionString });
  await client.connect();
  await client.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
  // Planning too: no statement is prepared, so each one is planned every time it runs.
  await client.query(`alter system set pg_stat_statements.track_planning = on`);
  await client.end();
  await first.stop();
  return startEmbeddedPostgres({ dataDir: directory });
}

/** Whether the server keeps pg_stat_statements (the embedded one does; another only if it preloads it). */
async function statementStatisticsReady(): Promise<boolean> {
  try {
    if (embedded !== undefined) await pool.query('create extension if not exists pg_stat_statements schema public');
    await pool.query('select public.pg_stat_statements_reset()');
    return true;
  } catch {
    return false;
  }
}

/** Everything the engine process has sent so far, by statement: asks the driver hook with SIGUSR2 and reads its answer. */
async function statementsSent(): Promise<Record<string, StatementCount>> {
  statementSnapshots += 1;
  const wanted = statementSnapshots;
  engine.child.kill('SIGUSR2');
  let answer: { snapshot: number; byStatement: Record<string, StatementCount> } | undefined;
  await until(async () => {
    answer = await readFile(statementsFile, 'utf8')
      .then((text) => JSON.parse(text) as typeof answer)
      .catch(() => undefined);
    return (answer?.snapshot ?? 0) >= wanted;
  }, 10_000);
  return answer?.byStatement ?? {};
}

function statementReport(
  before: Record<string, StatementCount>,
  after: Record<string, StatementCount>,
  items: number,
  server: StatementReport['server'],
): StatementReport {
  const per = (value: number) => Math.round((value / items) * 100) / 100;
  const sent = Object.entries(after).map(([sql, { count, ms }]) => ({
    sql,
    count: count - (before[sql]?.count ?? 0),
    ms: ms - (before[sql]?.ms ?? 0),
  }));
  const total = sent.reduce((sum, { count }) => sum + count, 0);
  const transactions = sent.filter(({ sql }) => /^(begin|start transaction)/i.test(sql)).reduce((sum, { count }) => sum + count, 0);
  return {
    perItem: per(total),
    transactionsPerItem: per(transactions),
    top: sent
      .filter(({ count }) => count > 0)
      .sort((a, b) => b.count - a.count)
      .slice(0, 15)
      .map(({ sql, count, ms }) => ({ sql, perItem: per(count), clientMsPerItem: per(ms) })),
    server,
  };
}

/** The server's own time per item over the phase, in all and by statement, from pg_stat_statements. */
async function serverTime(items: number): Promise<StatementReport['server']> {
  const { rows } = await pool.query<{ query: string; calls: string; ms: number; plan_ms: number }>(
    `select query, calls, total_exec_time + total_plan_time as ms, total_plan_time as plan_ms from public.pg_stat_statements
     where dbid = (select oid from pg_database where datname = current_database()) order by 3 desc`,
  );
  const per = (value: number) => Math.round((value / items) * 1000) / 1000;
  return {
    msPerItem: per(rows.reduce((sum, row) => sum + row.ms, 0)),
    planningMsPerItem: per(rows.reduce((sum, row) => sum + row.plan_ms, 0)),
    top: rows.slice(0, 12).map((row) => ({
      sql: row.query.replace(/\s+/g, ' ').slice(0, 160),
      callsPerItem: Math.round((Number(row.calls) / items) * 100) / 100,
      msPerItem: per(row.ms),
    })),
  };
}
