import type { Logger } from '../logger.ts';
import { transientDatabaseError } from '../transient-database-error.ts';

/**
 * Runs one job and reports a failure before pg-boss retries it: a transient
 * database error is expected now and then under contention and is logged at
 * warn; anything else at error. The error is rethrown either way, so pg-boss
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
    else log.error('job failed; pg-boss retries it', { queue, jobId: job.id, error });
    throw error;
  }
}
