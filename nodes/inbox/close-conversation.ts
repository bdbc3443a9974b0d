import type { InboxActions } from '@switchboard/engine/inbox';
import { defineNode, Type } from '@switchboard/sdk';
import { runConversationId } from './run-conversation.ts';

/**
 * Closes the run's conversation with a note and a category; the assignee's
 * capacity goes back to the assignment queue, and `inbox.conversation_closed`
 * is emitted (a CSAT flow's trigger). A closed conversation stays as it is.
 *
 * ```json
 * { "note": "Closed after 24 h without reply", "category": "no_reply" }
 * ```
 */
export function createCloseConversation(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.close_conversation',
    title: 'Close conversation',
    category: 'Inbox',
    description: 'Closes the conversation, with a closing note and category.',
    kind: 'step',
    configSchema: Type.Object(
      {
        note: Type.Optional(
          Type.String({ maxLength: 4096, 'x-template': 'multiline', title: 'Closing note', description: 'Why it was closed; may use templates.' }),
        ),
        category: Type.Optional(
          Type.String({ maxLength: 100, title: 'Category', description: 'A closing category for reports, e.g. resolved, no_reply, spam.' }),
        ),
      },
      { additionalProperties: false },
    ),
    outputSchema: {
      type: 'object',
      properties: { closed: { type: 'boolean', description: 'True when it closed the conversation; false when it was closed already.' } },
      additionalProperties: false,
      examples: [{ closed: true }],
    },
    summaryFields: ['category', 'note'],
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: {
        title: 'Cerrar la conversación',
        category: 'Bandeja de entrada',
        description: 'Cierra la conversación, con una nota y una categoría de cierre.',
        config: {
          '/properties/note': { title: 'Nota de cierre', description: 'Por qué se cerró; admite plantillas.' },
          '/properties/category': {
            title: 'Categoría',
            description: 'Una categoría de cierre para los reportes, p. ej. resolved, no_reply, spam.',
          },
        },
        output: { '/properties/closed': { description: 'True si cerró la conversación; false si ya estaba cerrada.' } },
        ports: { next: 'Siguiente' },
      },
    },
    run: async (ctx) => {
      const { closed } = await inbox.closeConversation(ctx.db, {
        conversationId: runConversationId(ctx),
        note: ctx.config.note ?? null,
        category: ctx.config.category ?? null,
      });
      return ctx.next('next', { closed });
    },
  });
}
