import { isUuid } from '@switchboard/engine';
import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { existingAgentIds } from '../store/inbox/agents.ts';
import { createTeamTurns } from '../store/inbox/round-robin-turns.ts';
import { findTeam, insertTeam, renameTeam, setTeamMembers, type Team } from '../store/inbox/teams.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { requestDrain } from './request-drain.ts';

export interface TeamInput {
  readonly name: string;
  readonly agentIds?: readonly string[];
}

export async function createTeam(rt: InboxRuntime, db: NodeDatabase, input: TeamInput): Promise<Team> {
  const tables = inboxTables(db);
  await checkAgents(tables, input.agentIds ?? []);
  const id = await insertTeam(tables, { name: input.name, now: rt.clock() });
  if (id === 'name_taken') throw nameTaken(input.name);
  await createTeamTurns(tables, id);
  if (input.agentIds !== undefined && input.agentIds.length > 0) await setTeamMembers(tables, id, input.agentIds);
  const team = await findTeam(tables, id);
  if (team === undefined) throw new SwitchboardError('INTERNAL', `Team ${id} vanished after it was created.`);
  return team;
}

/** Renames a team or replaces its members; new members may take the team's queued conversations, so that requests a drain. */
export async function updateTeam(rt: InboxRuntime, db: NodeDatabase, teamId: string, input: Partial<TeamInput>): Promise<Team> {
  const tables = inboxTables(db);
  const before = isUuid(teamId) ? await findTeam(tables, teamId) : undefined;
  if (before === undefined) throw new SwitchboardError('INBOX_TEAM_NOT_FOUND', `Team ${teamId} does not exist.`);
  await checkAgents(tables, input.agentIds ?? []);
  if (input.name !== undefined) {
    const renamed = await renameTeam(tables, teamId, input.name, rt.clock());
    if (renamed === 'name_taken') throw nameTaken(input.name);
  }
  if (input.agentIds !== undefined) {
    await setTeamMembers(tables, teamId, input.agentIds);
    if (input.agentIds.some((agentId) => !before.agentIds.includes(agentId))) await requestDrain(rt, db);
  }
  return (await findTeam(tables, teamId)) ?? before;
}

async function checkAgents(tables: ReturnType<typeof inboxTables>, agentIds: readonly string[]): Promise<void> {
  const known = await existingAgentIds(tables, agentIds.filter(isUuid));
  const missing = agentIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw new SwitchboardError('INBOX_AGENT_NOT_FOUND', `Agent(s) ${missing.join(', ')} do not exist.`);
}

function nameTaken(name: string): SwitchboardError {
  return new SwitchboardError('INBOX_TEAM_NAME_TAKEN', `Another team is already named "${name}"; team names are unique (without case).`);
}
