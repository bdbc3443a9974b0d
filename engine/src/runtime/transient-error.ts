import type { Logger } from '../logger.ts';
import { isSwitchboardError } from '../errors.ts';
import { transientDatabaseError } from '../transient-database-error.ts';
import type { DatabaseOutages } from '../database-outages.ts';

/** How long a job that failed because Postgres is away waits for it to come back before it is settled. */
const OUTAGE_WAIT_MS = 60_000;

/**
 * Runs one job and reports a failure before pg-boss retries it: a transient
 * database error is expected now and then under contention, and an operational
 * one (a channel answering 503) is the outside world's: both are logged at warn,
 * since a retry is the remedy and nobody needs paging. Anything else at error. The error is rethrown either way, so pg-boss
 * retries the job with its backoff (every job is safe to run twice).
 *
 * A job that failed because Postgres is away (a restart, a failover; see `outages`) is counted
 * with the outage, not logged, and is settled only once Postgres is back (or a minute has
 * passed, or the process is stopping): pg-boss could not record the failure before, and a job
 * left active would wait for its heartbeat to lapse and the monitor to notice, 10 to 20 s more.
 * Its heartbeat keeps it this worker's meanwhile.
 */
export async function reportJobFailure(
  log: Logger,
  queue: string,
  job: { readonly id: string },
  handle: () => Promise<void>,
  outages?: { readonly outages: DatabaseOutages; readonly signal: AbortSignal },
): Promise<void> {
  try {
    await handle();
  } catch (error) {
    if (outages?.outages.report(error, `job of ${queue}`) === true) {
      await outages.outages.waitUntilBack({ timeoutMs: OUTAGE_WAIT_MS, signal: outages.signal });
      throw error;
    }
    const sqlState = transientDatabaseError(error);
    if (sqlState !== undefined)
      log.warn('job hit a transient database error; pg-boss retries it', {
        queue,
        jobId: job.id,
        sqlState,
        message: error instanceof Error ? error.message : String(error),
      });
    else if (isSwitchboardError(error) && error.kind === 'operational')
      log.warn('job failed for an outside reason; pg-boss retries it', { queue, jobId: job.id, error });
    else log.error('job failed; pg-boss retries it', { queue, jobId: job.id, error });
    throw error;
  }
}
