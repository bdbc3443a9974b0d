import type { InboxActions } from '@switchboard/engine/inbox';
import { defineNode, Type } from '@switchboard/sdk';
import { runConversationId } from './run-conversation.ts';
import { stringEnum } from './string-enum.ts';

/**
 * Pauses or resumes the bot on the conversation. Flows read
 * `conversation.botActive` to stay quiet while a person handles it (an agent's
 * take over pauses it too).
 *
 * ```json
 * { "action": "pause" }
 * ```
 */
export function createBot(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.bot',
    title: 'Pause or resume bot',
    category: 'Inbox',
    description: 'Pauses or resumes the bot (automation) on the conversation.',
    kind: 'step',
    configSchema: Type.Object(
      {
        action: stringEnum(['pause', 'resume'], {
          default: 'pause',
          title: 'Action',
          description: 'Pause: automation stays quiet. Resume: it answers again.',
          labels: { pause: 'Pause', resume: 'Resume' },
        }),
      },
      { additionalProperties: false },
    ),
    outputSchema: {
      type: 'object',
      properties: { botActive: { type: 'boolean', description: 'Whether the bot is active on the conversation now.' } },
      additionalProperties: false,
      examples: [{ botActive: false }],
    },
    summaryFields: ['action'],
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: {
        title: 'Pausar o reactivar el bot',
        category: 'Bandeja de entrada',
        description: 'Pausa o reactiva el bot (la automatización) en la conversación.',
        config: {
          '/properties/action': {
            title: 'Acción',
            description: 'Pausar: la automatización deja de responder. Reactivar: vuelve a responder.',
            enumNames: { pause: 'Pausar', resume: 'Reactivar' },
          },
        },
        output: { '/properties/botActive': { description: 'Si el bot está activo ahora en la conversación.' } },
        ports: { next: 'Siguiente' },
      },
    },
    run: async (ctx) => {
      const conversation = await inbox.updateConversationSettings(ctx.db, {
        conversationId: runConversationId(ctx),
        botActive: ctx.config.action === 'resume',
      });
      return ctx.next('next', { botActive: conversation.botActive });
    },
  });
}
