import type { Explanation, NodeDatabase } from '@switchboard/engine/sdk';
import type { AssignedAgent } from '../store/inbox/assignments.ts';
import { dequeueConversation } from '../store/inbox/assignment-queue.ts';
import type { Conversation } from '../store/inbox/conversations.ts';
import { conversationSubject } from './conversation-subject.ts';
import { type AssignmentReason, emitInboxEvent } from './inbox-events.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { requestDrain } from './request-drain.ts';

/**
 * What follows every new assignment, in the same transaction: a step waiting
 * in the assignment queue for this conversation is woken (however the
 * assignment came about: the queue's drain, an agent's reply, a manual
 * assign), `inbox.conversation_assigned` is emitted, and capacity the previous
 * assignee freed is offered to the queue.
 */
export async function finishAssignment(
  rt: InboxRuntime,
  db: NodeDatabase,
  input: {
    readonly conversation: Conversation;
    readonly agent: AssignedAgent;
    readonly previousAgentId: string | null;
    readonly reason: AssignmentReason;
    /** The queue's drain: why its pick chose this agent, handed to the step it wakes to record. */
    readonly explanation?: Explanation;
  },
): Promise<void> {
  const { conversation, agent } = input;
  const queued = await dequeueConversation(inboxTables(db), conversation.id);
  if (queued !== undefined) {
    await rt.engine().signalInTransaction(db, queued.signalKey, conversationSubject(conversation.id), {
      agentId: agent.id,
      reason: input.reason,
      ...(input.explanation === undefined ? {} : { explanation: input.explanation }),
    });
  }
  await emitInboxEvent(rt, db, 'inbox.conversation_assigned', conversation.id, {
    conversationId: conversation.id,
    contactId: conversation.contactId,
    agentId: agent.id,
    agentName: agent.name,
    previousAgentId: input.previousAgentId,
    reason: input.reason,
  });
  if (input.previousAgentId !== null && input.previousAgentId !== agent.id) await requestDrain(rt, db);
}
