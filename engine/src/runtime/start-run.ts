import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { CompiledGraph } from '../graph/compile-graph.ts';
import { insertStartedRuns, lockRunsInFlight } from '../store/runs.ts';
import { lockSubject } from '../store/subject-lock.ts';
import { type RunJob, sendRunJobs } from './queue.ts';
import { cancelRunInTransaction } from './cancel-run.ts';
import type { Runtime } from './runtime.ts';
import { checkChainedStarts, type RunChain } from './run-chain.ts';

export interface StartRunInput {
  readonly workflowId: string;
  readonly version: number;
  readonly graph: CompiledGraph;
  readonly subject: string | null;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly eventId: string | null;
  /** Set for a run started by a run (or by a run through a webhook): the depth and rate bounds apply. Null: started from outside. */
  readonly chain: RunChain | null;
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
  const [result] = await startRuns(rt, trx, [input]);
  return result as StartRunResult;
}

/**
 * startRun for several runs at once (every workflow an event triggers), in a
 * fixed number of statements whatever their count: one subject lock per
 * subject, one statement for the reentry checks, the runs and their trigger
 * steps, one insert for their jobs. Results are in the order of `inputs`, and
 * so are the runs' start order (promise 3).
 */
export async function startRuns(rt: Runtime, trx: Kysely<DB>, inputs: readonly StartRunInput[]): Promise<StartRunResult[]> {
  const { results, jobs } = await startRunsWithoutJobs(rt, trx, inputs);
  await sendRunJobs(rt.boss, trx, jobs);
  return results;
}

/** startRuns, leaving the jobs of the runs that have steps to take to the caller: to send, or to take their first segment itself. */
export async function startRunsWithoutJobs(
  rt: Runtime,
  trx: Kysely<DB>,
  inputs: readonly StartRunInput[],
): Promise<{ readonly results: StartRunResult[]; readonly jobs: (RunJob & { readonly seq: number })[] }> {
  const now = rt.clock();
  // Before any lock or write: a refused start leaves nothing behind, even for a node that catches the error.
  await checkChainedStarts(rt, trx, inputs, now);
  const locked = new Set<string>();
  for (const input of inputs) {
    if (input.subject === null || input.graph.reentry === 'parallel' || locked.has(input.subject)) continue;
    await lockSubject(trx, input.subject);
    locked.add(input.subject);
  }
  for (const input of inputs) {
    if (input.subject === null || input.graph.reentry !== 'restart') continue;
    for (const run of await lockRunsInFlight(trx, input.workflowId, input.subject))
      await cancelRunInTransaction(trx, run.id, now, 'restarted by a new trigger');
  }
  const planned = inputs.map((input) => {
    const { graph } = input;
    const port = graph.nodes[graph.triggerId]?.ports[0] ?? 'next';
    return {
      workflowId: input.workflowId,
      version: input.version,
      subject: input.subject,
      trigger: input.trigger,
      triggerNode: { id: graph.triggerId, type: graph.triggerType, port },
      cursorNode: graph.next[graph.triggerId]?.[port] ?? null,
      parentRunId: input.chain?.parentRunId ?? null,
      rootRunId: input.chain?.rootRunId ?? null,
      depth: input.chain?.depth ?? 0,
      eventId: input.eventId,
      scheduledAt: input.scheduledAt ?? null,
      unlessInFlight: input.subject !== null && graph.reentry === 'ignore',
    };
  });
  const started = await insertStartedRuns(trx, planned, now);
  const jobs: (RunJob & { readonly seq: number })[] = [];
  const results = started.map((run, index): StartRunResult => {
    if (!run.started) return { started: false, reason: 'already_in_flight', runId: run.inFlightRunId };
    if (planned[index]?.cursorNode !== null) jobs.push({ runId: run.runId, seq: 0, subject: planned[index]?.subject ?? null });
    return { started: true, runId: run.runId };
  });
  return { results, jobs };
}
