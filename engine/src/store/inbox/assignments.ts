/**
 * Assignments: which agent holds a conversation, and the capacity that
 * bounds it (promise 4). Every change of `conversations.assignee_id` on an
 * open conversation and of `agents.open_count` happens here, in pairs, inside
 * the caller's transaction.
 *
 * Callers hold the conversation's subject lock (promise 3), so two changes to
 * one conversation never interleave; the statements below still guard
 * themselves, so the invariants hold even for a caller that forgot.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AgentStatus, AssignmentStrategy, AssignmentTargetKind, InboxDatabase, InboxDB } from './database.ts';
import type { AssignedBy } from './conversations.ts';

export type AssignmentTarget =
  | { readonly kind: 'agent'; readonly id: string }
  | { readonly kind: 'team'; readonly id: string }
  | { readonly kind: 'workspace' };

/** Who may take a conversation: what `inbox.assign_to` asks for, and what a queued conversation keeps. */
export interface AssignmentCriteria {
  readonly target: AssignmentTarget;
  readonly strategy: AssignmentStrategy;
  /** Only agents whose status is online. */
  readonly onlyOnline: boolean;
  /** A step's own limit on open conversations; the agent's capacity still applies (the lower wins). Null: the agent's capacity. */
  readonly capacityLimit: number | null;
  /** Prefer the conversation's previous assignee when eligible. */
  readonly sticky: boolean;
}

/** The agent as an assignment leaves it. */
export interface AssignedAgent {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly status: AgentStatus;
  readonly capacity: number;
  readonly openCount: number;
}

export interface EligibleAgent {
  readonly id: string;
  readonly openCount: number;
}

type AgentsRef = ExpressionBuilder<InboxDB, 'agents'>;

/** `open_count < least(capacity, limit)`: room left for one more, under the step's limit too. */
function hasRoom(eb: AgentsRef, capacityLimit: number | null): Expression<SqlBool> {
  return capacityLimit === null ? eb('open_count', '<', eb.ref('capacity')) : eb('open_count', '<', sql<number>`least(capacity, ${capacityLimit})`);
}

function inTarget(eb: AgentsRef, target: AssignmentTarget): Expression<SqlBool> {
  switch (target.kind) {
    case 'agent':
      return eb('agents.id', '=', target.id);
    case 'team':
      return eb.exists(
        eb
          .selectFrom('agent_teams')
          .select('agent_teams.agent_id')
          .whereRef('agent_teams.agent_id', '=', 'agents.id')
          .where('agent_teams.team_id', '=', target.id),
      );
    case 'workspace':
      return sql<SqlBool>`true`;
  }
}

/**
 * Agents that could take a conversation under `criteria` right now, in the
 * order the strategy prefers: least_open by open conversations, then the one
 * idle longest, then id; round_robin by id (the caller rotates from its cursor).
 * A snapshot: the claim below re-checks under the agent's row lock.
 */
export async function findEligibleAgents(db: InboxDatabase, criteria: AssignmentCriteria, onlyId?: string): Promise<EligibleAgent[]> {
  let query = db
    .selectFrom('agents')
    .select(['agents.id', 'agents.open_count'])
    .where((eb) =>
      eb.and([inTarget(eb, criteria.target), hasRoom(eb, criteria.capacityLimit), ...(criteria.onlyOnline ? [eb('agents.status', '=', 'online')] : [])]),
    );
  if (onlyId !== undefined) query = query.where('agents.id', '=', onlyId);
  query =
    criteria.strategy === 'least_open'
      ? query.orderBy('agents.open_count').orderBy(sql`agents.last_assigned_at asc nulls first`).orderBy('agents.id')
      : query.orderBy('agents.id');
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, openCount: row.open_count }));
}

/** An agent an assignment considered, with the facts that decide whether it could take the conversation. */
export interface AssignmentCandidate {
  readonly id: string;
  readonly name: string;
  readonly status: AgentStatus;
  readonly capacity: number;
  readonly openCount: number;
  /** In the target's team (or the target agent; everyone for the workspace). */
  readonly inTarget: boolean;
}

/**
 * Every agent of the target, and the agents `alsoIds` names (the current and previous
 * assignee) whether in it or not, with what eligibility depends on, in the order the strategy
 * prefers (as findEligibleAgents orders them). One statement in place of findEligibleAgents, so
 * explaining a pick costs no extra query: the caller decides eligibility from these facts, and
 * the claim still re-checks under the agent's row lock.
 */
