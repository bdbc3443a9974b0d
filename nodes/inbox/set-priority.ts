import type { InboxActions } from '@switchboard/engine/inbox';
import { defineNode, Type } from '@switchboard/sdk';
import { runConversationId } from './run-conversation.ts';
import { stringEnum } from './string-enum.ts';

/**
 * Sets the conversation's priority, which agents sort and filter their inbox
 * by (a VIP's conversation goes to the top).
 *
 * ```json
 * { "priority": "high" }
 * ```
 */
export function createSetPriority(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.set_priority',
    title: 'Set priority',
    category: 'Inbox',
    description: "Sets the conversation's priority: low, normal, high or urgent.",
    kind: 'step',
    configSchema: Type.Object(
      {
        priority: stringEnum(['low', 'normal', 'high', 'urgent'], {
          default: 'high',
          title: 'Priority',
          description: 'The priority the conversation gets.',
          labels: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
        }),
      },
      { additionalProperties: false },
    ),
    outputSchema: {
      type: 'object',
      properties: { priority: { type: 'string', enum: ['low', 'normal', 'high', 'urgent'], description: "The conversation's priority now." } },
      additionalProperties: false,
      examples: [{ priority: 'high' }],
    },
    summaryFields: ['priority'],
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: {
        title: 'Cambiar la prioridad',
        category: 'Bandeja de entrada',
        description: 'Cambia la prioridad de la conversación: baja, normal, alta o urgente.',
        config: {
          '/properties/priority': {
            title: 'Prioridad',
            description: 'La prioridad que recibe la conversación.',
            enumNames: { low: 'Baja', normal: 'Normal', high: 'Alta', urgent: 'Urgente' },
          },
        },
        output: { '/properties/priority': { description: 'La prioridad que tiene ahora la conversación.' } },
        ports: { next: 'Siguiente' },
      },
    },
    run: async (ctx) => {
      const conversation = await inbox.updateConversationSettings(ctx.db, { conversationId: runConversationId(ctx), priority: ctx.config.priority });
      return ctx.next('next', { priority: conversation.priority });
    },
  });
}
