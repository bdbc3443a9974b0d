/**
 * `@switchboard/engine/inbox`: the shared team inbox, the engine's first
 * consumer. It reaches the engine only through public surfaces (events in,
 * signals, consumer queues, a context provider); the inbox node pack
 * (`@switchboard/nodes-inbox`) drives it through `InboxActions`.
 */
export { createInbox } from './create-inbox.ts';
export type { Inbox, InboxOptions } from './create-inbox.ts';
export type { InboxActions } from './inbox-actions.ts';
export type { InboxReferences } from './find-missing-references.ts';
export { testChannel } from './channels/test-channel.ts';
export type { TestChannel } from './channels/test-channel.ts';
export { signBody, webhookChannel } from './channels/webhook-channel.ts';
export { channelsFromEnv } from './channels/channels-from-env.ts';
export type { WebhookChannelOptions } from './channels/webhook-channel.ts';
export type { ChannelAdapter, ChannelDelivery } from './channels/channel-adapter.ts';
export { assignedSignalKey, conversationIdOf, conversationSubject, replySignalKey } from './conversation-subject.ts';
export { inboxEventTypes } from './inbox-events.ts';
export type { AssignmentReason, InboxEventType } from './inbox-events.ts';
export { checkFieldValue, isRealDate } from './contact-field-value.ts';
export { parseMentions } from './parse-mentions.ts';
export type { AssignByRuleInput, AssignOutcome } from './assign-by-rule.ts';
export type { AssignToAgentInput } from './assign-to-agent.ts';
export type { CloseConversationInput } from './close-conversation.ts';
export type { ConversationSettings } from './conversation-settings.ts';
export type { InboundMessage, ReceivedMessage } from './receive-message.ts';
export type { ReopenOutcome } from './reopen-conversation.ts';
export type { OutboundSender, SendMessageInput } from './send-message.ts';
export type { TagsInput } from './update-tags.ts';
export type { UpdateContactInput } from './update-contact.ts';
export type { AgentChangesInput, AgentInput } from './manage-agents.ts';
export type { TeamInput } from './manage-teams.ts';
export type { ShortcutInput } from './run-shortcut.ts';
export type { Team } from '../store/inbox/teams.ts';
export type { Agent } from '../store/inbox/agents.ts';
export type { AssignedAgent, AssignmentCriteria, AssignmentTarget } from '../store/inbox/assignments.ts';
export type { Contact, ContactIdentity } from '../store/inbox/contacts.ts';
export type { ContactComment } from '../store/inbox/contact-comments.ts';
export type { ContactFieldDefinition } from '../store/inbox/contact-fields.ts';
export type { Conversation } from '../store/inbox/conversations.ts';
export type { ConversationContext } from '../store/inbox/conversation-context.ts';
export type { Message } from '../store/inbox/messages.ts';
export type { Snippet } from '../store/inbox/snippets.ts';
export type { TagChange } from '../store/inbox/conversation-tags.ts';
export type { AgentStatus, AssignmentStrategy, Attachment, ContactFieldType, ConversationStatus, Priority, SenderType } from '../store/inbox/database.ts';
