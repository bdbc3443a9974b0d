import type { NodeDatabase } from '@switchboard/engine/sdk';
import { type AssignedAgent, claimConversationForAgent } from '../store/inbox/assignments.ts';
import { type Conversation, findConversation, findOpenConversation, reopenConversation as reopenConversationRow } from '../store/inbox/conversations.ts';
import { emitInboxEvent } from './inbox-events.ts';
import { finishAssignment } from './finish-assignment.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { lockConversationForChange } from './lock-conversation.ts';

export type ReopenOutcome =
  | { readonly kind: 'reopened'; readonly conversation: Conversation; readonly assignee: AssignedAgent | null }
  | { readonly kind: 'already_open'; readonly conversation: Conversation }
  /** The contact has another open conversation; a contact has one at a time. */
  | { readonly kind: 'other_open'; readonly conversation: Conversation; readonly open: Conversation };

/**
 * Reopens a closed conversation (the API's reopen, `inbox.open_conversation`).
 * It goes back to the agent who handled it when that agent has room (promise
 * 4; status doesn't matter, as with a contact writing again), and stays
 * unassigned otherwise, for a flow to route.
 */
export async function reopenConversation(rt: InboxRuntime, db: NodeDatabase, input: { readonly conversationId: string }): Promise<ReopenOutcome> {
  const tables = inboxTables(db);
  const now = rt.clock();
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  if (conversation.status === 'open') return { kind: 'already_open', conversation };
  const result = await reopenConversationRow(tables, conversation.id, now);
  if (result !== 'reopened') {
    const open = await findOpenConversation(tables, conversation.contactId);
    return open === undefined ? { kind: 'already_open', conversation } : { kind: 'other_open', conversation, open };
  }
  const previous = conversation.assigneeId ?? conversation.lastAssigneeId;
  const assignee =
    previous === null
      ? undefined
      : await claimConversationForAgent(tables, { conversationId: conversation.id, agentId: previous, capacityLimit: null, onlyOnline: false, now });
  const reopened = (await findConversation(tables, conversation.id)) ?? conversation;
  await emitInboxEvent(rt, db, 'inbox.conversation_opened', conversation.id, {
    conversationId: conversation.id,
    contactId: conversation.contactId,
    channel: conversation.channel,
    assigneeId: assignee?.id ?? null,
    reopened: true,
  });
  if (assignee !== undefined) await finishAssignment(rt, db, { conversation: reopened, agent: assignee, previousAgentId: null, reason: 'reopened' });
  return { kind: 'reopened', conversation: reopened, assignee: assignee ?? null };
}
