import { sql, type Selectable } from 'kysely';
import type { AgentsTable, AgentStatus, InboxDatabase } from './database.ts';
import { unlessUniqueViolation } from './unless-unique-violation.ts';

export interface Agent {
  readonly id: string;
  readonly name: string;
  readonly email: string;
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
  readonly status: AgentStatus;
  readonly capacity: number;
  readonly now: Date;
}

/** Inserts an agent, or answers 'email_taken': the unique index on lower(email) decides, race-free. */
export async function insertAgent(db: InboxDatabase, agent: NewAgent): Promise<Agent | 'email_taken'> {
  const row = await db
    .insertInto('agents')
    .values({ name: agent.name, email: agent.email, status: agent.status, capacity: agent.capacity, created_at: agent.now, updated_at: agent.now })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row === undefined) return 'email_taken';
  return (await findAgent(db, row.id)) ?? 'email_taken';
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
