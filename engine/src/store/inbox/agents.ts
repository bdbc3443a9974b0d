import { sql, type Selectable } from 'kysely';
import type { AgentsTable, AgentStatus, InboxDatabase } from './database.ts';
import { unlessUniqueViolation } from './unless-unique-violation.ts';

export interface Agent {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** The person the profile belongs to, who signs in as this agent; null until one with its email exists. */
  readonly userId: string | null;
  readonly status: AgentStatus;
  readonly capacity: number;
  /** Open conversations assigned to the agent now (promise 4 keeps it at most `capacity` when assigning). */
  readonly openCount: number;
  readonly teamIds: readonly string[];
  readonly lastAssignedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

type AgentRow = Selectable<AgentsTable> & { team_ids: string[] | null };

function toAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    userId: row.user_id,
    status: row.status,
    capacity: row.capacity,
    openCount: row.open_count,
    teamIds: row.team_ids ?? [],
    lastAssignedAt: row.last_assigned_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectAgents(db: InboxDatabase) {
  return db
    .selectFrom('agents')
    .selectAll('agents')
    .select(sql<string[] | null>`array(select team_id from agent_teams where agent_teams.agent_id = agents.id order by team_id)`.as('team_ids'));
}

export interface NewAgent {
  readonly name: string;
  readonly email: string;
  /** The person the profile belongs to; none when left out. */
  readonly userId?: string | null;
  readonly status: AgentStatus;
  readonly capacity: number;
  readonly now: Date;
}

/**
 * Inserts an agent, or answers which unique index refused it, race-free: 'email_taken' (another
 * agent has lower(email)), or 'user_taken' (another profile already belongs to `userId`). A
 * conflicting insert still in flight is waited for, so two first requests of one person end with
 * one row.
 */
export async function insertAgent(db: InboxDatabase, agent: NewAgent): Promise<Agent | 'email_taken' | 'user_taken'> {
  const userId = agent.userId ?? null;
  const row = await db
    .insertInto('agents')
    .values({
      name: agent.name,
      email: agent.email,
      user_id: userId,
      status: agent.status,
      capacity: agent.capacity,
      created_at: agent.now,
      updated_at: agent.now,
    })
    // No conflict target: either unique index (lower(email), user_id) makes it do nothing.
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row !== undefined) return (await findAgent(db, row.id)) ?? 'email_taken';
  if (userId !== null && (await findAgentOfUser(db, userId)) !== undefined) return 'user_taken';
  return 'email_taken';
}

/** The agent profile of a person, if one is linked to them. */
export async function findAgentOfUser(db: InboxDatabase, userId: string): Promise<Agent | undefined> {
  const row = await selectAgents(db).where('agents.user_id', '=', userId).executeTakeFirst();
  return row === undefined ? undefined : toAgent(row);
}

/**
 * Links the profile with this email (without case) to a person, if it belongs to no one yet and
 * the person has no profile: the link rule of issue 9, one conditional statement. Two concurrent
 * calls for one person update the same row (emails are unique), so the second finds it linked and
 * changes nothing; the unique user_id refuses a second profile for one person whatever the race.
 */
export async function linkAgentToUser(db: InboxDatabase, user: { readonly id: string; readonly email: string }, now: Date): Promise<Agent | undefined> {
  const linked = await unlessUniqueViolation(
    db,
    () =>
      db
        .updateTable('agents')
        .set({ user_id: user.id, updated_at: now })
        .where(sql<boolean>`lower(email) = lower(${user.email})`)
        .where('user_id', 'is', null)
        .returning('id')
        .executeTakeFirst(),
    undefined,
  );
  return linked === undefined ? undefined : findAgent(db, linked.id);
}

export async function findAgent(db: InboxDatabase, id: string): Promise<Agent | undefined> {
  const row = await selectAgents(db).where('agents.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toAgent(row);
}

export async function findAgentsByIds(db: InboxDatabase, ids: readonly string[]): Promise<Agent[]> {
  if (ids.length === 0) return [];
  const rows = await selectAgents(db).where('agents.id', 'in', ids).execute();
  return rows.map(toAgent);
}

/** Which of these ids are agents; the caller reports the rest as not found. */
export async function existingAgentIds(db: InboxDatabase, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('agents').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

/** Agents an @mention can name: a small table, read whole so names with spaces match too. */
export async function listAgentHandles(db: InboxDatabase): Promise<{ readonly id: string; readonly name: string; readonly email: string }[]> {
  return db.selectFrom('agents').select(['id', 'name', 'email']).execute();
}

export async function listAgents(db: InboxDatabase, filter: { readonly teamId?: string; readonly status?: AgentStatus } = {}): Promise<Agent[]> {
  let query = selectAgents(db).orderBy('agents.name').orderBy('agents.id');
  if (filter.status !== undefined) query = query.where('agents.status', '=', filter.status);
  if (filter.teamId !== undefined) {
    const { teamId } = filter;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('agent_teams').select('agent_id').whereRef('agent_teams.agent_id', '=', 'agents.id').where('agent_teams.team_id', '=', teamId)),
    );
  }
  return (await query.execute()).map(toAgent);
}

/**
 * Locks an agent row for a change of status or capacity and returns it as it
 * was, so the caller can tell whether the change frees room (and drain the
 * assignment queue).
 */
export async function lockAgent(db: InboxDatabase, id: string): Promise<Agent | undefined> {
  await db.selectFrom('agents').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return findAgent(db, id);
}

export interface AgentChanges {
  readonly name?: string;
  readonly email?: string;
  readonly status?: AgentStatus;
  readonly capacity?: number;
}

export async function updateAgent(db: InboxDatabase, id: string, changes: AgentChanges, now: Date): Promise<Agent | 'email_taken' | undefined> {
  const updated = await unlessUniqueViolation(
    db,
    () =>
      db
        .updateTable('agents')
        .set({ ...changes, updated_at: now })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst(),
    'email_taken' as const,
  );
  if (updated === 'email_taken') return updated;
  return updated === undefined ? undefined : findAgent(db, id);
}

/** Replaces an agent's team memberships; the ids go as one array parameter, however many. */
export async function setAgentTeams(db: InboxDatabase, agentId: string, teamIds: readonly string[]): Promise<void> {
  await db.deleteFrom('agent_teams').where('agent_id', '=', agentId).execute();
  if (teamIds.length > 0)
    await db
      .insertInto('agent_teams')
      .columns(['team_id', 'agent_id'])
      .expression(sql`select team_id, ${agentId}::uuid from unnest(${teamIds}::uuid[]) as team_id`)
      .execute();
}
