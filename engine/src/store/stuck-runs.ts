import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from './database.ts';

/** What makes a run stuck: in flight, not moved for a while, and no pg-boss job that will move it. */
export interface StuckRunCheck {
  /** pg-boss's schema (`<schema>_boss`), whose job table is read. */
  readonly bossSchema: string;
  /** The queues of the jobs that move runs (the run queue and the timer queue). */
  readonly runQueues: readonly string[];
  /**
   * Runs `running` that have not moved since this instant, and runs `waiting` whose wait's
   * deadline passed before it, are suspects. The grace keeps runs between a commit and the
   * fetch of their next job out of it.
   */
  readonly before: Date;
}

/**
 * The condition on `runs` that a run is stuck: `running` (or `waiting` with a
 * deadline that passed) since before `check.before`, with no job in state
 * created, retry or active on a run queue that names it.
 *
 * pg-boss's job table has no index on `data`, so the probes read the queue's
 * pending jobs (through pg-boss's fetch index) and its active rows, as
 * pg-boss's own heartbeat check does: measured at about 0.5 s with 200,000
 * jobs. The periodic check therefore asks `hasStuckRunSuspects` first, and pays
 * this only when some run has not moved for the grace period.
 */
export function isStuckRun(check: StuckRunCheck): Expression<SqlBool> {
  const jobs = sql.table(`${check.bossSchema}.job`);
  return sql<SqlBool>`runs.id in (${suspects(check.before)})
    and not exists (
      select 1 from ${jobs} j
      where j.name = any(${check.runQueues}::text[]) and j.state < 'active' and not j.blocked and j.data ->> 'runId' = runs.id::text
    )
    and not exists (
      select 1 from ${jobs} j
      where j.name = any(${check.runQueues}::text[]) and j.state = 'active' and j.data ->> 'runId' = runs.id::text
    )`;
}

/** Runs that have not moved since `before`, job or no job: running ones, and waiting ones past a deadline. */
function suspects(before: Date) {
  return sql`
    select id from runs where status = 'running' and updated_at < ${before}
    union all
    select r.id from waits w join runs r on r.id = w.run_id and r.wait_id = w.id and r.status = 'waiting'
    where w.status = 'pending' and w.resume_at < ${before}`;
}

/**
 * Whether any run is a suspect at all: one read of two partial indexes, which
 * finds nothing while every run moves. The periodic check asks this first and
 * reads pg-boss's job table only when it finds one.
 */
export async function hasStuckRunSuspects(db: Kysely<DB>, before: Date): Promise<boolean> {
  const result = await sql<{ found: boolean }>`select exists (${suspects(before)}) as found`.execute(db);
  return result.rows[0]?.found === true;
}

/**
 * Lets one process at a time repair stuck runs, until the caller's transaction
 * ends; the others skip the pass instead of waiting. Two processes repairing
 * the same run would each send it a job: harmless (jobs are fenced) but noise.
 */
export async function tryLockStuckRunRepair(db: Kysely<DB>, bossSchema: string): Promise<boolean> {
  const result = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(hashtextextended(${`switchboard-repair-stuck-runs:${bossSchema}`}, 0)) as locked`.execute(db);
  return result.rows[0]?.locked === true;
}
