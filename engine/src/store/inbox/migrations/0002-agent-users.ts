import { type Kysely, sql } from 'kysely';

// An agent profile belongs to a person (issue 9): `user_id` links it to the engine's `users`
// (migration 0011-people runs before every plugin migration). A profile belongs to the person
// with the same email, without case; both emails are unique without case, so the link below is
// one to one. Profiles without a person yet keep working and are linked when a person with their
// email first opens the inbox (GET /api/inbox/me). Forward-only: never edit once shipped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table agents add column user_id uuid references users (id) on delete set null;
    alter table agents add constraint agents_user_unique unique (user_id);
    update agents set user_id = users.id from users where lower(users.email) = lower(agents.email);
  `.execute(db);
}
