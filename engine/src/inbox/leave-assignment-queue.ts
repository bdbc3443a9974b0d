import type { NodeDatabase } from '@switchboard/engine/sdk';
import { type Agent, findAgent } from '../store/inbox/agents.ts';
import { dequeueConversation } from '../store/inbox/assignment-queue.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { lockConversationForChange } from './lock-conversation.ts';

/**
 * A queued `inbox.assign_to` step gives up (its timeout came): takes the
 * conversation out of the queue, unless it got an assignee meanwhile. Decided
 * under the conversation's locks, so an assignment racing the timeout is
 * either seen here ('assigned') or happens after the entry is gone (and cannot).
 */
export async function leaveAssignmentQueue(
  rt: InboxRuntime,
  db: NodeDatabase,
  input: { readonly conversationId: string },
): Promise<{ readonly kind: 'assigned'; readonly agent: Agent } | { readonly kind: 'left' }> {
  const tables = inboxTables(db);
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  await dequeueConversation(tables, conversation.id);
  if (conversation.status === 'open' && conversation.assigneeId !== null) {
    const agent = await findAgent(tables, conversation.assigneeId);
    if (agent !== undefined) return { kind: 'assigned', agent };
  }
  return { kind: 'left' };
}
