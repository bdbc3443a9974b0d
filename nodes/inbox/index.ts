/**
 * The inbox node pack: inbox triggers and steps, written with the same public
 * SDK a custom node uses. Steps act through the inbox's actions, so the pack
 * is created for an inbox:
 *
 * ```ts
 * const inbox = createInbox({ channels: [testChannel()], nodes: createInboxPack });
 * const engine = createEngine({ databaseUrl, nodes: corePack, plugins: [inbox.plugin] });
 * ```
 */
import type { InboxActions } from '@switchboard/engine/inbox';
import type { AnyNodeDefinition } from '@switchboard/sdk';
import { createAddComment } from './add-comment.ts';
import { createAskQuestion } from './ask-question.ts';
import { createAssignTo } from './assign-to.ts';
import { createBot } from './bot.ts';
import { createCloseConversation } from './close-conversation.ts';
import { createSetPriority } from './set-priority.ts';
import { contactFieldUpdated } from './contact-field-updated.ts';
import { contactTagUpdated } from './contact-tag-updated.ts';
import { conversationAssigned } from './conversation-assigned.ts';
import { conversationClosed } from './conversation-closed.ts';
import { conversationOpened } from './conversation-opened.ts';
import { messageReceived } from './message-received.ts';
import { createOpenConversation } from './open-conversation.ts';
import { createSendMessage } from './send-message.ts';
import { shortcut } from './shortcut.ts';
import { createUnassign } from './unassign.ts';
import { createUpdateField } from './update-field.ts';
import { createUpdateTags } from './update-tags.ts';

export { contactFieldUpdated, contactTagUpdated, conversationAssigned, conversationClosed, conversationOpened, messageReceived, shortcut };
export {
  createAddComment,
  createAskQuestion,
  createAssignTo,
  createBot,
  createCloseConversation,
  createOpenConversation,
  createSendMessage,
  createSetPriority,
  createUnassign,
  createUpdateField,
  createUpdateTags,
};
export { parseAnswer, answerTypes } from './answer-types.ts';
export type { AnswerType, Choice, ParsedAnswer } from './answer-types.ts';

/** Every inbox node, triggers first, with the steps bound to `inbox`. */
export function createInboxPack(inbox: InboxActions): readonly AnyNodeDefinition[] {
  return [
    conversationOpened,
    messageReceived,
    conversationClosed,
    conversationAssigned,
    contactTagUpdated,
    contactFieldUpdated,
    shortcut,
    createAssignTo(inbox),
    createUnassign(inbox),
    createSendMessage(inbox),
    createAskQuestion(inbox),
    createAddComment(inbox),
    createUpdateTags(inbox),
    createUpdateField(inbox),
    createOpenConversation(inbox),
    createCloseConversation(inbox),
    createBot(inbox),
    createSetPriority(inbox),
  ];
}
