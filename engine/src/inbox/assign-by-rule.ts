import { isUuid } from '@switchboard/engine';
import { type Explanation, type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { explainNobody, explainPick, ineligibility, type PickRule } from './explain-assignment.ts';
import {
  agentFitsTarget,
  type AssignedAgent,
  type AssignmentCriteria,
  claimConversationForAgent,
  findAssignmentCandidates,
  transferConversation,
  unassignConversation,
} from '../store/inbox/assignments.ts';
import { enqueueConversation } from '../store/inbox/assignment-queue.ts';
import { type AssignmentScope, lockAssignmentScope, takeRoundRobinTurn } from '../store/inbox/round-robin-turns.ts';
import { findAgent } from '../store/inbox/agents.ts';
import { teamExists } from '../store/inbox/teams.ts';
import type { AssignedBy, Conversation } from '../store/inbox/conversations.ts';
import { assignedSignalKey } from './conversation-subject.ts';
import { finishAssignment } from './finish-assignment.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { conversationClosed, lockConversationForChange } from './lock-conversation.ts';
import { requestDrain } from './request-drain.ts';

/** Each outcome says why (`explanation`, the codes of inbox.assign_to's texts). */
export type AssignOutcome =
  /** `kept`: the conversation already had an assignee that fits the target, and keeps it. */
  | {
      readonly kind: 'assigned';
      readonly agent: AssignedAgent;
      readonly previousAgentId: string | null;
      readonly kept: boolean;
      readonly explanation: Explanation;
    }
  /** Nobody was eligible: the conversation waits in the assignment queue until the signal says it was assigned. */
  | { readonly kind: 'queued'; readonly signalKey: string; readonly explanation: Explanation }
  | { readonly kind: 'unavailable'; readonly explanation: Explanation };

export interface AssignByRuleInput {
  readonly conversationId: string;
  readonly criteria: AssignmentCriteria;
  /** Queue the conversation when nobody is eligible, until then. Without it, answers 'unavailable'. */
  readonly queueUntil?: Date;
  /**
   * The flow step assigning (a run and its node): recorded on the conversation as what made the
   * assignment, so that the inbox can say why, and on the queue entry for a later one.
   */
  readonly by?: AssignedBy;
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
    if (agent !== undefined) {
      const explanation = { code: 'kept', params: { agent: agent.name }, rows: [{ name: agent.name, outcome: 'chosen' as const, code: 'kept_row' }] };
      return { kind: 'assigned', agent, previousAgentId: agent.id, kept: true, explanation };
    }
  }
  const pick = await claimByCriteria(db, conversation, criteria, now, input.by);
  if (pick.agent !== undefined) {
    const { agent } = pick;
    await finishAssignment(rt, db, { conversation, agent, previousAgentId: conversation.assigneeId, reason: 'rule' });
    return { kind: 'assigned', agent, previousAgentId: conversation.assigneeId, kept: false, explanation: pick.explanation };
  }
  if (input.queueUntil === undefined || input.queueUntil <= now) return { kind: 'unavailable', explanation: pick.explain(false) };
  // Queued conversations are unassigned, so that whoever becomes eligible can claim them.
  if (conversation.assigneeId !== null) await unassignConversation(tables, { conversationId: conversation.id, agentId: conversation.assigneeId, now });
  const signalKey = assignedSignalKey(conversation.id);
  await enqueueConversation(tables, {
    conversationId: conversation.id,
    criteria,
    runId: input.by?.runId ?? null,
    nodeId: input.by?.nodeId ?? null,
    signalKey,
    expiresAt: input.queueUntil,
    now,
  });
  await requestDrain(rt, db);
  return { kind: 'queued', signalKey, explanation: pick.explain(true) };
}

/** What a pick did: the agent it claimed, or nobody; either way why (explain-assignment.ts). */
export type PickOutcome =
  | { readonly agent: AssignedAgent; readonly explanation: Explanation }
  | { readonly agent: undefined; readonly explain: (queued: boolean) => Explanation };

