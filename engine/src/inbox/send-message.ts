import type { NodeDatabase } from '@switchboard/engine/sdk';
import type { Attachment } from '../store/inbox/database.ts';
import { claimConversationForAgent } from '../store/inbox/assignments.ts';
import { insertMessage, type Message } from '../store/inbox/messages.ts';
import { capacityFull, requireAgent } from './assign-to-agent.ts';
import { finishAssignment } from './finish-assignment.ts';
import { inboxTables } from './inbox-tables.ts';
import { OUTBOX_QUEUE, type InboxRuntime } from './inbox-runtime.ts';
import { conversationClosed, lockConversationForChange } from './lock-conversation.ts';
import { checkTextLength } from './message-text.ts';

export type OutboundSender =
  | { readonly type: 'agent'; readonly agentId: string }
  /** Flows: never counts as a human reply (first-response time, auto-close timers). */
  | { readonly type: 'automation' }
  /** An external bot speaking through the API; like automation, never a human reply. */
  | { readonly type: 'bot' };

export interface SendMessageInput {
  readonly conversationId: string;
  readonly text: string;
  readonly sender: OutboundSender;
  readonly attachments?: readonly Attachment[];
  /** A note for the team only: stored, never delivered. */
  readonly isInternalNote?: boolean;
  /** A repeated key stores and delivers nothing new (a step's `ctx.idempotencyKey`, a client's retry). */
  readonly idempotencyKey?: string;
}

/**
 * Stores an outbound message and, unless it is an internal note, queues its
 * delivery on the outbox in the same transaction: the row and the job commit
 * together, so a message is never lost or delivered without being recorded.
 *
 * An agent's reply is a human reply: it sets first-response time, needs an
 * open conversation, and assigns an unassigned conversation to that agent
 * (refused with INBOX_CAPACITY_FULL when the agent has no room). Automation
 * and bots may write to a closed conversation (a survey after closing).
 */
export async function sendMessage(rt: InboxRuntime, db: NodeDatabase, input: SendMessageInput): Promise<Message> {
  checkTextLength(input.text, 'Message');
  const tables = inboxTables(db);
  const now = rt.clock();
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  const isNote = input.isInternalNote ?? false;
  const { sender } = input;
  if (sender.type === 'agent') {
    const agent = await requireAgent(tables, sender.agentId);
    if (!isNote && conversation.status !== 'open') throw conversationClosed(conversation, 'take a reply');
    if (!isNote && conversation.assigneeId === null) {
      const assigned = await claimConversationForAgent(tables, {
        conversationId: conversation.id,
        agentId: agent.id,
        capacityLimit: null,
        onlyOnline: false,
        now,
      });
      if (assigned === undefined) throw capacityFull(agent);
      await finishAssignment(rt, db, { conversation, agent: assigned, previousAgentId: null, reason: 'reply' });
    }
  }
  // A message that leaves moves the conversation's last message time; an agent's first reply is its first response.
  const touch = isNote ? undefined : { firstResponse: sender.type === 'agent' };
  const { message, duplicate } = await insertMessage(
    tables,
    {
      conversationId: conversation.id,
      direction: 'out',
      senderType: sender.type,
      senderAgentId: sender.type === 'agent' ? sender.agentId : null,
      text: input.text,
      attachments: input.attachments ?? [],
      isInternalNote: isNote,
      deliveryStatus: isNote ? 'not_applicable' : 'pending',
      idempotencyKey: input.idempotencyKey ?? null,
      now,
    },
    touch,
  );
  if (duplicate) return message;
  // Keyed by conversation: one flush at a time delivers its messages in the order they were written.
  if (!isNote) await rt.engine().enqueue(db, OUTBOX_QUEUE, { conversationId: conversation.id, messageId: message.id }, { singletonKey: conversation.id });
  return message;
}
