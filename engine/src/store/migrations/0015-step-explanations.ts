import { type Kysely, sql } from 'kysely';

// Why a step chose what it chose (the SDK's `ctx.explain`; docs/ARCHITECTURE.md "Explanations"):
// codes and params, rendered in the reader's language by the API. Nullable without a default,
// so adding it rewrites no row. Forward-only: never edit once shipped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table steps add column explanation jsonb`.execute(db);
}
