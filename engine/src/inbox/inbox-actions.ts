import type { NodeDatabase } from '@switchboard/engine/sdk';
import type { Agent } from '../store/inbox/agents.ts';
import type { Conversation } from '../store/inbox/conversations.ts';
import type { Contact } from '../store/inbox/contacts.ts';
import type { Message } from '../store/inbox/messages.ts';
import type { Snippet } from '../store/inbox/snippets.ts';
import type { TagChange } from '../store/inbox/conversation-tags.ts';
import type { AssignByRuleInput, AssignOutcome } from './assign-by-rule.ts';
import type { CloseConversationInput } from './close-conversation.ts';
import type { ConversationSettings } from './conversation-settings.ts';
import type { ReopenOutcome } from './reopen-conversation.ts';
import type { SendMessageInput } from './send-message.ts';
import type { TagsInput } from './update-tags.ts';
import type { UpdateContactInput } from './update-contact.ts';
import type { InboxReferences } from './find-missing-references.ts';

/**
 * What the inbox node pack does to the inbox: the public interface of the
 * inbox's actions. Every action takes the database first (a step's `ctx.db`,
 * or a route's transaction) and does its writes, and emits its events, there:
 * they commit with the step, exactly once (promise 1).
 */
export interface InboxActions {
  /** Reads a conversation; INBOX_CONVERSATION_NOT_FOUND if there is none. */
  getConversation(db: NodeDatabase, conversationId: string): Promise<Conversation>;
  findAgent(db: NodeDatabase, agentId: string): Promise<Agent | undefined>;
  /** A snippet by shortcut (without case) or id. */
  findSnippet(db: NodeDatabase, shortcutOrId: string): Promise<Snippet | undefined>;
  assignByRule(db: NodeDatabase, input: AssignByRuleInput): Promise<AssignOutcome>;
  leaveAssignmentQueue(
    db: NodeDatabase,
    input: { readonly conversationId: string },
  ): Promise<{ readonly kind: 'assigned'; readonly agent: Agent } | { readonly kind: 'left' }>;
  unassign(db: NodeDatabase, input: { readonly conversationId: string }): Promise<{ readonly previousAgentId: string | null }>;
  sendMessage(db: NodeDatabase, input: SendMessageInput): Promise<Message>;
  updateConversationTags(db: NodeDatabase, input: TagsInput & { readonly conversationId: string }): Promise<TagChange>;
  updateContactTags(db: NodeDatabase, input: TagsInput & { readonly contactId: string; readonly conversationId?: string }): Promise<TagChange>;
  updateContact(db: NodeDatabase, input: UpdateContactInput): Promise<Contact>;
  reopenConversation(db: NodeDatabase, input: { readonly conversationId: string }): Promise<ReopenOutcome>;
  closeConversation(db: NodeDatabase, input: CloseConversationInput): Promise<{ readonly conversation: Conversation; readonly closed: boolean }>;
  updateConversationSettings(db: NodeDatabase, input: ConversationSettings): Promise<Conversation>;
  awaitReply(db: NodeDatabase, input: { readonly conversationId: string; readonly until: Date | null }): Promise<void>;
  recordCsat(db: NodeDatabase, input: { readonly conversationId: string; readonly score: number }): Promise<{ readonly agentId: string | null }>;
  /** Which of these teams, agents, contact fields and snippets do not exist; for nodes' publish-time `checkReferences`. */
  findMissingReferences(db: NodeDatabase, references: InboxReferences): Promise<Required<InboxReferences>>;
}
