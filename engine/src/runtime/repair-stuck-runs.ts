import { asJobWork } from '../store/connect-database.ts';
import { listRuns, type Run } from '../store/runs.ts';
import { hasStuckRunSuspects, tryLockStuckRunRepair } from '../store/stuck-runs.ts';
import { RUN_QUEUES, type RunJob, sendRunJob } from './queue.ts';
import type { Runtime } from './runtime.ts';

export interface StuckRunOptions {
  /** pg-boss's schema, `<schema>_boss`. */
  readonly bossSchema: string;
  /** How long a run may sit without moving before it counts as stuck. Defaults to 60 s. */
  readonly graceMs?: number;
  /** How often workers look for stuck runs. Defaults to 30 s. */
  readonly intervalMs?: number;
}

export const DEFAULT_STUCK_GRACE_MS = 60_000;
export const DEFAULT_STUCK_INTERVAL_MS = 30_000;
/** Runs repaired per pass; a longer backlog is worked off by the passes that follow. */
const REPAIR_BATCH = 100;

/**
 * No run may be `running` (or `waiting` on a deadline) without a job that
 * will move it. Every job that moves a run is sent in the transaction that
 * records the step before it, so this should never find anything; it is the
 * net under what that cannot cover: a job deleted or lost by hand, a job that
 * completed without moving its run (a bug), a resume job that died after
 * resuming. Each stuck run gets a fresh job for where it stands, sent in the
 * transaction that found it: `seq` fences a running run's job (a duplicate
 * finds nothing to do), and a waiting run's deadline job resumes it unless
 * something else did first.
 */
export async function repairStuckRuns(rt: Runtime, options: StuckRunOptions): Promise<readonly string[]> {
  const before = new Date(rt.clock().getTime() - (options.graceMs ?? DEFAULT_STUCK_GRACE_MS));
  // The common case, every run moving, costs one read of two small partial indexes.
  if (!(await hasStuckRunSuspects(rt.db, before))) return [];
  const repaired = await rt.db.transaction().execute(async (trx) => {
    if (!(await tryLockStuckRunRepair(trx, options.bossSchema))) return [];
    const stuck = await listRuns(trx, { stuck: { bossSchema: options.bossSchema, runQueues: RUN_QUEUES, before }, limit: REPAIR_BATCH });
    for (const run of stuck) await sendRunJob(rt.boss, trx, jobThatMoves(run));
    return stuck;
  });
  if (repaired.length > 0) {
    rt.log.warn('stuck runs found and sent a fresh job', { runIds: repaired.map((run) => run.id), count: repaired.length, stuckSince: before.toISOString() });
  }
  return repaired.map((run) => run.id);
}

function jobThatMoves(run: Run): RunJob {
  if (run.status === 'waiting' && run.waitId !== null) return { runId: run.id, timeoutWaitId: run.waitId, subject: run.subject };
  return { runId: run.id, seq: run.seq, subject: run.subject };
}

/**
 * Runs `repairStuckRuns` every `intervalMs` until the returned stop is called;
 * stop resolves once a pass in flight has ended. Passes never overlap, and a
 * failed pass is logged and retried at the next tick (one that failed because Postgres is
 * away is counted with the outage instead).
 */
export function startStuckRunRepair(rt: Runtime, options: StuckRunOptions): () => Promise<void> {
  let pass: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (pass !== undefined) return;
    // Background work like a job's: on the job pool, not waiting behind requests.
    pass = asJobWork(() => repairStuckRuns(rt, options))
      .catch((error: unknown) => {
        if (!rt.outages.report(error, 'stuck-run check')) rt.log.error('stuck-run check failed', { error });
      })
      .finally(() => {
        pass = undefined;
      });
  }, options.intervalMs ?? DEFAULT_STUCK_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await pass;
  };
}
