import { type Kysely, sql } from 'kysely';

// Round robin takes turns from a sequence per assignment scope instead of a cursor row that
// each pick locked until it committed (store/inbox/round-robin-turns.ts says why): one for the
// workspace, one for each team there is; later teams get theirs when they are created. Least
// open queues on an advisory lock now, so the cursor table goes. The rotation starts again
// from the first agent. Forward-only: never edit once shipped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create sequence round_robin_turns_workspace;
    do $$
    declare team record;
    begin
      for team in select id from teams loop
        execute format('create sequence %I', 'round_robin_turns_team_' || replace(team.id::text, '-', ''));
      end loop;
    end $$;
    drop table round_robin_cursors;
  `.execute(db);
}
