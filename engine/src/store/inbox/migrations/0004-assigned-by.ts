import { type Kysely, sql } from 'kysely';

// Which flow step made a conversation's current assignment (docs/ARCHITECTURE.md
// "Explanations"): the run and the node whose explanation says why. Both null when a person assigned
// it, an agent took it by replying, or nobody holds it. No foreign key to runs: retention
// deletes runs long before conversations, and then the reason is simply gone.
//
// The queue keeps the node that queued a conversation, so that the drain's assignment names
// that step too. Forward-only: never edit once shipped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table conversations add column assigned_by_run_id uuid, add column assigned_by_node_id text;
    alter table assignment_queue add column node_id text;
  `.execute(db);
}