export async function findAssignmentCandidates(db: InboxDatabase, criteria: AssignmentCriteria, alsoIds: readonly string[]): Promise<AssignmentCandidate[]> {
  const rows = await db
    .selectFrom('agents')
    .select((eb) => [
      'agents.id',
      'agents.name',
      'agents.status',
      'agents.capacity',
      'agents.open_count',
      sql<boolean>`${inTarget(eb, criteria.target)}`.as('in_target'),
    ])
    .where((eb) => eb.or([inTarget(eb, criteria.target), ...(alsoIds.length === 0 ? [] : [eb('agents.id', 'in', alsoIds)])]))
    .$if(criteria.strategy === 'least_open', (query) =>
      query.orderBy('agents.open_count').orderBy(sql`agents.last_assigned_at asc nulls first`).orderBy('agents.id'),
    )
    .$if(criteria.strategy !== 'least_open', (query) => query.orderBy('agents.id'))
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    capacity: row.capacity,
    openCount: row.open_count,
    inTarget: Boolean(row.in_target),
  }));
}

/** Whether an agent belongs to the target (and is online, when asked), room aside: may a current assignee keep a conversation? */
export async function agentFitsTarget(db: InboxDatabase, agentId: string, target: AssignmentTarget, onlyOnline: boolean): Promise<boolean> {
  const row = await db
    .selectFrom('agents')
    .select('agents.id')
    .where('agents.id', '=', agentId)
    .where((eb) => eb.and([inTarget(eb, target), ...(onlyOnline ? [eb('agents.status', '=', 'online')] : [])]))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes one unit of an agent's capacity. Promise 4: two concurrent assigns
 * can't both pass the check. The update locks the agent row, so a second
 * claim waits for the first to commit and then re-evaluates
 * `open_count < capacity` against the count the first left.
 */
export async function claimAgentCapacity(
  db: InboxDatabase,
  agentId: string,
  options: {
    readonly capacityLimit: number | null;
    readonly onlyOnline: boolean;
    readonly now: Date;
    /**
     * The conversation the unit is for: one that holds no capacity (a test chat's, migration
     * 0004) passes the same room check, so a test routes as it would for real, but takes nothing.
     */
    readonly conversationId?: string;
  },
): Promise<AssignedAgent | undefined> {
  const row = await db
    .updateTable('agents')
    .set((eb) => ({ open_count: eb('open_count', '+', capacityUnit(options.conversationId)), last_assigned_at: options.now }))
    .where('id', '=', agentId)
    .where((eb) => hasRoom(eb, options.capacityLimit))
    .$if(options.onlyOnline, (query) => query.where('status', '=', 'online'))
    .returning(['id', 'name', 'email', 'status', 'capacity', 'open_count'])
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { id: row.id, name: row.name, email: row.email, status: row.status, capacity: row.capacity, openCount: row.open_count };
}

/** 1, or 0 for a conversation that holds no capacity (a test chat's that does not assign for real). */
function capacityUnit(conversationId: string | undefined): Expression<number> {
  return conversationId === undefined
    ? sql<number>`1`
    : sql<number>`(select case when holds_capacity then 1 else 0 end from conversations where id = ${conversationId}::uuid)`;
}

/**
 * Gives one unit of capacity back: a conversation the agent held closed, was unassigned or moved.
 * `conversationId`: that conversation, which gives back nothing if it held nothing (a test chat's).
 */
export async function releaseAgentCapacity(db: InboxDatabase, agentId: string, conversationId?: string): Promise<void> {
  // `open_count > 0` only guards the check constraint; the pairs in this module keep the count exact.
  await db
    .updateTable('agents')
    .set((eb) => ({ open_count: eb('open_count', '-', capacityUnit(conversationId)) }))
    .where('id', '=', agentId)
    .where('open_count', '>', 0)
    .execute();
}

export interface AssignmentChange {
  readonly conversationId: string;
  readonly capacityLimit: number | null;
  readonly onlyOnline: boolean;
  /** Routes the conversation to this team too; undefined leaves its team as it is. */
  readonly teamId?: string | null;
  /** The flow step making this assignment; undefined: a person, or an agent taking it. */
  readonly by?: AssignedBy;
  readonly now: Date;
}

/** Who the assignment is recorded as made by: a flow step, or (null) anyone else. */
function assignedByColumns(by: AssignedBy | undefined): { assigned_by_run_id: string | null; assigned_by_node_id: string | null } {
  return { assigned_by_run_id: by?.runId ?? null, assigned_by_node_id: by?.nodeId ?? null };
}

function teamChange(teamId: string | null | undefined): { team_id?: string | null } {
  return teamId === undefined ? {} : { team_id: teamId };
}

/**
 * Assigns an open, unassigned conversation to an agent with room. Two
 * conditional statements, ordered so that nothing leaks: the agent's capacity
 * first (the race above), then the conversation, which only an unassigned open
 * one passes: of two concurrent claims on one conversation the second waits on
 * its row lock, re-reads `assignee_id` and matches nothing, so a conversation
 * never has two assignees. When that second statement matches nothing, the
 * capacity taken a moment ago is given back in the same transaction.
 */
export async function claimConversationForAgent(db: InboxDatabase, input: AssignmentChange & { readonly agentId: string }): Promise<AssignedAgent | undefined> {
  const agent = await claimAgentCapacity(db, input.agentId, input);
  if (agent === undefined) return undefined;
  const conversation = await db
    .updateTable('conversations')
    .set({ assignee_id: input.agentId, last_assignee_id: input.agentId, updated_at: input.now, ...teamChange(input.teamId), ...assignedByColumns(input.by) })
    .where('id', '=', input.conversationId)
    .where('assignee_id', 'is', null)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  if (conversation === undefined) {
    await releaseAgentCapacity(db, input.agentId, input.conversationId);
    return undefined;
  }
  return agent;
}

/**
 * Moves an open conversation from one agent to another with room. Both agent
 * rows are locked first, in id order: two opposite transfers (A to B, B to A)
 * at once would otherwise each hold one row and wait for the other.
 */
export async function transferConversation(
  db: InboxDatabase,
  input: AssignmentChange & { readonly fromAgentId: string; readonly toAgentId: string },
): Promise<AssignedAgent | undefined> {
  await db.selectFrom('agents').select('id').where('id', 'in', [input.fromAgentId, input.toAgentId]).orderBy('id').forUpdate().execute();
  const agent = await claimAgentCapacity(db, input.toAgentId, input);
  if (agent === undefined) return undefined;
  const conversation = await db
    .updateTable('conversations')
    .set({
      assignee_id: input.toAgentId,
      last_assignee_id: input.toAgentId,
      updated_at: input.now,
      ...teamChange(input.teamId),
      ...assignedByColumns(input.by),
    })
    .where('id', '=', input.conversationId)
    .where('assignee_id', '=', input.fromAgentId)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  if (conversation === undefined) {
    await releaseAgentCapacity(db, input.toAgentId, input.conversationId);
    return undefined;
  }
  await releaseAgentCapacity(db, input.fromAgentId, input.conversationId);
  return agent;
}

/**
 * Takes an agent off an open conversation and gives the capacity back, as one
 * pair. Matches only while that agent holds it, so a repeated unassign frees
 * nothing twice.
 */
export async function unassignConversation(
  db: InboxDatabase,
  input: { readonly conversationId: string; readonly agentId: string; readonly now: Date },
): Promise<boolean> {
  const row = await db
    .updateTable('conversations')
    .set({ assignee_id: null, updated_at: input.now, ...assignedByColumns(undefined) })
    .where('id', '=', input.conversationId)
    .where('assignee_id', '=', input.agentId)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  if (row === undefined) return false;
  await releaseAgentCapacity(db, input.agentId, input.conversationId);
  return true;
}

/** For tests and health checks: agents whose counter disagrees with the conversations they hold. */
export async function findOpenCountDrift(db: InboxDatabase): Promise<{ readonly agentId: string; readonly openCount: number; readonly held: number }[]> {
  const rows = await db
    .selectFrom('agents')
    .select([
      'agents.id',
      'agents.open_count',
      sql<string>`(select count(*) from conversations where assignee_id = agents.id and status = 'open' and holds_capacity)`.as('held'),
    ])
    .execute();
  return rows.filter((row) => Number(row.held) !== row.open_count).map((row) => ({ agentId: row.id, openCount: row.open_count, held: Number(row.held) }));
}

export type { AssignmentStrategy, AssignmentTargetKind };
