import type { NodeDatabase } from '@switchboard/engine/sdk';
import { releaseAgentCapacity } from '../store/inbox/assignments.ts';
import { dequeueConversation } from '../store/inbox/assignment-queue.ts';
import { closeConversation as closeConversationRow, type Conversation, updateConversation } from '../store/inbox/conversations.ts';
import { conversationSubject } from './conversation-subject.ts';
import { emitInboxEvent } from './inbox-events.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { lockConversationForChange } from './lock-conversation.ts';
import { requestDrain } from './request-drain.ts';

export interface CloseConversationInput {
  readonly conversationId: string;
  readonly note?: string | null;
  readonly category?: string | null;
  /** Mark it spam while closing. */
  readonly isSpam?: boolean;
  /** The agent who closed it; null for automation. */
  readonly closedBy?: string | null;
}

/**
 * Closes an open conversation: the assignee stays on it (as the agent who
 * handled it) but gets the capacity back in the same transaction, which is
 * then offered to the assignment queue; a step waiting in that queue for this
 * conversation is woken with no agent. Closing a closed conversation changes
 * nothing and emits nothing.
 */
export async function closeConversation(
  rt: InboxRuntime,
  db: NodeDatabase,
  input: CloseConversationInput,
): Promise<{ readonly conversation: Conversation; readonly closed: boolean }> {
  const tables = inboxTables(db);
  const now = rt.clock();
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  if (conversation.status !== 'open') {
    if (input.isSpam === true && !conversation.isSpam) await updateConversation(tables, conversation.id, { isSpam: true }, now);
    return { conversation, closed: false };
  }
  const note = input.note ?? null;
  const category = input.category ?? null;
  const closed = await closeConversationRow(tables, conversation.id, { note, category, now, ...(input.isSpam === undefined ? {} : { isSpam: input.isSpam }) });
  if (conversation.assigneeId !== null) {
    await releaseAgentCapacity(tables, conversation.assigneeId, conversation.id);
    await requestDrain(rt, db);
  }
  const queued = await dequeueConversation(tables, conversation.id);
  if (queued !== undefined)
    await rt.engine().signalInTransaction(db, queued.signalKey, conversationSubject(conversation.id), { agentId: null, reason: 'conversation_closed' });
  await emitInboxEvent(rt, db, 'inbox.conversation_closed', conversation.id, {
    conversationId: conversation.id,
    contactId: conversation.contactId,
    assigneeId: conversation.assigneeId,
    note,
    category,
    isSpam: input.isSpam ?? conversation.isSpam,
    closedBy: input.closedBy ?? null,
  });
  return { conversation: closed ?? conversation, closed: true };
}
