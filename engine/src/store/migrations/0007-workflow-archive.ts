import { type Kysely, sql } from 'kysely';

// Archiving hides a workflow without deleting the runs that explain what it did
// (promise 7). `draft` becomes `json`: jsonb reorders object keys (shorter keys
// first), so a draft came back in an order its author never wrote; `json` keeps
// the text as it was sent. Nothing queries inside drafts, so jsonb's operators are
// not missed. Versions stay jsonb: they are compiled, never edited by hand.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table workflows add column archived_at timestamptz;
    alter table workflows alter column draft type json using draft::json;
  `.execute(db);
}
