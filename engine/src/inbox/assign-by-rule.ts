import { isUuid } from '@switchboard/engine';
import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import {
  agentFitsTarget,
  type AssignedAgent,
  type AssignmentCriteria,
  claimConversationForAgent,
  findEligibleAgents,
  transferConversation,
  unassignConversation,
} from '../store/inbox/assignments.ts';
import { enqueueConversation } from '../store/inbox/assignment-queue.ts';
import { advanceRoundRobinCursor, lockRoundRobinCursor } from '../store/inbox/round-robin-cursors.ts';
import { findAgent } from '../store/inbox/agents.ts';
import { teamExists } from '../store/inbox/teams.ts';
import type { Conversation } from '../store/inbox/conversations.ts';
import { assignedSignalKey } from './conversation-subject.ts';
import { finishAssignment } from './finish-assignment.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { conversationClosed, lockConversationForChange } from './lock-conversation.ts';
import { requestDrain } from './request-drain.ts';

export type AssignOutcome =
  /** `kept`: the conversation already had an assignee that fits the target, and keeps it. */
  | { readonly kind: 'assigned'; readonly agent: AssignedAgent; readonly previousAgentId: string | null; readonly kept: boolean }
  /** Nobody was eligible: the conversation waits in the assignment queue until the signal says it was assigned. */
  | { readonly kind: 'queued'; readonly signalKey: string }
  | { readonly kind: 'unavailable' };

export interface AssignByRuleInput {
  readonly conversationId: string;
  readonly criteria: AssignmentCriteria;
  /** Queue the conversation when nobody is eligible, until then. Without it, answers 'unavailable'. */
  readonly queueUntil?: Date;
  /** The run that waits, recorded on the queue entry for operators. */
  readonly runId?: string;
}

/**
 * Assigns a conversation by rule (what `inbox.assign_to` does): keeps a
 * current assignee that fits the target; otherwise picks an eligible agent
 * (sticky first, then the strategy) and claims it, moving the conversation
 * from its current assignee if it has one. When nobody is eligible it either
 * answers 'unavailable' (the current assignee, if any, stays) or queues the
 * conversation, unassigned, so that the first agent to become eligible gets it.
 */
export async function assignByRule(rt: InboxRuntime, db: NodeDatabase, input: AssignByRuleInput): Promise<AssignOutcome> {
  const tables = inboxTables(db);
  const now = rt.clock();
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  if (conversation.status !== 'open') throw conversationClosed(conversation, 'be assigned');
  const { criteria } = input;
  await checkTarget(tables, criteria);
  if (conversation.assigneeId !== null && (await agentFitsTarget(tables, conversation.assigneeId, criteria.target, criteria.onlyOnline))) {
    const agent = await findAgent(tables, conversation.assigneeId);
    if (agent !== undefined) return { kind: 'assigned', agent, previousAgentId: agent.id, kept: true };
  }
  const agent = await claimByCriteria(db, conversation, criteria, now);
  if (agent !== undefined) {
    await finishAssignment(rt, db, { conversation, agent, previousAgentId: conversation.assigneeId, reason: 'rule' });
    return { kind: 'assigned', agent, previousAgentId: conversation.assigneeId, kept: false };
  }
  if (input.queueUntil === undefined || input.queueUntil <= now) return { kind: 'unavailable' };
  // Queued conversations are unassigned, so that whoever becomes eligible can claim them.
  if (conversation.assigneeId !== null) await unassignConversation(tables, { conversationId: conversation.id, agentId: conversation.assigneeId, now });
  const signalKey = assignedSignalKey(conversation.id);
  await enqueueConversation(tables, { conversationId: conversation.id, criteria, runId: input.runId ?? null, signalKey, expiresAt: input.queueUntil, now });
  await requestDrain(rt, db);
  return { kind: 'queued', signalKey };
}

/**
 * Picks and claims an agent for an open conversation under `criteria`, or
 * answers undefined when nobody eligible could be claimed. Candidates are a
 * snapshot; each claim re-checks under the agent's row lock, and a claim lost
 * to a concurrent assignment simply moves on to the next candidate.
 */
export async function claimByCriteria(
  db: NodeDatabase,
  conversation: Conversation,
  criteria: AssignmentCriteria,
  now: Date,
): Promise<AssignedAgent | undefined> {
  const tables = inboxTables(db);
  const from = conversation.assigneeId;
  const change = {
    conversationId: conversation.id,
    capacityLimit: criteria.capacityLimit,
    onlyOnline: criteria.onlyOnline,
    now,
    ...(criteria.target.kind === 'team' ? { teamId: criteria.target.id } : {}),
  };
  const claim = (agentId: string) =>
    from === null
      ? claimConversationForAgent(tables, { ...change, agentId })
      : transferConversation(tables, { ...change, fromAgentId: from, toAgentId: agentId });

  // Picks in one scope (a team, the workspace) queue on its cursor row, locked before
  // anything is read: each pick sees every pick committed before it, so round robin
  // takes turns and least open sees the loads it leaves, however many run at once.
  const scope = criteria.target.kind === 'agent' ? undefined : criteria.target.kind === 'team' ? `team:${criteria.target.id}` : 'workspace';
  const last = scope === undefined ? null : await lockRoundRobinCursor(tables, scope, now);
  const previous = conversation.lastAssigneeId;
  if (criteria.sticky && previous !== null && previous !== from && (await findEligibleAgents(tables, criteria, previous)).length > 0) {
    const agent = await claim(previous);
    if (agent !== undefined) return agent;
  }
  if (scope === undefined) {
    return criteria.target.kind === 'agent' && criteria.target.id !== from ? claim(criteria.target.id) : undefined;
  }
  const candidates = (await findEligibleAgents(tables, criteria)).filter((candidate) => candidate.id !== from);
  for (const candidate of criteria.strategy === 'round_robin' ? rotateAfter(candidates, last) : candidates) {
    const agent = await claim(candidate.id);
    if (agent === undefined) continue;
    await advanceRoundRobinCursor(tables, scope, agent.id, now);
    return agent;
  }
  return undefined;
}

/** Candidates ordered by id, starting with the first one after the agent who got the last conversation. */
function rotateAfter<T extends { readonly id: string }>(candidates: readonly T[], lastAgentId: string | null): readonly T[] {
  if (lastAgentId === null) return candidates;
  const start = candidates.findIndex((candidate) => candidate.id > lastAgentId);
  return start <= 0 ? candidates : [...candidates.slice(start), ...candidates.slice(0, start)];
}

async function checkTarget(tables: ReturnType<typeof inboxTables>, criteria: AssignmentCriteria): Promise<void> {
  const { target } = criteria;
  if (target.kind === 'agent' && !(isUuid(target.id) && (await findAgent(tables, target.id)) !== undefined)) {
    throw new SwitchboardError('INBOX_AGENT_NOT_FOUND', `Agent ${target.id} does not exist; choose an existing agent to assign to.`);
  }
  if (target.kind === 'team' && !(isUuid(target.id) && (await teamExists(tables, target.id)))) {
    throw new SwitchboardError('INBOX_TEAM_NOT_FOUND', `Team ${target.id} does not exist; choose an existing team to assign to.`);
  }
}
