import type { NodeDatabase } from '@switchboard/engine/sdk';
import { conversationSubject } from './conversation-subject.ts';
import type { InboxRuntime } from './inbox-runtime.ts';

/** The events the inbox emits into the engine; the inbox trigger nodes listen to them. */
export const inboxEventTypes = [
  'inbox.conversation_opened',
  'inbox.message_received',
  'inbox.conversation_closed',
  'inbox.conversation_assigned',
  'inbox.contact_tag_updated',
  'inbox.contact_field_updated',
  'inbox.shortcut',
] as const;
export type InboxEventType = (typeof inboxEventTypes)[number];

/** Why a conversation got its assignee, as `inbox.conversation_assigned` reports it. */
export type AssignmentReason = 'rule' | 'queue' | 'manual' | 'take_over' | 'reply' | 'inherited' | 'reopened';

/**
 * Emits an inbox event in the caller's transaction, so it commits with the
 * change it reports (exactly once, and ordered per conversation). Runs it
 * starts have the conversation as their subject.
 */
export async function emitInboxEvent(
  rt: InboxRuntime,
  db: NodeDatabase,
  type: InboxEventType,
  conversationId: string | null,
  data: Readonly<Record<string, unknown>>,
): Promise<void> {
  await rt.engine().emitInTransaction(db, { type, subject: conversationId === null ? null : conversationSubject(conversationId), data });
}
