import type { NodeDatabase } from '@switchboard/engine/sdk';
import { unassignConversation } from '../store/inbox/assignments.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { lockConversationForChange } from './lock-conversation.ts';
import { requestDrain } from './request-drain.ts';

/**
 * Takes the assignee off an open conversation, giving the capacity back and
 * offering it to the assignment queue. Unassigning an unassigned (or closed)
 * conversation changes nothing.
 */
export async function unassign(
  rt: InboxRuntime,
  db: NodeDatabase,
  input: { readonly conversationId: string },
): Promise<{ readonly previousAgentId: string | null }> {
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  if (conversation.status !== 'open' || conversation.assigneeId === null) return { previousAgentId: null };
  await unassignConversation(inboxTables(db), { conversationId: conversation.id, agentId: conversation.assigneeId, now: rt.clock() });
  await requestDrain(rt, db);
  return { previousAgentId: conversation.assigneeId };
}
