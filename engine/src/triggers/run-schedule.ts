import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { findTrigger } from '../store/triggers.ts';
import { findScheduledRun } from '../store/runs.ts';
import { loadGraph } from '../runtime/load-graph.ts';
import { startRun } from '../runtime/start-run.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { SCHEDULE_QUEUE, type ScheduleJob } from '../runtime/queue.ts';
import { settleJobs } from '../runtime/settle-jobs.ts';

/** One cron tick, as pg-boss's schedule job carries it. */
export interface ScheduleTick {
  readonly workflowId: string;
  /**
   * When pg-boss sent the tick's job (its `createdOn`). Every delivery of that job carries the
   * same one, so (workflow, scheduledAt) names the tick whatever happens to the job.
   */
  readonly scheduledAt: Date;
}

/**
 * A cron tick from pg-boss: start a run if the workflow is still published
 * with a schedule trigger, and only one run per tick. A tick delivered again
 * after its run committed (its job retried) finds that run and starts nothing;
 * two deliveries at once both pass the check, and the unique index on
 * (workflow_id, scheduled_at) fails the later one, whose job is retried and
 * then finds the run.
 */
export async function runSchedule(rt: Runtime, trx: Kysely<DB>, tick: ScheduleTick): Promise<string | undefined> {
  const { workflowId, scheduledAt } = tick;
  const trigger = await findTrigger(trx, workflowId);
  if (trigger?.source !== 'schedule') return undefined;
  const existing = await findScheduledRun(trx, workflowId, scheduledAt);
  if (existing !== undefined) return existing;
  const graph = await loadGraph(rt, trx, workflowId, trigger.version);
  const result = await startRun(rt, trx, {
    workflowId,
    version: trigger.version,
    graph,
    subject: null,
    trigger: { scheduledAt: scheduledAt.toISOString() },
    eventId: null,
    chain: null,
    scheduledAt,
  });
  return result.runId;
}

/**
 * Works pg-boss's cron ticks, each job settled on its own, and names each tick
 * by its job's `createdOn`, which every delivery of that job shares. Polled
 * every 2 s as well as woken by NOTIFY, so a lost notification delays a tick
 * by seconds, not by pg-boss's long notify poll.
 */
export async function workScheduleTicks(rt: Runtime): Promise<void> {
  const options = { batchSize: 10, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2, includeMetadata: true, perJobResults: true } as const;
  await rt.boss.work<ScheduleJob, unknown, typeof options>(SCHEDULE_QUEUE, options, (jobs) =>
    settleJobs(jobs, async (job) => {
      await rt.db.transaction().execute((trx) => runSchedule(rt, trx, { workflowId: job.data.workflowId, scheduledAt: job.createdOn }));
    }),
  );
}