/**
 * Picks and claims an agent for an open conversation under `criteria`, or
 * answers nobody when nobody eligible could be claimed. Candidates are a
 * snapshot; each claim re-checks under the agent's row lock, and a claim lost
 * to a concurrent assignment simply moves on to the next candidate. The
 * explanation comes from the same snapshot and from what each claim did.
 */
export async function claimByCriteria(
  db: NodeDatabase,
  conversation: Conversation,
  criteria: AssignmentCriteria,
  now: Date,
  by: AssignedBy | undefined,
): Promise<PickOutcome> {
  const tables = inboxTables(db);
  const from = conversation.assigneeId;
  const change = {
    conversationId: conversation.id,
    capacityLimit: criteria.capacityLimit,
    onlyOnline: criteria.onlyOnline,
    now,
    ...(criteria.target.kind === 'team' ? { teamId: criteria.target.id } : {}),
    ...(by === undefined ? {} : { by }),
  };
  const claim = (agentId: string) =>
    from === null
      ? claimConversationForAgent(tables, { ...change, agentId })
      : transferConversation(tables, { ...change, fromAgentId: from, toAgentId: agentId });
  const lost = new Set<string>();

  if (criteria.target.kind === 'agent') {
    const { id } = criteria.target;
    const agent = id === from ? undefined : await claim(id);
    if (agent !== undefined) {
      return { agent, explanation: explainPick({ candidates: [], criteria, winner: agent, rule: 'named_agent', lost, currentAssigneeId: from }) };
    }
    // Only when the claim matched nothing: one small read to say why.
    const candidates = await findAssignmentCandidates(tables, criteria, from === null ? [] : [from]);
    if (id !== from) lost.add(id);
    return { agent: undefined, explain: (queued) => explainNobody({ candidates, criteria, lost, queued }) };
  }

  // Round robin takes the scope's next turn, which names a candidate without waiting for the
  // picks in flight; least open waits for them, to see the loads they leave (round-robin-turns.ts).
  const scope: AssignmentScope = criteria.target.kind === 'team' ? `team:${criteria.target.id}` : 'workspace';
  const turn = criteria.strategy === 'round_robin' ? await takeRoundRobinTurn(tables, scope) : undefined;
  if (turn === undefined) await lockAssignmentScope(tables, scope);
  const previous = conversation.lastAssigneeId;
  const candidates = await findAssignmentCandidates(
    tables,
    criteria,
    [from, previous].filter((id): id is string => id !== null),
  );
  const eligible = candidates.filter((candidate) => candidate.id !== from && ineligibility(candidate, criteria) === undefined);
  const won = (agent: AssignedAgent, rule: PickRule): PickOutcome => ({
    agent,
    explanation: explainPick({ candidates, criteria, winner: agent, rule, lost, currentAssigneeId: from }),
  });
  if (criteria.sticky && previous !== null && previous !== from && eligible.some((candidate) => candidate.id === previous)) {
    const agent = await claim(previous);
    if (agent !== undefined) return won(agent, 'sticky');
    lost.add(previous);
  }
  for (const candidate of turn === undefined ? eligible : rotate(eligible, turn)) {
    if (lost.has(candidate.id)) continue;
    const agent = await claim(candidate.id);
    if (agent !== undefined) return won(agent, criteria.strategy);
    lost.add(candidate.id);
  }
  return { agent: undefined, explain: (queued) => explainNobody({ candidates, criteria, lost, queued }) };
}

/**
 * Candidates (ordered by id) starting at the turn's place among them: turns 0, 1, 2, ... go to
 * the first, second, third candidate and round again, one each in turn while the candidates
 * stay the same; the rest follow, in case that one is taken meanwhile.
 */
function rotate<T>(candidates: readonly T[], turn: bigint): readonly T[] {
  if (candidates.length === 0) return candidates;
  const start = Number(turn % BigInt(candidates.length));
  return [...candidates.slice(start), ...candidates.slice(0, start)];
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
