import type { InboxActions } from '@switchboard/engine/inbox';
import { defineNode, Type } from '@switchboard/sdk';
import { runConversationId } from './run-conversation.ts';
import { samples } from './samples.ts';

/**
 * Takes the assignee off the run's conversation; the agent's capacity goes
 * back to the assignment queue. An unassigned conversation stays as it is.
 *
 * ```json
 * {}
 * ```
 */
export function createUnassign(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.unassign',
    title: 'Unassign',
    category: 'Inbox',
    description: "Removes the conversation's assignee, freeing the agent's capacity.",
    kind: 'step',
    configSchema: Type.Object({}, { additionalProperties: false }),
    outputSchema: {
      type: 'object',
      properties: { previousAgentId: { type: ['string', 'null'], description: 'The id of the agent it took off; null when nobody was assigned.' } },
      additionalProperties: false,
      examples: [{ previousAgentId: samples.agentId }],
    },
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: {
        title: 'Quitar la asignación',
        category: 'Bandeja de entrada',
        description: 'Quita el agente asignado a la conversación y libera su capacidad.',
        output: { '/properties/previousAgentId': { description: 'El id del agente al que quitó; null si no había nadie asignado.' } },
        ports: { next: 'Siguiente' },
      },
    },
    run: async (ctx) => {
      const { previousAgentId } = await inbox.unassign(ctx.db, { conversationId: runConversationId(ctx) });
      return ctx.next('next', { previousAgentId });
    },
  });
}
