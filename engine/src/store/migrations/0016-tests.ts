import { type Kysely, sql } from 'kysely';

// Test chats (docs/ARCHITECTURE.md "Test chat"): a person talks to the current draft of a
// workflow as a pretend customer. The draft is pinned as a test version, numbered below zero so
// the published versions keep counting 1, 2, 3 and nothing that reads "the versions" meets one;
// test versions never get a trigger row, so no real event can start them. A test owns the
// subjects of its conversations: an event for one of them starts only the test's version.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Test version numbers are never reused, even after their test is deleted: graphs are cached
    -- per (workflow, version) in every process.
    create sequence test_version_numbers;

    create table tests (
      id uuid primary key default gen_random_uuid(),
      workflow_id uuid not null references workflows (id) on delete cascade,
      -- The pinned test version: a negative number (see above).
      version integer not null check (version < 0),
      -- "Pretend the time is": what the person asked for and when; runs of the test see
      -- clock + (now - clock_set_at). Null: the real time.
      clock timestamptz,
      clock_set_at timestamptz,
      assign_for_real boolean not null default false,
      created_at timestamptz not null,
      foreign key (workflow_id, version) references workflow_versions (workflow_id, version) on delete cascade
    );
    -- The retention pass deletes tests a day old.
    create index tests_by_created_at on tests (created_at);

    create table test_subjects (
      subject text primary key,
      test_id uuid not null references tests (id) on delete cascade
    );

    -- A test run belongs to its test, and is deleted with it. Its clock is offset from the
    -- real one by the test's pretend time (runtime/run-clock.ts).
    alter table runs add column test_id uuid references tests (id) on delete cascade;
    alter table runs add column clock_offset_ms bigint not null default 0;
    create index runs_by_test on runs (test_id) where test_id is not null;
  `.execute(db);
}
