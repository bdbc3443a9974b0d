import { isUuid } from '@switchboard/engine';
import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import type { Priority } from '../store/inbox/database.ts';
import { type Conversation, findConversation, recordCsat as recordCsatRow, updateConversation } from '../store/inbox/conversations.ts';
import { teamExists } from '../store/inbox/teams.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { lockConversationForChange } from './lock-conversation.ts';

export interface ConversationSettings {
  readonly conversationId: string;
  /** Pause (false) or resume (true) the bot: flows check `conversation.botActive` before answering. */
  readonly botActive?: boolean;
  readonly priority?: Priority;
  /** Route to a team; null takes it out of any team. */
  readonly teamId?: string | null;
  readonly isSpam?: boolean;
}

/** Changes a conversation's bot flag, priority, team or spam mark. */
export async function updateConversationSettings(rt: InboxRuntime, db: NodeDatabase, input: ConversationSettings): Promise<Conversation> {
  const tables = inboxTables(db);
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  if (input.teamId !== undefined && input.teamId !== null && !(isUuid(input.teamId) && (await teamExists(tables, input.teamId)))) {
    throw new SwitchboardError('INBOX_TEAM_NOT_FOUND', `Team ${input.teamId} does not exist.`);
  }
  const { conversationId: _id, ...changes } = input;
  await updateConversation(tables, conversation.id, changes, rt.clock());
  return (await findConversation(tables, conversation.id)) ?? conversation;
}

/**
 * Marks the conversation as waiting for the contact's reply until `until`
 * (`inbox.ask_question`), or clears the mark (null). While it is set on a
 * closed conversation, the contact's next message answers the question there
 * instead of opening a new conversation (see receive-message.ts).
 */
export async function awaitReply(rt: InboxRuntime, db: NodeDatabase, input: { readonly conversationId: string; readonly until: Date | null }): Promise<void> {
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  await updateConversation(inboxTables(db), conversation.id, { awaitingReplyUntil: input.until }, rt.clock());
}

/**
 * Stores a CSAT score (1 to 5) on a conversation, attributed to the agent who
 * handled it: its assignee, kept when it closed, or else the last one it had.
 */
export async function recordCsat(
  rt: InboxRuntime,
  db: NodeDatabase,
  input: { readonly conversationId: string; readonly score: number },
): Promise<{ readonly agentId: string | null }> {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
    throw new SwitchboardError('STEP_INVALID_INPUT', `A CSAT score is a whole number from 1 to 5, got ${input.score}.`);
  }
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  const agentId = conversation.assigneeId ?? conversation.lastAssigneeId;
  await recordCsatRow(inboxTables(db), conversation.id, { score: input.score, agentId, now: rt.clock() });
  return { agentId };
}
