import type { InboxActions } from '@switchboard/engine/inbox';
import { defineNode, Type } from '@switchboard/sdk';
import { samples } from './samples.ts';
import { runConversationId } from './run-conversation.ts';

/**
 * Adds an internal note to the conversation: the team sees it in the thread,
 * the contact never does (it is never delivered).
 *
 * ```json
 * { "text": "VIP customer: plan {{ contact.fields.plan }}." }
 * ```
 */
export function createAddComment(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.add_comment',
    title: 'Add internal note',
    category: 'Inbox',
    description: 'Adds an internal note to the conversation that only the team sees.',
    kind: 'step',
    configSchema: Type.Object(
      { text: Type.String({ minLength: 1, maxLength: 4096, 'x-template': 'multiline', title: 'Note', description: 'The note; may use templates.' }) },
      { additionalProperties: false },
    ),
    outputSchema: {
      type: 'object',
      properties: { messageId: { type: 'string', description: "The note's id in the conversation." } },
      additionalProperties: false,
      examples: [{ messageId: samples.messageId }],
    },
    summaryFields: ['text'],
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: {
        title: 'Añadir nota interna',
        category: 'Bandeja de entrada',
        description: 'Añade a la conversación una nota interna que solo ve el equipo.',
        config: {
          '/properties/text': { title: 'Nota', description: 'La nota; admite plantillas.' },
        },
        output: { '/properties/messageId': { description: 'El id de la nota en la conversación.' } },
        ports: { next: 'Siguiente' },
      },
    },
    run: async (ctx) => {
      const message = await inbox.sendMessage(ctx.db, {
        conversationId: runConversationId(ctx),
        text: ctx.config.text,
        sender: { type: 'automation' },
        isInternalNote: true,
        idempotencyKey: ctx.idempotencyKey,
      });
      return ctx.next('next', { messageId: message.id });
    },
  });
}
