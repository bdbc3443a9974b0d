import { type Kysely, sql } from 'kysely';

// Promise 3 orders runs of one subject by when they were started. created_at
// is the transaction's clock, equal for runs one transaction starts (an inbound
// message opens a conversation and receives a message at once), so runs get a
// number that follows the order of their inserts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table runs add column number bigint generated always as identity;
    create index runs_not_started_by_subject on runs (subject, number) where status = 'running' and attempt = 0 and step_count = 1;
    -- Every event for a subject asks whether it has runs in flight (to keep an early
    -- signal), and the API lists runs by subject: neither may scan the whole table.
    create index runs_by_subject on runs (subject, created_at desc);
  `.execute(db);
}
