import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { lockRun, saveRunProgress } from '../store/runs.ts';
import { cancelPendingWaits } from '../store/waits.ts';
import { cancelWaitingSteps } from '../store/steps.ts';

/**
 * Cancels a run in flight. Bumping `seq` fences out every job already queued
 * for it, and pending waits are cancelled so no timeout or signal revives it.
 * Returns false when the run had already finished.
 */
export async function cancelRunInTransaction(trx: Kysely<DB>, runId: string, now: Date, reason: string): Promise<boolean> {
  const run = await lockRun(trx, runId);
  if (run === undefined || (run.status !== 'running' && run.status !== 'waiting')) return false;
  await cancelPendingWaits(trx, runId, now);
  await cancelWaitingSteps(trx, runId, now);
  await saveRunProgress(trx, runId, {
    status: 'cancelled',
    waitId: null,
    vars: run.vars,
    outputs: run.outputs,
    visits: run.visits,
    cursorNode: run.cursorNode,
    attempt: run.attempt,
    seq: run.seq + 1,
    stepCount: run.stepCount,
    error: { code: 'RUN_CANCELLED', kind: 'user', message: `Cancelled: ${reason}` },
    now,
  });
  return true;
}
