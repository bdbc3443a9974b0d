/**
 * One phase of `pnpm bench` and `pnpm bench:scale-out`: load from a load-generator process for
 * a bounded time, then the wait until every accepted item finished, and what it cost per item.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { Percentiles } from './latency-percentiles.ts';
import type { LoadPlan, LoadReport } from './load-generator.ts';
import { completedPerSecond, databaseStats, drained, type Flow, routingLatency, smallLatency } from './phase-measures.ts';
import type { BenchSwitchboard } from './start-switchboard.ts';
import { type StatementReport, serverTime, statementReport } from './statement-report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Phase {
  readonly flow: Flow;
  /** `saturation`, or the paced rate a second. */
  readonly offered: string;
  readonly load: LoadReport;
  /** Items that finished (a conversation answered, a run completed) a second, from the first accepted to the last finished. */
  readonly completedPerSecond: number;
  readonly finished: number;
  readonly latency: Record<string, Percentiles>;
  /** Transactions and rows written per item, from pg_stat_database over the phase. */
  readonly perItem: { readonly transactions: number; readonly rowsWritten: number };
  /** What the engine's processes sent per item, from the driver hook; the server's time where pg_stat_statements is loaded. */
  readonly statements: StatementReport;
}

export interface PhaseContext {
  readonly pool: pg.Pool;
  readonly switchboard: BenchSwitchboard;
  /** Whether pg_stat_statements is loaded (statementStatisticsReady). */
  readonly serverStatistics: boolean;
}

/**
 * Sends `plan` (with `beside` sent at the same time, its items not counted), waits for the
 * phase's items to finish and the engine to go idle, and reports the phase.
 */
export async function measurePhase(context: PhaseContext, flow: Flow, offered: string, plan: LoadPlan, beside: readonly LoadPlan[] = []): Promise<Phase> {
  const { pool, switchboard, serverStatistics } = context;
  const before = await databaseStats(pool);
  const sentBefore = await switchboard.statementsSent();
  if (serverStatistics) await pool.query('select public.pg_stat_statements_reset()');
  const [load] = (await Promise.all([generate(plan), ...beside.map(generate)])) as [LoadReport, ...LoadReport[]];
  const finished = await drained(pool, flow, plan.prefix, load.accepted);
  const after = await databaseStats(pool);
  const items = Math.max(1, load.accepted);
  const statements = statementReport(sentBefore, await switchboard.statementsSent(), items, serverStatistics ? await serverTime(pool, items) : null);
  return {
    flow,
    offered,
    load,
    finished,
    completedPerSecond: await completedPerSecond(pool, flow, plan.prefix, finished),
    latency: flow === 'routing' ? await routingLatency(pool, plan.prefix) : { eventToCompleted: await smallLatency(pool, plan.prefix) },
    perItem: {
      transactions: Math.round(((after.transactions - before.transactions) / items) * 10) / 10,
      rowsWritten: Math.round(((after.rowsWritten - before.rowsWritten) / items) * 10) / 10,
    },
    statements,
  };
}

/** Runs one load-generator process and returns its report. */
export function generate(plan: LoadPlan): Promise<LoadReport> {
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
