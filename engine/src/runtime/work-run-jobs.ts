import { advanceRun } from './advance-run.ts';
import type { RunJob } from './queue.ts';
import type { Runtime } from './runtime.ts';
import type { DatabaseOutages } from '../database-outages.ts';
import { settleJobs } from './settle-jobs.ts';
import { reportJobFailure } from './transient-error.ts';

/** Jobs one poller fetches at once; a full batch means more are waiting, so it fetches again at once (burst). */
const BATCH_SIZE = 4;

/**
 * Works one of the queues whose jobs move runs (queue.ts, `RUN_QUEUES`) with
 * `concurrency` jobs at a time: several pollers with small batches, so a slow
 * job (an HTTP call) holds up only its own batch. Every job shape is accepted
 * on either queue; a job that throws is retried by pg-boss and, being fenced,
 * is harmless to repeat. During a database outage a failed job waits for
 * Postgres to come back (`outageWait`) before pg-boss retries it.
 *
 * Delayed jobs (wait deadlines, retries) raise no NOTIFY when they come due,
 * so the poll interval bounds how late a due timer is noticed: half a second.
 */
export async function workRunJobs(
  rt: Runtime,
  queue: string,
  concurrency: number,
  outageWait?: { readonly outages: DatabaseOutages; readonly signal: AbortSignal },
): Promise<void> {
  await rt.boss.work<RunJob>(
    queue,
    {
      batchSize: BATCH_SIZE,
      localConcurrency: Math.max(1, Math.ceil(concurrency / BATCH_SIZE)),
      burstWhenBatchFull: true,
      pollingIntervalSeconds: 0.5,
      notifyPollingIntervalSeconds: 0.5,
      perJobResults: true,
    },
    (jobs) => settleJobs(jobs, (job) => reportJobFailure(rt.log, queue, job, () => advanceRun(rt, job.data), outageWait)),
  );
}

/**
 * Timer jobs worked at once beside `workerConcurrency` run jobs: as many. Timers share the cores
 * with new runs by their number of slots, and half of them is what keeps due timers prompt under
 * load: with 2,000 new runs queued and 2,000 one-second timers set behind them, a third of the
 * slots left the timers 8 s late (p50), half of them 0.3 s (`pnpm bench:timers`). After a restart,
 * when timers are all there is to do, they get the capacity a single queue gave them.
 */
export function defaultTimerConcurrency(workerConcurrency: number): number {
  return workerConcurrency;
}
