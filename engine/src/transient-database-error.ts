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
  for (
    let current = error, depth = 0;
    current !== null && typeof current === 'object' && depth < 5;
    current = (current as { cause?: unknown }).cause, depth += 1
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_SQL_STATES.has(code)) return code;
  }
  return undefined;
}
