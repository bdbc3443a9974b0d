import { type Kysely, sql } from 'kysely';

// The runs screen lists every workflow's runs newest first, in pages keyed on (created_at, id),
// and narrows them to a time range (GET /api/runs?since&until). Without a filter on a workflow,
// status or subject no index had created_at first: each page sorted the whole table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index runs_by_created_at on runs (created_at desc, id desc)`.execute(db);
}
