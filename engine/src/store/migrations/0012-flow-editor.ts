import { type Kysely, sql } from 'kysely';

// What the flow editor and its list screen need of workflows (README "Workflows"): who saved
// a draft, whether it differs from what is published, who published each version and why,
// who has a flow open, and a cheap count of each workflow's recent failures.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The person who saved the draft last (with updated_at, when); null for a machine token,
    -- for drafts saved before people existed, and once that person is deleted.
    alter table workflows add column updated_by uuid references users (id) on delete set null;

    -- The draft revision whose content is the active version's definition (name and
    -- description aside): a draft past it has unpublished changes. Set by publishing, and
    -- by a save that puts back what is published (store/workflows.ts).
    alter table workflows add column published_revision integer;
    update workflows w set published_revision = w.revision
    from workflow_versions v
    where v.workflow_id = w.id and v.version = w.active_version
      and (w.draft::jsonb - 'name' - 'description') = (v.definition - 'name' - 'description');

    alter table workflow_versions add column note text check (char_length(note) between 1 and 500);
    alter table workflow_versions add column published_by uuid references users (id) on delete set null;

    -- The list screen counts each workflow's runs of the last 24 hours and the failures among
    -- them. The runs come from runs_by_workflow (workflow_id, created_at) alone, an index-only
    -- scan; their status is not in it, and reading it from the heap for every recent run costs
    -- about ten times as much (test/bench/workflow-list.ts). Failures are few, so a partial
    -- index of them is small and costs a write only to a run that fails.
    create index runs_failed_by_workflow on runs (workflow_id, created_at) where status = 'failed';

    -- Who has a flow open in the editor: one row per person and workflow, upserted by each
    -- heartbeat. Rows of people gone for more than a while are deleted by the retention pass.
    create table workflow_presence (
      workflow_id uuid not null references workflows (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      -- When this stretch of heartbeats began: a gap longer than the presence window starts a new one.
      since timestamptz not null,
      last_seen_at timestamptz not null,
      primary key (workflow_id, user_id)
    );
    create index workflow_presence_by_last_seen on workflow_presence (last_seen_at);
  `.execute(db);
}
