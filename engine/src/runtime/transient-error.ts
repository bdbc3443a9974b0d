import type { Logger } from '../logger.ts';

/**
 * SQLSTATEs that say "try again", not "this is wrong":
 * - 40P01 deadlock_detected and 40001 serialization_failure: Postgres picked
 *   this transaction as the victim of a conflict; the same work succeeds later.
 * - 55P03 lock_not_available: `lock_timeout` ran out waiting for a lock
 *   (another conversation's long transaction, a migration).
 * - 57014 query_canceled: `statement_timeout` cancelled a statement that ran
 *   too long. Treated as transient too: a hung query is most often load or a
 *   lock queue, and one that always overruns still fails for good once the
 *   retries are spent, instead of being recorded as a bug on the first try.
 */
const TRANSIENT_SQL_STATES: ReadonlySet<string> = new Set(['40P01', '40001', '55P03', '57014']);

/** The SQLSTATE of a transient Postgres error (see above), found on the error or its causes; undefined otherwise. */
export function transientDatabaseError(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== null && typeof current === 'object' && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_SQL_STATES.has(code)) return code;
  }
  return undefined;
}

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
    if (sqlState !== undefined) log.warn('job hit a transient database error; pg-boss retries it', { queue, jobId: job.id, sqlState, message: error instanceof Error ? error.message : String(error) });
    else log.error('job failed; pg-boss retries it', { queue, jobId: job.id, error });
    throw error;
  }
}
