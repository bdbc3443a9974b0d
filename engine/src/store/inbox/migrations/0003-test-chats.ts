import { type Kysely, sql } from 'kysely';

// Test chats (docs/ARCHITECTURE.md "Test chat"): the pretend customer of a test is a contact,
// and its conversations are conversations, marked with their test (the engine's `tests`, from
// migration 0016, which runs before every plugin migration) and deleted with it. Agents' lists
// leave them out.
//
// `holds_capacity`: whether the conversation's assignee counts it in agents.open_count. A test
// conversation holds none unless its test assigns for real, so testing a routing flow never
// takes a real agent's room. Forward-only: never edit once shipped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table contacts add column test_id uuid references tests (id) on delete cascade;
    alter table conversations add column test_id uuid references tests (id) on delete cascade;
    alter table conversations add column holds_capacity boolean not null default true;
    create index contacts_by_test on contacts (test_id) where test_id is not null;
    create index conversations_by_test on conversations (test_id) where test_id is not null;

    -- A conversation deleted while open and assigned (a test chat cleaned up, its contact
    -- deleted) gives its unit of capacity back in the same statement, whoever deletes it:
    -- promise 4's counter stays exact without every deleting path having to remember.
    create function release_capacity_of_deleted_conversation() returns trigger language plpgsql as $$
    begin
      if old.status = 'open' and old.assignee_id is not null and old.holds_capacity then
        update agents set open_count = open_count - 1 where id = old.assignee_id and open_count > 0;
      end if;
      return old;
    end
    $$;
    create trigger conversations_release_capacity before delete on conversations
      for each row execute function release_capacity_of_deleted_conversation();
  `.execute(db);
}
