import { isUuid } from '@switchboard/engine';
import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { type AssignedAgent, claimConversationForAgent, transferConversation } from '../store/inbox/assignments.ts';
import { type Agent, findAgent } from '../store/inbox/agents.ts';
import { updateConversation } from '../store/inbox/conversations.ts';
import { finishAssignment } from './finish-assignment.ts';
import type { AssignmentReason } from './inbox-events.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { conversationClosed, lockConversationForChange } from './lock-conversation.ts';

export interface AssignToAgentInput {
  readonly conversationId: string;
  readonly agentId: string;
  /** Also route the conversation to this team (null clears it; undefined leaves it). */
  readonly teamId?: string | null;
  readonly reason: Extract<AssignmentReason, 'manual' | 'take_over'>;
}

/**
 * A person assigns (or transfers) a conversation to an agent: the API's
 * assign and take over. The agent's status doesn't matter (a supervisor may
 * hand work to someone about to come online), but capacity does (promise 4):
 * a full agent is refused with INBOX_CAPACITY_FULL rather than overloaded.
 * Taking over also pauses the bot, so automation stops answering.
 */
export async function assignToAgent(rt: InboxRuntime, db: NodeDatabase, input: AssignToAgentInput): Promise<AssignedAgent> {
  const tables = inboxTables(db);
  const now = rt.clock();
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  if (conversation.status !== 'open') throw conversationClosed(conversation, 'be assigned');
  const target = await requireAgent(tables, input.agentId);
  if (input.reason === 'take_over' && conversation.botActive) await updateConversation(tables, conversation.id, { botActive: false }, now);
  if (conversation.assigneeId === target.id) {
    if (input.teamId !== undefined) await updateConversation(tables, conversation.id, { teamId: input.teamId }, now);
    return target;
  }
  const change = {
    conversationId: conversation.id,
    capacityLimit: null,
    onlyOnline: false,
    now,
    ...(input.teamId === undefined ? {} : { teamId: input.teamId }),
  };
  const agent =
    conversation.assigneeId === null
      ? await claimConversationForAgent(tables, { ...change, agentId: target.id })
      : await transferConversation(tables, { ...change, fromAgentId: conversation.assigneeId, toAgentId: target.id });
  if (agent === undefined) throw capacityFull(target);
  await finishAssignment(rt, db, { conversation, agent, previousAgentId: conversation.assigneeId, reason: input.reason });
  return agent;
}

export async function requireAgent(tables: ReturnType<typeof inboxTables>, agentId: string): Promise<Agent> {
  const agent = isUuid(agentId) ? await findAgent(tables, agentId) : undefined;
  if (agent === undefined) throw new SwitchboardError('INBOX_AGENT_NOT_FOUND', `Agent ${agentId} does not exist.`);
  return agent;
}

export function capacityFull(agent: Agent): SwitchboardError {
  return new SwitchboardError(
    'INBOX_CAPACITY_FULL',
    `Agent "${agent.name}" (${agent.id}) already holds ${agent.openCount} open conversation(s), their capacity of ${agent.capacity}. Close or transfer one of them, or raise the capacity.`,
  );
}
