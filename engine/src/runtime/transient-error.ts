import type { Logger } from '../logger.ts';
import { isSwitchboardError } from '../errors.ts';
import { transientDatabaseError } from '../transient-database-error.ts';

/**
 * Runs one job and reports a failure before pg-boss retries it: a transient
 * database error is expected now and then under contention, and an operational
 * one (a channel answering 503) is the outside world's: both are logged at warn,
 * since a retry is the remedy and nobody needs paging. Anything else at error. The error is rethrown either way, so pg-boss
 * retries the job with its backoff (every job is safe to run twice).
 */
export async function reportJobFailure(log: Logger, queue: string, job: { readonly id: string }, handle: () => Promise<void>): Promise<void> {
  try {
    await handle();
  } catch (error) {
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
