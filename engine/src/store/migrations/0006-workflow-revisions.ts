import { type Kysely, sql } from 'kysely';

// Drafts carry a revision so that two editors saving one draft cannot silently
// overwrite each other: a write names the revision it read (If-Match) and one
// conditional update decides (store/workflows.ts). Existing drafts start at 1.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table workflows add column revision integer not null default 1 check (revision >= 1)`.execute(db);
}
