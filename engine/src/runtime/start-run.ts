import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { CompiledGraph } from '../graph/compile-graph.ts';
import { insertRun, lockRunsInFlight } from '../store/runs.ts';
import { recordStepResults } from '../store/steps.ts';
import { lockSubject } from '../store/subject-lock.ts';
import { sendRunJob } from './queue.ts';
import { cancelRunInTransaction } from './cancel-run.ts';
import type { Runtime } from './runtime.ts';

export interface StartRunInput {
  readonly workflowId: string;
  readonly version: number;
  readonly graph: CompiledGraph;
  readonly subject: string | null;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly eventId: string | null;
  readonly parentRunId: string | null;
  /** The schedule tick that starts this run; a second run for the same tick is refused by a unique index. */
  readonly scheduledAt?: Date;
}

export type StartRunResult =
  | { readonly started: true; readonly runId: string }
  | { readonly started: false; readonly reason: 'already_in_flight'; readonly runId: string };

/**
 * Starts a run inside the caller's transaction: the run row, its trigger step
 * and the job that will advance it commit together with whatever caused it
 * (an event row, a parent's step). Applies the workflow's reentry setting
 * under the subject lock, so two events for one subject can't both enroll it.
 */
export async function startRun(rt: Runtime, trx: Kysely<DB>, input: StartRunInput): Promise<StartRunResult> {
  const { graph } = input;
  const now = rt.clock();
  if (input.subject !== null && graph.reentry !== 'parallel') {
    await lockSubject(trx, input.subject);
    const inFlight = await lockRunsInFlight(trx, input.workflowId, input.subject);
    const first = inFlight[0];
    if (first !== undefined && graph.reentry === 'ignore') return { started: false, reason: 'already_in_flight', runId: first.id };
    for (const run of inFlight) await cancelRunInTransaction(trx, run.id, now, 'restarted by a new trigger');
  }
  const trigger = graph.nodes[graph.triggerId];
  const port = trigger?.ports[0] ?? 'next';
  const cursor = graph.next[graph.triggerId]?.[port] ?? null;
  const run = await insertRun(trx, {
    workflowId: input.workflowId,
    version: input.version,
    subject: input.subject,
    trigger: input.trigger,
    outputs: { [graph.triggerId]: input.trigger },
    visits: { [graph.triggerId]: 1 },
    cursorNode: cursor,
    status: cursor === null ? 'completed' : 'running',
    stepCount: 1,
    parentRunId: input.parentRunId,
    eventId: input.eventId,
    ...(input.scheduledAt === undefined ? {} : { scheduledAt: input.scheduledAt }),
    now,
  });
  await recordStepResults(trx, [{
    runId: run.id,
    nodeId: graph.triggerId,
    nodeType: graph.triggerType,
    visit: 1,
    attempt: 1,
    status: 'completed',
    port,
    input: null,
    output: input.trigger,
    error: null,
    startedAt: now,
    finishedAt: now,
  }]);
  if (cursor !== null) await sendRunJob(rt.boss, trx, { runId: run.id, seq: 0, subject: input.subject });
  return { started: true, runId: run.id };
}
