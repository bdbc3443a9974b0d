import type { InboxActions } from '@switchboard/engine/inbox';
import { defineNode, Type } from '@switchboard/sdk';
import { runConversationId } from './run-conversation.ts';
import { samples } from './samples.ts';

/**
 * Reopens the run's conversation if it is closed: it goes back to the agent
 * who handled it when that agent has room, and emits
 * `inbox.conversation_opened` (data.reopened). An open conversation stays as
 * it is; if the contact already has another open conversation, that one is
 * named in the output and nothing changes.
 *
 * ```json
 * {}
 * ```
 */
export function createOpenConversation(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.open_conversation',
    title: 'Open conversation',
    category: 'Inbox',
    description: 'Reopens the conversation if it is closed.',
    kind: 'step',
    configSchema: Type.Object({}, { additionalProperties: false }),
    outputSchema: {
      type: 'object',
      properties: {
        reopened: { type: 'boolean', description: 'True when it reopened the conversation; false when it was open, or the contact has another open one.' },
        assigneeId: { type: ['string', 'null'], description: 'Reopened: the agent it went back to; null when it waits for assignment.' },
        openConversationId: { type: 'string', description: "Not reopened: the contact's other open conversation, which stays as it is." },
      },
      required: ['reopened'],
      additionalProperties: false,
      examples: [{ reopened: true, assigneeId: samples.agentId }],
    },
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: {
        title: 'Reabrir la conversación',
        category: 'Bandeja de entrada',
        description: 'Vuelve a abrir la conversación si está cerrada.',
        output: {
          '/properties/reopened': {
            description: 'True si reabrió la conversación; false si ya estaba abierta o el contacto tiene otra abierta.',
          },
          '/properties/assigneeId': { description: 'Si la reabrió: el agente al que volvió; null si espera a que la asignen.' },
          '/properties/openConversationId': { description: 'Si no la reabrió: la otra conversación abierta del contacto, que sigue como está.' },
        },
        ports: { next: 'Siguiente' },
      },
    },
    run: async (ctx) => {
      const outcome = await inbox.reopenConversation(ctx.db, { conversationId: runConversationId(ctx) });
      switch (outcome.kind) {
        case 'reopened':
          return ctx.next('next', { reopened: true, assigneeId: outcome.assignee?.id ?? null });
        case 'already_open':
          return ctx.next('next', { reopened: false });
        case 'other_open':
          return ctx.next('next', { reopened: false, openConversationId: outcome.open.id });
      }
    },
  });
}
