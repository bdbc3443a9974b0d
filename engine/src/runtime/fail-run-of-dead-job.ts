import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { RecordedError } from '../errors.ts';
import { findRun, lockRun, type Run, saveRunProgress } from '../store/runs.ts';
import { cancelPendingWaits } from '../store/waits.ts';
import { cancelWaitingSteps } from '../store/steps.ts';
import { lockSubject } from '../store/subject-lock.ts';
import { RUN_DEAD_LETTER_QUEUE, type RunJob } from './queue.ts';
import { settleJobs } from './settle-jobs.ts';
import type { Runtime } from './runtime.ts';

/** A run job pg-boss gave up on, as its dead-letter queue hands it over. */
export interface DeadRunJob {
  readonly data: RunJob;
  /** The failed job's last output: pg-boss stores the thrown error there (`{ message, ... }`). */
  readonly output: unknown;
  readonly retryCount: number;
}

/**
 * Marks a run `failed` when the job that would move it failed on every retry
 * (a segment that can never commit), so the run says what happened instead of
 * staying `running` with nothing to move it. One transaction; idempotent: a run
 * that finished, or that a newer job owns (another `seq`, another wait), is left
 * alone, so a dead-letter job handled twice, or a stale duplicate that died,
 * changes nothing. Returns whether the run was failed.
 */
export async function failRunOfDeadJob(trx: Kysely<DB>, job: DeadRunJob, now: Date): Promise<boolean> {
  // Lock order everywhere: subject, then run row.
  const subject = job.data.subject !== undefined ? job.data.subject : (await findRun(trx, job.data.runId))?.subject;
  if (subject === undefined) return false;
  if (subject !== null) await lockSubject(trx, subject);
  const run = await lockRun(trx, job.data.runId);
  if (run === undefined || !isMovedBy(run, job.data)) return false;
  await cancelPendingWaits(trx, run.id, now);
  await cancelWaitingSteps(trx, run.id, now);
  const error: RecordedError = {
    code: 'RUN_JOB_FAILED',
    kind: 'bug',
    message: `The job that moves this run failed ${job.retryCount + 1} time(s) and was given up, so the run was stopped: ${jobErrorMessage(job.output)}`,
  };
  await saveRunProgress(trx, run.id, {
    status: 'failed',
    vars: run.vars,
    outputs: run.outputs,
    visits: run.visits,
    cursorNode: run.cursorNode,
    attempt: run.attempt,
    // Fences out any job still queued for the run.
    seq: run.seq + 1,
    waitId: null,
    stepCount: run.stepCount,
    error,
    now,
  });
  return true;
}

/** Works the run queue's dead-letter queue: each job pg-boss gave up on fails its run, if it still owns it. */
export async function workDeadRunJobs(rt: Runtime): Promise<void> {
  const options = { batchSize: 10, pollingIntervalSeconds: 2, includeMetadata: true, perJobResults: true } as const;
  await rt.boss.work<RunJob, unknown, typeof options>(RUN_DEAD_LETTER_QUEUE, options, (jobs) =>
    settleJobs(jobs, async (job) => {
      const dead: DeadRunJob = { data: job.data, output: job.sourceOutput, retryCount: job.sourceRetryCount ?? job.retryCount };
      const failed = await rt.db.transaction().execute((trx) => failRunOfDeadJob(trx, dead, rt.clock()));
      if (failed) rt.log.error('run failed: its job failed for good', { runId: job.data.runId, jobId: job.sourceId, error: job.sourceOutput });
    }),
  );
}

/** Whether this job is the one the run depends on; anything else was stale when it died. */
function isMovedBy(run: Run, job: RunJob): boolean {
  if ('seq' in job) return run.status === 'running' && run.seq === job.seq;
  const waitId = 'timeoutWaitId' in job ? job.timeoutWaitId : job.signalWaitId;
  // A resume job owns a run waiting on its wait. One that died after resuming it (during the outside
  // call that came next) left the run running with no job: the stuck-run check moves that one.
  return run.status === 'waiting' && run.waitId === waitId;
}

function jobErrorMessage(output: unknown): string {
  if (output !== null && typeof output === 'object') {
    const record = output as { message?: unknown; value?: { message?: unknown } };
    if (typeof record.message === 'string') return record.message;
    if (typeof record.value?.message === 'string') return record.value.message;
  }
  return 'pg-boss recorded no error message';
}
