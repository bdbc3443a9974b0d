import { isUuid } from '@switchboard/engine';
import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { type Agent, findAgent, insertAgent, lockAgent, setAgentTeams, updateAgent as updateAgentRow } from '../store/inbox/agents.ts';
import type { AgentStatus } from '../store/inbox/database.ts';
import { existingTeamIds } from '../store/inbox/teams.ts';
import { requireAgent } from './assign-to-agent.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { requestDrain } from './request-drain.ts';

export interface AgentInput {
  readonly name: string;
  readonly email: string;
  /** Defaults to offline. */
  readonly status?: AgentStatus;
  /** Most open conversations the agent holds at once. Defaults to 10. */
  readonly capacity?: number;
  readonly teamIds?: readonly string[];
  /**
   * The person the profile belongs to (`ownerOfEmail`: the one with the same email). When that
   * person already has another profile, this one is made without an owner.
   */
  readonly userId?: string | null;
}

/** An agent's capacity when nobody chose one. */
export const DEFAULT_CAPACITY = 10;

/**
 * Creates an agent profile, belonging to `input.userId` when given (README "Agents are people");
 * a profile without one is linked when a person with its email first opens the inbox
 * (`agentOfPerson`).
 */
export async function createAgent(rt: InboxRuntime, db: NodeDatabase, input: AgentInput): Promise<Agent> {
  const tables = inboxTables(db);
  await checkTeams(tables, input.teamIds ?? []);
  const row = {
    name: input.name,
    email: input.email,
    status: input.status ?? 'offline',
    capacity: input.capacity ?? DEFAULT_CAPACITY,
    now: rt.clock(),
  };
  let agent = await insertAgent(tables, { ...row, userId: input.userId ?? null });
  if (agent === 'user_taken') agent = await insertAgent(tables, { ...row, userId: null });
  if (agent === 'email_taken' || agent === 'user_taken') throw emailTaken(input.email);
  if (input.teamIds !== undefined && input.teamIds.length > 0) await setAgentTeams(tables, agent.id, input.teamIds);
  // A new online agent with room can take queued conversations at once.
  if (agent.status === 'online' && agent.capacity > 0) await requestDrain(rt, db);
  return (await findAgent(tables, agent.id)) ?? agent;
}

/** What `updateAgent` changes: whose profile it is never changes here. */
export type AgentChangesInput = Partial<Omit<AgentInput, 'userId'>>;

/**
 * Changes an agent. Coming online, a bigger capacity or a new team may make
 * the agent eligible for queued conversations, so those changes request a
 * drain. Going away or offline leaves the agent's conversations where they
 * are (as Chatwoot and respond.io do); only new assignments that ask for
 * online agents pass them by. Lowering the capacity below the open count
 * keeps the conversations too: the agent just gets no new ones until under it.
 */
export async function updateAgent(rt: InboxRuntime, db: NodeDatabase, agentId: string, input: AgentChangesInput): Promise<Agent> {
  const tables = inboxTables(db);
  await requireAgent(tables, agentId);
  await checkTeams(tables, input.teamIds ?? []);
  const before = await lockAgent(tables, agentId);
  if (before === undefined) throw new SwitchboardError('INBOX_AGENT_NOT_FOUND', `Agent ${agentId} does not exist.`);
  const { teamIds, ...changes } = input;
  const updated = await updateAgentRow(tables, agentId, changes, rt.clock());
  if (updated === 'email_taken') throw emailTaken(input.email ?? '');
  if (updated === undefined) throw new SwitchboardError('INBOX_AGENT_NOT_FOUND', `Agent ${agentId} does not exist.`);
  if (teamIds !== undefined) await setAgentTeams(tables, agentId, teamIds);
  const cameOnline = before.status !== 'online' && updated.status === 'online';
  const grew = updated.capacity > before.capacity;
  const joined = (teamIds ?? []).some((teamId) => !before.teamIds.includes(teamId));
  if (cameOnline || grew || joined) await requestDrain(rt, db);
  return (await findAgent(tables, agentId)) ?? updated;
}

async function checkTeams(tables: ReturnType<typeof inboxTables>, teamIds: readonly string[]): Promise<void> {
  const known = await existingTeamIds(tables, teamIds.filter(isUuid));
  const missing = teamIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw new SwitchboardError('INBOX_TEAM_NOT_FOUND', `Team(s) ${missing.join(', ')} do not exist.`);
}

function emailTaken(email: string): SwitchboardError {
  return new SwitchboardError('INBOX_EMAIL_TAKEN', `Another agent already has the email "${email}"; emails are unique (without case).`);
}
