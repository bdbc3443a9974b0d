import { type Kysely, sql } from 'kysely';

// A schedule tick starts at most one run: pg-boss may deliver its job again after the run's
// transaction committed (a batch that failed elsewhere, a worker lost before it completed the job),
// so runs remember the tick that started them and a unique index refuses a second run for it.
//
// The periodic stuck-run check (runtime/repair-stuck-runs.ts) reads running runs by when they last
// moved and pending waits by their deadline every 30 s; these partial indexes keep both reads to the
// few rows in question instead of the whole history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table runs add column scheduled_at timestamptz;
    create unique index runs_one_per_schedule_tick on runs (workflow_id, scheduled_at) where scheduled_at is not null;
    create index runs_running_by_updated_at on runs (updated_at) where status = 'running';
    create index waits_pending_by_resume_at on waits (resume_at) where status = 'pending' and resume_at is not null;
  `.execute(db);
}
