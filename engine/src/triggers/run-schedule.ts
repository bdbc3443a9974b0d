import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { findTrigger } from '../store/triggers.ts';
import { findScheduledRun } from '../store/runs.ts';
import { loadGraph } from '../runtime/load-graph.ts';
import { startRun } from '../runtime/start-run.ts';
import type { Runtime } from '../runtime/runtime.ts';

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
    parentRunId: null,
    scheduledAt,
  });
  return result.runId;
}
