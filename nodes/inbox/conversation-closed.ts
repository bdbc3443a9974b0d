import { inboxTrigger } from './inbox-trigger.ts';

/**
 * Starts when a conversation closes (data.note, data.category, data.assigneeId): the place for a CSAT survey.
 *
 * ```json
 * { "conditions": { "match": "all", "rules": [{ "path": "data.channel", "operator": "equals", "value": "whatsapp" }] } }
 * ```
 */
export const conversationClosed = inboxTrigger({
  eventType: 'inbox.conversation_closed',
  title: 'Conversation closed',
  description: 'Starts when a conversation closes (data.note, data.category, data.assigneeId): the place for a CSAT survey.',
  es: {
    title: 'Conversación cerrada',
    description: 'Inicia el flujo cuando se cierra una conversación (data.note, data.category, data.assigneeId): el lugar para una encuesta de satisfacción.',
  },
});
