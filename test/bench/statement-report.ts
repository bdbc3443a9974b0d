/**
 * Statements and round trips per item over a phase: the difference between two snapshots of
 * what the engine's processes sent (count-statements.mjs), and, where pg_stat_statements is
 * loaded, the server's own time per statement.
 */
import type pg from 'pg';

export interface StatementCount {
  readonly count: number;
  readonly ms: number;
}

export interface StatementReport {
  /** Statements (each a round trip) per item, all connections of the engine's processes. */
  readonly perItem: number;
  readonly transactionsPerItem: number;
  /** The most frequent statements: per item, and the wait for their answers per item. */
  readonly top: readonly { readonly sql: string; readonly perItem: number; readonly clientMsPerItem: number }[];
  /** Server time (planning and execution) per item, in all and the costliest statements (pg_stat_statements); null when it is not loaded. */
  readonly server: {
    readonly msPerItem: number;
    readonly planningMsPerItem: number;
    readonly top: readonly { readonly sql: string; readonly callsPerItem: number; readonly msPerItem: number; readonly planningMsPerItem: number }[];
  } | null;
}

export function statementReport(
  before: Record<string, StatementCount>,
  after: Record<string, StatementCount>,
  items: number,
  server: StatementReport['server'],
): StatementReport {
  const per = (value: number) => Math.round((value / items) * 100) / 100;
  const sent = Object.entries(after).map(([sql, { count, ms }]) => ({
    sql,
    count: count - (before[sql]?.count ?? 0),
    ms: ms - (before[sql]?.ms ?? 0),
  }));
  const total = sent.reduce((sum, { count }) => sum + count, 0);
  const transactions = sent.filter(({ sql }) => /^(begin|start transaction)/i.test(sql)).reduce((sum, { count }) => sum + count, 0);
  return {
    perItem: per(total),
    transactionsPerItem: per(transactions),
    // Every statement sent at least once per 20 items: together they are what an item costs.
    top: sent
      .filter(({ count }) => count > 0 && count >= items / 20)
      .sort((a, b) => b.count - a.count)
      .slice(0, 40)
      .map(({ sql, count, ms }) => ({ sql, perItem: per(count), clientMsPerItem: per(ms) })),
    server,
  };
}

/** Adds up snapshots taken from several processes (an api and its workers), statement by statement. */
export function sumStatementCounts(snapshots: readonly Record<string, StatementCount>[]): Record<string, StatementCount> {
  const sum: Record<string, StatementCount> = {};
  for (const snapshot of snapshots) {
    for (const [sql, { count, ms }] of Object.entries(snapshot)) {
      const soFar = sum[sql];
      sum[sql] = { count: (soFar?.count ?? 0) + count, ms: (soFar?.ms ?? 0) + ms };
    }
  }
  return sum;
}

/** Whether the server keeps pg_stat_statements (an embedded one the benchmark started does; another only if it preloads it). */
export async function statementStatisticsReady(pool: pg.Pool, embedded: boolean): Promise<boolean> {
  try {
    if (embedded) await pool.query('create extension if not exists pg_stat_statements schema public');
    await pool.query('select public.pg_stat_statements_reset()');
    return true;
  } catch {
    return false;
  }
}

/** The server's own time per item since the last reset, in all and by statement, from pg_stat_statements. */
export async function serverTime(pool: pg.Pool, items: number): Promise<StatementReport['server']> {
  const { rows } = await pool.query<{ query: string; calls: string; ms: number; plan_ms: number }>(
    `select query, calls, total_exec_time + total_plan_time as ms, total_plan_time as plan_ms from public.pg_stat_statements
     where dbid = (select oid from pg_database where datname = current_database()) order by 3 desc`,
  );
  const per = (value: number) => Math.round((value / items) * 1000) / 1000;
  return {
    msPerItem: per(rows.reduce((sum, row) => sum + row.ms, 0)),
    planningMsPerItem: per(rows.reduce((sum, row) => sum + row.plan_ms, 0)),
    top: rows.slice(0, 12).map((row) => ({
      sql: row.query.replace(/\s+/g, ' ').slice(0, 160),
      callsPerItem: Math.round((Number(row.calls) / items) * 100) / 100,
      msPerItem: per(row.ms),
      planningMsPerItem: per(row.plan_ms),
    })),
  };
}
