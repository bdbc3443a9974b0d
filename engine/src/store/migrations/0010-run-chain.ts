import { type Kysely, sql } from 'kysely';

// A run knows its chain: the run that started it (parent_run_id, since 0001), the run
// started from outside at its head, and its depth below that run, so that runs started by
// runs can be bounded (README "What the engine promises", promise 8).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Null for a run started from outside, which is its own root: existing runs read as
    -- roots without rewriting the table, and runs from outside (the inbox's hot path) store
    -- nothing more. Not a foreign key: a chain that came through a webhook may name a run
    -- of another Switchboard, and a root deleted by retention leaves its chain's label.
    alter table runs add column root_run_id uuid;
    -- A constant default: Postgres adds the column without rewriting existing rows (all depth 0).
    -- The rate bound counts a workflow's runs started by runs in the last second through
    -- runs_by_workflow (workflow_id, created_at); an index of its own would cost every chained
    -- run a write to spare the count the workflow's other runs of that second.
    alter table runs add column depth integer not null default 0 check (depth >= 0);
  `.execute(db);
}
