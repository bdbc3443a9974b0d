import { isUuid } from '@switchboard/engine';
import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { type Conversation, lockConversation } from '../store/inbox/conversations.ts';
import { conversationSubject } from './conversation-subject.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';

/**
 * Every change to a conversation starts here: the engine's subject lock first
 * (promise 3: the change never interleaves with a run's step on the same
 * conversation), then the row. Lock order everywhere in the inbox: subject,
 * conversation row, round-robin cursor, agent rows (in id order), signal keys.
 * Inside a run's step the subject lock is already held, and taking it again is free.
 */
export async function lockConversationForChange(rt: InboxRuntime, db: NodeDatabase, conversationId: string): Promise<Conversation> {
  if (!isUuid(conversationId)) throw conversationNotFound(conversationId);
  await rt.engine().lockSubjectInTransaction(db, conversationSubject(conversationId));
  const conversation = await lockConversation(inboxTables(db), conversationId);
  if (conversation === undefined) throw conversationNotFound(conversationId);
  return conversation;
}

export function conversationNotFound(conversationId: string): SwitchboardError {
  return new SwitchboardError('INBOX_CONVERSATION_NOT_FOUND', `Conversation ${conversationId} does not exist.`);
}

export function conversationClosed(conversation: Conversation, action: string): SwitchboardError {
  return new SwitchboardError('INBOX_CONVERSATION_CLOSED', `Conversation ${conversation.id} is closed, so it cannot ${action}; reopen it first.`);
}
