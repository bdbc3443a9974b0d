/**
 * Switchboard as the HTTP benchmarks run it, as an operator would: `switchboard start` (API and
 * workers in one process), or `scale-out`, one `switchboard api` and two `switchboard worker`
 * processes against the same Postgres. Samples the processes' resident memory and, when asked,
 * loads the statement-counting driver hook (count-statements.mjs) into each of them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../support/free-port.ts';
import { type SwitchboardProcess, spawnSwitchboard, waitForHealthy, waitForOutput } from '../support/switchboard-process.ts';
import { until } from './phase-measures.ts';
import { type StatementCount, sumStatementCounts } from './statement-report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export type Topology = 'start' | 'scale-out';

export type Api = (method: string, url: string, body?: unknown) => Promise<Record<string, unknown>>;

export interface StartOptions {
  readonly topology: Topology;
  readonly databaseUrl: string;
  readonly schema: string;
  readonly token: string;
  /** SWITCHBOARD_CHANNELS: where the inbox delivers outbound messages. */
  readonly channels: string;
  /** Loads count-statements.mjs into every process, for statementsSent(). */
  readonly countStatements: boolean;
  /** Writes each process's CPU profile there (node --cpu-prof) when it stops. */
  readonly cpuProfileDir?: string;
}

export interface BenchSwitchboard {
  readonly baseUrl: string;
  readonly processes: readonly SwitchboardProcess[];
  readonly api: Api;
  /** The highest sum of the processes' resident memory over the samples so far (every 250 ms), in MB. */
  peakRssMb(): number;
  /** The sum of each process's own peak (VmHWM), in MB: for one process its peak; for several an upper bound on the peak of their sum. */
  highWaterMarkMb(): Promise<number>;
  /** Everything the processes have sent so far, by statement, summed over them (needs `countStatements`). */
  statementsSent(): Promise<Record<string, StatementCount>>;
  /** Stops every process (SIGTERM: the steps in flight finish) and removes their data folders. */
  stop(): Promise<void>;
}

export async function startSwitchboard(options: StartOptions): Promise<BenchSwitchboard> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataRoot = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-engine-'));
  const statementFiles: string[] = [];
  const processes: SwitchboardProcess[] = [];

  const spawnOne = (command: 'start' | 'api' | 'worker', name: string, env: Record<string, string>) => {
    const statementsFile = path.join(dataRoot, `${name}-statements.json`);
    statementFiles.push(statementsFile);
    const nodeOptions = [
      ...(options.countStatements ? [`--import=${pathToFileURL(path.join(here, 'count-statements.mjs')).href}`] : []),
      ...(options.cpuProfileDir === undefined ? [] : [`--cpu-prof --cpu-prof-dir=${path.resolve(options.cpuProfileDir)}`]),
    ];
    const spawned = spawnSwitchboard(command, {
      DATABASE_URL: options.databaseUrl,
      SWITCHBOARD_SCHEMA: options.schema,
      // One folder each, as on separate machines: no process reads another's token file or running-instance record.
      SWITCHBOARD_DATA_DIR: path.join(dataRoot, name),
      SWITCHBOARD_ADMIN_TOKEN: options.token,
      SWITCHBOARD_CHANNEL_SECRET: 'bench-channel-secret',
      SWITCHBOARD_CHANNELS: options.channels,
      LOG_LEVEL: 'error',
      BENCH_STATEMENTS_FILE: statementsFile,
      ...(nodeOptions.length === 0 ? {} : { NODE_OPTIONS: nodeOptions.join(' ') }),
      ...env,
    });
    processes.push(spawned);
    return spawned;
  };

  let peakRssMb = 0;
  const rssSampler = setInterval(() => {
    void Promise.all(processes.map((entry) => statusField(entry, 'VmRSS'))).then((kbs) => {
      peakRssMb = Math.max(peakRssMb, Math.round(kbs.reduce((sum, kb) => sum + kb, 0) / 1024));
    });
  }, 250);

  const stop = async () => {
    clearInterval(rssSampler);
    // The api first, so no new work arrives while the workers finish theirs.
    for (const entry of processes) await entry.stop().catch(() => undefined);
    await rm(dataRoot, { recursive: true, force: true });
  };

  try {
    if (options.topology === 'start') {
      const engine = spawnOne('start', 'start', { PORT: String(port) });
      await waitForHealthy(baseUrl, [engine], 120_000);
    } else {
      // Every process migrates the schema as its engine starts, one at a time under a lock
      // (engine.start); the api goes first, so the workers find it migrated.
      const apiProcess = spawnOne('api', 'api', { PORT: String(port) });
      await waitForHealthy(baseUrl, [apiProcess], 120_000);
      // At info, so that a worker says when it is taking jobs; the engine logs nothing at info per run or step.
      const workers = ['worker-1', 'worker-2'].map((name) => spawnOne('worker', name, { LOG_LEVEL: 'info' }));
      for (const worker of workers) await waitForOutput(worker, 'Switchboard workers running', 120_000);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const api: Api = async (method, url, body) => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${options.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };

  let statementSnapshots = 0;
  /** Asks each process's driver hook with SIGUSR2 for its counts and reads its answer. */
  const statementsSent = async () => {
    // Without the hook, SIGUSR2 would end the process (Node's default for it).
    if (!options.countStatements) throw new Error('statementsSent() needs countStatements: true');
    statementSnapshots += 1;
    const wanted = statementSnapshots;
    const snapshots = await Promise.all(
      processes.map(async (entry, index) => {
        entry.child.kill('SIGUSR2');
        let answer: { snapshot: number; byStatement: Record<string, StatementCount> } | undefined;
        await until(async () => {
          answer = await readFile(statementFiles[index] as string, 'utf8')
            .then((text) => JSON.parse(text) as typeof answer)
            .catch(() => undefined);
          return (answer?.snapshot ?? 0) >= wanted;
        }, 10_000);
        return answer?.byStatement ?? {};
      }),
    );
    return sumStatementCounts(snapshots);
  };

  return {
    baseUrl,
    processes,
    api,
    peakRssMb: () => peakRssMb,
    highWaterMarkMb: async () => Math.round((await Promise.all(processes.map((entry) => statusField(entry, 'VmHWM')))).reduce((sum, kb) => sum + kb, 0) / 1024),
    statementsSent,
    stop,
  };
}

/** A memory figure of the process, in kB, from /proc; 0 once it has exited. */
async function statusField(entry: SwitchboardProcess, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${entry.child.pid}/status`, 'utf8').catch(() => '');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}
