/**
 * Postgres session timeouts every connection of the engine and of pg-boss sets
 * when it opens, so that nothing can hold a connection, a lock or a
 * transaction for good:
 * - `lock_timeout` bounds waiting for a lock (a row, an advisory subject lock);
 * - `statement_timeout` bounds one statement, including one a hung node sent;
 * - `idle_in_transaction_session_timeout` ends a session whose transaction sits
 *   open with nothing running (a step that stopped calling back), releasing
 *   its locks instead of blocking the subject forever.
 * The errors the first two raise (55P03, 57014) are retried as transient.
 */
export interface SessionTimeouts {
  /** Defaults to 10 s (`SWITCHBOARD_DB_LOCK_TIMEOUT_MS`). */
  readonly lockTimeoutMs: number;
  /** Defaults to 60 s (`SWITCHBOARD_DB_STATEMENT_TIMEOUT_MS`). */
  readonly statementTimeoutMs: number;
  /** Defaults to 660 s, above the longest step deadline (`SWITCHBOARD_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS`). */
  readonly idleInTransactionTimeoutMs: number;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = {
  lockTimeoutMs: 10_000,
  statementTimeoutMs: 60_000,
  // Above the longest step deadline (MAX_STEP_TIMEOUT_MS, 10 minutes): a step that waits on something
  // outside the database with its transaction open must hit its own deadline first, not this.
  idleInTransactionTimeoutMs: 660_000,
};

/** The libpq `options` string (`-c name=value ...`) that sets the timeouts at connect, before any query. */
export function sessionTimeoutOptions(timeouts: Partial<SessionTimeouts> = {}): string {
  const { lockTimeoutMs, statementTimeoutMs, idleInTransactionTimeoutMs } = { ...DEFAULT_SESSION_TIMEOUTS, ...timeouts };
  for (const value of [lockTimeoutMs, statementTimeoutMs, idleInTransactionTimeoutMs]) {
    // They go into connection text: only whole milliseconds (0 turns a timeout off, as in Postgres).
    if (!Number.isInteger(value) || value < 0) throw new Error(`Session timeouts are whole milliseconds, 0 or more; found ${value}.`);
  }
  return `-c lock_timeout=${lockTimeoutMs} -c statement_timeout=${statementTimeoutMs} -c idle_in_transaction_session_timeout=${idleInTransactionTimeoutMs}`;
}
