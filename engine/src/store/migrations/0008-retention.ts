import { type Kysely, sql } from 'kysely';

// Retention deletes finished runs (their steps and waits cascade), events and
// signals in small batches, every few minutes. Each batch must find its rows by
// an index, never by scanning what is kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A workflow's own retention (settings.retentionDays of its published version), set at
    -- publish so a retention pass never parses definitions; null means the global default.
    alter table workflows add column retention_days integer check (retention_days > 0);
    -- Finished runs of one workflow, oldest first: a pass walks each workflow's runs up to
    -- that workflow's cutoff. Partial, so runs in flight cost this index nothing.
    create index runs_finished_by_workflow on runs (workflow_id, finished_at) where status in ('completed', 'failed', 'cancelled');
    -- Deleting a run sets its children's parent_run_id to null (on delete set null): without
    -- this index every deleted run would scan the whole runs table for children.
    create index runs_by_parent on runs (parent_run_id) where parent_run_id is not null;
    create index signals_by_created_at on signals (created_at);
  `.execute(db);
}
