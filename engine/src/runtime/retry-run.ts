import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { lockRun, saveRunProgress } from '../store/runs.ts';
import { lockSubject } from '../store/subject-lock.ts';
import { sendRunJob } from './queue.ts';
import type { Runtime } from './runtime.ts';

export type RetryOutcome =
  | { readonly retried: true }
  | { readonly retried: false; readonly reason: 'not_found' | 'not_failed' | 'step_limit' | 'no_node'; readonly status?: string };

/**
 * Re-enters a failed run at the node it failed at, as a new visit of that node
 * (docs/ARCHITECTURE.md "Retrying a failed run"): the failed visit's step stays
 * as it was recorded, and the retry's step is the next visit, with an
 * idempotency key of its own (an upstream that stored the failed call's answer
 * under the old key would only repeat it).
 *
 * The visit is entered here, as the executor enters an outside call before
 * making it (attempt 1, visit counted), so the job below carries on with that
 * node and no other. Promise 3: under the subject's lock, then the run row's,
 * like every segment. Two concurrent retries: the second locks the row after
 * the first committed, finds it running and is refused; the bumped seq fences
 * any job of the failed attempt still around.
 */
export async function retryRunInTransaction(rt: Runtime, trx: Kysely<DB>, runId: string, subject: string | null): Promise<RetryOutcome> {
  if (subject !== null) await lockSubject(trx, subject);
  const run = await lockRun(trx, runId);
  if (run === undefined) return { retried: false, reason: 'not_found' };
  if (run.status !== 'failed') return { retried: false, reason: 'not_failed', status: run.status };
  // The cap stops the run at the next node again: raising settings.maxSteps (a new version) is the way.
  if (run.error?.code === 'RUN_STEP_LIMIT') return { retried: false, reason: 'step_limit' };
  if (run.cursorNode === null) return { retried: false, reason: 'no_node' };
  const seq = run.seq + 1;
  await saveRunProgress(trx, runId, {
    status: 'running',
    vars: run.vars,
    outputs: run.outputs,
    visits: { ...run.visits, [run.cursorNode]: (run.visits[run.cursorNode] ?? 0) + 1 },
    cursorNode: run.cursorNode,
    attempt: 1,
    seq,
    waitId: null,
    stepCount: run.stepCount,
    error: null,
    now: rt.clock(),
  });
  await sendRunJob(rt.boss, trx, { runId, seq, subject: run.subject });
  return { retried: true };
}
