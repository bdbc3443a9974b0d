import { sql } from 'kysely';
import type { InboxDatabase } from './database.ts';
import { unlessUniqueViolation } from './unless-unique-violation.ts';

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly agentIds: readonly string[];
  /** Open conversations routed to this team. */
  readonly openConversations: number;
  /** Open conversations its members hold, and the most they may hold: the team's load. */
  readonly memberOpenCount: number;
  readonly memberCapacity: number;
  readonly onlineAgents: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

function selectTeams(db: InboxDatabase) {
  return db
    .selectFrom('teams')
    .selectAll('teams')
    .select([
      sql<string[] | null>`array(select agent_id from agent_teams where agent_teams.team_id = teams.id order by agent_id)`.as('agent_ids'),
      sql<string>`(select count(*) from conversations where conversations.team_id = teams.id and conversations.status = 'open')`.as('open_conversations'),
      sql<string>`(select coalesce(sum(agents.open_count), 0) from agents join agent_teams on agent_teams.agent_id = agents.id where agent_teams.team_id = teams.id)`.as(
        'member_open_count',
      ),
      sql<string>`(select coalesce(sum(agents.capacity), 0) from agents join agent_teams on agent_teams.agent_id = agents.id where agent_teams.team_id = teams.id)`.as(
        'member_capacity',
      ),
      sql<string>`(select count(*) from agents join agent_teams on agent_teams.agent_id = agents.id where agent_teams.team_id = teams.id and agents.status = 'online')`.as(
        'online_agents',
      ),
    ]);
}

type TeamRow = Awaited<ReturnType<ReturnType<typeof selectTeams>['executeTakeFirstOrThrow']>>;

function toTeam(row: TeamRow): Team {
  return {
    id: row.id,
    name: row.name,
    agentIds: row.agent_ids ?? [],
    openConversations: Number(row.open_conversations),
    memberOpenCount: Number(row.member_open_count),
    memberCapacity: Number(row.member_capacity),
    onlineAgents: Number(row.online_agents),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Inserts a team, or answers 'name_taken': the unique index on lower(name) decides, race-free. */
export async function insertTeam(db: InboxDatabase, team: { readonly name: string; readonly now: Date }): Promise<string | 'name_taken'> {
  const row = await db
    .insertInto('teams')
    .values({ name: team.name, created_at: team.now, updated_at: team.now })
    .onConflict((oc) => oc.expression(sql`lower(name)`).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row === undefined ? 'name_taken' : row.id;
}

export async function renameTeam(db: InboxDatabase, id: string, name: string, now: Date): Promise<'renamed' | 'name_taken' | 'not_found'> {
  const row = await unlessUniqueViolation(
    db,
    () => db.updateTable('teams').set({ name, updated_at: now }).where('id', '=', id).returning('id').executeTakeFirst(),
    'name_taken' as const,
  );
  return row === 'name_taken' ? row : row === undefined ? 'not_found' : 'renamed';
}

export async function findTeam(db: InboxDatabase, id: string): Promise<Team | undefined> {
  const row = await selectTeams(db).where('teams.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toTeam(row);
}

export async function listTeams(db: InboxDatabase): Promise<Team[]> {
  return (await selectTeams(db).orderBy('teams.name').execute()).map(toTeam);
}

export async function teamExists(db: InboxDatabase, id: string): Promise<boolean> {
  return (await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Which of these ids are teams; the caller reports the rest as not found. */
export async function existingTeamIds(db: InboxDatabase, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('teams').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

/** Replaces a team's members; the ids go as one array parameter, however many. */
export async function setTeamMembers(db: InboxDatabase, teamId: string, agentIds: readonly string[]): Promise<void> {
  await db.deleteFrom('agent_teams').where('team_id', '=', teamId).execute();
  if (agentIds.length > 0)
    await db
      .insertInto('agent_teams')
      .columns(['team_id', 'agent_id'])
      .expression(sql`select ${teamId}::uuid, agent_id from unnest(${agentIds}::uuid[]) as agent_id`)
      .execute();
}
