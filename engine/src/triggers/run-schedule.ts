import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { findTrigger } from '../store/triggers.ts';
import { loadGraph } from '../runtime/load-graph.ts';
import { startRun } from '../runtime/start-run.ts';
import type { Runtime } from '../runtime/runtime.ts';

/** A cron tick from pg-boss: start a run if the workflow is still published with a schedule trigger. */
export async function runSchedule(rt: Runtime, trx: Kysely<DB>, workflowId: string): Promise<string | undefined> {
  const trigger = await findTrigger(trx, workflowId);
  if (trigger?.source !== 'schedule') return undefined;
  const graph = await loadGraph(rt, trx, workflowId, trigger.version);
  const result = await startRun(rt, trx, {
    workflowId,
    version: trigger.version,
    graph,
    subject: null,
    trigger: { scheduledAt: rt.clock().toISOString() },
    eventId: null,
    parentRunId: null,
  });
  return result.runId;
}
