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

/**
 * SQLSTATEs that say Postgres is not there right now (a restart, a failover, a crash), so
 * nothing can succeed until it is back, and then everything can:
 * - 57P01 admin_shutdown: a fast shutdown (`pg_ctl restart -m fast`) ended the session.
 * - 57P02 crash_shutdown: another backend crashed and the server is resetting.
 * - 57P03 cannot_connect_now: the server is starting up, shutting down or in recovery.
 * - 53300 too_many_connections: every connection slot is taken for now.
 * - 25006 read_only_sql_transaction: after a failover, the address still leads to the old
 *   primary, now a replica, until DNS or the proxy catches up.
 * - class 08, connection_exception: the connection failed or was lost.
 */
const UNAVAILABLE_SQL_STATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300', '25006']);

/** Node's errors of a socket that could not connect or was cut. */
const UNAVAILABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * pg reports a lost connection without a code: "Connection terminated unexpectedly" (the server
 * went away), "Connection terminated due to connection timeout" (it did not answer a connection
 * attempt), and "Client has encountered a connection error and is not queryable" (a statement
 * on a client that had already lost its server). pg-pool's "timeout exceeded when trying to
 * connect" is left out: it also means a pool too small for its load, which is no outage.
 */
const UNAVAILABLE_MESSAGES: readonly RegExp[] = [/^Connection terminated/, /connection error and is not queryable/];

/**
 * Why Postgres cannot be used right now, when `error` (or one of its causes) says so: the
 * SQLSTATE (`57P01`), the socket's code (`ECONNREFUSED`) or `connection lost`. Undefined for
 * any other error. Such an error is nobody's fault and no one's to fix but time's: the work is
 * retried once the database is back, and the API answers 503 DATABASE_UNAVAILABLE meanwhile.
 */
export function databaseUnavailable(error: unknown): string | undefined {
  // A socket's code counts on the error itself only: pg throws it as it is, while an HTTP
  // client's failure (a node's call) carries one as its `cause`, and is no database outage.
  const { code, errors } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; errors?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_NETWORK_CODES.has(code)) return code;
  // A host with several addresses fails with an AggregateError of one error per address.
  if (Array.isArray(errors)) {
    const found = errors.map(databaseUnavailable).find((reason) => reason !== undefined);
    if (found !== undefined) return found;
  }
  return findInChain(error, (current) => {
    const { code: sqlState, message } = current as { code?: unknown; message?: unknown };
    if (typeof sqlState === 'string' && (UNAVAILABLE_SQL_STATES.has(sqlState) || /^08[0-9A-Z]{3}$/.test(sqlState))) return sqlState;
    return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)) ? 'connection lost' : undefined;
  });
}

/**
 * What makes a database error transient, found on the error or its causes: the SQLSTATE of a
 * conflict or a timeout (see above), or the reason the database is unavailable
 * (`databaseUnavailable`). Undefined for an error that retrying will not fix.
 */
export function transientDatabaseError(error: unknown): string | undefined {
  return (
    findInChain(error, (current) => {
      const code = (current as { code?: unknown }).code;
      return typeof code === 'string' && TRANSIENT_SQL_STATES.has(code) ? code : undefined;
    }) ?? databaseUnavailable(error)
  );
}

// pg-boss and Kysely may wrap the driver's error (`cause`).
function findInChain(error: unknown, match: (current: object) => string | undefined): string | undefined {
  for (
    let current = error, depth = 0;
    current !== null && typeof current === 'object' && depth < 5;
    current = (current as { cause?: unknown }).cause, depth += 1
  ) {
    const found = match(current);
    if (found !== undefined) return found;
  }
  return undefined;
}
